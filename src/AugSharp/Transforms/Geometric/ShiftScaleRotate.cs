
namespace AugSharp;

/// <summary>
/// A shift (fraction of the size), a scale (1 + a draw) and a rotation (degrees) about the centre
/// (Albumentations' ShiftScaleRotate; default p = 0.5). Single numbers in files mean symmetric
/// intervals.
/// </summary>
[TransformCategory("geometric")]
public sealed class ShiftScaleRotate : WarpingTransform<AffineOperation>
{
    /// <summary>Shift per axis as a fraction of the size.</summary>
    [SymmetricScalar]
    public ValueRange ShiftLimit { get; init; } = new(-0.0625, 0.0625);

    /// <summary>Scale change: the scale is 1 + a draw from this interval.</summary>
    [SymmetricScalar]
    public ValueRange ScaleLimit { get; init; } = new(-0.1, 0.1);

    /// <summary>Rotation in degrees.</summary>
    [SymmetricScalar]
    public ValueRange RotateLimit { get; init; } = new(-45, 45);

    /// <summary>Horizontal shift as a fraction of the width; null to use <see cref="ShiftLimit"/>.</summary>
    [SymmetricScalar]
    public ValueRange? ShiftLimitX { get; init; }

    /// <summary>Vertical shift as a fraction of the height; null to use <see cref="ShiftLimit"/>.</summary>
    [SymmetricScalar]
    public ValueRange? ShiftLimitY { get; init; }

    /// <summary>How boxes are rotated: <c>largest_box</c> (the only method supported).</summary>
    public string RotateMethod { get; init; } = "largest_box";

    /// <inheritdoc />
    protected override AffineOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        double angle = RotateLimit.Check("rotate_limit").Draw(rng);
        double scale = 1 + ScaleLimit.Check("scale_limit", -1).Draw(rng);
        AlbumentationsOptions.RequireDefault(Name, "rotate_method", RotateMethod, "largest_box");
        double dx = (ShiftLimitX ?? ShiftLimit).Check("shift_limit_x").Draw(rng);
        double dy = (ShiftLimitY ?? ShiftLimit).Check("shift_limit_y").Draw(rng);
        return WithWarpSettings(new AffineOperation
        {
            Angle = angle, ScaleX = scale, ScaleY = scale, TranslateX = dx * context.Width, TranslateY = dy * context.Height,
        });
    }
}
