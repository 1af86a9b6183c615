using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Sharpens by unsharp masking (Albumentations' UnsharpMask; default p = 0.5), in float 0..1
/// whatever the pixel type: with G a Gaussian blur of the image (kernel size drawn from
/// <see cref="BlurLimit"/>, σ from <see cref="SigmaLimit"/>; σ = 0 takes OpenCV's σ for the size),
/// the sharpened image <c>clip(img + α·(img - G), 0, 1)</c> (α from <see cref="Alpha"/>) is laid
/// over the original through a soft mask: the same Gaussian blur of the places where
/// <c>|img - G|·255</c> exceeds <see cref="Threshold"/>. Flat areas and fine noise stay as they
/// were; edges get the overshoot. Every channel is filtered on its own.
/// </summary>
[TransformCategory("quality")]
public sealed class UnsharpMask : Transform<UnsharpMaskOperation>
{
    private readonly IReadOnlyList<int> _blurLimit = [3, 7];
    private readonly IReadOnlyList<double> _sigmaLimit = [0.0, 0.0];
    private readonly IReadOnlyList<double> _alpha = [0.2, 0.5];
    private readonly int _threshold = 10;

    /// <summary>The Gaussian kernel sizes [min, max] (odd, at least 3; one number L means [3, L]). Default [3, 7].</summary>
    public IReadOnlyList<int> BlurLimit
    {
        get => _blurLimit;
        init
        {
            BlurSampling.Limit(value, 3, nameof(BlurLimit));
            _blurLimit = value;
        }
    }

    /// <summary>The Gaussian σ [min, max], at least 0 (one number S means [0, S]; 0 takes OpenCV's σ for the kernel size). Default [0, 0].</summary>
    public IReadOnlyList<double> SigmaLimit
    {
        get => _sigmaLimit;
        init
        {
            QualityPixels.Range(value, 0, 0, double.PositiveInfinity, "sigma_limit");
            _sigmaLimit = value;
        }
    }

    /// <summary>The gain α of the difference [min, max] within [0, 1] (one number A means [0, A]). Default [0.2, 0.5].</summary>
    public IReadOnlyList<double> Alpha
    {
        get => _alpha;
        init
        {
            QualityPixels.Range(value, 0, 0, 1, "alpha");
            _alpha = value;
        }
    }

    /// <summary>The difference, in levels of 255, below which nothing is sharpened (0..255). Default 10.</summary>
    public int Threshold
    {
        get => _threshold;
        init => _threshold = value is >= 0 and <= 255 ? value : throw new ArgumentOutOfRangeException(nameof(Threshold), value, "threshold must be within 0..255.");
    }

    /// <inheritdoc />
    protected override UnsharpMaskOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var (kmin, kmax) = BlurSampling.Limit(BlurLimit, 3, "blur_limit");
        int kernel = BlurSampling.OddSize(rng, kmin, kmax);
        var (smin, smax) = QualityPixels.Range(SigmaLimit, 0, 0, double.PositiveInfinity, "sigma_limit");
        double sigma = smin == smax ? smin : rng.Uniform(smin, smax);
        var (amin, amax) = QualityPixels.Range(Alpha, 0, 0, 1, "alpha");
        double alpha = amin == amax ? amin : rng.Uniform(amin, amax);
        return new UnsharpMaskOperation { Kernel = kernel, Sigma = sigma, Alpha = alpha, Threshold = Threshold };
    }
}

/// <summary>An unsharp mask with a Gaussian of <see cref="Kernel"/> taps and σ <see cref="Sigma"/>, gain <see cref="Alpha"/> and threshold <see cref="Threshold"/>.</summary>
public sealed record UnsharpMaskOperation : Operation
{
    /// <summary>The odd Gaussian kernel size.</summary>
    public int Kernel { get; init; } = 3;

    /// <summary>The Gaussian σ (0 takes OpenCV's σ for the size).</summary>
    public double Sigma { get; init; }

    /// <summary>The gain of the difference between the image and its blur.</summary>
    public double Alpha { get; init; }

    /// <summary>The difference, in levels of 255, below which nothing is sharpened.</summary>
    public int Threshold { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        using var unit = QualityPixels.ToUnit(image);
        int w = image.Width, h = image.Height, cn = image.Channels;
        using var blur = ImageBuffer<float>.CreateUninitialized(w, h, cn);
        Convolution.Gaussian(unit, blur, Kernel, Sigma);
        using var mask = ImageBuffer<float>.CreateUninitialized(w, h, cn);
        for (int y = 0; y < h; y++)
        {
            var s = unit.GetRow(y);
            var b = blur.GetRow(y);
            var m = mask.GetRow(y);
            for (int i = 0; i < s.Length; i++) m[i] = Math.Abs(s[i] - b[i]) * 255f > Threshold ? 1f : 0f;
        }
        using var soft = ImageBuffer<float>.CreateUninitialized(w, h, cn);
        Convolution.Gaussian(mask, soft, Kernel, Sigma);
        float alpha = (float)Alpha;
        for (int y = 0; y < h; y++)
        {
            var s = unit.GetRow(y);
            var b = blur.GetRow(y);
            var m = soft.GetRow(y);
            var d = mask.GetRow(y);
            for (int i = 0; i < s.Length; i++)
            {
                float sharp = s[i] + alpha * (s[i] - b[i]);
                sharp = sharp < 0 ? 0 : sharp > 1 ? 1 : sharp;
                d[i] = sharp * m[i] + s[i] * (1 - m[i]);
            }
        }
        return QualityPixels.FromUnit<T>(mask);
    }
}
