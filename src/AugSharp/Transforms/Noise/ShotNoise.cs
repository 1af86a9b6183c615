namespace AugSharp;

/// <summary>
/// Photon (shot) noise (Albumentations' ShotNoise; default p = 0.5): in linear light
/// (<c>v^2.2</c> of the value in 0..1) each element becomes <c>Poisson(v/scale)·scale</c>, with
/// the scale drawn from <see cref="ScaleRange"/>, then returns through <c>^(1/2.2)</c>; results are
/// clamped to the type's range (float32 images are taken in 0..1). Each element has its own draw.
/// The noise is too big for a record: the operation holds a 64-bit seed drawn from the
/// transform's random stream and regenerates the same noise from it when applied.
/// </summary>
[TransformCategory("noise")]
public sealed class ShotNoise : Transform<ShotNoiseOperation>
{
    /// <summary>The scales' interval, positive: larger is noisier (a single number is that value). Default [0.1, 0.3].</summary>
    public ValueRange ScaleRange { get; init; } = new(0.1, 0.3);

    /// <inheritdoc />
    protected override ShotNoiseOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var r = ScaleRange.Check(nameof(ScaleRange), 0);
        if (!(r.Min > 0)) throw new ArgumentOutOfRangeException(nameof(ScaleRange), r, "scale_range must be positive.");
        return new ShotNoiseOperation { Scale = r.Draw(rng), Seed = rng.NextUInt64() };
    }
}

/// <summary>Shot noise of <see cref="Scale"/>, regenerated from <see cref="Seed"/>.</summary>
public sealed record ShotNoiseOperation : Operation
{
    /// <summary>The photon scale.</summary>
    public double Scale { get; init; } = 0.1;

    /// <summary>The seed of the Poisson draws, element by element, row by row.</summary>
    public ulong Seed { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        double max = NoiseMath.MaxValue<T>();
        var rng = new RandomStream(Seed);
        return NoiseMath.Map(image, (v, _) =>
        {
            double linear = Math.Pow(Math.Clamp(v / max, 0, 1), 2.2);
            double noisy = NoiseMath.Poisson(rng, linear / Scale) * Scale;
            return Math.Pow(Math.Clamp(noisy, 0, 1), 1 / 2.2) * max;
        });
    }
}
