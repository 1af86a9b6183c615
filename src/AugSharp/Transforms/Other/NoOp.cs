namespace AugSharp;

/// <summary>Changes nothing (Albumentations' NoOp; default p = 0.5): a placeholder, for example as one choice of a OneOf.</summary>
[TransformCategory("other")]
public sealed class NoOp : Transform<NoOpOperation>
{
    /// <inheritdoc />
    protected override NoOpOperation SampleOperation(RandomStream rng, TransformContext context) => new();
}

/// <summary>The operation of <see cref="NoOp"/>: the result holds a copy of the image and the same masks, boxes and keypoints.</summary>
public sealed record NoOpOperation : Operation
{
    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => image.Clone();
}
