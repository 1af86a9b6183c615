using AugSharp.Kernels;

namespace AugSharp;

/// <summary>Swaps rows and columns (Albumentations' Transpose; default p = 0.5).</summary>
[TransformCategory("geometric")]
public sealed class Transpose : Transform<TransposeOperation>
{
    /// <inheritdoc />
    protected override TransposeOperation SampleOperation(RandomStream rng, TransformContext context) => new();
}

/// <summary>A transposition: pixel (x, y) goes to (y, x); the output is height x width.</summary>
public sealed record TransposeOperation : ExactGeometricOperation
{
    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input) => new(0, 1, 0, 1, 0, 0, 0, 0, 1);

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input) => (input.Height, input.Width);

    /// <inheritdoc />
    protected override ImageBuffer<T> Move<T>(ImageBuffer<T> source)
    {
        var result = ImageBuffer<T>.CreateUninitialized(source.Height, source.Width, source.Channels);
        Flip.Transpose(source, result);
        return result;
    }
}
