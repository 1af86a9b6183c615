
namespace AugSharp;

/// <summary>
/// Rotates by an angle drawn from <see cref="Limit"/> degrees and scales down so that the whole
/// rotated image fits in the original size: nothing is cut off (Albumentations' SafeRotate;
/// default p = 0.5).
/// </summary>
[TransformCategory("geometric")]
public sealed class SafeRotate : Transform<AffineOperation>
{
    /// <summary>The interval of angles in degrees (a single number L in a file means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange Limit { get; init; } = new(-90, 90);

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>How the uncovered pixels are filled.</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant border value per channel.</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>Constant border value for masks.</summary>
    public double FillMask { get; init; }

    /// <inheritdoc />
    protected override AffineOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        double angle = Limit.Check(nameof(Limit)).Draw(rng);
        double r = angle * Math.PI / 180, c = Math.Abs(Math.Cos(r)), s = Math.Abs(Math.Sin(r));
        double w = context.Width, h = context.Height;
        double scale = Math.Min(w / (w * c + h * s), h / (w * s + h * c));
        return new AffineOperation { Angle = angle, ScaleX = scale, ScaleY = scale, Interpolation = Interpolation, BorderMode = BorderMode, Fill = Fill, FillMask = FillMask };
    }
}
