
namespace AugSharp;

/// <summary>
/// Scale, translation, rotation and shear about the centre, each drawn from its interval
/// (Albumentations' Affine; default p = 0.5). Translation is given either as a fraction of the
/// size (<see cref="TranslatePercent"/>) or in pixels (<see cref="TranslatePx"/>), not both.
/// </summary>
[TransformCategory("geometric")]
public sealed class Affine : WarpingTransform<AffineOperation>
{
    /// <summary>Scale per axis (1 keeps the size).</summary>
    public AxisRange Scale { get; init; } = AxisRange.Fixed(1);

    /// <summary>Translation per axis as a fraction of the width and height; null for none.</summary>
    public AxisRange? TranslatePercent { get; init; }

    /// <summary>Translation per axis in pixels; null for none.</summary>
    public AxisRange? TranslatePx { get; init; }

    /// <summary>Rotation in degrees, positive counter-clockwise.</summary>
    public ValueRange Rotate { get; init; } = ValueRange.Fixed(0);

    /// <summary>Shear per axis in degrees.</summary>
    public AxisRange Shear { get; init; } = AxisRange.Fixed(0);

    /// <summary>Draw one scale for both axes (the x interval's).</summary>
    public bool KeepRatio { get; init; }

    /// <summary>Grow the output to hold the whole moved image.</summary>
    public bool FitOutput { get; init; }

    /// <summary>Draw a scale interval that spans 1 as zoom-in or zoom-out with equal chance (Albumentations' balanced_scale).</summary>
    public bool BalancedScale { get; init; }

    /// <summary>How boxes are rotated: <c>largest_box</c> (the only method supported).</summary>
    public string RotateMethod { get; init; } = "largest_box";

    /// <inheritdoc />
    protected override AffineOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        AlbumentationsOptions.RequireDefault(Name, "rotate_method", RotateMethod, "largest_box");
        if (TranslatePercent is not null && TranslatePx is not null)
            throw new ArgumentException("Affine takes translate_percent or translate_px, not both.");
        double sx = DrawScale(Scale.X.Check("scale", 0), rng);
        double sy = KeepRatio ? sx : DrawScale(Scale.Y.Check("scale", 0), rng);
        double tx = 0, ty = 0;
        if (TranslatePercent is { } tp)
        {
            tx = tp.X.Check("translate_percent").Draw(rng) * context.Width;
            ty = tp.Y.Check("translate_percent").Draw(rng) * context.Height;
        }
        else if (TranslatePx is { } px)
        {
            tx = Math.Round(px.X.Check("translate_px").Draw(rng));
            ty = Math.Round(px.Y.Check("translate_px").Draw(rng));
        }
        double angle = Rotate.Check("rotate").Draw(rng);
        double shx = Shear.X.Check("shear", -90, 90).Draw(rng);
        double shy = Shear.Y.Check("shear", -90, 90).Draw(rng);
        return WithWarpSettings(new AffineOperation
        {
            Angle = angle, ScaleX = sx, ScaleY = sy, ShearX = shx, ShearY = shy, TranslateX = tx, TranslateY = ty,
            FitOutput = FitOutput,
        });
    }

    private double DrawScale(ValueRange range, RandomStream rng)
    {
        if (!BalancedScale || !(range.Min < 1 && range.Max > 1)) return range.Draw(rng);
        return rng.NextDouble() < 0.5 ? rng.Uniform(range.Min, 1) : rng.Uniform(1, range.Max);
    }
}
