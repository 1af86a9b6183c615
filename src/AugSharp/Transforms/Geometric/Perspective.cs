
namespace AugSharp;

/// <summary>
/// A random four-point perspective: each corner of the image moves inwards by |N(0, s)| of the
/// width and height (s drawn from <see cref="Scale"/>, offsets folded below 0.32 as Albumentations
/// does), and the moved quadrilateral is stretched back onto the whole image (Albumentations'
/// Perspective with keep_size; default p = 0.5).
/// </summary>
[TransformCategory("geometric")]
public sealed class Perspective : WarpingTransform<PerspectiveOperation>
{
    /// <summary>The standard deviation of the corner offsets, as a fraction of the size.</summary>
    public ValueRange Scale { get; init; } = new(0.05, 0.1);

    /// <summary>Stretch the moved quadrilateral back onto an image of the input's size (the only mode supported: true).</summary>
    public bool KeepSize { get; init; } = true;

    /// <summary>Grow the output to hold the whole moved image (not supported: false).</summary>
    public bool FitOutput { get; init; }

    /// <inheritdoc />
    protected override PerspectiveOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        AlbumentationsOptions.RequireDefault(Name, "keep_size", KeepSize, true);
        AlbumentationsOptions.RequireDefault(Name, "fit_output", FitOutput, false);
        double s = Scale.Check("scale", 0).Draw(rng);
        double Offset() => Math.Abs(rng.NextGaussian() * s) % 0.32;
        double w = context.Width - 1, h = context.Height - 1;
        double[] corners =
        [
            Offset() * w, Offset() * h,
            (1 - Offset()) * w, Offset() * h,
            (1 - Offset()) * w, (1 - Offset()) * h,
            Offset() * w, (1 - Offset()) * h,
        ];
        return WithWarpSettings(new PerspectiveOperation(corners));
    }
}
