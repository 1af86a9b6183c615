using System.Buffers;
using System.Runtime.Intrinsics;
using AugSharp.Kernels;

namespace AugSharp;

/// <summary>The distribution of the elastic transform's raw noise.</summary>
public enum NoiseDistribution
{
    /// <summary>Standard normal noise.</summary>
    Gaussian,

    /// <summary>Uniform noise in [-1, 1].</summary>
    Uniform,
}

/// <summary>
/// Elastic deformation (Albumentations' ElasticTransform; default p = 0.5): two fields of random
/// noise the size of the image are smoothed by a Gaussian of standard deviation
/// <see cref="Sigma"/> (border reflect-101) and scaled by <see cref="Alpha"/>; each output pixel
/// reads the source at its own position plus the field's displacement. The kernel spans ±4 sigma,
/// or 17x17 pixels when <see cref="Approximate"/> is set.
/// <para>
/// To keep records small, the fields are drawn and recorded on a grid of step s pixels, s = ⌊d/2⌋
/// for a kernel of standard deviation d (d = sigma, or less when the 17x17 kernel cuts it), and
/// upsampled bilinearly: the noise is drawn at that step, smoothed by the same kernel measured in
/// grid steps, and rescaled so the smoothed field has the standard deviation it has at full
/// resolution. For d below 4 the step is 1 and the fields are drawn and recorded per pixel, as
/// Albumentations draws them.
/// </para>
/// </summary>
[TransformCategory("geometric")]
public sealed class ElasticTransform : WarpingTransform<ElasticTransformOperation>
{
    /// <summary>Albumentations' keypoint remapping method, kept for its files; keypoints move through the map's numerical inverse either way (see <see cref="AugSharp.KeypointRemappingMethod"/>). Default mask.</summary>
    public KeypointRemappingMethod KeypointRemappingMethod { get; init; } = KeypointRemappingMethod.Mask;

    /// <summary>The scale of the displacement fields (at least 0).</summary>
    public double Alpha { get; init; } = 1;

    /// <summary>The standard deviation of the Gaussian smoothing, in pixels (at least 1).</summary>
    public double Sigma { get; init; } = 50;

    /// <summary>Smooth with a fixed 17x17 kernel instead of one spanning ±4 sigma.</summary>
    public bool Approximate { get; init; }

    /// <summary>Use one field for both the x and y displacements.</summary>
    public bool SameDxdy { get; init; }

    /// <summary>The distribution of the raw noise.</summary>
    public NoiseDistribution NoiseDistribution { get; init; } = NoiseDistribution.Gaussian;

    /// <inheritdoc />
    protected override ElasticTransformOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (!(Alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be at least 0.");
        if (!(Sigma >= 1)) throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "sigma must be at least 1.");
        int width = context.Width, height = context.Height;
        int size = Approximate ? 17 : ((int)Math.Round(Sigma * 8 + 1, MidpointRounding.ToEven) | 1);
        var kernel = GaussianKernel(size, Sigma);
        int step = width < 2 || height < 2 ? 1 : GridStep(kernel);
        var coarse = step == 1 ? kernel : CoarseKernel(size / 2, Sigma, step);
        // The smoothed field's standard deviation per unit of noise is Σk² (separable, both axes): match it.
        double gain = step == 1 ? 1 : SumOfSquares(kernel) / SumOfSquares(coarse);
        int gridW = ElasticTransformOperation.GridSize(width, step), gridH = ElasticTransformOperation.GridSize(height, step);
        var dx = Field(rng, gridW, gridH, coarse, gain);
        var dy = SameDxdy ? [] : Field(rng, gridW, gridH, coarse, gain);
        return new ElasticTransformOperation(width, height, step, dx, dy)
        {
            Interpolation = Interpolation,
            MaskInterpolation = MaskInterpolation,
            BorderMode = BorderMode,
            Fill = Fill,
            FillMask = FillMask,
        };
    }

    /// <summary>The grid step for a kernel: half its standard deviation, at least 1.</summary>
    internal static int GridStep(double[] kernel)
    {
        double centre = (kernel.Length - 1) / 2.0, variance = 0;
        for (int i = 0; i < kernel.Length; i++) variance += kernel[i] * (i - centre) * (i - centre);
        return Math.Max(1, (int)Math.Floor(Math.Sqrt(variance) / 2));
    }

    /// <summary>The Gaussian of <paramref name="sigma"/> pixels and radius <paramref name="radius"/> pixels, sampled every <paramref name="step"/> pixels.</summary>
    private static double[] CoarseKernel(int radius, double sigma, int step)
    {
        int r = radius / step;
        var k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++)
        {
            double d = i * step;
            k[i + r] = Math.Exp(-d * d / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.Length; i++) k[i] /= sum;
        return k;
    }

    private static double SumOfSquares(double[] k)
    {
        double s = 0;
        foreach (var v in k) s += v * v;
        return s;
    }

    private float[] Field(RandomStream rng, int width, int height, double[] kernel, double gain)
    {
        int length = width * height;
        double[] noise = ArrayPool<double>.Shared.Rent(length), smooth = ArrayPool<double>.Shared.Rent(length), rows = ArrayPool<double>.Shared.Rent(length);
        try
        {
            if (NoiseDistribution == NoiseDistribution.Gaussian)
                for (int i = 0; i < length; i++) noise[i] = rng.NextGaussian();
            else
                for (int i = 0; i < length; i++) noise[i] = rng.Uniform(-1, 1);
            Smooth(noise.AsSpan(0, length), width, height, kernel, smooth.AsSpan(0, length), rows.AsSpan(0, length));
            // The field is the operation's own (its recipe); the noise and the passes go back to the pool.
            var field = new float[length];
            for (int i = 0; i < field.Length; i++) field[i] = (float)(smooth[i] * gain * Alpha);
            return field;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(noise);
            ArrayPool<double>.Shared.Return(smooth);
            ArrayPool<double>.Shared.Return(rows);
        }
    }

    /// <summary>A normalised Gaussian kernel of <paramref name="size"/> taps.</summary>
    internal static double[] GaussianKernel(int size, double sigma)
    {
        var k = new double[size];
        double sum = 0, centre = (size - 1) / 2.0;
        for (int i = 0; i < size; i++)
        {
            double d = i - centre;
            k[i] = Math.Exp(-d * d / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) k[i] /= sum;
        return k;
    }

    /// <summary>Separable convolution of a row-major field with <paramref name="kernel"/>, border reflect-101.</summary>
    internal static double[] Smooth(double[] field, int width, int height, double[] kernel)
    {
        var result = new double[field.Length];
        Smooth(field, width, height, kernel, result, new double[field.Length]);
        return result;
    }

    /// <summary>As <see cref="Smooth(double[], int, int, double[])"/> into <paramref name="result"/>, with <paramref name="rows"/> (the field's size) for the horizontal pass.</summary>
    internal static void Smooth(ReadOnlySpan<double> field, int width, int height, double[] kernel, Span<double> result, Span<double> rows)
    {
        int radius = kernel.Length / 2;
        var xIndex = BorderIndices(width, radius);
        var yIndex = BorderIndices(height, radius);
        int n = Vector256<double>.Count;
        // Positions whose taps all fall inside the row read contiguously: n of them at once, each
        // summed in the same order as the scalar loop (multiply, then add), so the numbers are identical.
        int innerFrom = radius, innerTo = width - radius;
        for (int y = 0; y < height; y++)
        {
            int row = y * width;
            var src = field.Slice(row, width);
            var dst = rows.Slice(row, width);
            int x = 0;
            for (; x < width; x++)
            {
                if (Vector256.IsHardwareAccelerated && x >= innerFrom && x + n <= innerTo) break;
                double s = 0;
                for (int t = 0; t < kernel.Length; t++) s += kernel[t] * src[xIndex[x + t]];
                dst[x] = s;
            }
            for (; x < width && x + n <= innerTo; x += n)
            {
                var s = Vector256<double>.Zero;
                for (int t = 0; t < kernel.Length; t++) s += Vector256.Create(kernel[t]) * Vector256.Create<double>(src.Slice(x + t - radius, n));
                s.CopyTo(dst.Slice(x, n));
            }
            for (; x < width; x++)
            {
                double s = 0;
                for (int t = 0; t < kernel.Length; t++) s += kernel[t] * src[xIndex[x + t]];
                dst[x] = s;
            }
        }
        result.Clear();
        for (int y = 0; y < height; y++)
        {
            var acc = result.Slice(y * width, width);
            for (int t = 0; t < kernel.Length; t++)
            {
                double k = kernel[t];
                var src = rows.Slice(yIndex[y + t] * width, width);
                int x = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    var vk = Vector256.Create(k);
                    for (; x + n <= width; x += n)
                        (Vector256.Create<double>(acc.Slice(x, n)) + vk * Vector256.Create<double>(src.Slice(x, n))).CopyTo(acc.Slice(x, n));
                }
                for (; x < width; x++) acc[x] += k * src[x];
            }
        }
    }

    /// <summary>For i in [0, n + 2r): the reflect-101 source index of position i - r.</summary>
    private static int[] BorderIndices(int n, int radius)
    {
        var index = new int[n + 2 * radius];
        for (int i = 0; i < index.Length; i++) index[i] = Reflect101(i - radius, n);
        return index;
    }

    private static int Reflect101(int p, int n)
    {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        p %= period;
        if (p < 0) p += period;
        return p < n ? p : period - p;
    }
}
