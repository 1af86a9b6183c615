using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// A Gaussian blur (Albumentations' GaussianBlur; default p = 0.5): σ is drawn from
/// <see cref="SigmaLimit"/>, the kernel size from <see cref="BlurLimit"/>; a size of 0 means
/// <c>int(σ·3.5)·2 + 1</c> (Albumentations' rule, as PIL's), and an even size is raised by one.
/// The taps are OpenCV's getGaussianKernel for that size and σ, applied separably with reflect101
/// borders. Each channel is blurred on its own; float32 images are taken in 0..1.
/// </summary>
[TransformCategory("blur")]
public sealed class GaussianBlur : Transform<GaussianBlurOperation>
{
    private readonly IReadOnlyList<int> _blurLimit = [0, 0];
    private readonly IReadOnlyList<double> _sigmaLimit = [0.5, 3.0];

    /// <summary>The kernel sizes [min, max] (0 or odd; one number L means [0, L]; 0 derives the size from σ). Default [0, 0].</summary>
    public IReadOnlyList<int> BlurLimit
    {
        get => _blurLimit;
        init
        {
            BlurSampling.Limit(value, 0, nameof(BlurLimit));
            _blurLimit = value;
        }
    }

    /// <summary>The standard deviations [min, max] in pixels (one number S means [0, S]). Default [0.5, 3].</summary>
    public IReadOnlyList<double> SigmaLimit
    {
        get => _sigmaLimit;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count is not (1 or 2) || value.Any(v => !(v >= 0)) || value.Count == 2 && value[0] > value[1])
                throw new ArgumentOutOfRangeException(nameof(SigmaLimit), "sigma_limit takes one number S ≥ 0 or [min, max] with 0 ≤ min ≤ max.");
            _sigmaLimit = value;
        }
    }

    /// <inheritdoc />
    protected override GaussianBlurOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        double lo = SigmaLimit.Count == 1 ? 0 : SigmaLimit[0], hi = SigmaLimit[^1];
        double sigma = rng.Uniform(lo, hi);
        var (kmin, kmax) = BlurSampling.Limit(BlurLimit, 0, nameof(BlurLimit));
        if (kmin > kmax) kmin = kmax;
        int ksize = rng.NextInt(kmin, kmax + 1);
        int size = ksize == 0 ? (int)(sigma * 3.5) * 2 + 1 : ksize;
        if (size % 2 == 0) size++;
        return new GaussianBlurOperation { Sigma = sigma, Kernel = size };
    }
}

/// <summary>A separable Gaussian blur with <see cref="Kernel"/> taps of standard deviation <see cref="Sigma"/>.</summary>
public sealed record GaussianBlurOperation : Operation
{
    /// <summary>The standard deviation in pixels (0 takes OpenCV's σ for the kernel size).</summary>
    public double Sigma { get; init; }

    /// <summary>The odd kernel size.</summary>
    public int Kernel { get; init; } = 3;

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        return BlurSampling.Into(image, (s, d) => Convolution.Gaussian(s, d, Kernel, Sigma));
    }
}
