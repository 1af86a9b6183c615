namespace AugSharp;

/// <summary>How <see cref="PixelDistributionAdaptation"/> maps pixel values between the two images.</summary>
public enum PixelDistributionTransformType
{
    /// <summary>Principal components: the image's colours, centred on its mean and expressed on its principal axes, are rebuilt on the reference's axes around the reference's mean (each reference axis turned to agree in sign with the image's).</summary>
    Pca,

    /// <summary>Each channel standardised with the image's mean and standard deviation, then given the reference's.</summary>
    Standard,

    /// <summary>Each channel stretched from the image's minimum and maximum to the reference's.</summary>
    Minmax,
}

/// <summary>
/// Gives the image the pixel statistics of a reference image of the target domain (Albumentations'
/// PixelDistributionAdaptation; default p = 0.5): a mapping fitted on the image takes its pixels to
/// a standard form, the inverse mapping fitted on the reference takes them to the reference's
/// distribution (see <see cref="PixelDistributionTransformType"/>), and the result is blended with
/// the original by a ratio drawn in <see cref="BlendRatio"/>. Values are taken in 0..1; the
/// reference's own pixels at its own size give its statistics. See
/// <see cref="DomainAdaptationTransform{TOperation}"/> for the references and
/// <see cref="DomainAdaptationOperation.AdaptedChannels"/> for references with other channel
/// counts. uint8, uint16 and float32 (0..1) images, clamped to their range.
/// </summary>
[TransformCategory("domain")]
public sealed class PixelDistributionAdaptation : DomainAdaptationTransform<PixelDistributionAdaptationOperation>
{
    /// <summary>The share of the adapted image in the result, within [0, 1]. Default [0.25, 1].</summary>
    public ValueRange BlendRatio { get; init; } = new(0.25, 1.0);

    /// <summary>The mapping. Default pca.</summary>
    public PixelDistributionTransformType TransformType { get; init; } = PixelDistributionTransformType.Pca;

    /// <inheritdoc />
    protected override PixelDistributionAdaptationOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var op = WithReference(new PixelDistributionAdaptationOperation { TransformType = TransformType }, rng);
        return op with { BlendRatio = BlendRatio.Check(nameof(BlendRatio), 0, 1).Draw(rng) };
    }
}

/// <summary>Maps the image's pixel distribution onto the drawn reference's, blended by <see cref="BlendRatio"/>.</summary>
public sealed record PixelDistributionAdaptationOperation : DomainAdaptationOperation
{
    /// <summary>The share of the adapted image in the result.</summary>
    public double BlendRatio { get; init; }

    /// <summary>The mapping.</summary>
    public PixelDistributionTransformType TransformType { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int w = image.Width, h = image.Height, cn = image.Channels;
        using var reference = Reference(cn);
        int k = reference.Channels;
        double max = NoiseMath.MaxValue<T>();
        var source = new double[(long)w * h * k];
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            for (int x = 0; x < w; x++)
                for (int c = 0; c < k; c++) source[((long)y * w + x) * k + c] = NoiseMath.Get(s[x * cn + c]) / max;
        }
        var target = new double[(long)reference.Width * reference.Height * k];
        for (int y = 0; y < reference.Height; y++)
        {
            var r = reference.GetRow(y);
            for (int i = 0; i < reference.Width * k; i++) target[(long)y * reference.Width * k + i] = r[i];
        }
        var adapted = TransformType switch
        {
            PixelDistributionTransformType.Standard => Standard(source, target, k),
            PixelDistributionTransformType.Minmax => MinMax(source, target, k),
            _ => Pca(source, target, k),
        };
        var result = image.Clone();
        for (int y = 0; y < h; y++)
        {
            var d = result.GetRow(y);
            for (int x = 0; x < w; x++)
                for (int c = 0; c < k; c++)
                {
                    long i = ((long)y * w + x) * k + c;
                    d[x * cn + c] = NoiseMath.Put<T>((adapted[i] * BlendRatio + source[i] * (1 - BlendRatio)) * max, max);
                }
        }
        return result;
    }

    private static (double[] Mean, double[] Std, double[] Min, double[] Max) Statistics(double[] pixels, int k)
    {
        long n = pixels.Length / k;
        var mean = new double[k];
        var sq = new double[k];
        var min = Enumerable.Repeat(double.MaxValue, k).ToArray();
        var max = Enumerable.Repeat(double.MinValue, k).ToArray();
        for (long i = 0; i < pixels.Length; i++)
        {
            int c = (int)(i % k);
            double v = pixels[i];
            mean[c] += v;
            sq[c] += v * v;
            min[c] = Math.Min(min[c], v);
            max[c] = Math.Max(max[c], v);
        }
        var std = new double[k];
        for (int c = 0; c < k; c++)
        {
            mean[c] /= n;
            std[c] = Math.Sqrt(Math.Max(0, sq[c] / n - mean[c] * mean[c]));
        }
        return (mean, std, min, max);
    }

    private static double[] Standard(double[] source, double[] target, int k)
    {
        var s = Statistics(source, k);
        var t = Statistics(target, k);
        var result = new double[source.Length];
        for (long i = 0; i < source.Length; i++)
        {
            int c = (int)(i % k);
            double scale = s.Std[c] > 0 ? s.Std[c] : 1, targetScale = t.Std[c] > 0 ? t.Std[c] : 1;
            result[i] = (source[i] - s.Mean[c]) / scale * targetScale + t.Mean[c];
        }
        return result;
    }

    private static double[] MinMax(double[] source, double[] target, int k)
    {
        var s = Statistics(source, k);
        var t = Statistics(target, k);
        var result = new double[source.Length];
        for (long i = 0; i < source.Length; i++)
        {
            int c = (int)(i % k);
            double range = s.Max[c] - s.Min[c], targetRange = t.Max[c] - t.Min[c];
            result[i] = (source[i] - s.Min[c]) / (range > 0 ? range : 1) * (targetRange > 0 ? targetRange : 1) + t.Min[c];
        }
        return result;
    }

    /// <summary>The mean and the principal axes (columns of a row-major k x k matrix, strongest first).</summary>
    private static (double[] Mean, double[] Axes) Principal(double[] pixels, int k)
    {
        var (mean, _, _, _) = Statistics(pixels, k);
        long n = pixels.Length / k;
        var cov = new double[k * k];
        for (long p = 0; p < n; p++)
            for (int a = 0; a < k; a++)
            {
                double da = pixels[p * k + a] - mean[a];
                for (int b = a; b < k; b++) cov[a * k + b] += da * (pixels[p * k + b] - mean[b]);
            }
        for (int a = 0; a < k; a++)
            for (int b = a; b < k; b++) cov[b * k + a] = cov[a * k + b] /= Math.Max(n - 1, 1);
        var (values, vectors) = SymmetricEigen.Decompose(cov, k);
        var order = Enumerable.Range(0, k).OrderByDescending(i => values[i]).ThenBy(i => i).ToArray();
        var axes = new double[k * k];
        for (int rank = 0; rank < k; rank++)
            for (int row = 0; row < k; row++) axes[row * k + rank] = vectors[row * k + order[rank]];
        return (mean, axes);
    }

    private static double[] Pca(double[] source, double[] target, int k)
    {
        var (sMean, sAxes) = Principal(source, k);
        var (tMean, tAxes) = Principal(target, k);
        for (int j = 0; j < k; j++)
        {
            double dot = 0;
            for (int row = 0; row < k; row++) dot += sAxes[row * k + j] * tAxes[row * k + j];
            if (dot < 0) for (int row = 0; row < k; row++) tAxes[row * k + j] = -tAxes[row * k + j];
        }
        // x ↦ tMean + T · Sᵀ · (x − sMean), with S and T the axes as columns.
        var m = new double[k * k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double v = 0;
                for (int j = 0; j < k; j++) v += tAxes[a * k + j] * sAxes[b * k + j];
                m[a * k + b] = v;
            }
        var result = new double[source.Length];
        long n = source.Length / k;
        for (long p = 0; p < n; p++)
            for (int a = 0; a < k; a++)
            {
                double v = tMean[a];
                for (int b = 0; b < k; b++) v += m[a * k + b] * (source[p * k + b] - sMean[b]);
                result[p * k + a] = v;
            }
        return result;
    }
}
