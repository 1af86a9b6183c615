
namespace AugSharp;

/// <summary>
/// Rotates about the centre by an angle drawn from <see cref="Limit"/> degrees, positive
/// counter-clockwise (Albumentations' Rotate; default p = 0.5). The image keeps its size; corners
/// are filled by <see cref="BorderMode"/>.
/// </summary>
[TransformCategory("geometric")]
public sealed class Rotate : WarpingTransform<AffineOperation>
{
    /// <summary>The interval of angles in degrees (a single number L in a file means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange Limit { get; init; } = new(-90, 90);

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
