namespace AugSharp;

/// <summary>
/// CutMix (Yun et al., 2019; default p = 0.5): a rectangle of a companion image is pasted into
/// the image at the same place. λ is drawn from Beta(<see cref="Alpha"/>, <see cref="Alpha"/>);
/// the rectangle has sides W·√(1-λ) and H·√(1-λ) around a centre drawn uniformly in the image,
/// clipped to it, and λ is then 1 - (its area)/(W·H). The companion is resized to the image's
/// size (bilinear) and brought to its pixel type and channel count; it is drawn from the input's
/// <see cref="AnnotatedImage.Metadata"/> under <see cref="MetadataKey"/> or, when there is none,
/// from the <see cref="CompanionSource"/> folder or COCO file; with neither the transform
/// changes nothing.
/// <para>
/// Targets: masks are pasted too (mask i takes the companion's mask i inside the rectangle, or
/// <see cref="FillMask"/> when the companion has no such mask). The image's boxes under the
/// rectangle are judged by the pipeline's <c>min_area</c> and <c>min_visibility</c> on the pixels
/// left visible (as the dropout transforms do: with the defaults every box stays), and its
/// keypoints inside the rectangle are removed; the companion's boxes are clipped to the rectangle
/// and kept when the share of them inside passes the same rules, its keypoints kept inside it.
/// <see cref="AnnotatedImage.ClassLabels"/> are mixed by area: λ and 1-λ. Additional images get the
/// companion's rectangle too.
/// </para>
/// </summary>
[TransformCategory("mixing")]
[NoOrientedBoxes("it pastes a companion's rectangle whose boxes it clips axis-aligned")]
public sealed class CutMix : Transform<CutMixOperation>
{
    private readonly double _alpha = 1;

    /// <summary>The parameter of the symmetric Beta distribution λ is drawn from, &gt; 0 (1: a uniform λ, as the CutMix paper). Default 1.</summary>
    public double Alpha
    {
        get => _alpha;
        init => _alpha = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Alpha), value, "alpha must be a positive number.");
    }

    /// <summary>The value the masks take inside the rectangle where the companion has no mask. Default 0.</summary>
    public double FillMask { get; init; }

    /// <summary>The key of the input's metadata that holds the companions. Default "cutmix_metadata".</summary>
    public string MetadataKey { get; init; } = "cutmix_metadata";

    /// <summary>Where to draw the companion from when the input has none under <see cref="MetadataKey"/>: a folder of images (without targets) or a COCO <c>.json</c> file (its images with their boxes, masks and keypoints, found relative to the file); null for none. Default null.</summary>
    public string? CompanionSource { get; init; }

    /// <inheritdoc />
    protected override CutMixOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var companion = CompanionPicker.Draw(rng, context, MetadataKey, CompanionSource, 1, distinct: false);
        if (companion.Length == 0) return new CutMixOperation { MetadataKey = MetadataKey };
        double lambda = rng.NextBeta(Alpha, Alpha);
        int w = context.Width, h = context.Height;
        double side = Math.Sqrt(1 - lambda);
        int cutW = (int)(w * side), cutH = (int)(h * side);
        int cx = rng.NextInt(w), cy = rng.NextInt(h);
        int x1 = Math.Clamp(cx - cutW / 2, 0, w), x2 = Math.Clamp(cx + cutW / 2, 0, w);
        int y1 = Math.Clamp(cy - cutH / 2, 0, h), y2 = Math.Clamp(cy + cutH / 2, 0, h);
        return new CutMixOperation { MetadataKey = MetadataKey, Companion = companion[0], X1 = x1, Y1 = y1, X2 = x2, Y2 = y2, FillMask = FillMask };
    }
}

/// <summary>The rectangle [X1, X2) x [Y1, Y2) of <see cref="Companion"/> (resized to the image) pasted into the image (see <see cref="CutMix"/>).</summary>
public sealed record CutMixOperation : MixingOperation
{
    /// <summary>The companion, or null for none (the operation then changes nothing).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public CompanionRef? Companion { get; init; }

    /// <summary>Left edge of the rectangle (inclusive).</summary>
    public int X1 { get; init; }

    /// <summary>Top edge of the rectangle (inclusive).</summary>
    public int Y1 { get; init; }

    /// <summary>Right edge of the rectangle (exclusive).</summary>
    public int X2 { get; init; }

    /// <summary>Bottom edge of the rectangle (exclusive).</summary>
    public int Y2 { get; init; }

    /// <summary>The masks' value inside the rectangle where the companion has no mask.</summary>
    public double FillMask { get; init; }

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(boxParams);
        ArgumentNullException.ThrowIfNull(keypointParams);
        int w = input.Image.Width, h = input.Image.Height;
        int x1 = Math.Clamp(X1, 0, w), x2 = Math.Clamp(X2, x1, w), y1 = Math.Clamp(Y1, 0, h), y2 = Math.Clamp(Y2, y1, h);
        if (Companion is null || x2 <= x1 || y2 <= y1) return Unchanged(input);
        var (companion, owned) = Resolve(input, Companion);
        try
        {
            using var fitted = new DisposingImage(MixingMath.Resize(companion, w, h, Interpolation.Linear));
            var other = fitted.Value;
            ImageBuffer Paste(ImageBuffer image) => image.PixelType switch
            {
                PixelType.UInt8 => PasteTyped(image.As<byte>(), other.Image, x1, y1, x2, y2),
                PixelType.UInt16 => PasteTyped(image.As<ushort>(), other.Image, x1, y1, x2, y2),
                _ => PasteTyped(image.As<float>(), other.Image, x1, y1, x2, y2),
            };
            var image = Paste(input.Image);
            var additional = input.AdditionalImages.Select(Paste).ToArray();
            var masks = new ImageBuffer[input.Masks.Count];
            for (int i = 0; i < masks.Length; i++) masks[i] = PasteMask(input.Masks[i], i < other.Masks.Count ? other.Masks[i] : null, x1, y1, x2, y2);

            var region = new bool[w * h];
            for (int y = y1; y < y2; y++) Array.Fill(region, true, y * w + x1, x2 - x1);
            var boxes = DropoutOperation.FilterBoxes(input.Boxes, region, w, h, boxParams, null).ToList();
            foreach (var box in other.Boxes)
                if (MixingMath.ClipToRectangle(box, x1, y1, x2, y2, boxParams) is { } kept) boxes.Add(kept);
            var keypoints = (keypointParams.RemoveInvisible ? DropoutOperation.FilterKeypoints(input.Keypoints, region, w, h) : input.Keypoints).ToList();
            keypoints.AddRange(other.Keypoints.Where(k => k.X >= x1 && k.X < x2 && k.Y >= y1 && k.Y < y2));

            double lambda = 1 - (double)(x2 - x1) * (y2 - y1) / ((double)w * h);
            var labels = MixingMath.MixLabels((input.ClassLabels, lambda), (companion.ClassLabels, 1 - lambda));
            return new AnnotatedImage(image, masks, boxes, keypoints, additional, input.Metadata, labels);
        }
        finally
        {
            Release(companion, owned);
        }
    }

    private static ImageBuffer<T> PasteTyped<T>(ImageBuffer<T> image, ImageBuffer other, int x1, int y1, int x2, int y2) where T : unmanaged
    {
        using var matched = MixingMath.Match<T>(other, image.Channels);
        var result = image.Clone();
        MixingMath.CopyRectangle(matched, result, x1, y1, x2, y2);
        return result;
    }

    private ImageBuffer PasteMask(ImageBuffer mask, ImageBuffer? other, int x1, int y1, int x2, int y2)
    {
        using var source = other is null ? null : MixingMath.MaskLike(other, mask);
        return mask.PixelType switch
        {
            PixelType.UInt8 => PasteMaskTyped(mask.As<byte>(), source?.As<byte>(), x1, y1, x2, y2),
            PixelType.UInt16 => PasteMaskTyped(mask.As<ushort>(), source?.As<ushort>(), x1, y1, x2, y2),
            _ => PasteMaskTyped(mask.As<float>(), source?.As<float>(), x1, y1, x2, y2),
        };
    }

    private ImageBuffer<T> PasteMaskTyped<T>(ImageBuffer<T> mask, ImageBuffer<T>? source, int x1, int y1, int x2, int y2) where T : unmanaged
    {
        var result = mask.Clone();
        if (source is not null) MixingMath.CopyRectangle(source, result, x1, y1, x2, y2);
        else DropoutOperation.FillRectangle(result, x1, y1, x2, y2, DropoutOperation.FillValues<T>([FillMask], mask.Channels, Name));
        return result;
    }
}
