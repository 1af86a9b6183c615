
namespace AugSharp;

/// <summary>
/// Rotates by an angle drawn from <see cref="Limit"/> degrees and scales down so that the whole
/// rotated image fits in the original size: nothing is cut off (Albumentations' SafeRotate;
/// default p = 0.5).
/// </summary>
[TransformCategory("geometric")]
public sealed class SafeRotate : WarpingTransform<AffineOperation>
{
    /// <summary>The interval of angles in degrees (a single number L in a file means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange Limit { get; init; } = new(-90, 90);

    /// <summary>How boxes are rotated: largest_box (their corners; the only one supported).</summary>
    public string RotateMethod { get; init; } = "largest_box";

    /// <inheritdoc />
    protected override AffineOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        AlbumentationsOptions.RequireDefault(Name, "rotate_method", RotateMethod, "largest_box");
        double angle = Limit.Check(nameof(Limit)).Draw(rng);
        double r = angle * Math.PI / 180, c = Math.Abs(Math.Cos(r)), s = Math.Abs(Math.Sin(r));
        double w = context.Width, h = context.Height;
        double scale = Math.Min(w / (w * c + h * s), h / (w * s + h * c));
        return WithWarpSettings(new AffineOperation { Angle = angle, ScaleX = scale, ScaleY = scale });
    }
}
