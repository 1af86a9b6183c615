namespace AugSharp;

/// <summary>
/// Brightness and contrast that vary across the image along a plasma fractal P in 0..1
/// (Albumentations' PlasmaBrightnessContrast; default p = 0.5): with b and c drawn in
/// <see cref="BrightnessRange"/> and <see cref="ContrastRange"/> and values taken in 0..1,
/// first O = I + b·P, then, with μ the mean of O over the whole image, O' = O·(1 + c·P) + μ·(−c·P).
/// The same pattern serves every channel; any channel count; uint8, uint16 and float32 (0..1)
/// images, clamped to their range. The pattern is regenerated from a 64-bit seed when applied
/// (see <see cref="PlasmaTransform{TOperation}.PlasmaSize"/> and <see cref="PlasmaTransform{TOperation}.Roughness"/>).
/// </summary>
[TransformCategory("color")]
public sealed class PlasmaBrightnessContrast : PlasmaTransform<PlasmaBrightnessContrastOperation>
{
    /// <summary>The brightness change at the pattern's peak, within [-1, 1]. Default [-0.3, 0.3].</summary>
    public ValueRange BrightnessRange { get; init; } = new(-0.3, 0.3);

    /// <summary>The contrast change at the pattern's peak, within [-1, 1]. Default [-0.3, 0.3].</summary>
    public ValueRange ContrastRange { get; init; } = new(-0.3, 0.3);

    /// <inheritdoc />
    protected override PlasmaBrightnessContrastOperation SampleOperation(RandomStream rng, TransformContext context) => new()
    {
        BrightnessFactor = BrightnessRange.Check(nameof(BrightnessRange), -1, 1).Draw(rng),
        ContrastFactor = ContrastRange.Check(nameof(ContrastRange), -1, 1).Draw(rng),
        PlasmaSize = PlasmaSize,
        Roughness = Roughness,
        Seed = rng.NextUInt64(),
    };
}

/// <summary>Brightness and contrast weighted by the plasma pattern regenerated from <see cref="Seed"/>.</summary>
public sealed record PlasmaBrightnessContrastOperation : Operation
{
    /// <summary>The brightness change at the pattern's peak (a fraction of the largest value).</summary>
    public double BrightnessFactor { get; init; }

    /// <summary>The contrast change at the pattern's peak.</summary>
    public double ContrastFactor { get; init; }

    /// <summary>The largest side of the fractal's grid.</summary>
    public int PlasmaSize { get; init; } = 256;

    /// <summary>The fractal's roughness.</summary>
    public double Roughness { get; init; } = 3;

    /// <summary>The seed of the pattern.</summary>
    public ulong Seed { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        if (BrightnessFactor == 0 && ContrastFactor == 0) return image;
        int w = image.Width, h = image.Height, cn = image.Channels;
        var pattern = PlasmaFractal.Generate(Seed, w, h, PlasmaSize, Roughness);
        double max = NoiseMath.MaxValue<T>();
        // The mean after the brightness step: the image's mean plus b times the pattern's mean.
        double sum = 0, patternSum = 0;
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            for (int i = 0; i < s.Length; i++) sum += NoiseMath.Get(s[i]);
        }
        foreach (float v in pattern) patternSum += v;
        long count = (long)w * h;
        double mean = count == 0 || cn == 0 ? 0 : sum / max / (count * cn) + BrightnessFactor * patternSum / count;
        var result = ImageBuffer<T>.CreateUninitialized(w, h, cn);
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                double p = pattern[y * w + x], shift = BrightnessFactor * p, weight = 1 + ContrastFactor * p;
                for (int c = 0; c < cn; c++)
                {
                    double v = NoiseMath.Get(s[x * cn + c]) / max + shift;
                    d[x * cn + c] = NoiseMath.Put<T>((v * weight + mean * (1 - weight)) * max, max);
                }
            }
        }
        return result;
    }
}
