using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// Copy-Paste (Ghiasi et al., 2021; default p = 0.5): objects are cut out of a companion by its
/// instance masks and pasted onto the image. Every channel of every companion mask is an object
/// (its non-zero pixels); its label is the companion's box of the same index when the companion
/// has one box per mask. <see cref="NumObjectsRange"/> objects are drawn (at most as many as there
/// are), each scaled by a factor from <see cref="ScaleRange"/> (and shrunk to fit the image),
/// mirrored with probability 0.5 when <see cref="Flip"/> is set, and put at a uniformly drawn
/// place. The companion is drawn from the input's <see cref="AnnotatedImage.Metadata"/> under
/// <see cref="MetadataKey"/> or, when there is none, from the <see cref="CompanionSource"/>
/// COCO file or folder (a folder's images have no masks, so nothing is pasted); with neither the transform changes
/// nothing.
/// <para>
/// Targets, as instances: every mask of the image loses the pixels the pasted objects cover, and
/// each pasted object adds a mask (1 inside, in the type of the image's first mask, uint8 when it
/// has none) and a box around its pixels. When the image has one box per mask, a box shrinks to
/// what its mask still shows and is removed when nothing shows or when the share that shows is
/// below the pipeline's <c>min_visibility</c> (or fewer pixels than <c>min_area</c>); otherwise
/// boxes are judged as under a dropout hole. An object pasted later hides the earlier ones the
/// same way. Keypoints under pasted pixels are removed (unless <c>remove_invisible</c> is false);
/// the companion's keypoints are not brought. Class labels are kept.
/// </para>
/// </summary>
[TransformCategory("mixing")]
[NoOrientedBoxes("it derives the pasted objects' boxes from their masks, axis-aligned")]
public sealed class CopyAndPaste : Transform<CopyAndPasteOperation>
{
    private readonly ValueRange _numObjectsRange = new(1, 3);

    /// <summary>The number of objects to paste, whole numbers ≥ 0. Default [1, 3].</summary>
    public ValueRange NumObjectsRange
    {
        get => _numObjectsRange;
        init
        {
            value.Check(nameof(NumObjectsRange), 0);
            if (value.Min != Math.Floor(value.Min) || value.Max != Math.Floor(value.Max)) throw new ArgumentOutOfRangeException(nameof(NumObjectsRange), value, "num_objects_range takes whole numbers.");
            _numObjectsRange = value;
        }
    }

    /// <summary>The range of the objects' scale factors, &gt; 0. Default [1, 1].</summary>
    public ValueRange ScaleRange { get; init; } = new(1, 1);

    /// <summary>Whether each object is mirrored left to right with probability 0.5. Default true.</summary>
    public bool Flip { get; init; } = true;

    /// <summary>The key of the input's metadata that holds the companions. Default "copy_paste_metadata".</summary>
    public string MetadataKey { get; init; } = "copy_paste_metadata";

    /// <summary>Where to draw the companion from when the input has none under <see cref="MetadataKey"/>: a folder of images (without targets) or a COCO <c>.json</c> file (its images with their boxes, masks and keypoints, found relative to the file); null for none. Default null.</summary>
    public string? CompanionSource { get; init; }

    /// <inheritdoc />
    protected override CopyAndPasteOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var scales = ScaleRange.Check(nameof(ScaleRange), 1e-6);
        var drawn = CompanionPicker.Draw(rng, context, MetadataKey, CompanionSource, 1, distinct: false);
        if (drawn.Length == 0) return new CopyAndPasteOperation { MetadataKey = MetadataKey };
        var (companion, owned) = MixingOperation.Open(context.Metadata, MetadataKey, drawn[0], Name);
        List<(int Mask, int Channel)> objects;
        try
        {
            objects = CopyAndPasteOperation.FindObjects(companion).Select(o => (o.Mask, o.Channel)).ToList();
        }
        finally
        {
            MixingOperation.Release(companion, owned);
        }
        int count = Math.Min(objects.Count, rng.NextInt((int)NumObjectsRange.Min, (int)NumObjectsRange.Max + 1));
        var order = rng.Permutation(objects.Count);
        var pasted = new List<PastedObject>(count);
        for (int i = 0; i < count; i++)
        {
            var (mask, channel) = objects[order[i]];
            double scale = scales.Draw(rng);
            bool flip = Flip && rng.NextBool();
            pasted.Add(new PastedObject(mask, channel, scale, flip, rng.NextDouble(), rng.NextDouble()));
        }
        return new CopyAndPasteOperation { MetadataKey = MetadataKey, Companion = drawn[0], Objects = pasted };
    }
}

/// <summary>One object of a companion to paste: channel <paramref name="Channel"/> of mask <paramref name="Mask"/>.</summary>
/// <param name="Mask">The companion mask's index.</param>
/// <param name="Channel">The mask's channel.</param>
/// <param name="Scale">The scale factor.</param>
/// <param name="Flip">Whether the object is mirrored left to right.</param>
/// <param name="X">Where the object goes: its left edge as a fraction of the free width (image width - object width).</param>
/// <param name="Y">Its top edge as a fraction of the free height.</param>
public sealed record PastedObject(int Mask, int Channel, double Scale, bool Flip, double X, double Y);

/// <summary>Objects of <see cref="Companion"/> pasted onto the image (see <see cref="CopyAndPaste"/>).</summary>
public sealed record CopyAndPasteOperation : MixingOperation
{
    /// <summary>The companion, or null for none (the operation then changes nothing).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CompanionRef? Companion { get; init; }

    /// <summary>The objects, pasted in order (later ones over earlier ones).</summary>
    public IReadOnlyList<PastedObject> Objects { get; init; } = [];

    /// <summary>The objects of a companion: each channel of each mask with a non-zero pixel, with its extent and label.</summary>
    internal static IEnumerable<(int Mask, int Channel, int X1, int Y1, int X2, int Y2, string? Label)> FindObjects(AnnotatedImage companion)
    {
        bool labelled = companion.Boxes.Count == companion.Masks.Count;
        for (int m = 0; m < companion.Masks.Count; m++)
        {
            var mask = companion.Masks[m];
            for (int c = 0; c < mask.Channels; c++)
            {
                int x1 = int.MaxValue, y1 = int.MaxValue, x2 = -1, y2 = -1;
                for (int y = 0; y < mask.Height; y++)
                {
                    for (int x = 0; x < mask.Width; x++)
                    {
                        if (MixingMath.MaskValue(mask, y, x, c) == 0) continue;
                        x1 = Math.Min(x1, x);
                        x2 = Math.Max(x2, x);
                        y1 = Math.Min(y1, y);
                        y2 = y;
                    }
                }
                if (x2 >= 0) yield return (m, c, x1, y1, x2 + 1, y2 + 1, labelled ? companion.Boxes[m].Label : null);
            }
        }
    }

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(boxParams);
        ArgumentNullException.ThrowIfNull(keypointParams);
        if (Companion is null || Objects.Count == 0) return Unchanged(input);
        int w = input.Image.Width, h = input.Image.Height;
        var (companion, owned) = Resolve(input, Companion);
        try
        {
            var extents = FindObjects(companion).ToDictionary(o => (o.Mask, o.Channel));
            var image = Copy(input.Image);
            var additional = input.AdditionalImages.Select(Copy).ToArray();
            // Every instance as a visibility map: the image's masks (non-zero anywhere), then each pasted object.
            var visible = input.Masks.Select(m => Occupied(m)).ToList();
            var before = visible.Select(v => v.Count(b => b)).ToList();
            var region = new bool[w * h];
            var pastedBoxes = new List<(int X1, int Y1, int X2, int Y2, string? Label)>();
            foreach (var o in Objects)
            {
                if (!extents.TryGetValue((o.Mask, o.Channel), out var e))
                    throw new InvalidOperationException($"{Name}: the companion has no object in channel {o.Channel} of mask {o.Mask}.");
                int ew = e.X2 - e.X1, eh = e.Y2 - e.Y1;
                double fit = Math.Min(1, Math.Min((double)w / (ew * o.Scale), (double)h / (eh * o.Scale)));
                int ow = Math.Clamp((int)Math.Round(ew * o.Scale * fit), 1, w), oh = Math.Clamp((int)Math.Round(eh * o.Scale * fit), 1, h);
                int px = (int)Math.Clamp(o.X * (w - ow + 1), 0, w - ow), py = (int)Math.Clamp(o.Y * (h - oh + 1), 0, h - oh);
                var objectMask = ObjectMask(companion.Masks[o.Mask], o.Channel, e.X1, e.Y1, ew, eh);
                using var crop = new DisposingImage(new AnnotatedImage(companion.Image.CropView(e.X1, e.Y1, ew, eh), [objectMask]));
                using var scaled = new DisposingImage(MixingMath.Resize(crop.Value, ow, oh, Interpolation.Linear));
                var pixels = scaled.Value.Image;
                var cover = scaled.Value.Masks[0].As<byte>();
                var placed = new bool[w * h];
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++)
                        if (cover[y, o.Flip ? ow - 1 - x : x, 0] != 0) placed[(py + y) * w + px + x] = true;
                Paste(image, pixels, placed, px, py, ow, oh, o.Flip);
                foreach (var a in additional) Paste(a, pixels, placed, px, py, ow, oh, o.Flip);
                for (int i = 0; i < placed.Length; i++)
                {
                    if (!placed[i]) continue;
                    region[i] = true;
                    foreach (var v in visible) v[i] = false;
                }
                visible.Add(placed);
                before.Add(placed.Count(b => b));
                pastedBoxes.Add((px, py, px + ow, py + oh, e.Label));
            }

            // Masks: the image's lose the covered pixels; each object adds its own.
            var masks = new List<ImageBuffer>();
            for (int m = 0; m < input.Masks.Count; m++) masks.Add(Cleared(input.Masks[m], region));
            var like = input.Masks.Count > 0 ? input.Masks[0] : null;
            for (int k = input.Masks.Count; k < visible.Count; k++) masks.Add(Instance(visible[k], w, h, like));

            var boxes = new List<BoundingBox>();
            if (input.Boxes.Count == input.Masks.Count)
            {
                for (int i = 0; i < input.Boxes.Count; i++)
                    if (Visible(input.Boxes[i], visible[i], before[i], w, boxParams) is { } kept) boxes.Add(kept);
            }
            else
            {
                boxes.AddRange(DropoutOperation.FilterBoxes(input.Boxes, region, w, h, boxParams, null));
            }
            for (int k = 0; k < pastedBoxes.Count; k++)
            {
                var (x1, y1, x2, y2, label) = pastedBoxes[k];
                int index = input.Masks.Count + k;
                if (Visible(new BoundingBox(x1, y1, x2, y2, label), visible[index], before[index], w, boxParams) is { } kept) boxes.Add(kept);
            }
            var keypoints = keypointParams.RemoveInvisible ? DropoutOperation.FilterKeypoints(input.Keypoints, region, w, h) : input.Keypoints;
            return new AnnotatedImage(image, masks, boxes, keypoints, additional, input.Metadata, input.ClassLabels);
        }
        finally
        {
            Release(companion, owned);
        }
    }

    /// <summary>The box shrunk to the pixels of its instance that still show; null when too little shows by the rules.</summary>
    private static BoundingBox? Visible(BoundingBox box, bool[] shown, int total, int width, BoxParams rules)
    {
        int height = shown.Length / width;
        int x1 = int.MaxValue, y1 = int.MaxValue, x2 = -1, y2 = -1, count = 0;
        // The instance's pixels near its box (a pixel's margin for edges that are not whole).
        int left = Math.Clamp((int)Math.Floor(box.X1) - 1, 0, width), right = Math.Clamp((int)Math.Ceiling(box.X2) + 1, 0, width);
        int top = Math.Clamp((int)Math.Floor(box.Y1) - 1, 0, height), bottom = Math.Clamp((int)Math.Ceiling(box.Y2) + 1, 0, height);
        for (int y = top; y < bottom; y++)
        {
            for (int x = left; x < right; x++)
            {
                if (!shown[y * width + x]) continue;
                count++;
                x1 = Math.Min(x1, x);
                x2 = Math.Max(x2, x);
                y1 = Math.Min(y1, y);
                y2 = Math.Max(y2, y);
            }
        }
        if (total == 0) return box;
        if (count == 0 || (double)count / total < rules.MinVisibility || count < rules.MinArea) return null;
        var tight = box with { X1 = Math.Max(box.X1, x1), Y1 = Math.Max(box.Y1, y1), X2 = Math.Min(box.X2, x2 + 1), Y2 = Math.Min(box.Y2, y2 + 1) };
        return tight.IsValid ? tight : null;
    }

    private static bool[] Occupied(ImageBuffer mask)
    {
        var result = new bool[mask.Width * mask.Height];
        for (int y = 0; y < mask.Height; y++)
            for (int x = 0; x < mask.Width; x++)
                for (int c = 0; c < mask.Channels; c++)
                    if (MixingMath.MaskValue(mask, y, x, c) != 0) result[y * mask.Width + x] = true;
        return result;
    }

    /// <summary>Channel <paramref name="channel"/> of the mask's rectangle as a 0/1 uint8 mask.</summary>
    private static ImageBuffer<byte> ObjectMask(ImageBuffer mask, int channel, int x0, int y0, int width, int height)
    {
        var result = new ImageBuffer<byte>(width, height, 1);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (MixingMath.MaskValue(mask, y0 + y, x0 + x, channel) != 0) result[y, x, 0] = 1;
        return result;
    }

    private static ImageBuffer Cleared(ImageBuffer mask, bool[] region) => mask switch
    {
        ImageBuffer<byte> b => ClearedTyped(b, region),
        ImageBuffer<ushort> u => ClearedTyped(u, region),
        _ => ClearedTyped(mask.As<float>(), region),
    };

    private static ImageBuffer<T> ClearedTyped<T>(ImageBuffer<T> mask, bool[] region) where T : unmanaged
    {
        var result = mask.Clone();
        int cn = mask.Channels;
        for (int y = 0; y < mask.Height; y++)
        {
            var row = result.GetRow(y);
            for (int x = 0; x < mask.Width; x++)
                if (region[y * mask.Width + x]) row.Slice(x * cn, cn).Clear();
        }
        return result;
    }

    /// <summary>An instance mask (1 where shown) in the type and channel count of <paramref name="like"/>, or uint8 with one channel.</summary>
    private static ImageBuffer Instance(bool[] shown, int width, int height, ImageBuffer? like)
    {
        var mask = new ImageBuffer<byte>(width, height, 1);
        for (int i = 0; i < shown.Length; i++)
            if (shown[i]) mask[i / width, i % width, 0] = 1;
        if (like is null || (like.PixelType == PixelType.UInt8 && like.Channels == 1)) return mask;
        using (mask) return MixingMath.MaskLike(mask, like);
    }

    private static void Paste(ImageBuffer destination, ImageBuffer pixels, bool[] placed, int px, int py, int ow, int oh, bool flip)
    {
        switch (destination)
        {
            case ImageBuffer<byte> b: PasteTyped(b, pixels, placed, px, py, ow, oh, flip); break;
            case ImageBuffer<ushort> u: PasteTyped(u, pixels, placed, px, py, ow, oh, flip); break;
            default: PasteTyped(destination.As<float>(), pixels, placed, px, py, ow, oh, flip); break;
        }
    }

    private static void PasteTyped<T>(ImageBuffer<T> destination, ImageBuffer pixels, bool[] placed, int px, int py, int ow, int oh, bool flip) where T : unmanaged
    {
        using var matched = MixingMath.Match<T>(pixels, destination.Channels);
        int cn = destination.Channels, w = destination.Width;
        for (int y = 0; y < oh; y++)
        {
            var s = matched.GetRow(y);
            var d = destination.GetRow(py + y);
            for (int x = 0; x < ow; x++)
            {
                if (!placed[(py + y) * w + px + x]) continue;
                int sx = flip ? ow - 1 - x : x;
                s.Slice(sx * cn, cn).CopyTo(d.Slice((px + x) * cn));
            }
        }
    }
}
