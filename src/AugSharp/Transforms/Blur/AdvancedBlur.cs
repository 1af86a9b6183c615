namespace AugSharp;

/// <summary>
/// A generalised Gaussian blur (Albumentations' AdvancedBlur; default p = 0.5): an anisotropic
/// kernel of odd size from <c>blur_limit</c>, with σ along x and y from
/// <see cref="SigmaXLimit"/> and <see cref="SigmaYLimit"/>, turned by an angle from
/// <see cref="RotateLimit"/>, of shape β from <see cref="BetaLimit"/> (below 1 heavier tails,
/// above 1 flatter tops; each side of 1 is picked with even odds), multiplied tap by tap by factors
/// from <see cref="NoiseLimit"/> and normalised. Applied with reflect101 borders; each channel on
/// its own; float32 images in 0..1.
/// </summary>
[TransformCategory("blur")]
public sealed class AdvancedBlur : OddKernelTransform<AdvancedBlurOperation>
{
    /// <summary>σ along x before the turn (≥ 0; a single number is that value). Default [0.2, 1].</summary>
    public ValueRange SigmaXLimit { get; init; } = new(0.2, 1.0);

    /// <summary>σ along y before the turn (≥ 0; a single number is that value). Default [0.2, 1].</summary>
    public ValueRange SigmaYLimit { get; init; } = new(0.2, 1.0);

    /// <summary>The kernel's turn in degrees (a single number L means [-L, L]). Default [-90, 90].</summary>
    [SymmetricScalar]
    public ValueRange RotateLimit { get; init; } = new(-90, 90);

    /// <summary>The shape β; the interval must contain 1 strictly inside. Default [0.5, 8].</summary>
    public ValueRange BetaLimit { get; init; } = new(0.5, 8.0);

    /// <summary>The factors multiplied into each tap (≥ 0; a single number is that value). Default [0.9, 1.1].</summary>
    public ValueRange NoiseLimit { get; init; } = new(0.9, 1.1);

    /// <inheritdoc />
    protected override AdvancedBlurOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var beta = BetaLimit.Check(nameof(BetaLimit), 0);
        if (!(beta.Min < 1 && 1 < beta.Max)) throw new ArgumentOutOfRangeException(nameof(BetaLimit), beta, "beta_limit must contain 1 strictly inside.");
        var sx = SigmaXLimit.Check(nameof(SigmaXLimit), 0);
        var sy = SigmaYLimit.Check(nameof(SigmaYLimit), 0);
        if (sx.Min == 0 && sy.Min == 0) throw new ArgumentOutOfRangeException(nameof(SigmaXLimit), "sigma_x_limit and sigma_y_limit cannot both start at 0.");
        var noise = NoiseLimit.Check(nameof(NoiseLimit), 0);
        int size = DrawKernelSize(rng);
        double sigmaX = sx.Draw(rng), sigmaY = sy.Draw(rng), angle = RotateLimit.Check(nameof(RotateLimit)).Draw(rng);
        double b = rng.NextDouble() < 0.5 ? rng.Uniform(beta.Min, 1) : rng.Uniform(1, beta.Max);
        var factors = new double[size * size];
        for (int i = 0; i < factors.Length; i++) factors[i] = rng.Uniform(noise.Min, noise.Max);
        return new AdvancedBlurOperation { Kernel = size, SigmaX = sigmaX, SigmaY = sigmaY, Angle = angle, Beta = b, NoiseMatrix = factors };
    }
}

/// <summary>A generalised Gaussian kernel rebuilt from its size, σs, angle, β and per-tap factors.</summary>
public sealed record AdvancedBlurOperation : Operation
{
    /// <summary>The odd kernel size.</summary>
    public int Kernel { get; init; } = 3;

    /// <summary>σ along x before the turn.</summary>
    public double SigmaX { get; init; } = 1;

    /// <summary>σ along y before the turn.</summary>
    public double SigmaY { get; init; } = 1;

    /// <summary>The turn in degrees.</summary>
    public double Angle { get; init; }

    /// <summary>The shape β.</summary>
    public double Beta { get; init; } = 1;

    /// <summary>The factor of each tap, row by row (Kernel² values); empty means all 1.</summary>
    public IReadOnlyList<double> NoiseMatrix { get; init; } = [];

    /// <summary>The kernel: <c>exp(-½ (gᵀ Σ⁻¹ g)^β)</c> over the grid g centred on the middle tap, Σ = U diag(σx², σy²) Uᵀ, times the factors, normalised.</summary>
    public float[] BuildKernel()
    {
        int k = Kernel, r = k / 2;
        double a = Angle * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        double vx = SigmaX * SigmaX, vy = SigmaY * SigmaY;
        double s00 = c * c * vx + s * s * vy, s01 = c * s * (vx - vy), s11 = s * s * vx + c * c * vy;
        double det = s00 * s11 - s01 * s01;
        double i00 = s11 / det, i01 = -s01 / det, i11 = s00 / det;
        var kernel = new double[k * k];
        double sum = 0;
        for (int y = 0; y < k; y++)
            for (int x = 0; x < k; x++)
            {
                double gx = x - r, gy = y - r;
                double q = gx * gx * i00 + 2 * gx * gy * i01 + gy * gy * i11;
                double v = Math.Exp(-0.5 * Math.Pow(q, Beta));
                if (NoiseMatrix.Count == k * k) v *= NoiseMatrix[y * k + x];
                kernel[y * k + x] = v;
                sum += v;
            }
        var result = new float[k * k];
        for (int i = 0; i < result.Length; i++) result[i] = sum > 0 ? (float)(kernel[i] / sum) : i == r * k + r ? 1 : 0;
        return result;
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => BlurSampling.Convolve(image, BuildKernel(), Kernel);
}
