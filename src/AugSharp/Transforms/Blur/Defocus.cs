using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// An out-of-focus blur (Albumentations' Defocus; default p = 0.5): a disc of radius from
/// <see cref="Radius"/>, softened by a small Gaussian of σ from <see cref="AliasBlur"/>, applied
/// with reflect101 borders. Each channel on its own; float32 images in 0..1.
/// </summary>
[TransformCategory("blur")]
public sealed class Defocus : Transform<DefocusOperation>
{
    private readonly IReadOnlyList<int> _radius = [3, 10];

    /// <summary>The disc radii [min, max] in pixels (at least 1; one number R means [1, R]). Default [3, 10].</summary>
    public IReadOnlyList<int> Radius
    {
        get => _radius;
        init
        {
            var (a, b) = BlurSampling.Limit(value, 1, nameof(Radius));
            if (a < 1 || a > b) throw new ArgumentOutOfRangeException(nameof(Radius), "radius must be [min, max] with 1 ≤ min ≤ max.");
            _radius = value;
        }
    }

    /// <summary>The σ of the Gaussian that softens the disc's edge (a single number is that value). Default [0.1, 0.5].</summary>
    public ValueRange AliasBlur { get; init; } = new(0.1, 0.5);

    /// <inheritdoc />
    protected override DefocusOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var (a, b) = BlurSampling.Limit(Radius, 1, nameof(Radius));
        int radius = rng.NextInt(a, b + 1);
        double alias = AliasBlur.Check(nameof(AliasBlur), 0).Draw(rng);
        return new DefocusOperation { Radius = radius, AliasBlur = alias };
    }
}

/// <summary>A defocus blur: a disc of <see cref="Radius"/> softened by a Gaussian of σ = <see cref="AliasBlur"/>.</summary>
public sealed record DefocusOperation : Operation
{
    /// <summary>The disc's radius in pixels.</summary>
    public int Radius { get; init; } = 3;

    /// <summary>The σ of the softening Gaussian (3x3 taps up to radius 8, 5x5 above).</summary>
    public double AliasBlur { get; init; } = 0.1;

    /// <summary>The kernel (its side is 2·max(8, radius)+1), normalised to sum 1.</summary>
    public (float[] Kernel, int Size) BuildKernel()
    {
        int half = Math.Max(8, Radius), size = 2 * half + 1;
        var disc = new ImageBuffer<float>(size, size, 1);
        int count = 0;
        for (int y = -half; y <= half; y++)
            for (int x = -half; x <= half; x++)
                if (x * x + y * y <= Radius * Radius) count++;
        for (int y = -half; y <= half; y++)
            for (int x = -half; x <= half; x++)
                if (x * x + y * y <= Radius * Radius) disc[y + half, x + half, 0] = 1f / count;
        var g = Convolution.GaussianKernel(Radius <= 8 ? 3 : 5, AliasBlur);
        var soft = new ImageBuffer<float>(size, size, 1);
        Convolution.Separable(disc, soft, g, g);
        var kernel = soft.ToArray();
        disc.Dispose();
        soft.Dispose();
        return (kernel, size);
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        var (kernel, size) = BuildKernel();
        return BlurSampling.Convolve(image, kernel, size);
    }
}
