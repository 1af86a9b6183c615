namespace AugSharp;

/// <summary>
/// Organic shadows along a plasma fractal P in 0..1 (Albumentations' PlasmaShadow; default
/// p = 0.5): every element becomes I·(1 − i·P) with i drawn in <see cref="ShadowIntensityRange"/>
/// (0 keeps the image, 1 blackens the pattern's peak). The same pattern serves every channel;
/// any channel count; uint8, uint16 and float32 (0..1) images. The pattern is regenerated from a
/// 64-bit seed when applied (see <see cref="PlasmaTransform{TOperation}.PlasmaSize"/> and <see cref="PlasmaTransform{TOperation}.Roughness"/>).
/// </summary>
[TransformCategory("color")]
public sealed class PlasmaShadow : PlasmaTransform<PlasmaShadowOperation>
{
    /// <summary>The darkening at the pattern's peak, within [0, 1]. Default [0.3, 0.7].</summary>
    public ValueRange ShadowIntensityRange { get; init; } = new(0.3, 0.7);

    /// <inheritdoc />
    protected override PlasmaShadowOperation SampleOperation(RandomStream rng, TransformContext context) => new()
    {
        Intensity = ShadowIntensityRange.Check(nameof(ShadowIntensityRange), 0, 1).Draw(rng),
        PlasmaSize = PlasmaSize,
        Roughness = Roughness,
        Seed = rng.NextUInt64(),
    };
}

/// <summary>Darkens the image by <see cref="Intensity"/> times the plasma pattern regenerated from <see cref="Seed"/>.</summary>
public sealed record PlasmaShadowOperation : Operation
{
    /// <summary>The darkening at the pattern's peak.</summary>
    public double Intensity { get; init; }

    /// <summary>The largest side of the fractal's grid.</summary>
    public int PlasmaSize { get; init; } = 256;

    /// <summary>The fractal's roughness.</summary>
    public double Roughness { get; init; } = 3;

    /// <summary>The seed of the pattern.</summary>
    public ulong Seed { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        if (Intensity == 0) return image;
        var pattern = PlasmaFractal.Generate(Seed, image.Width, image.Height, PlasmaSize, Roughness);
        var factor = new double[pattern.Length];
        for (int i = 0; i < factor.Length; i++) factor[i] = 1 - Intensity * pattern[i];
        return PixelPattern.Multiply(image, factor);
    }
}
