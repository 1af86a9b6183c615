using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Non-local means denoising (<see cref="Denoising.NonLocalMeans"/>) with fixed parameters:
/// patches of <see cref="PatchSize"/> pixels compared within a <see cref="SearchSize"/> window,
/// weights <c>exp(-max(d² - 2σ², 0) / h²)</c> with <c>h = HFactor·σ</c>. <see cref="Sigma"/>
/// is the noise level in 8-bit levels (scaled to uint16 and float32 images); 0 estimates it from
/// the image. Default p = 1.
/// </summary>
[TransformCategory("enhancement")]
public sealed class NonLocalMeans : Transform<NonLocalMeansOperation>
{
    private readonly double _sigma;
    private readonly double _hFactor = 0.6;
    private readonly int _patchSize = 5;
    private readonly int _searchSize = 15;

    /// <summary>Creates the transform (p = 1).</summary>
    public NonLocalMeans() => P = 1;

    /// <summary>The noise σ in 8-bit levels (0..255); 0 (the default) estimates it from the image.</summary>
    public double Sigma
    {
        get => _sigma;
        init => _sigma = value is >= 0 and <= 255 ? value : throw new ArgumentOutOfRangeException(nameof(Sigma), value, "sigma must be within 0..255 (8-bit levels; 0 estimates it).");
    }

    /// <summary>h as a multiple of σ (0.1..5). Default 0.6.</summary>
    public double HFactor
    {
        get => _hFactor;
        init => _hFactor = value is >= 0.1 and <= 5 ? value : throw new ArgumentOutOfRangeException(nameof(HFactor), value, "h_factor must be within 0.1..5.");
    }

    /// <summary>The patch side, odd, 1..15. Default 5.</summary>
    public int PatchSize
    {
        get => _patchSize;
        init => _patchSize = value is >= 1 and <= 15 && value % 2 == 1 ? value : throw new ArgumentOutOfRangeException(nameof(PatchSize), value, "patch_size must be odd, within 1..15.");
    }

    /// <summary>The search window's side, odd, 3..41. Default 15.</summary>
    public int SearchSize
    {
        get => _searchSize;
        init => _searchSize = value is >= 3 and <= 41 && value % 2 == 1 ? value : throw new ArgumentOutOfRangeException(nameof(SearchSize), value, "search_size must be odd, within 3..41.");
    }

    /// <inheritdoc />
    protected override NonLocalMeansOperation SampleOperation(RandomStream rng, TransformContext context)
        => new() { Sigma = Sigma, HFactor = HFactor, PatchSize = PatchSize, SearchSize = SearchSize };
}

/// <summary>Non-local means with noise σ <see cref="Sigma"/> (8-bit levels; 0 estimates it), h = <see cref="HFactor"/>·σ, <see cref="PatchSize"/> patches and a <see cref="SearchSize"/> window.</summary>
public sealed record NonLocalMeansOperation : Operation
{
    /// <summary>The noise σ in 8-bit levels; 0 estimates it.</summary>
    public double Sigma { get; init; }

    /// <summary>h as a multiple of σ.</summary>
    public double HFactor { get; init; } = 0.6;

    /// <summary>The odd patch side.</summary>
    public int PatchSize { get; init; } = 5;

    /// <summary>The odd search window side.</summary>
    public int SearchSize { get; init; } = 15;

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        using var values = image.ConvertTo<float>();
        double sigma = Sigma > 0 ? Sigma * EnhancementPixels.Scale<T>() : Denoising.EstimateNoiseSigma(values);
        if (sigma <= 0) return image;
        using var result = Denoising.NonLocalMeans(values, sigma, HFactor * sigma, PatchSize / 2, SearchSize / 2);
        return EnhancementPixels.FromValues<T>(result);
    }
}
