namespace AugSharp;

/// <summary>
/// Inverts the elements at or above a threshold: <c>out = v &gt;= t * max ? max - v : v</c>, with
/// the threshold t drawn from <see cref="ThresholdRange"/> as a fraction of the largest value
/// (255 for uint8, 65535 for uint16, 1 for float32 images in 0..1); any number of channels
/// (Albumentations' Solarize; default p = 0.5).
/// </summary>
[TransformCategory("color")]
public sealed class Solarize : Transform<SolarizeOperation>
{
    /// <summary>The interval of thresholds, as fractions of the largest value (0..1); a single number is a fixed threshold.</summary>
    public ValueRange ThresholdRange { get; init; } = new(0.5, 0.5);

    /// <inheritdoc />
    protected override SolarizeOperation SampleOperation(RandomStream rng, TransformContext context)
        => new() { Threshold = ThresholdRange.Check(nameof(ThresholdRange), 0, 1).Draw(rng) };
}

/// <summary>Inverts the elements at or above <see cref="Threshold"/> times the largest value.</summary>
public sealed record SolarizeOperation : ChannelMapOperation
{
    /// <summary>The threshold, as a fraction of the largest value.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <inheritdoc />
    protected override double Map(int channel, double value, double max) => value >= Threshold * max ? max - value : value;
}
