namespace AugSharp;

/// <summary>
/// Additive Gaussian noise (Albumentations' GaussNoise; default p = 0.5). The standard deviation
/// and mean are drawn from <see cref="StdRange"/> and <see cref="MeanRange"/> as fractions of the
/// type's largest value (255, 65535, or 1 for float32 images, which are taken in 0..1); results
/// are clamped to the type's range. With <see cref="PerChannel"/> every element gets its own
/// noise, otherwise each pixel's channels share one. A <see cref="NoiseScaleFactor"/> below 1 draws
/// the noise on a smaller grid and enlarges it bilinearly.
/// The noise is too big for a record: the operation holds a 64-bit seed drawn from the
/// transform's random stream and regenerates the same noise from it when applied.
/// </summary>
[TransformCategory("noise")]
public sealed class GaussNoise : Transform<GaussNoiseOperation>
{
    private readonly double _noiseScaleFactor = 1;

    /// <summary>The standard deviations, as fractions of the largest value, within [0, 1]. Default [0.2, 0.44].</summary>
    public ValueRange StdRange { get; init; } = new(0.2, 0.44);

    /// <summary>The means, as fractions of the largest value, within [-1, 1]. Default [0, 0].</summary>
    public ValueRange MeanRange { get; init; } = new(0, 0);

    /// <summary>Whether each channel gets its own noise. Default true.</summary>
    public bool PerChannel { get; init; } = true;

    /// <summary>The scale of the noise grid, in (0, 1]: 1 draws a value per pixel. Default 1.</summary>
    public double NoiseScaleFactor
    {
        get => _noiseScaleFactor;
        init => _noiseScaleFactor = value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(NoiseScaleFactor), value, "noise_scale_factor must be in (0, 1].");
    }

    /// <inheritdoc />
    protected override GaussNoiseOperation SampleOperation(RandomStream rng, TransformContext context) => new()
    {
        Std = StdRange.Check(nameof(StdRange), 0, 1).Draw(rng),
        Mean = MeanRange.Check(nameof(MeanRange), -1, 1).Draw(rng),
        PerChannel = PerChannel,
        NoiseScaleFactor = NoiseScaleFactor,
        Seed = rng.NextUInt64(),
    };
}

/// <summary>Gaussian noise of <see cref="Mean"/> and <see cref="Std"/> (fractions of the type's largest value), regenerated from <see cref="Seed"/>.</summary>
public sealed record GaussNoiseOperation : Operation
{
    /// <summary>The standard deviation as a fraction of the largest value.</summary>
    public double Std { get; init; }

    /// <summary>The mean as a fraction of the largest value.</summary>
    public double Mean { get; init; }

    /// <summary>Whether each channel has its own noise.</summary>
    public bool PerChannel { get; init; } = true;

    /// <summary>The scale of the noise grid (1: a value per pixel).</summary>
    public double NoiseScaleFactor { get; init; } = 1;

    /// <summary>The seed of the noise: values drawn row by row (and channel by channel when per channel) on the noise grid.</summary>
    public ulong Seed { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        var rng = new RandomStream(Seed);
        return NoiseMath.AddNoise(image, PerChannel ? image.Channels : 1, NoiseScaleFactor, () => Mean + Std * rng.NextGaussian());
    }
}
