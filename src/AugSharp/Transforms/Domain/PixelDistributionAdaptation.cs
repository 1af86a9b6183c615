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
        var source = Moments.Of(image, k);
        var target = Moments.Of(reference, k);
        // Every mapping is affine, x ↦ A·x + b, with values in 0..1.
        var (a, b) = TransformType switch
        {
            PixelDistributionTransformType.Standard => Diagonal(k, c => (source.Std(c), target.Std(c), source.Mean[c], target.Mean[c])),
            PixelDistributionTransformType.Minmax => Diagonal(k, c => (source.Max[c] - source.Min[c], target.Max[c] - target.Min[c], source.Min[c], target.Min[c])),
            _ => Pca(source, target, k),
        };
        double max = NoiseMath.MaxValue<T>();
        var result = image.Clone();
        Span<double> x = stackalloc double[k];
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int p = 0; p < w; p++)
            {
                for (int c = 0; c < k; c++) x[c] = NoiseMath.Get(s[p * cn + c]) / max;
                for (int r = 0; r < k; r++)
                {
                    double v = b[r];
                    for (int c = 0; c < k; c++) v += a[r * k + c] * x[c];
                    d[p * cn + r] = NoiseMath.Put<T>((v * BlendRatio + x[r] * (1 - BlendRatio)) * max, max);
                }
            }
        }
        return result;
    }

    /// <summary>A per-channel map sending the source's spread and origin to the target's (a zero spread counts as 1).</summary>
    private static (double[] A, double[] B) Diagonal(int k, Func<int, (double SourceSpread, double TargetSpread, double SourceOrigin, double TargetOrigin)> channel)
    {
        var a = new double[k * k];
        var b = new double[k];
        for (int c = 0; c < k; c++)
        {
            var (ss, ts, so, to) = channel(c);
            double scale = (ts > 0 ? ts : 1) / (ss > 0 ? ss : 1);
            a[c * k + c] = scale;
            b[c] = to - scale * so;
        }
        return (a, b);
    }

    /// <summary>x ↦ tMean + T·Sᵀ·(x − sMean), with S and T the principal axes as columns, T's turned to agree in sign with S's.</summary>
    private static (double[] A, double[] B) Pca(Moments source, Moments target, int k)
    {
        var s = source.Axes();
        var t = target.Axes();
        for (int j = 0; j < k; j++)
        {
            double dot = 0;
            for (int r = 0; r < k; r++) dot += s[r * k + j] * t[r * k + j];
            if (dot < 0) for (int r = 0; r < k; r++) t[r * k + j] = -t[r * k + j];
        }
        var a = new double[k * k];
        for (int r = 0; r < k; r++)
            for (int c = 0; c < k; c++)
                for (int j = 0; j < k; j++) a[r * k + c] += t[r * k + j] * s[c * k + j];
        var b = new double[k];
        for (int r = 0; r < k; r++)
        {
            b[r] = target.Mean[r];
            for (int c = 0; c < k; c++) b[r] -= a[r * k + c] * source.Mean[c];
        }
        return (a, b);
    }

    /// <summary>The first and second moments and the extremes of the first k channels of an image, in 0..1.</summary>
    private sealed class Moments
    {
        private double[] _cross = [];
        private long _count;

        public double[] Mean { get; private init; } = [];

        public double[] Min { get; private init; } = [];

        public double[] Max { get; private init; } = [];

        private int K => Mean.Length;

        public static Moments Of<T>(ImageBuffer<T> image, int k) where T : unmanaged
        {
            double max = NoiseMath.MaxValue<T>();
            int cn = image.Channels;
            var m = new Moments { Mean = new double[k], Min = Enumerable.Repeat(double.MaxValue, k).ToArray(), Max = Enumerable.Repeat(double.MinValue, k).ToArray(), _cross = new double[k * k] };
            Span<double> x = stackalloc double[k];
            for (int y = 0; y < image.Height; y++)
            {
                var s = image.GetRow(y);
                for (int p = 0; p < image.Width; p++)
                {
                    for (int c = 0; c < k; c++)
                    {
                        x[c] = NoiseMath.Get(s[p * cn + c]) / max;
                        m.Mean[c] += x[c];
                        m.Min[c] = Math.Min(m.Min[c], x[c]);
                        m.Max[c] = Math.Max(m.Max[c], x[c]);
                    }
                    for (int a = 0; a < k; a++)
                        for (int b = a; b < k; b++) m._cross[a * k + b] += x[a] * x[b];
                }
            }
            m._count = (long)image.Width * image.Height;
            for (int c = 0; c < k; c++) m.Mean[c] /= Math.Max(m._count, 1);
            return m;
        }

        /// <summary>The population covariance of channels a and b.</summary>
        public double Covariance(int a, int b)
        {
            if (a > b) (a, b) = (b, a);
            double v = _cross[a * K + b] / Math.Max(_count, 1) - Mean[a] * Mean[b];
            return a == b ? Math.Max(0, v) : v;
        }

        /// <summary>The standard deviation of channel c.</summary>
        public double Std(int c) => Math.Sqrt(Covariance(c, c));

        /// <summary>The principal axes as the columns of a row-major k x k matrix, strongest first.</summary>
        public double[] Axes()
        {
            int k = K;
            var cov = new double[k * k];
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++) cov[a * k + b] = Covariance(a, b);
            var (values, vectors) = SymmetricEigen.Decompose(cov, k);
            var order = Enumerable.Range(0, k).OrderByDescending(i => values[i]).ThenBy(i => i).ToArray();
            var axes = new double[k * k];
            for (int rank = 0; rank < k; rank++)
                for (int row = 0; row < k; row++) axes[row * k + rank] = vectors[row * k + order[rank]];
            return axes;
        }
    }
}
