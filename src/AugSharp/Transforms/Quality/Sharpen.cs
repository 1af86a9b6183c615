using AugSharp.Kernels;

namespace AugSharp;

/// <summary>How <see cref="Sharpen"/> sharpens.</summary>
public enum SharpenMethod
{
    /// <summary>A 3x3 Laplacian kernel blended with the identity by alpha, with lightness added to its centre.</summary>
    Kernel,

    /// <summary>Unsharp masking: the image plus alpha times its difference from a Gaussian blur of it.</summary>
    Gaussian,
}

/// <summary>
/// Sharpens the image (Albumentations' Sharpen; default p = 0.5). With
/// <see cref="SharpenMethod.Kernel"/> the 3x3 kernel <c>(1 - α)·I + α·L</c> is applied as
/// <c>cv2.filter2D</c> (reflect101 borders), where I is the identity and L is
/// <c>[[-1, -1, -1], [-1, 8 + λ, -1], [-1, -1, -1]]</c>; α is drawn from <see cref="Alpha"/>, λ from
/// <see cref="Lightness"/> (the kernel sums to <c>1 + α(λ - 1)</c>, so λ below 1 also darkens,
/// as in Albumentations). With <see cref="SharpenMethod.Gaussian"/> the result is
/// <c>img + α·(img - blur)</c>, blur being a Gaussian of <see cref="KernelSize"/> taps and σ
/// <see cref="Sigma"/>; the difference is taken in full precision (Albumentations 2.0.8 subtracts
/// uint8 images with wrap-around there, which is not reproduced). Every channel is filtered on its
/// own; integer results are rounded and saturated, float32 results (taken in 0..1) clamped to 0..1.
/// </summary>
[TransformCategory("quality")]
public sealed class Sharpen : Transform<SharpenOperation>
{
    private readonly int _kernelSize = 5;
    private readonly double _sigma = 1;

    /// <summary>The blend of the sharpened image over the original, within [0, 1]. Default [0.2, 0.5].</summary>
    public ValueRange Alpha { get; init; } = new(0.2, 0.5);

    /// <summary>The lightness λ added to the kernel's centre (kernel method), at least 0. Default [0.5, 1].</summary>
    public ValueRange Lightness { get; init; } = new(0.5, 1.0);

    /// <summary>The sharpening method. Default kernel.</summary>
    public SharpenMethod Method { get; init; } = SharpenMethod.Kernel;

    /// <summary>The Gaussian kernel size of the gaussian method, at least 3 (an even size is raised by one). Default 5.</summary>
    public int KernelSize
    {
        get => _kernelSize;
        init => _kernelSize = value >= 3 ? value : throw new ArgumentOutOfRangeException(nameof(KernelSize), value, "kernel_size must be at least 3.");
    }

    /// <summary>The Gaussian σ of the gaussian method, above 0. Default 1.</summary>
    public double Sigma
    {
        get => _sigma;
        init => _sigma = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Sigma), value, "sigma must be above 0.");
    }

    /// <inheritdoc />
    protected override SharpenOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        double alpha = Alpha.Check("alpha", 0, 1).Draw(rng);
        if (Method == SharpenMethod.Gaussian)
            return new SharpenOperation { Method = Method, Alpha = alpha, KernelSize = KernelSize | 1, Sigma = Sigma };
        double lightness = Lightness.Check("lightness", 0).Draw(rng);
        return new SharpenOperation { Method = Method, Alpha = alpha, Lightness = lightness };
    }
}

/// <summary>A sharpening of strength <see cref="Alpha"/> by <see cref="Method"/>.</summary>
public sealed record SharpenOperation : Operation
{
    /// <summary>The sharpening method.</summary>
    public SharpenMethod Method { get; init; }

    /// <summary>The blend of the sharpened image (kernel method) or the gain of the difference (gaussian method).</summary>
    public double Alpha { get; init; }

    /// <summary>The lightness added to the kernel's centre (kernel method).</summary>
    public double Lightness { get; init; }

    /// <summary>The Gaussian kernel size (gaussian method; odd).</summary>
    public int KernelSize { get; init; } = 5;

    /// <summary>The Gaussian σ (gaussian method).</summary>
    public double Sigma { get; init; } = 1;

    /// <summary>The 3x3 kernel of the kernel method, row by row.</summary>
    public float[] BuildKernel() => QualityPixels.Blend3x3(Alpha, [-1, -1, -1, -1, 8 + Lightness, -1, -1, -1, -1]);

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        if (Method == SharpenMethod.Kernel) return QualityPixels.Convolve(image, BuildKernel(), 3);
        var blurred = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, image.Channels);
        Convolution.Gaussian(image, blurred, KernelSize, Sigma);
        double max = NoiseMath.MaxValue<T>();
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var b = blurred.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i++)
            {
                double v = NoiseMath.Get(s[i]);
                d[i] = NoiseMath.Put<T>(v + Alpha * (v - NoiseMath.Get(b[i])), max);
            }
        }
        blurred.Dispose();
        return result;
    }
}
