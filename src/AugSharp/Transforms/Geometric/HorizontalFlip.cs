using AugSharp.Kernels;

namespace AugSharp;

/// <summary>Mirrors the image left to right (Albumentations' HorizontalFlip; default p = 0.5).</summary>
[TransformCategory("geometric")]
public sealed class HorizontalFlip : Transform<HorizontalFlipOperation>
{
    /// <inheritdoc />
    protected override HorizontalFlipOperation SampleOperation(RandomStream rng, TransformContext context) => new();
}

/// <summary>A left-right mirror: column x goes to width-1-x.</summary>
public sealed record HorizontalFlipOperation : ExactGeometricOperation
{
    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input) => new(-1, 0, input.Width - 1, 0, 1, 0, 0, 0, 1);

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input) => (input.Width, input.Height);

    /// <inheritdoc />
    protected override ImageBuffer<T> Move<T>(ImageBuffer<T> source)
    {
        var result = ImageBuffer<T>.CreateUninitialized(source.Width, source.Height, source.Channels);
        Flip.Horizontal(source, result);
        return result;
    }
}
