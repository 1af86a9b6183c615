namespace AugSharp;

/// <summary>
/// Salt-and-pepper noise (Albumentations' SaltAndPepper; default p = 0.5): a fraction drawn from
/// <see cref="Amount"/> of the pixels is set, all channels together, to the type's largest value
/// (salt: 255, 65535, or 1 for float32 images in 0..1) or to 0 (pepper); the salt's share is drawn
/// from <see cref="SaltVsPepper"/>. The pixels are distinct.
/// The chosen pixels are too many for a record: the operation holds a 64-bit seed drawn from the
/// transform's random stream and regenerates the same choice from it when applied.
/// </summary>
[TransformCategory("noise")]
public sealed class SaltAndPepper : Transform<SaltAndPepperOperation>
{
    /// <summary>The fraction of pixels changed, within [0, 1]. Default [0.01, 0.06].</summary>
    public ValueRange Amount { get; init; } = new(0.01, 0.06);

    /// <summary>The salt's share of the changed pixels, within [0, 1]. Default [0.4, 0.6].</summary>
    public ValueRange SaltVsPepper { get; init; } = new(0.4, 0.6);

    /// <inheritdoc />
    protected override SaltAndPepperOperation SampleOperation(RandomStream rng, TransformContext context) => new()
    {
        Amount = Amount.Check(nameof(Amount), 0, 1).Draw(rng),
        SaltRatio = SaltVsPepper.Check(nameof(SaltVsPepper), 0, 1).Draw(rng),
        Seed = rng.NextUInt64(),
    };
}

/// <summary>Salt and pepper on a fraction <see cref="Amount"/> of the pixels, chosen from <see cref="Seed"/>.</summary>
public sealed record SaltAndPepperOperation : Operation
{
    /// <summary>The fraction of pixels changed.</summary>
    public double Amount { get; init; }

    /// <summary>The salt's share of them.</summary>
    public double SaltRatio { get; init; } = 0.5;

    /// <summary>The seed of the choice (a partial Fisher–Yates shuffle of the pixel indices; salt first).</summary>
    public ulong Seed { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int w = image.Width, h = image.Height, cn = image.Channels, count = w * h;
        int salt = (int)(count * Amount * SaltRatio), pepper = (int)(count * Amount * (1 - SaltRatio));
        salt = Math.Min(salt, count);
        pepper = Math.Min(pepper, count - salt);
        var result = image.Clone();
        var rng = new RandomStream(Seed);
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        T high = NoiseMath.Put<T>(NoiseMath.MaxValue<T>(), NoiseMath.MaxValue<T>()), low = default;
        for (int i = 0; i < salt + pepper; i++)
        {
            int j = i + rng.NextInt(count - i);
            (order[i], order[j]) = (order[j], order[i]);
            int p = order[i];
            var row = result.GetRow(p / w);
            row.Slice(p % w * cn, cn).Fill(i < salt ? high : low);
        }
        return result;
    }
}
