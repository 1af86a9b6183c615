
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

    /// <summary>Interpolation of the masks. Default nearest.</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <summary>Area averaging instead of the interpolation when the step shrinks the image: null (never, the default), image, or image_mask.</summary>
    public AreaForDownscale? AreaForDownscale { get; init; }

    /// <inheritdoc />
    protected override ResizeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (Width <= 0 || Height <= 0) throw new ArgumentException($"Resize needs a positive size, not {Width}x{Height}.");
        return ResizeInterpolation.Resize(Width, Height, context.Width, context.Height, Interpolation, MaskInterpolation, AreaForDownscale);
    }
}
