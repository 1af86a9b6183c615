
namespace AugSharp;

/// <summary>A random crop that keeps every box whole, resized to <see cref="Height"/> x <see cref="Width"/> (Albumentations' RandomSizedBBoxSafeCrop; p = 1).</summary>
[TransformCategory("crops")]
public sealed class RandomSizedBBoxSafeCrop : Transform<CropAndResizeOperation>
{
    /// <summary>A RandomSizedBBoxSafeCrop with p = 1.</summary>
    public RandomSizedBBoxSafeCrop() => P = 1;

    /// <summary>Output rows.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Output columns.</summary>
    public int Width { get; init; } = 256;

    /// <summary>How much of the boxes' union may be cut, as a fraction of its size.</summary>
    public double ErosionRate { get; init; }

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>Interpolation of the masks. Default nearest.</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <inheritdoc />
    protected override CropAndResizeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (Width <= 0 || Height <= 0) throw new ArgumentException($"RandomSizedBBoxSafeCrop needs a positive size, not {Width}x{Height}.");
        var (x, y, w, h) = BoxSafeCrop.Draw(rng, context, ErosionRate);
        return ResizeInterpolation.CropAndResize(x, y, w, h, Width, Height, Interpolation, MaskInterpolation, null);
    }
}
