using System.Globalization;

namespace AugSharp;

/// <summary>The distribution of <see cref="AdditiveNoise"/>.</summary>
public enum AdditiveNoiseType
{
    /// <summary>Uniform in a range (noise_params: ranges, one [min, max] per channel or one for all, within [-1, 1]).</summary>
    Uniform,

    /// <summary>Normal (noise_params: mean_range within [-1, 1], std_range within [0, 1]).</summary>
    Gaussian,

    /// <summary>Laplace, heavier tails than normal (noise_params: mean_range within [-1, 1], scale_range within [0, 1]).</summary>
    Laplace,

    /// <summary>Beta(α, β) mapped to [−scale, scale] (noise_params: alpha_range and beta_range above 0, scale_range within [0, 1]).</summary>
    Beta,
}

/// <summary>Where <see cref="AdditiveNoise"/> draws its values.</summary>
public enum NoiseSpatialMode
{
    /// <summary>One value per channel, the same at every pixel.</summary>
    Constant,

    /// <summary>One value per pixel and channel.</summary>
    PerPixel,

    /// <summary>One value per pixel, shared by its channels.</summary>
    Shared,
}

/// <summary>
/// The distribution parameters of <see cref="AdditiveNoise"/> (Albumentations' <c>noise_params</c>
/// mapping), every value a fraction of the type's largest value. Which keys apply depends on the
/// noise type (see <see cref="AdditiveNoiseType"/>); a key the type does not take is refused, a
/// key left out takes the type's default.
/// </summary>
public sealed class NoiseParams
{
    private static readonly string[] Keys = ["ranges", "mean_range", "std_range", "scale_range", "alpha_range", "beta_range"];

    /// <summary>Uniform noise: one [min, max] per channel, or one for every channel (spatial modes use the first).</summary>
    public IReadOnlyList<ValueRange>? Ranges { get; init; }

    /// <summary>Gaussian and Laplace noise: the range of the mean (location).</summary>
    public ValueRange? MeanRange { get; init; }

    /// <summary>Gaussian noise: the range of the standard deviation.</summary>
    public ValueRange? StdRange { get; init; }

    /// <summary>Laplace noise: the range of the scale; beta noise: the range of the output's half-width.</summary>
    public ValueRange? ScaleRange { get; init; }

    /// <summary>Beta noise: the range of the first shape parameter.</summary>
    public ValueRange? AlphaRange { get; init; }

    /// <summary>Beta noise: the range of the second shape parameter.</summary>
    public ValueRange? BetaRange { get; init; }

    /// <summary>The noise type named in the mapping (<c>noise_type</c>, as Albumentations saves it), or null.</summary>
    public AdditiveNoiseType? NoiseType { get; init; }

    /// <summary>Albumentations' defaults for <paramref name="type"/>.</summary>
    public static NoiseParams DefaultFor(AdditiveNoiseType type) => type switch
    {
        AdditiveNoiseType.Uniform => new() { Ranges = [new(-0.1, 0.1)] },
        AdditiveNoiseType.Gaussian => new() { MeanRange = new(0, 0), StdRange = new(0.05, 0.15) },
        AdditiveNoiseType.Laplace => new() { MeanRange = new(0, 0), ScaleRange = new(0.05, 0.15) },
        _ => new() { AlphaRange = new(0.5, 1.5), BetaRange = new(0.5, 1.5), ScaleRange = new(0.1, 0.3) },
    };

    /// <summary>Reads the mapping a file gives.</summary>
    public static NoiseParams FromFileValue(object? value)
    {
        if (value is not IReadOnlyDictionary<string, object?> map) throw new FormatException("must be a mapping such as {ranges: [[-0.1, 0.1]]} or {mean_range: [0, 0], std_range: [0.05, 0.15]}");
        AdditiveNoiseType? type = null;
        foreach (var key in map.Keys)
        {
            if (key == "noise_type")
            {
                type = (AdditiveNoiseType)TransformRegistry.Convert(map[key], typeof(AdditiveNoiseType), false)!;
                continue;
            }
            if (!Keys.Contains(key)) throw new FormatException($"takes the keys {string.Join(", ", Keys)}, not '{key}'");
        }
        ValueRange? Range(string key) => map.TryGetValue(key, out var v) && v is not null ? (ValueRange)TransformRegistry.Convert(v, typeof(ValueRange), false)! : null;
        IReadOnlyList<ValueRange>? ranges = null;
        if (map.TryGetValue("ranges", out var r) && r is not null)
        {
            if (r is not IList<object?> list || list.Count == 0) throw new FormatException("ranges must be a list of [min, max]");
            ranges = list.All(i => i is not IList<object?>)
                ? [(ValueRange)TransformRegistry.Convert(list, typeof(ValueRange), false)!]
                : list.Select(i => (ValueRange)TransformRegistry.Convert(i, typeof(ValueRange), false)!).ToArray();
        }
        return new NoiseParams
        {
            NoiseType = type,
            Ranges = ranges,
            MeanRange = Range("mean_range"),
            StdRange = Range("std_range"),
            ScaleRange = Range("scale_range"),
            AlphaRange = Range("alpha_range"),
            BetaRange = Range("beta_range"),
        };
    }

    /// <summary>The mapping a file writes (the keys that are set).</summary>
    public object ToFileValue()
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (NoiseType is { } t) map["noise_type"] = TransformRegistry.SnakeCase(t.ToString());
        if (Ranges is not null) map["ranges"] = Ranges.Select(r => (object?)new List<object?> { r.Min, r.Max }).ToList();
        void Put(string key, ValueRange? v)
        {
            if (v is { } x) map[key] = new List<object?> { x.Min, x.Max };
        }
        Put("mean_range", MeanRange);
        Put("std_range", StdRange);
        Put("scale_range", ScaleRange);
        Put("alpha_range", AlphaRange);
        Put("beta_range", BetaRange);
        return map;
    }

    /// <summary>These parameters completed with the defaults of <paramref name="type"/> and checked; throws naming AdditiveNoise.noise_params.</summary>
    internal NoiseParams Resolve(AdditiveNoiseType type)
    {
        const string Name = "AdditiveNoise.noise_params";
        if (NoiseType is { } t && t != type)
            throw new ArgumentException($"{Name} is for {TransformRegistry.SnakeCase(t.ToString())} noise, not {TransformRegistry.SnakeCase(type.ToString())}.");
        void Refuse(string key, object? v)
        {
            if (v is not null) throw new ArgumentException($"{Name}: {key} does not apply to {TransformRegistry.SnakeCase(type.ToString())} noise.");
        }
        var d = DefaultFor(type);
        switch (type)
        {
            case AdditiveNoiseType.Uniform:
                Refuse("mean_range", MeanRange); Refuse("std_range", StdRange); Refuse("scale_range", ScaleRange); Refuse("alpha_range", AlphaRange); Refuse("beta_range", BetaRange);
                var ranges = Ranges is { Count: > 0 } ? Ranges : d.Ranges!;
                foreach (var range in ranges) range.Check(Name + ".ranges", -1, 1);
                return new NoiseParams { Ranges = ranges };
            case AdditiveNoiseType.Gaussian:
                Refuse("ranges", Ranges); Refuse("scale_range", ScaleRange); Refuse("alpha_range", AlphaRange); Refuse("beta_range", BetaRange);
                return new NoiseParams { MeanRange = (MeanRange ?? d.MeanRange)!.Value.Check(Name + ".mean_range", -1, 1), StdRange = (StdRange ?? d.StdRange)!.Value.Check(Name + ".std_range", 0, 1) };
            case AdditiveNoiseType.Laplace:
                Refuse("ranges", Ranges); Refuse("std_range", StdRange); Refuse("alpha_range", AlphaRange); Refuse("beta_range", BetaRange);
                return new NoiseParams { MeanRange = (MeanRange ?? d.MeanRange)!.Value.Check(Name + ".mean_range", -1, 1), ScaleRange = (ScaleRange ?? d.ScaleRange)!.Value.Check(Name + ".scale_range", 0, 1) };
            default:
                Refuse("ranges", Ranges); Refuse("mean_range", MeanRange); Refuse("std_range", StdRange);
                var alpha = (AlphaRange ?? d.AlphaRange)!.Value.Check(Name + ".alpha_range", 0);
                var beta = (BetaRange ?? d.BetaRange)!.Value.Check(Name + ".beta_range", 0);
                if (alpha.Min <= 0 || beta.Min <= 0) throw new ArgumentException($"{Name}: alpha_range and beta_range must lie above 0.");
                return new NoiseParams { AlphaRange = alpha, BetaRange = beta, ScaleRange = (ScaleRange ?? d.ScaleRange)!.Value.Check(Name + ".scale_range", 0, 1) };
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", ((Dictionary<string, object?>)ToFileValue()).Select(kv => kv.Key + ": " + Convert.ToString(kv.Value, CultureInfo.InvariantCulture)));
}

/// <summary>
/// Adds noise of a chosen distribution (Albumentations' AdditiveNoise; default p = 0.5): uniform,
/// Gaussian, Laplace or beta, with its parameters drawn from <see cref="NoiseParams"/> (fractions of
/// the type's largest value: 255, 65535, or 1 for float32 images taken in 0..1), either one value
/// per channel (<see cref="NoiseSpatialMode.Constant"/>), one per pixel and channel, or one per
/// pixel shared by its channels. Below 1, <see cref="Approximation"/> draws the spatial noise on a
/// smaller grid and enlarges it bilinearly. Results are clamped to the type's range. Spatial noise
/// is too big for a record: the operation holds its drawn parameters and a 64-bit seed.
/// Any channel count (constant uniform noise with one range per channel needs as many ranges as
/// channels, or one).
/// </summary>
[TransformCategory("noise")]
public sealed class AdditiveNoise : Transform<AdditiveNoiseOperation>
{
    private readonly double _approximation = 1;

    /// <summary>The distribution. Default uniform.</summary>
    public AdditiveNoiseType NoiseType { get; init; } = AdditiveNoiseType.Uniform;

    /// <summary>Where values are drawn. Default constant.</summary>
    public NoiseSpatialMode SpatialMode { get; init; } = NoiseSpatialMode.Constant;

    /// <summary>The distribution's parameters, or null (the default) for the noise type's defaults.</summary>
    public NoiseParams? NoiseParams { get; init; }

    /// <summary>The scale of the grid spatial noise is drawn on, within [0, 1]: 1 draws a value per pixel. Default 1.</summary>
    public double Approximation
    {
        get => _approximation;
        init => _approximation = value >= 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Approximation), value, "approximation must be within [0, 1].");
    }

    /// <inheritdoc />
    protected override AdditiveNoiseOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var parameters = (NoiseParams ?? AugSharp.NoiseParams.DefaultFor(NoiseType)).Resolve(NoiseType);
        var op = new AdditiveNoiseOperation { NoiseType = NoiseType, SpatialMode = SpatialMode, Approximation = Approximation };
        if (SpatialMode == NoiseSpatialMode.Constant && NoiseType == AdditiveNoiseType.Uniform)
        {
            int channels = context.Shape.Channels;
            var ranges = parameters.Ranges!;
            if (ranges.Count != 1 && ranges.Count < channels)
                throw new ArgumentException($"AdditiveNoise.noise_params.ranges has {ranges.Count} ranges for an image of {channels} channels; give one per channel, or one for all.");
            return op with { Offsets = Enumerable.Range(0, channels).Select(c => rng.Uniform(ranges[ranges.Count == 1 ? 0 : c].Min, ranges[ranges.Count == 1 ? 0 : c].Max)).ToArray() };
        }
        op = NoiseType switch
        {
            AdditiveNoiseType.Uniform => op with { Low = parameters.Ranges![0].Min, High = parameters.Ranges[0].Max },
            AdditiveNoiseType.Gaussian => op with { Mean = parameters.MeanRange!.Value.Draw(rng), Std = parameters.StdRange!.Value.Draw(rng) },
            AdditiveNoiseType.Laplace => op with { Mean = parameters.MeanRange!.Value.Draw(rng), Scale = parameters.ScaleRange!.Value.Draw(rng) },
            _ => op with { Alpha = parameters.AlphaRange!.Value.Draw(rng), Beta = parameters.BetaRange!.Value.Draw(rng), Scale = parameters.ScaleRange!.Value.Draw(rng) },
        };
        if (SpatialMode == NoiseSpatialMode.Constant)
        {
            var values = new double[context.Shape.Channels];
            for (int c = 0; c < values.Length; c++) values[c] = op.Draw(rng);
            return op with { Offsets = values };
        }
        return op with { Seed = rng.NextUInt64() };
    }
}

/// <summary>Noise added with the drawn distribution: constant <see cref="Offsets"/>, or spatial noise regenerated from <see cref="Seed"/>.</summary>
public sealed record AdditiveNoiseOperation : Operation
{
    /// <summary>The distribution.</summary>
    public AdditiveNoiseType NoiseType { get; init; }

    /// <summary>Where values are drawn.</summary>
    public NoiseSpatialMode SpatialMode { get; init; }

    /// <summary>The scale of the grid spatial noise is drawn on.</summary>
    public double Approximation { get; init; } = 1;

    /// <summary>Constant mode: the value added to each channel, as a fraction of the largest value.</summary>
    public IReadOnlyList<double> Offsets { get; init; } = [];

    /// <summary>Uniform spatial noise: the lower end.</summary>
    public double Low { get; init; }

    /// <summary>Uniform spatial noise: the upper end.</summary>
    public double High { get; init; }

    /// <summary>Gaussian and Laplace noise: the drawn mean (location).</summary>
    public double Mean { get; init; }

    /// <summary>Gaussian noise: the drawn standard deviation.</summary>
    public double Std { get; init; }

    /// <summary>Laplace noise: the drawn scale; beta noise: the output's half-width.</summary>
    public double Scale { get; init; }

    /// <summary>Beta noise: the drawn first shape parameter.</summary>
    public double Alpha { get; init; }

    /// <summary>Beta noise: the drawn second shape parameter.</summary>
    public double Beta { get; init; }

    /// <summary>Spatial modes: the seed of the noise (values drawn row by row on the grid).</summary>
    public ulong Seed { get; init; }

    /// <summary>One value of the distribution, as a fraction of the largest value.</summary>
    internal double Draw(RandomStream rng) => NoiseType switch
    {
        AdditiveNoiseType.Uniform => rng.Uniform(Low, High),
        AdditiveNoiseType.Gaussian => Mean + Std * rng.NextGaussian(),
        AdditiveNoiseType.Laplace => Distributions.Laplace(rng, Mean, Scale),
        _ => (2 * rng.NextBeta(Alpha, Beta) - 1) * Scale,
    };

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        double max = NoiseMath.MaxValue<T>();
        int cn = image.Channels;
        if (SpatialMode == NoiseSpatialMode.Constant)
        {
            if (Offsets.Count != cn) throw new ArgumentException($"AdditiveNoise: {Offsets.Count} offsets do not fit an image of {cn} channels.");
            return NoiseMath.Map(image, (v, c) => v + Offsets[c] * max);
        }
        var rng = new RandomStream(Seed);
        return NoiseMath.AddNoise(image, SpatialMode == NoiseSpatialMode.PerPixel ? cn : 1, Approximation, () => Draw(rng));
    }
}

/// <summary>Draws of the Laplace distribution from a <see cref="RandomStream"/>.</summary>
internal static class Distributions
{
    /// <summary>A Laplace draw of location <paramref name="location"/> and scale <paramref name="scale"/> (inverse of the distribution function).</summary>
    public static double Laplace(RandomStream rng, double location, double scale)
    {
        double u = rng.NextDouble() - 0.5;
        return location - scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u) + double.Epsilon);
    }
}
