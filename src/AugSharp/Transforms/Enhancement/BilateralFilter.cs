using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// The bilateral filter (<see cref="Denoising.Bilateral"/>) with fixed parameters: an
/// edge-preserving denoiser. <see cref="SigmaColor"/> is in 8-bit levels (scaled to uint16 and
/// float32 images); 0 takes twice the noise level estimated from the image. Default p = 1.
/// </summary>
[TransformCategory("enhancement")]
public sealed class BilateralFilter : Transform<BilateralFilterOperation>
{
    private readonly double _sigmaColor;
    private readonly double _sigmaSpace = 1.5;

    /// <summary>Creates the transform (p = 1).</summary>
    public BilateralFilter() => P = 1;

    /// <summary>σ of the weight by likeness, in 8-bit levels (0..255); 0 (the default) takes twice the estimated noise σ.</summary>
    public double SigmaColor
    {
        get => _sigmaColor;
        init => _sigmaColor = value is >= 0 and <= 255 ? value : throw new ArgumentOutOfRangeException(nameof(SigmaColor), value, "sigma_color must be within 0..255 (8-bit levels; 0 estimates it).");
    }

    /// <summary>σ of the weight by distance, in pixels (0.1..20). Default 1.5.</summary>
    public double SigmaSpace
    {
        get => _sigmaSpace;
        init => _sigmaSpace = value is >= 0.1 and <= 20 ? value : throw new ArgumentOutOfRangeException(nameof(SigmaSpace), value, "sigma_space must be within 0.1..20 pixels.");
    }

    /// <inheritdoc />
    protected override BilateralFilterOperation SampleOperation(RandomStream rng, TransformContext context) => new() { SigmaColor = SigmaColor, SigmaSpace = SigmaSpace };
}

/// <summary>A bilateral filter with σc <see cref="SigmaColor"/> (8-bit levels; 0: twice the estimated noise σ) and σs <see cref="SigmaSpace"/> pixels.</summary>
public sealed record BilateralFilterOperation : Operation
{
    /// <summary>σ of the weight by likeness, in 8-bit levels; 0 estimates it.</summary>
    public double SigmaColor { get; init; }

    /// <summary>σ of the weight by distance, in pixels.</summary>
    public double SigmaSpace { get; init; } = 1.5;

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        using var values = image.ConvertTo<float>();
        double sigma = SigmaColor > 0 ? SigmaColor * EnhancementPixels.Scale<T>() : 2 * Denoising.EstimateNoiseSigma(values);
        if (sigma <= 0) return image;
        using var result = Denoising.Bilateral(values, sigma, SigmaSpace);
        return EnhancementPixels.FromValues<T>(result);
    }
}
