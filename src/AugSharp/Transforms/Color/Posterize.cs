namespace AugSharp;

/// <summary>
/// Keeps the highest bits of each 8-bit level (Albumentations' Posterize; default p = 0.5): a
/// uint8 element keeps its <c>num_bits</c> high bits; uint16 and float32 (0..1) images are taken
/// to their 8-bit level first, as Albumentations does, and that level, posterised, is written back
/// in the image's scale. Any number of channels.
/// </summary>
[TransformCategory("color")]
public sealed class Posterize : Transform<PosterizeOperation>
{
    /// <summary>The number of bits kept (1..8): a single number, or [min, max] for a whole number drawn in that interval (both ends included).</summary>
    public ValueRange NumBits { get; init; } = ValueRange.Fixed(4);

    /// <inheritdoc />
    protected override PosterizeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        NumBits.Check(nameof(NumBits), 1, 8);
        int low = (int)Math.Ceiling(NumBits.Min), high = (int)Math.Floor(NumBits.Max);
        if (low > high) throw new ArgumentOutOfRangeException(nameof(NumBits), NumBits, "num_bits holds no whole number.");
        return new PosterizeOperation { Bits = low == high ? low : rng.NextInt(low, high + 1) };
    }
}

/// <summary>Keeps the <see cref="Bits"/> highest bits of each element's 8-bit level.</summary>
public sealed record PosterizeOperation : ChannelMapOperation
{
    /// <summary>The bits kept (1..8).</summary>
    public int Bits { get; init; } = 8;

    /// <inheritdoc />
    protected override bool IsIdentity(int channel) => Bits >= 8;

    /// <inheritdoc />
    protected override double Map(int channel, double value, double max)
    {
        int mask = ~((1 << (8 - Math.Clamp(Bits, 0, 8))) - 1) & 0xFF;
        if (max == 255) return (int)value & mask;
        int level = (int)Math.Round(Math.Clamp(value / max * 255, 0, 255), MidpointRounding.AwayFromZero);
        return (level & mask) * max / 255;
    }
}
