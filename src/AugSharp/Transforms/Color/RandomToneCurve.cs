namespace AugSharp;

/// <summary>
/// Bends the tone curve (Albumentations' RandomToneCurve; default p = 0.5): a cubic Bezier curve
/// from (0, 0) to (1, 1) with control points (1/3-ish) y-positions <c>low_y</c> ~ N(0.25, scale)
/// and <c>high_y</c> ~ N(0.75, scale), each clamped to 0..1, maps <c>t = v / max</c> to
/// <c>max * (3(1-t)²t·low_y + 3(1-t)t²·high_y + t³)</c>. With <see cref="PerChannel"/> each channel
/// draws its own pair. uint8 (0..255, rounded, through a table), uint16 (0..65535) and float32
/// (0..1, Albumentations' convention) images with any number of channels.
/// </summary>
[TransformCategory("color")]
public sealed class RandomToneCurve : Transform<ToneCurveOperation>
{
    /// <summary>The standard deviation of the control points' normal draws (0..1).</summary>
    public double Scale { get; init; } = 0.1;

    /// <summary>True: each channel gets its own curve.</summary>
    public bool PerChannel { get; init; }

    /// <inheritdoc />
    protected override ToneCurveOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (!(Scale >= 0 && Scale <= 1)) throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "scale must be between 0 and 1.");
        int n = PerChannel ? context.Shape.Channels : 1;
        var low = new double[n];
        var high = new double[n];
        for (int c = 0; c < n; c++) low[c] = Math.Clamp(0.25 + Scale * rng.NextGaussian(), 0, 1);
        for (int c = 0; c < n; c++) high[c] = Math.Clamp(0.75 + Scale * rng.NextGaussian(), 0, 1);
        return new ToneCurveOperation { LowY = low, HighY = high };
    }
}

/// <summary>The Bezier tone curve with control heights <see cref="LowY"/> and <see cref="HighY"/> (one value for every channel, or one per channel).</summary>
public sealed record ToneCurveOperation : ChannelMapOperation
{
    /// <summary>The lower control point's height(s), 0..1.</summary>
    public IReadOnlyList<double> LowY { get; init; } = [0.25];

    /// <summary>The upper control point's height(s), 0..1.</summary>
    public IReadOnlyList<double> HighY { get; init; } = [0.75];

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        if (LowY.Count != HighY.Count || LowY.Count != 1 && LowY.Count != image.Channels)
            throw new ArgumentException($"RandomToneCurve: {LowY.Count} and {HighY.Count} control heights do not fit an image of {image.Channels} channels.");
        return base.ApplyToPixels(image);
    }

    /// <inheritdoc />
    protected override double Map(int channel, double value, double max)
    {
        int k = LowY.Count == 1 ? 0 : channel;
        double t = value / max, u = 1 - t;
        return (3 * u * u * t * LowY[k] + 3 * u * t * t * HighY[k] + t * t * t) * max;
    }
}
