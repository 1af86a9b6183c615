
namespace AugSharp;

/// <summary>
/// Crops a rectangle whose height is drawn from <see cref="MinMaxHeight"/> and whose width is that
/// height times <see cref="W2hRatio"/>, at a uniform place, and resizes it to <see cref="Size"/>
/// (Albumentations' RandomSizedCrop; p = 1).
/// </summary>
[TransformCategory("crops")]
public sealed class RandomSizedCrop : Transform<CropAndResizeOperation>
{
    /// <summary>A RandomSizedCrop with p = 1.</summary>
    public RandomSizedCrop() => P = 1;

    /// <summary>The crop's height in pixels, drawn as a whole number in this interval.</summary>
    public IReadOnlyList<int> MinMaxHeight { get; init; } = [128, 256];

    /// <summary>Output (height, width).</summary>
    public IReadOnlyList<int> Size { get; init; } = [256, 256];

    /// <summary>The crop's width over its height.</summary>
    public double W2hRatio { get; init; } = 1.0;

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>Interpolation of the masks. Default nearest.</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <summary>Area averaging instead of the interpolation when the step shrinks the image: null (never, the default), image, or image_mask.</summary>
    public AreaForDownscale? AreaForDownscale { get; init; }

    /// <inheritdoc />
    protected override CropAndResizeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (MinMaxHeight.Count != 2 || MinMaxHeight[0] <= 0 || MinMaxHeight[0] > MinMaxHeight[1]) throw new ArgumentException("min_max_height must be [min, max] with 0 < min ≤ max.");
        if (Size.Count != 2 || Size[0] <= 0 || Size[1] <= 0) throw new ArgumentException("size must be [height, width] with positive values.");
        int h = Math.Min(rng.NextInt(MinMaxHeight[0], MinMaxHeight[1] + 1), context.Height);
        int w = Math.Clamp((int)(h * W2hRatio), 1, context.Width);
        int y = rng.NextInt(context.Height - h + 1), x = rng.NextInt(context.Width - w + 1);
        return ResizeInterpolation.CropAndResize(x, y, w, h, Size[1], Size[0], Interpolation, MaskInterpolation, AreaForDownscale);
    }
}
