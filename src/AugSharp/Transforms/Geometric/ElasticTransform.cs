using System.Buffers;
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
        var smoothing = Array.ConvertAll(coarse, v => (float)v);
        var dx = Field(rng, gridW, gridH, smoothing, gain);
        var dy = SameDxdy ? [] : Field(rng, gridW, gridH, smoothing, gain);
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

    private float[] Field(RandomStream rng, int width, int height, float[] kernel, double gain)
    {
        int length = width * height;
        // The noise and the smoothed pass come from the pool and go back to it; the field is the operation's own (its recipe).
        float[] noiseArray = ArrayPool<float>.Shared.Rent(length), smoothArray = ArrayPool<float>.Shared.Rent(length);
        try
        {
            var values = noiseArray.AsSpan(0, length);
            if (NoiseDistribution == NoiseDistribution.Gaussian)
                for (int i = 0; i < values.Length; i++) values[i] = (float)rng.NextGaussian();
            else
                for (int i = 0; i < values.Length; i++) values[i] = (float)rng.Uniform(-1, 1);
            using (var noise = ImageBuffer<float>.Wrap(noiseArray, width, height, 1))
            using (var smooth = ImageBuffer<float>.Wrap(smoothArray, width, height, 1))
                Smooth(noise, smooth, kernel);
            var field = new float[length];
            float scale = (float)(gain * Alpha);
            for (int i = 0; i < field.Length; i++) field[i] = smoothArray[i] * scale;
            return field;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(noiseArray);
            ArrayPool<float>.Shared.Return(smoothArray);
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

    /// <summary>
    /// <paramref name="field"/> smoothed into <paramref name="result"/> by <paramref name="kernel"/> along both axes (border reflect-101): the
    /// library's separable float convolution (<see cref="Convolution.Separable{T}"/>), in float.
    /// </summary>
    internal static void Smooth(ImageBuffer<float> field, ImageBuffer<float> result, float[] kernel) =>
        Convolution.Separable(field, result, kernel, kernel, BorderMode.Reflect101);
}
