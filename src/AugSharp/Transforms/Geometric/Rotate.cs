
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
    protected override AffineOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        AlbumentationsOptions.RequireDefault(Name, "rotate_method", RotateMethod, "largest_box");
        AlbumentationsOptions.RequireDefault(Name, "crop_border", CropBorder, false);
        return WithWarpSettings(new AffineOperation { Angle = Limit.Check(nameof(Limit)).Draw(rng) });
    }

    /// <summary>How boxes are rotated: <c>largest_box</c> (the box around the rotated corners; the only method supported).</summary>
    public string RotateMethod { get; init; } = "largest_box";

    /// <summary>Crop to the largest rectangle inside the rotated image (not supported; false).</summary>
    public bool CropBorder { get; init; }
}
