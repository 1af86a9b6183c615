namespace AugSharp;

/// <summary>
/// Applies its pixel-level transforms to some channels of the image only (Albumentations'
/// SelectiveChannelTransform; default channels 0, 1, 2 and p = 1): the chosen channels are taken
/// out as an image of their own, transformed, and put back; the other channels, the masks, boxes
/// and keypoints stay as they were. A transform that moves pixels cannot run on some channels
/// alone and is refused, naming it.
/// </summary>
public sealed class SelectiveChannelTransform : ContainerTransform
{
    /// <summary>The <paramref name="transforms"/> on <paramref name="channels"/>.</summary>
    public SelectiveChannelTransform(IEnumerable<ITransform> transforms, IReadOnlyList<int>? channels = null, double p = 1) : base(transforms, p)
    {
        Channels = channels?.ToArray() ?? [0, 1, 2];
        if (Channels.Count == 0 || Channels.Any(c => c < 0) || Channels.Distinct().Count() != Channels.Count)
            throw new ArgumentException("channels must be distinct channel indices (0 or more).", nameof(channels));
    }

    /// <summary>The channels the transforms see, in order.</summary>
    public IReadOnlyList<int> Channels { get; }

    internal override void RunChildren(PipelineRunner runner, RandomStream rng)
    {
        foreach (var t in Transforms)
        {
            var context = runner.Context;
            if (Channels.Max() >= context.Shape.Channels)
                throw new ArgumentException($"SelectiveChannelTransform uses channel {Channels.Max()}, but the image has {context.Shape.Channels}.");
            var sub = new TransformContext(context.Shape with { Channels = Channels.Count }, context.PixelType, context.Boxes, context.Keypoints, context.MaskCount, context.Metadata, context.ClassLabels, () => context.Target, context.OrientedBoxes);
            var inner = t.Sample(rng, sub);
            if (inner is IGeometricOperation or IMappedOperation)
                throw new NotSupportedException($"SelectiveChannelTransform applies pixel-level transforms only; {t.Name} moves pixels.");
            runner.Step(new ChannelSubsetOperation(Channels, inner));
        }
    }
}

/// <summary>An operation applied to some channels of the image only; the others, and every other target, stay as they were.</summary>
/// <param name="Channels">The channels, in the order the inner operation sees them.</param>
/// <param name="Inner">The pixel-level operation.</param>
public sealed record ChannelSubsetOperation(IReadOnlyList<int> Channels, IOperation Inner) : IOperation
{
    /// <inheritdoc />
    [System.Text.Json.Serialization.JsonIgnore]
    public string Name => "SelectiveChannelTransform";

    /// <inheritdoc />
    public AnnotatedImage Apply(AnnotatedImage input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Inner is SkippedOperation) return input;
        return input.With(image: ApplyTo(input.Image), additionalImages: input.AdditionalImages.Select(ApplyTo).ToArray());
    }

    private ImageBuffer ApplyTo(ImageBuffer image) => image switch
    {
        ImageBuffer<byte> b => ApplyTyped(b),
        ImageBuffer<ushort> u => ApplyTyped(u),
        _ => ApplyTyped(image.As<float>()),
    };

    private ImageBuffer<T> ApplyTyped<T>(ImageBuffer<T> image) where T : unmanaged
    {
        if (Channels.Any(c => c >= image.Channels))
            throw new ArgumentException($"SelectiveChannelTransform uses channel {Channels.Max()}, but the image has {image.Channels}.");
        using var part = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, Channels.Count);
        for (int y = 0; y < image.Height; y++)
        {
            var src = image.GetRow(y);
            var dst = part.GetRow(y);
            for (int x = 0; x < image.Width; x++)
                for (int k = 0; k < Channels.Count; k++) dst[x * Channels.Count + k] = src[x * image.Channels + Channels[k]];
        }
        var changed = Inner.Apply(new AnnotatedImage(part)).Image.As<T>();
        try
        {
            var result = image.Clone();
            for (int y = 0; y < image.Height; y++)
            {
                var src = changed.GetRow(y);
                var dst = result.GetRow(y);
                for (int x = 0; x < image.Width; x++)
                    for (int k = 0; k < Channels.Count; k++) dst[x * image.Channels + Channels[k]] = src[x * Channels.Count + k];
            }
            return result;
        }
        finally
        {
            if (!ReferenceEquals(changed, part)) changed.Dispose();
        }
    }
}
