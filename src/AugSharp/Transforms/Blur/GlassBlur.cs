using AugSharp.Kernels;

namespace AugSharp;

/// <summary>How <see cref="GlassBlur"/> swaps pixels.</summary>
public enum GlassBlurMode
{
    /// <summary>All swaps of an iteration at once (numpy's fancy assignment).</summary>
    Fast,

    /// <summary>One swap after the other, bottom-right to top-left.</summary>
    Exact,
}

/// <summary>
/// A frosted-glass blur (Albumentations' GlassBlur; default p = 0.5): a Gaussian blur of
/// <see cref="Sigma"/> (OpenCV's kernel size for σ), then <see cref="Iterations"/> rounds of
/// swapping each inner pixel with a random neighbour at most <see cref="MaxDelta"/> away, then
/// the Gaussian blur again. Each channel moves with its pixel; float32 images in 0..1.
/// The random displacements are too many for a record: the operation holds a 64-bit seed drawn
/// from the transform's random stream and regenerates them from it when applied.
/// </summary>
[TransformCategory("blur")]
public sealed class GlassBlur : Transform<GlassBlurOperation>
{
    private readonly double _sigma = 0.7;
    private readonly int _maxDelta = 4;
    private readonly int _iterations = 2;

    /// <summary>The Gaussian's σ in pixels (≥ 0). Default 0.7.</summary>
    public double Sigma
    {
        get => _sigma;
        init => _sigma = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Sigma), value, "sigma must be ≥ 0.");
    }

    /// <summary>The largest displacement in pixels (≥ 1). Default 4.</summary>
    public int MaxDelta
    {
        get => _maxDelta;
        init => _maxDelta = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDelta), value, "max_delta must be ≥ 1.");
    }

    /// <summary>The rounds of swaps (≥ 1). Default 2.</summary>
    public int Iterations
    {
        get => _iterations;
        init => _iterations = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Iterations), value, "iterations must be ≥ 1.");
    }

    /// <summary>fast or exact. Default fast.</summary>
    public GlassBlurMode Mode { get; init; } = GlassBlurMode.Fast;

    /// <inheritdoc />
    protected override GlassBlurOperation SampleOperation(RandomStream rng, TransformContext context) => new()
    {
        Sigma = Sigma,
        MaxDelta = MaxDelta,
        Iterations = Iterations,
        Mode = Mode,
        Seed = rng.NextUInt64(),
    };
}

/// <summary>A glass blur; the displacements come from a <see cref="RandomStream"/> seeded with <see cref="Seed"/>.</summary>
public sealed record GlassBlurOperation : Operation
{
    /// <summary>The Gaussian's σ.</summary>
    public double Sigma { get; init; } = 0.7;

    /// <summary>The largest displacement.</summary>
    public int MaxDelta { get; init; } = 4;

    /// <summary>The rounds of swaps.</summary>
    public int Iterations { get; init; } = 2;

    /// <summary>How the swaps are made.</summary>
    public GlassBlurMode Mode { get; init; }

    /// <summary>The seed of the displacements: for each inner pixel and round, dy then dx, each uniform in [-MaxDelta, MaxDelta).</summary>
    public ulong Seed { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int w = image.Width, h = image.Height, cn = image.Channels, md = MaxDelta;
        int size = Convolution.GaussianSizeFor(Sigma, typeof(T) == typeof(byte));
        var x = BlurSampling.Into(image, (s, d) => Convolution.Gaussian(s, d, size, Sigma));
        int nh = h - 2 * md, nw = w - 2 * md;
        if (nh > 0 && nw > 0)
        {
            int total = nh * nw;
            var rng = new RandomStream(Seed);
            var dxy = new int[total * Iterations * 2];
            for (int i = 0; i < dxy.Length; i++) dxy[i] = rng.NextInt(-md, md);
            if (Mode == GlassBlurMode.Fast)
            {
                var a = new T[total * cn];
                var b = new T[total * cn];
                for (int it = 0; it < Iterations; it++)
                {
                    // n runs over the columns from the right, rows from the bottom within each column.
                    for (int n = 0; n < total; n++)
                    {
                        int py = h - md - n % nh, px = w - md - n / nh;
                        int qy = py + dxy[(n * Iterations + it) * 2], qx = px + dxy[(n * Iterations + it) * 2 + 1];
                        for (int c = 0; c < cn; c++)
                        {
                            a[n * cn + c] = x[qy, qx, c];
                            b[n * cn + c] = x[py, px, c];
                        }
                    }
                    for (int n = 0; n < total; n++)
                    {
                        int py = h - md - n % nh, px = w - md - n / nh;
                        for (int c = 0; c < cn; c++) x[py, px, c] = a[n * cn + c];
                    }
                    for (int n = 0; n < total; n++)
                    {
                        int py = h - md - n % nh, px = w - md - n / nh;
                        int qy = py + dxy[(n * Iterations + it) * 2], qx = px + dxy[(n * Iterations + it) * 2 + 1];
                        for (int c = 0; c < cn; c++) x[qy, qx, c] = b[n * cn + c];
                    }
                }
            }
            else
            {
                int index = 0;
                for (int it = 0; it < Iterations; it++)
                    for (int py = h - md; py > md; py--)
                        for (int px = w - md; px > md; px--, index++)
                        {
                            int n = index % total;
                            int qy = py + dxy[(n * Iterations + it) * 2], qx = px + dxy[(n * Iterations + it) * 2 + 1];
                            for (int c = 0; c < cn; c++)
                            {
                                (x[py, px, c], x[qy, qx, c]) = (x[qy, qx, c], x[py, px, c]);
                            }
                        }
            }
        }
        Convolution.Gaussian(x, x, size, Sigma);
        return x;
    }
}
