namespace AugSharp;

/// <summary>
/// Adds a constant to each of the red, green and blue channels, each drawn from its own interval
/// (Albumentations' RGBShift; default p = 0.5). Shifts are in 8-bit levels whatever the type: a
/// shift s adds <c>s</c> to uint8 elements, <c>s * 257</c> to uint16 ones and <c>s / 255</c> to
/// float32 ones (in 0..1, Albumentations' convention); results are clamped. Channels 0, 1 and 2
/// get the red, green and blue shifts; a gray image gets the red shift; channels after the third
/// (alpha, extra bands) are kept.
/// </summary>
[TransformCategory("color")]
public sealed class RGBShift : Transform<RGBShiftOperation>
{
    /// <summary>The interval of red shifts, in 8-bit levels (a single number L means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange RShiftLimit { get; init; } = new(-20, 20);

    /// <summary>The interval of green shifts, in 8-bit levels (a single number L means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange GShiftLimit { get; init; } = new(-20, 20);

    /// <summary>The interval of blue shifts, in 8-bit levels (a single number L means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange BShiftLimit { get; init; } = new(-20, 20);

    /// <inheritdoc />
    protected override RGBShiftOperation SampleOperation(RandomStream rng, TransformContext context) => new()
    {
        RShift = RShiftLimit.Check(nameof(RShiftLimit)).Draw(rng),
        GShift = GShiftLimit.Check(nameof(GShiftLimit)).Draw(rng),
        BShift = BShiftLimit.Check(nameof(BShiftLimit)).Draw(rng),
    };
}

/// <summary>Adds <see cref="RShift"/>, <see cref="GShift"/> and <see cref="BShift"/> (8-bit levels) to channels 0, 1 and 2.</summary>
public sealed record RGBShiftOperation : ChannelMapOperation
{
    /// <summary>The red shift, in 8-bit levels.</summary>
    public double RShift { get; init; }

    /// <summary>The green shift, in 8-bit levels.</summary>
    public double GShift { get; init; }

    /// <summary>The blue shift, in 8-bit levels.</summary>
    public double BShift { get; init; }

    private double Shift(int channel) => channel switch { 0 => RShift, 1 => GShift, 2 => BShift, _ => 0 };

    /// <inheritdoc />
    protected override bool IsIdentity(int channel) => Shift(channel) == 0;

    /// <inheritdoc />
    protected override double Map(int channel, double value, double max) => value + Shift(channel) * max / 255;
}
