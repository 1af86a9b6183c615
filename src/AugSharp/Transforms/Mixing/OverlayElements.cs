namespace AugSharp;

/// <summary>
/// One element for <see cref="OverlayElements"/> (an item of Albumentations' overlay metadata): a
/// picture to lay on the image, with an optional mask of its shape, an optional place and an
/// optional mask value.
/// </summary>
public sealed record OverlayElement
{
    /// <summary>An element showing <paramref name="image"/>.</summary>
    public OverlayElement(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Image = image;
    }

    /// <summary>The picture (any pixel type and channel count: it is brought to the image's).</summary>
    public ImageBuffer Image { get; }

    /// <summary>Where the picture's non-zero pixels are laid (any type, first channel); null to lay the whole rectangle.</summary>
    public ImageBuffer? Mask { get; init; }

    /// <summary>
    /// The place, in normalised pascal_voc (x_min, y_min, x_max, y_max as fractions of the image's
    /// width and height, Albumentations' format): the picture is resized to it. Null for a random
    /// place at the picture's own size (resized to the image when larger).
    /// </summary>
    public BoundingBox? Box { get; init; }

    /// <summary>The value the image's masks take under the laid pixels; null to leave masks alone.</summary>
    public int? MaskId { get; init; }
}

/// <summary>
/// OverlayElements (Albumentations 2.0.8's OverlayElements, default p = 0.5): lays pictures such as
/// stickers, logos or text boxes on the image. The elements are the list of
/// <see cref="OverlayElement"/> in the input's <see cref="AnnotatedImage.Metadata"/> under
/// <see cref="MetadataKey"/>, laid in order: an element with a <see cref="OverlayElement.Box"/> is
/// resized (area interpolation; its mask nearest) to that place, one without is put at a uniformly
/// drawn place at its own size (resized to the image when larger). Pixels are copied where the
/// element's mask is non-zero (everywhere without a mask); with a
/// <see cref="OverlayElement.MaskId"/> the image's masks take that value there. Boxes and keypoints
/// are kept, as in Albumentations. Without elements the transform changes nothing.
/// </summary>
[TransformCategory("mixing")]
public sealed class OverlayElements : Transform<OverlayElementsOperation>
{
    /// <summary>The key of the input's metadata that holds the elements. Default "overlay_metadata".</summary>
    public string MetadataKey { get; init; } = "overlay_metadata";

    /// <inheritdoc />
    protected override OverlayElementsOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var elements = OverlayElementsOperation.ElementsOf(context.Metadata, MetadataKey);
        var placements = new List<OverlayPlacement>(elements.Count);
        int w = context.Width, h = context.Height;
        for (int i = 0; i < elements.Count; i++)
        {
            var e = elements[i];
            if (e.Box is { } box)
            {
                if (!(box.X1 >= 0 && box.Y1 >= 0 && box.X2 <= 1 && box.Y2 <= 1 && box.X2 > box.X1 && box.Y2 > box.Y1))
                    throw new ArgumentException($"{Name}: element {i}'s box {box} is not a normalised box within [0, 1].");
                int x1 = (int)(box.X1 * w), y1 = (int)(box.Y1 * h), x2 = (int)(box.X2 * w), y2 = (int)(box.Y2 * h);
                placements.Add(new OverlayPlacement(i, x1, y1, Math.Max(1, x2 - x1), Math.Max(1, y2 - y1)));
                continue;
            }
            int ow = e.Image.Width, oh = e.Image.Height;
            if (ow > w || oh > h)
            {
                ow = w;
                oh = h;
            }
            placements.Add(new OverlayPlacement(i, rng.NextInt(0, w - ow + 1), rng.NextInt(0, h - oh + 1), ow, oh));
        }
        return new OverlayElementsOperation { MetadataKey = MetadataKey, Placements = placements };
    }
}

/// <summary>Where element <paramref name="Index"/> is laid: the rectangle at (<paramref name="X"/>, <paramref name="Y"/>) of <paramref name="Width"/> x <paramref name="Height"/>.</summary>
/// <param name="Index">The element's index in the metadata list.</param>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width the element is resized to.</param>
/// <param name="Height">Height the element is resized to.</param>
public sealed record OverlayPlacement(int Index, int X, int Y, int Width, int Height);

/// <summary>The overlay elements laid at their places (see <see cref="OverlayElements"/>).</summary>
public sealed record OverlayElementsOperation : MixingOperation
{
    /// <summary>The places of the elements, in the order they are laid.</summary>
    public IReadOnlyList<OverlayPlacement> Placements { get; init; } = [];

    /// <summary>The overlay elements under <paramref name="key"/>: a list of <see cref="OverlayElement"/>, one element, or none.</summary>
    internal static IReadOnlyList<OverlayElement> ElementsOf(IReadOnlyDictionary<string, object> metadata, string key) =>
        !metadata.TryGetValue(key, out var items) ? [] : items switch
        {
            IReadOnlyList<OverlayElement> list => list,
            OverlayElement one => [one],
            _ => throw new ArgumentException($"OverlayElements: the metadata under '{key}' is a {items.GetType().Name}, not a list of OverlayElement."),
        };

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams, OrientedBoxParams orientedBoxParams) => Apply(input, boxParams, keypointParams);

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Placements.Count == 0) return Unchanged(input);
        var elements = ElementsOf(input.Metadata, MetadataKey);
        var image = Copy(input.Image);
        var additional = input.AdditionalImages.Select(Copy).ToArray();
        var masks = input.Masks.Select(Copy).ToArray();
        int w = image.Width, h = image.Height;
        foreach (var place in Placements)
        {
            if (place.Index < 0 || place.Index >= elements.Count)
                throw new InvalidOperationException($"{Name}: element {place.Index} of '{MetadataKey}' is missing; the input has {elements.Count}.");
            var e = elements[place.Index];
            int x0 = Math.Clamp(place.X, 0, w), y0 = Math.Clamp(place.Y, 0, h);
            int pw = Math.Min(place.Width, w - x0), ph = Math.Min(place.Height, h - y0);
            if (pw <= 0 || ph <= 0) continue;
            var resize = new ResizeOperation(place.Width, place.Height, Interpolation.Area);
            var source = new AnnotatedImage(e.Image, e.Mask is { } m ? [m] : null);
            using var scaled = new DisposingImage(e.Image.Width == place.Width && e.Image.Height == place.Height ? Duplicate(source) : resize.Apply(source));
            var cover = new bool[pw * ph];
            for (int y = 0; y < ph; y++)
                for (int x = 0; x < pw; x++)
                    cover[y * pw + x] = scaled.Value.Masks.Count == 0 || MixingMath.MaskValue(scaled.Value.Masks[0], y, x, 0) > 0;
            Lay(image, scaled.Value.Image, cover, x0, y0, pw, ph);
            foreach (var a in additional) Lay(a, scaled.Value.Image, cover, x0, y0, pw, ph);
            if (e.MaskId is { } id)
                foreach (var mask in masks) SetMask(mask, cover, x0, y0, pw, ph, id);
        }
        return new AnnotatedImage(image, masks, input.Boxes, input.Keypoints, additional, input.Metadata, input.ClassLabels, input.OrientedBoxes);
    }

    private static AnnotatedImage Duplicate(AnnotatedImage a) => new(Copy(a.Image), a.Masks.Select(Copy).ToArray());

    private static void Lay(ImageBuffer destination, ImageBuffer picture, bool[] cover, int x0, int y0, int pw, int ph)
    {
        switch (destination)
        {
            case ImageBuffer<byte> b: LayTyped(b, picture, cover, x0, y0, pw, ph); break;
            case ImageBuffer<ushort> u: LayTyped(u, picture, cover, x0, y0, pw, ph); break;
            default: LayTyped(destination.As<float>(), picture, cover, x0, y0, pw, ph); break;
        }
    }

    private static void LayTyped<T>(ImageBuffer<T> destination, ImageBuffer picture, bool[] cover, int x0, int y0, int pw, int ph) where T : unmanaged
    {
        using var matched = MixingMath.Match<T>(picture, destination.Channels);
        int cn = destination.Channels;
        for (int y = 0; y < ph; y++)
        {
            var s = matched.GetRow(y);
            var d = destination.GetRow(y0 + y);
            for (int x = 0; x < pw; x++)
                if (cover[y * pw + x]) s.Slice(x * cn, cn).CopyTo(d.Slice((x0 + x) * cn));
        }
    }

    private static void SetMask(ImageBuffer mask, bool[] cover, int x0, int y0, int pw, int ph, int id)
    {
        switch (mask)
        {
            case ImageBuffer<byte> b: SetMaskTyped(b, cover, x0, y0, pw, ph, id); break;
            case ImageBuffer<ushort> u: SetMaskTyped(u, cover, x0, y0, pw, ph, id); break;
            default: SetMaskTyped(mask.As<float>(), cover, x0, y0, pw, ph, id); break;
        }
    }

    private static void SetMaskTyped<T>(ImageBuffer<T> mask, bool[] cover, int x0, int y0, int pw, int ph, int id) where T : unmanaged
    {
        var value = Kernels.KernelCommon.FromDouble<T>(id);
        int cn = mask.Channels;
        for (int y = 0; y < ph; y++)
        {
            var d = mask.GetRow(y0 + y);
            for (int x = 0; x < pw; x++)
                if (cover[y * pw + x]) d.Slice((x0 + x) * cn, cn).Fill(value);
        }
    }
}
