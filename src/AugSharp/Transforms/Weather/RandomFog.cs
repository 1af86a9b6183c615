using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Fog: a haze of white particles, densest at the centre, then a light blur (Albumentations'
/// RandomFog; default p = 0.5). A fog coefficient f is drawn from <see cref="FogCoefRange"/>.
/// Particles are scattered in ten nested regions shrinking by 10% around the image's centre
/// (while they are larger than a third of the width times f), more of them the smaller f is, each
/// a disc of radius from half to all of 10% of the shorter side times f; each disc is
/// alpha-blended with white at <see cref="AlphaCoef"/> · f, so a pixel under k discs moves to
/// white by 1 - (1 - α)^k. The image is then blurred by a Gaussian of side
/// max(3, shorter side / 30), odd. White is the type's largest value (float32: 1) in every
/// channel, so any channel count works.
/// The particles are too many for a record: the operation holds a 64-bit seed drawn from the
/// transform's random stream and scatters the same particles from it when applied.
/// </summary>
[TransformCategory("weather")]
public sealed class RandomFog : Transform<RandomFogOperation>
{
    private readonly ValueRange _fogCoefRange = new(0.3, 1);
    private readonly double _alphaCoef = 0.08;

    /// <summary>The fog coefficients, within 0..1: more fog and larger particles as it grows. Default [0.3, 1].</summary>
    public ValueRange FogCoefRange
    {
        get => _fogCoefRange;
        init => _fogCoefRange = value.Check(nameof(FogCoefRange), 0, 1);
    }

    /// <summary>The opacity of one particle per unit of fog coefficient, in 0..1. Default 0.08.</summary>
    public double AlphaCoef
    {
        get => _alphaCoef;
        init => _alphaCoef = value >= 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(AlphaCoef), value, "alpha_coef must be in 0..1.");
    }

    /// <inheritdoc />
    protected override RandomFogOperation SampleOperation(RandomStream rng, TransformContext context) => new()
    {
        FogCoef = FogCoefRange.Draw(rng),
        AlphaCoef = AlphaCoef,
        Seed = rng.NextUInt64(),
    };
}

/// <summary>Fog of coefficient <see cref="FogCoef"/>, its particles scattered from <see cref="Seed"/>.</summary>
public sealed record RandomFogOperation : Operation
{
    /// <summary>The fog coefficient (0..1).</summary>
    public double FogCoef { get; init; }

    /// <summary>The opacity of one particle per unit of fog coefficient.</summary>
    public double AlphaCoef { get; init; } = 0.08;

    /// <summary>The seed of the particles: positions region by region, then the radii.</summary>
    public ulong Seed { get; init; }

    /// <summary>The particles (centre column, centre row, radius) for an image of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public IReadOnlyList<(int X, int Y, int Radius)> Particles(int width, int height)
    {
        var rng = new RandomStream(Seed);
        double f = FogCoef;
        int regionSize = Math.Max(1, (int)(width / 3 * f));
        int centerX = (int)(width / 2.0 - 0.5), centerY = (int)(height / 2.0 - 0.5);
        int currentWidth = width, currentHeight = height;
        var positions = new List<(int, int)>();
        for (int iteration = 0; iteration < 10 && currentWidth > regionSize && currentHeight > regionSize; iteration++)
        {
            double area = (double)currentWidth * currentHeight;
            int count = (int)(area / ((double)regionSize * regionSize) * f * 10);
            for (int i = 0; i < count; i++)
            {
                int x = WeatherMath.RandInt(rng, centerX - currentWidth / 2, centerX + currentWidth / 2);
                int y = WeatherMath.RandInt(rng, centerY - currentHeight / 2, centerY + currentHeight / 2);
                positions.Add((x, y));
            }
            currentWidth = (int)(currentWidth * 0.9);
            currentHeight = (int)(currentHeight * 0.9);
        }
        int maxRadius = Math.Max(2, (int)(Math.Min(height, width) * 0.1 * f));
        int minRadius = Math.Max(1, maxRadius / 2);
        var particles = new (int, int, int)[positions.Count];
        for (int i = 0; i < particles.Length; i++) particles[i] = (positions[i].Item1, positions[i].Item2, WeatherMath.Integers(rng, minRadius, maxRadius));
        return particles;
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => Paint(image, Particles(image.Width, image.Height), AlphaCoef * FogCoef);

    /// <summary>Blends each particle's disc with white at <paramref name="alpha"/>, then blurs the image.</summary>
    internal static ImageBuffer<T> Paint<T>(ImageBuffer<T> image, IReadOnlyList<(int X, int Y, int Radius)> particles, double alpha) where T : unmanaged
    {
        int w = image.Width, h = image.Height, cn = image.Channels;
        var cover = new int[w * h];
        foreach (var (x, y, r) in particles)
            Drawing.Circle(x, y, r, w, h, (row, x0, x1) =>
            {
                for (int i = x0; i <= x1; i++) cover[row * w + i]++;
            });
        double max = NoiseMath.MaxValue<T>();
        int most = cover.Length == 0 ? 0 : cover.Max();
        var keep = new double[most + 1];
        for (int k = 0; k <= most; k++) keep[k] = Math.Pow(1 - alpha, k);
        using var hazy = ImageBuffer<T>.CreateUninitialized(w, h, cn);
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            var d = hazy.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                double k = keep[cover[y * w + x]];
                for (int c = 0; c < cn; c++) d[x * cn + c] = NoiseMath.Put<T>(max - (max - NoiseMath.Get(s[x * cn + c])) * k, max);
            }
        }
        int size = Math.Max(3, Math.Min(w, h) / 30) | 1;
        var result = ImageBuffer<T>.CreateUninitialized(w, h, cn);
        Convolution.Gaussian(hazy, result, size, 0);
        return result;
    }
}
