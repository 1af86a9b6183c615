namespace AugSharp;

/// <summary>
/// Krizhevsky's "fancy PCA" color augmentation (Albumentations' FancyPCA; default p = 0.5): the
/// image's channel covariance (values as fractions of the largest value) is decomposed into
/// eigenvectors, and <c>Σ eigenvector_k · alpha_k · eigenvalue_k</c> (eigenvalues in decreasing
/// order, alpha_k ~ N(0, <see cref="Alpha"/>)) is added to every pixel. Any number of channels;
/// uint8 (0..255, rounded), uint16 (0..65535) and float32 (0..1, Albumentations' convention)
/// images, clamped to their range.
/// </summary>
[TransformCategory("color")]
public sealed class FancyPCA : Transform<FancyPcaOperation>
{
    /// <summary>The standard deviation of the normal draws that weight the principal components.</summary>
    public double Alpha { get; init; } = 0.1;

    /// <inheritdoc />
    protected override FancyPcaOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (!(Alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be 0 or more.");
        var alphas = new double[context.Shape.Channels];
        for (int c = 0; c < alphas.Length; c++) alphas[c] = Alpha * rng.NextGaussian();
        return new FancyPcaOperation { Alphas = alphas };
    }
}

/// <summary>Adds the principal components of the image it meets, weighted by <see cref="Alphas"/> and their eigenvalues.</summary>
public sealed record FancyPcaOperation : Operation
{
    /// <summary>One weight per principal component (as many as the image's channels), strongest component first.</summary>
    public IReadOnlyList<double> Alphas { get; init; } = [];

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int n = image.Channels;
        if (Alphas.Count != n) throw new ArgumentException($"FancyPCA: {Alphas.Count} weights do not fit an image of {n} channels.");
        double max = ColorChannels.Max<T>();
        var sum = new double[n];
        var cross = new double[n * n];
        long count = (long)image.Width * image.Height;
        var pixel = new double[n];
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            for (int i = 0; i < s.Length; i += n)
            {
                for (int a = 0; a < n; a++) pixel[a] = ColorMatrix.ToDouble(s[i + a]) / max;
                for (int a = 0; a < n; a++)
                {
                    sum[a] += pixel[a];
                    for (int b = a; b < n; b++) cross[a * n + b] += pixel[a] * pixel[b];
                }
            }
        }
        var cov = new double[n * n];
        double denominator = Math.Max(count - 1, 1);
        for (int a = 0; a < n; a++)
            for (int b = a; b < n; b++)
                cov[a * n + b] = cov[b * n + a] = (cross[a * n + b] - sum[a] * sum[b] / count) / denominator;
        var (values, vectors) = SymmetricEigen.Decompose(cov, n);
        var order = Enumerable.Range(0, n).OrderByDescending(k => values[k]).ThenBy(k => k).ToArray();
        var delta = new double[n];
        for (int rank = 0; rank < n; rank++)
        {
            int k = order[rank];
            for (int c = 0; c < n; c++) delta[c] += vectors[c * n + k] * Alphas[rank] * values[k];
        }
        return new OffsetOperation { Offsets = delta }.ApplyTo(image);
    }

    /// <summary>Adds <c>Offsets[c] * max</c> to channel c.</summary>
    private sealed record OffsetOperation : ChannelMapOperation
    {
        public double[] Offsets { get; init; } = [];

        protected override bool IsIdentity(int channel) => Offsets[channel] == 0;

        protected override double Map(int channel, double value, double max) => value + Offsets[channel] * max;
    }
}
