namespace AugSharp;

/// <summary>
/// Gamma correction: <c>out = max * (v / max)^gamma</c> with gamma = a draw from
/// <see cref="GammaLimit"/> / 100 (Albumentations' RandomGamma; default p = 0.5). Values are in the
/// image's scale (uint8 0..255 through a lookup table, uint16 0..65535, float32 0..1 as
/// Albumentations has it); any number of channels.
/// </summary>
[TransformCategory("color")]
public sealed class RandomGamma : Transform<GammaOperation>
{
    /// <summary>The interval of gamma values times 100 (80..120 means gamma 0.8..1.2; both ends above 0); a single number is a fixed gamma times 100.</summary>
    public ValueRange GammaLimit { get; init; } = new(80, 120);

    /// <inheritdoc />
    protected override GammaOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        GammaLimit.Check(nameof(GammaLimit));
        if (!(GammaLimit.Min > 0)) throw new ArgumentOutOfRangeException(nameof(GammaLimit), GammaLimit, "gamma_limit must be above 0 (values are gamma times 100).");
        return new GammaOperation { Gamma = GammaLimit.Draw(rng) / 100 };
    }
}

/// <summary><c>out = max * (v / max)^Gamma</c>.</summary>
public sealed record GammaOperation : ChannelMapOperation
{
    /// <summary>The exponent (above 0).</summary>
    public double Gamma { get; init; } = 1;

    /// <inheritdoc />
    protected override bool IsIdentity(int channel) => Gamma == 1;

    /// <inheritdoc />
    protected override double Map(int channel, double value, double max) => max * Math.Pow(Math.Max(value, 0) / max, Gamma);
}
