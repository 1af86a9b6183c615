namespace AugSharp;

/// <summary>
/// Gives the image the histogram of a reference image of the target domain (Albumentations'
/// HistogramMatching; default p = 0.5): channel by channel, each value is sent to the reference
/// value at the same quantile (cumulative share of pixels), then the matched image is blended
/// with the original by a ratio drawn in <see cref="BlendRatio"/> (0 keeps the image, 1 matches it
/// fully). The reference's own pixels at its own size give its histogram; see
/// <see cref="DomainAdaptationTransform{TOperation}"/> for the references and
/// <see cref="DomainAdaptationOperation.AdaptedChannels"/> for references with other channel
/// counts. uint8 images match on their 256 levels, uint16 and float32 (0..1) ones on 65536 levels.
/// </summary>
[TransformCategory("domain")]
public sealed class HistogramMatching : DomainAdaptationTransform<HistogramMatchingOperation>
{
    /// <summary>The share of the matched image in the result, within [0, 1]. Default [0.5, 1].</summary>
    public ValueRange BlendRatio { get; init; } = new(0.5, 1.0);

    /// <inheritdoc />
    protected override HistogramMatchingOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var op = WithReference(new HistogramMatchingOperation(), rng);
        return op with { BlendRatio = BlendRatio.Check(nameof(BlendRatio), 0, 1).Draw(rng) };
    }
}

/// <summary>Matches each channel's histogram to the drawn reference's, blended by <see cref="BlendRatio"/>.</summary>
public sealed record HistogramMatchingOperation : DomainAdaptationOperation
{
    /// <summary>The share of the matched image in the result.</summary>
    public double BlendRatio { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int w = image.Width, h = image.Height, cn = image.Channels;
        using var reference = Reference(cn);
        int k = reference.Channels, levels = typeof(T) == typeof(byte) ? 256 : 65536;
        double max = NoiseMath.MaxValue<T>(), top = levels - 1;
        var result = image.Clone();
        var counts = new long[levels];
        var templateCounts = new long[levels];
        for (int c = 0; c < k; c++)
        {
            Array.Clear(counts);
            Array.Clear(templateCounts);
            for (int y = 0; y < h; y++)
            {
                var s = image.GetRow(y);
                for (int x = 0; x < w; x++) counts[Level(NoiseMath.Get(s[x * cn + c]) / max, top)]++;
            }
            for (int y = 0; y < reference.Height; y++)
            {
                var r = reference.GetRow(y);
                for (int x = 0; x < reference.Width; x++) templateCounts[Level(r[x * k + c], top)]++;
            }
            var map = Match(counts, templateCounts);
            for (int y = 0; y < h; y++)
            {
                var s = image.GetRow(y);
                var d = result.GetRow(y);
                for (int x = 0; x < w; x++)
                {
                    double v = NoiseMath.Get(s[x * cn + c]);
                    double matched = map[Level(v / max, top)] / top * max;
                    d[x * cn + c] = NoiseMath.Put<T>(matched * BlendRatio + v * (1 - BlendRatio), max);
                }
            }
        }
        return result;
    }

    private static int Level(double fraction, double top) => (int)Math.Round(Math.Clamp(fraction, 0, 1) * top);

    /// <summary>For every source level, the template level at the same quantile (linear between the template's occupied levels, clamped at its ends).</summary>
    internal static double[] Match(long[] source, long[] template)
    {
        int levels = source.Length;
        var values = new List<int>();
        var quantiles = new List<double>();
        double templateTotal = template.Sum(), sourceTotal = source.Sum(), running = 0;
        for (int v = 0; v < levels; v++)
        {
            if (template[v] == 0) continue;
            running += template[v];
            values.Add(v);
            quantiles.Add(running / templateTotal);
        }
        var map = new double[levels];
        double cumulative = 0;
        int j = 0;
        for (int v = 0; v < levels; v++)
        {
            cumulative += source[v];
            if (source[v] == 0) continue;
            double q = cumulative / sourceTotal;
            while (j < quantiles.Count - 1 && quantiles[j + 1] < q) j++;
            if (q <= quantiles[0]) map[v] = values[0];
            else if (j >= quantiles.Count - 1) map[v] = values[^1];
            else
            {
                double q0 = quantiles[j], q1 = quantiles[j + 1];
                map[v] = q >= q1 ? values[j + 1] : values[j] + (values[j + 1] - values[j]) * (q - q0) / (q1 - q0);
            }
        }
        return map;
    }
}
