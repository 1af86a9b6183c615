namespace AugSharp;

/// <summary>
/// MixUp (Zhang et al., 2018; Albumentations 1.4's MixUp, default p = 0.5): the image becomes
/// λ·image + (1-λ)·companion, with λ drawn from Beta(<see cref="Alpha"/>, <see cref="Alpha"/>)
/// and the companion resized to the image's size (bilinear) and brought to its pixel type and
/// channel count. The companion is drawn from the input's <see cref="AnnotatedImage.Metadata"/>
/// under <see cref="MetadataKey"/> (a list of annotated images, or an
/// <see cref="ICompanionReader"/>), or, when there is none, from the
/// <see cref="CompanionSource"/> folder or COCO file; with neither the transform changes nothing.
/// <para>
/// Targets: the boxes and keypoints of both images are kept (the companion's scaled into place);
/// masks never get blended values: each mask comes from the source that weighs more (the image's
/// when λ ≥ 0.5, else the companion's mask at the same index, resized with nearest-neighbour; an
/// index the companion lacks keeps the image's mask). <see cref="AnnotatedImage.ClassLabels"/> are
/// mixed λ and 1-λ. Additional images are blended with the companion's image the same way.
/// </para>
/// </summary>
[TransformCategory("mixing")]
public sealed class MixUp : Transform<MixUpOperation>
{
    private readonly double _alpha = 0.4;

    /// <summary>The parameter of the symmetric Beta distribution λ is drawn from, &gt; 0: small values give λ near 0 or 1, 1 a uniform λ. Default 0.4.</summary>
    public double Alpha
    {
        get => _alpha;
        init => _alpha = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Alpha), value, "alpha must be a positive number.");
    }

    /// <summary>The key of the input's metadata that holds the companions. Default "mixup_metadata".</summary>
    public string MetadataKey { get; init; } = "mixup_metadata";

    /// <summary>Where to draw the companion from when the input has none under <see cref="MetadataKey"/>: a folder of images (without targets) or a COCO <c>.json</c> file (its images with their boxes, masks and keypoints, found relative to the file); null for none. Default null.</summary>
    public string? CompanionSource { get; init; }

    /// <inheritdoc />
    protected override MixUpOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var companion = CompanionPicker.Draw(rng, context, MetadataKey, CompanionSource, 1, distinct: false);
        if (companion.Length == 0) return new MixUpOperation { MetadataKey = MetadataKey, Lambda = 1 };
        return new MixUpOperation { MetadataKey = MetadataKey, Companion = companion[0], Lambda = rng.NextBeta(Alpha, Alpha) };
    }
}

/// <summary>The image blended with <see cref="Companion"/>: λ·image + (1-λ)·companion (see <see cref="MixUp"/>).</summary>
public sealed record MixUpOperation : MixingOperation
{
    /// <summary>The companion, or null for none (the operation then changes nothing).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public CompanionRef? Companion { get; init; }

    /// <summary>The image's weight λ in [0, 1]; the companion weighs 1-λ.</summary>
    public double Lambda { get; init; } = 1;

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams) => Apply(input, boxParams, keypointParams, OrientedBoxParams.Default);

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams, OrientedBoxParams orientedBoxParams)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Companion is null) return Unchanged(input);
        var (companion, owned) = Resolve(input, Companion);
        try
        {
            using var fitted = new DisposingImage(MixingMath.Resize(companion, input.Image.Width, input.Image.Height, Interpolation.Linear));
            var other = fitted.Value;
            var image = Blend(input.Image, other.Image);
            var additional = input.AdditionalImages.Select(a => Blend(a, other.Image)).ToArray();
            var masks = new ImageBuffer[input.Masks.Count];
            for (int i = 0; i < masks.Length; i++)
                masks[i] = Lambda < 0.5 && i < other.Masks.Count ? MixingMath.MaskLike(other.Masks[i], input.Masks[i]) : input.Masks[i];
            var boxes = input.Boxes.Concat(other.Boxes).ToArray();
            var keypoints = input.Keypoints.Concat(other.Keypoints).ToArray();
            var oriented = input.OrientedBoxes.Concat(other.OrientedBoxes).ToArray();
            var labels = MixingMath.MixLabels((input.ClassLabels, Lambda), (companion.ClassLabels, 1 - Lambda));
            return new AnnotatedImage(image, masks, boxes, keypoints, additional, input.Metadata, labels, oriented);
        }
        finally
        {
            Release(companion, owned);
        }
    }

    private ImageBuffer Blend(ImageBuffer image, ImageBuffer other) => image.PixelType switch
    {
        PixelType.UInt8 => BlendTyped(image.As<byte>(), other),
        PixelType.UInt16 => BlendTyped(image.As<ushort>(), other),
        _ => BlendTyped(image.As<float>(), other),
    };

    private ImageBuffer<T> BlendTyped<T>(ImageBuffer<T> image, ImageBuffer other) where T : unmanaged
    {
        using var matched = MixingMath.Match<T>(other, image.Channels);
        return MixingMath.Blend(image, matched, Lambda);
    }
}
