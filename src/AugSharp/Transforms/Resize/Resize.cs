
namespace AugSharp;

/// <summary>Resizes to <see cref="Height"/> x <see cref="Width"/> (Albumentations' Resize; p = 1).</summary>
[TransformCategory("resize")]
public sealed class Resize : Transform<ResizeOperation>
{
    /// <summary>A Resize with p = 1.</summary>
    public Resize() => P = 1;

    /// <summary>Output rows.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Output columns.</summary>
    public int Width { get; init; } = 256;

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <inheritdoc />
    protected override ResizeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (Width <= 0 || Height <= 0) throw new ArgumentException($"Resize needs a positive size, not {Width}x{Height}.");
        return new ResizeOperation(Width, Height, Interpolation);
    }
}
