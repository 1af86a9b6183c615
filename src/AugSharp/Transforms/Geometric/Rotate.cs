
namespace AugSharp;

/// <summary>
/// Rotates about the centre by an angle drawn from <see cref="Limit"/> degrees, positive
/// counter-clockwise (Albumentations' Rotate; default p = 0.5). The image keeps its size; corners
/// are filled by <see cref="BorderMode"/>.
/// </summary>
[TransformCategory("geometric")]
public sealed class Rotate : Transform<AffineOperation>
{
    /// <summary>The interval of angles in degrees (a single number L in a file means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange Limit { get; init; } = new(-90, 90);

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>How the corners are filled.</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant border value per channel.</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>Constant border value for masks.</summary>
    public double FillMask { get; init; }

    /// <inheritdoc />
    protected override AffineOperation SampleOperation(RandomStream rng, TransformContext context) => new()
    {
        Angle = Limit.Check(nameof(Limit)).Draw(rng),
        Interpolation = Interpolation,
        BorderMode = BorderMode,
        Fill = Fill,
        FillMask = FillMask,
    };
}
