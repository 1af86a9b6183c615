namespace AugSharp;

/// <summary>
/// Multiplies the image by random factors from <see cref="Multiplier"/> (Albumentations'
/// MultiplicativeNoise; default p = 0.5): one factor for the image, one per channel
/// (<see cref="PerChannel"/>), one per pixel (<see cref="Elementwise"/>) or one per element (both).
/// Results are clamped to the type's range (float32 images are taken in 0..1).
/// Per-pixel factors are too many for a record: the operation then holds a 64-bit seed drawn from
/// the transform's random stream and regenerates them from it; otherwise it holds the factors.
/// </summary>
[TransformCategory("noise")]
public sealed class MultiplicativeNoise : Transform<MultiplicativeNoiseOperation>
{
    /// <summary>The factors' interval, non-negative (a single number is that value). Default [0.9, 1.1].</summary>
    public ValueRange Multiplier { get; init; } = new(0.9, 1.1);

    /// <summary>Whether each channel has its own factor. Default false.</summary>
    public bool PerChannel { get; init; }

    /// <summary>Whether each pixel has its own factor. Default false.</summary>
    public bool Elementwise { get; init; }

    /// <inheritdoc />
    protected override MultiplicativeNoiseOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var m = Multiplier.Check(nameof(Multiplier), 0);
        if (Elementwise)
            return new MultiplicativeNoiseOperation { Low = m.Min, High = m.Max, PerChannel = PerChannel, Elementwise = true, Seed = rng.NextUInt64() };
        int count = PerChannel ? context.Shape.Channels : 1;
        var factors = new double[count];
        for (int i = 0; i < count; i++) factors[i] = rng.Uniform(m.Min, m.Max);
        return new MultiplicativeNoiseOperation { Low = m.Min, High = m.Max, PerChannel = PerChannel, Factors = factors };
    }
}

/// <summary>Multiplication by <see cref="Factors"/> (one, or one per channel), or by per-pixel factors regenerated from <see cref="Seed"/>.</summary>
public sealed record MultiplicativeNoiseOperation : Operation
{
    /// <summary>The lower end of per-pixel factors.</summary>
    public double Low { get; init; } = 1;

    /// <summary>The upper end of per-pixel factors.</summary>
    public double High { get; init; } = 1;

    /// <summary>Whether each channel has its own factor.</summary>
    public bool PerChannel { get; init; }

    /// <summary>Whether each pixel has its own factor (drawn from <see cref="Seed"/>).</summary>
    public bool Elementwise { get; init; }

    /// <summary>The factors when not elementwise: one for all channels, or one per channel (cycled when the image has more).</summary>
    public IReadOnlyList<double> Factors { get; init; } = [1.0];

    /// <summary>The seed of per-pixel factors: uniform in [Low, High), row by row, channel by channel when per channel.</summary>
    public ulong Seed { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        if (!Elementwise)
        {
            var f = Factors.Count == 0 ? [1.0] : Factors;
            return NoiseMath.Map(image, (v, c) => v * f[c % f.Count]);
        }
        double max = NoiseMath.MaxValue<T>();
        var rng = new RandomStream(Seed);
        int cn = image.Channels;
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, cn);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int x = 0; x < image.Width; x++)
            {
                double shared = PerChannel ? 0 : rng.Uniform(Low, High);
                for (int c = 0; c < cn; c++)
                {
                    double m = PerChannel ? rng.Uniform(Low, High) : shared;
                    d[x * cn + c] = NoiseMath.Put<T>(NoiseMath.Get(s[x * cn + c]) * m, max);
                }
            }
        }
        return result;
    }
}
