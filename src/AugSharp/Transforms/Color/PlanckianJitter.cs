namespace AugSharp;

/// <summary>The illuminant model of <see cref="PlanckianJitter"/>.</summary>
public enum PlanckianMode
{
    /// <summary>Black-body radiators, 3000 K to 15000 K.</summary>
    Blackbody,

    /// <summary>CIE daylight illuminants, 4000 K to 15000 K.</summary>
    Cied,
}

/// <summary>How <see cref="PlanckianJitter"/> draws the temperature.</summary>
public enum PlanckianSampling
{
    /// <summary>Uniformly below 6000 K with probability 0.4, uniformly above it otherwise.</summary>
    Uniform,

    /// <summary>Half-normal distances from 6000 K (a third of the distance to the interval's end as standard deviation), below with probability 0.4.</summary>
    Gaussian,
}

/// <summary>
/// Re-lights an RGB image with a Planckian illuminant of a random color temperature
/// (Albumentations' PlanckianJitter; default p = 0.5): the red channel is multiplied by
/// <c>r/g</c> and the blue one by <c>b/g</c> of the illuminant's chromaticity, interpolated
/// linearly between the tabulated temperatures (every 500 K). Takes RGB images (3 channels, or 4
/// with alpha kept) of uint8 (0..255, rounded), uint16 (0..65535) or float32 (0..1, Albumentations'
/// convention), clamped to their range.
/// </summary>
[TransformCategory("color")]
[RgbImages]
public sealed class PlanckianJitter : Transform<PlanckianJitterOperation>
{
    /// <summary>The illuminant model.</summary>
    public PlanckianMode Mode { get; init; } = PlanckianMode.Blackbody;

    /// <summary>The interval of temperatures in kelvin, or null for the model's whole table (3000..15000 K black-body, 4000..15000 K daylight).</summary>
    public ValueRange? TemperatureLimit { get; init; }

    /// <summary>How the temperature is drawn.</summary>
    public PlanckianSampling SamplingMethod { get; init; } = PlanckianSampling.Uniform;

    /// <inheritdoc />
    protected override PlanckianJitterOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        const double white = 6000, below = 0.4;
        var limit = (TemperatureLimit ?? new ValueRange(Mode == PlanckianMode.Blackbody ? 3000 : 4000, 15000)).Check(nameof(TemperatureLimit), Mode == PlanckianMode.Blackbody ? 3000 : 4000, 15000);
        if (!(limit.Min <= white && white <= limit.Max)) throw new ArgumentOutOfRangeException(nameof(TemperatureLimit), limit, "temperature_limit must include 6000 K.");
        double temperature;
        bool cold = rng.NextDouble() < below;
        if (SamplingMethod == PlanckianSampling.Uniform)
            temperature = cold ? rng.Uniform(limit.Min, white) : rng.Uniform(white, limit.Max);
        else
            temperature = cold ? white - Math.Abs(rng.NextGaussian() * (white - limit.Min) / 3) : white + Math.Abs(rng.NextGaussian() * (limit.Max - white) / 3);
        return new PlanckianJitterOperation { Mode = Mode, Temperature = (int)Math.Clamp(temperature, limit.Min, limit.Max) };
    }
}

/// <summary>Scales red and blue by the chromaticity of a Planckian illuminant of <see cref="Temperature"/> kelvin.</summary>
public sealed record PlanckianJitterOperation : ChannelMapOperation
{
    private static readonly double[][] Blackbody =
    [
        [0.6743, 0.4029, 0.0013], [0.6281, 0.4241, 0.1665], [0.5919, 0.4372, 0.2513], [0.5623, 0.4457, 0.3154],
        [0.5376, 0.4515, 0.3672], [0.5163, 0.4555, 0.4103], [0.4979, 0.4584, 0.4468], [0.4816, 0.4604, 0.4782],
        [0.4672, 0.4619, 0.5053], [0.4542, 0.4630, 0.5289], [0.4426, 0.4638, 0.5497], [0.4320, 0.4644, 0.5681],
        [0.4223, 0.4648, 0.5844], [0.4135, 0.4651, 0.5990], [0.4054, 0.4653, 0.6121], [0.3980, 0.4654, 0.6239],
        [0.3911, 0.4655, 0.6346], [0.3847, 0.4656, 0.6444], [0.3787, 0.4656, 0.6532], [0.3732, 0.4656, 0.6613],
        [0.3680, 0.4655, 0.6688], [0.3632, 0.4655, 0.6756], [0.3586, 0.4655, 0.6820], [0.3544, 0.4654, 0.6878],
        [0.3503, 0.4653, 0.6933],
    ];

    private static readonly double[][] Daylight =
    [
        [0.5829, 0.4421, 0.2288], [0.5510, 0.4514, 0.2948], [0.5246, 0.4576, 0.3488], [0.5021, 0.4618, 0.3941],
        [0.4826, 0.4646, 0.4325], [0.4654, 0.4667, 0.4654], [0.4502, 0.4681, 0.4938], [0.4364, 0.4692, 0.5186],
        [0.4240, 0.4700, 0.5403], [0.4127, 0.4705, 0.5594], [0.4023, 0.4709, 0.5763], [0.3928, 0.4713, 0.5914],
        [0.3839, 0.4715, 0.6049], [0.3757, 0.4716, 0.6171], [0.3681, 0.4717, 0.6281], [0.3609, 0.4718, 0.6380],
        [0.3543, 0.4719, 0.6472], [0.3480, 0.4719, 0.6555], [0.3421, 0.4719, 0.6631], [0.3365, 0.4719, 0.6702],
        [0.3313, 0.4719, 0.6766], [0.3263, 0.4719, 0.6826], [0.3217, 0.4719, 0.6882],
    ];

    /// <summary>The illuminant model.</summary>
    public PlanckianMode Mode { get; init; }

    /// <summary>The color temperature in kelvin.</summary>
    public int Temperature { get; init; } = 6000;

    /// <summary>The illuminant's (r, g, b) chromaticity at <see cref="Temperature"/>, interpolated between the 500 K steps of the table.</summary>
    private (double R, double G, double B) Chromaticity()
    {
        var table = Mode == PlanckianMode.Blackbody ? Blackbody : Daylight;
        int min = Mode == PlanckianMode.Blackbody ? 3000 : 4000, max = 15000;
        int t = Math.Clamp(Temperature, min, max);
        int left = Math.Max(t / 500 * 500, min), right = Math.Min((t / 500 + 1) * 500, max);
        var l = table[(left - min) / 500];
        if (left == right) return (l[0], l[1], l[2]);
        var r = table[(right - min) / 500];
        double w = (t - left) / (double)(right - left);
        return ((1 - w) * l[0] + w * r[0], (1 - w) * l[1] + w * r[1], (1 - w) * l[2] + w * r[2]);
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        ColorChannels.RequireRgb("PlanckianJitter", image.Channels);
        return base.ApplyToPixels(image);
    }

    /// <inheritdoc />
    protected override bool IsIdentity(int channel) => channel is not (0 or 2);

    /// <inheritdoc />
    protected override double Map(int channel, double value, double max)
    {
        var (r, g, b) = Chromaticity();
        return value * (channel == 0 ? r / g : b / g);
    }
}
