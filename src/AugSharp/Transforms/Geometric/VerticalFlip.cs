using AugSharp.Kernels;

namespace AugSharp;

/// <summary>Mirrors the image top to bottom (Albumentations' VerticalFlip; default p = 0.5).</summary>
[TransformCategory("geometric")]
public sealed class VerticalFlip : Transform<VerticalFlipOperation>
{
    /// <inheritdoc />
    protected override VerticalFlipOperation SampleOperation(RandomStream rng, TransformContext context) => new();
}

/// <summary>A top-bottom mirror: row y goes to height-1-y.</summary>
public sealed record VerticalFlipOperation : ExactGeometricOperation
{
    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input) => new(1, 0, 0, 0, -1, input.Height - 1, 0, 0, 1);

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input) => (input.Width, input.Height);

    /// <inheritdoc />
    protected override ImageBuffer<T> Move<T>(ImageBuffer<T> source)
    {
        var result = ImageBuffer<T>.CreateUninitialized(source.Width, source.Height, source.Channels);
        Flip.Vertical(source, result);
        return result;
    }
}
