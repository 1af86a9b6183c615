
namespace AugSharp;

/// <summary>
/// Crops a rectangle whose area is a fraction <see cref="Scale"/> of the image's and whose
/// aspect ratio is drawn log-uniformly from <see cref="Ratio"/>, then resizes it to
/// <see cref="Size"/> (Albumentations' RandomResizedCrop, torchvision's algorithm: ten tries, then
/// the largest centred crop within the ratio; p = 1).
/// </summary>
[TransformCategory("crops")]
public sealed class RandomResizedCrop : Transform<CropAndResizeOperation>
{
    /// <summary>A RandomResizedCrop with p = 1.</summary>
    public RandomResizedCrop() => P = 1;

    /// <summary>Output (height, width).</summary>
    public IReadOnlyList<int> Size { get; init; } = [256, 256];

    /// <summary>Fraction of the image's area kept.</summary>
    public ValueRange Scale { get; init; } = new(0.08, 1.0);

    /// <summary>Aspect ratio (width over height) of the crop.</summary>
    public ValueRange Ratio { get; init; } = new(0.75, 4.0 / 3.0);

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>Interpolation of the masks. Default nearest.</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <summary>Area averaging instead of the interpolation when the step shrinks the image: null (never, the default), image, or image_mask.</summary>
    public AreaForDownscale? AreaForDownscale { get; init; }

    /// <inheritdoc />
    protected override CropAndResizeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (Size.Count != 2 || Size[0] <= 0 || Size[1] <= 0) throw new ArgumentException("size must be [height, width] with positive values.");
        Scale.Check("scale", 0, 1);
        Ratio.Check("ratio", 0);
        int width = context.Width, height = context.Height;
        double area = (double)width * height;
        double logLow = Math.Log(Ratio.Min), logHigh = Math.Log(Ratio.Max);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double target = area * Scale.Draw(rng);
            double aspect = Math.Exp(rng.Uniform(logLow, logHigh));
            int w = (int)Math.Round(Math.Sqrt(target * aspect));
            int h = (int)Math.Round(Math.Sqrt(target / aspect));
            if (w > 0 && h > 0 && w <= width && h <= height)
            {
                int y = rng.NextInt(height - h + 1);
                int x = rng.NextInt(width - w + 1);
                return ResizeInterpolation.CropAndResize(x, y, w, h, Size[1], Size[0], Interpolation, MaskInterpolation, AreaForDownscale);
            }
        }
        double ratio = (double)width / height;
        int cw, ch;
        if (ratio < Ratio.Min) { cw = width; ch = (int)Math.Round(cw / Ratio.Min); }
        else if (ratio > Ratio.Max) { ch = height; cw = (int)Math.Round(ch * Ratio.Max); }
        else { cw = width; ch = height; }
        cw = Math.Clamp(cw, 1, width);
        ch = Math.Clamp(ch, 1, height);
        return ResizeInterpolation.CropAndResize((width - cw) / 2, (height - ch) / 2, cw, ch, Size[1], Size[0], Interpolation, MaskInterpolation, AreaForDownscale);
    }
}
