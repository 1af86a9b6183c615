using AugSharp.Kernels;

namespace AugSharp;

/// <summary>What <see cref="Spatter"/> splashes on the lens.</summary>
public enum SpatterMode
{
    /// <summary>Bright drops: the liquid layer's outlines shaped into drops and added to the image.</summary>
    Rain,

    /// <summary>Dark mud: the image blended towards the colour where the liquid layer lies.</summary>
    Mud,
}

/// <summary>
/// Rain drops or mud on the lens (Albumentations' Spatter; default p = 0.5). A liquid layer of
/// normal noise (mean and σ drawn from <see cref="Mean"/> and <see cref="Std"/>) is blurred by a
/// Gaussian of σ from <see cref="GaussSigma"/> (side 2·round(3σ)+1, replicated borders) and cut to
/// zero below a threshold from <see cref="CutoutThreshold"/>. For <see cref="SpatterMode.Rain"/>
/// the layer's edges (Canny, thresholds 50 and 150 on its 8-bit form) give a distance map
/// (chamfer 5x5, capped at 20) that is softened, equalised, embossed and softened again; the
/// layer times that map, normalised to 1, times the colour and 0.9 · intensity is added to the
/// image. For <see cref="SpatterMode.Mud"/> the layer's pixels above the threshold (10% random
/// pixels if none) are blurred by the same σ, normalised to 1 and scaled by the intensity to an
/// opacity m; each pixel becomes (1 - m)·pixel + m·colour. Intensity is drawn from
/// <see cref="Intensity"/>; <see cref="Color"/> defaults to (238, 238, 175) for rain and
/// (20, 42, 63) for mud. Results are clamped to the type's range (float32 in 0..1). RGB images
/// (alpha kept) and gray ones (the colour's luma) are taken; other channel counts are refused.
/// The liquid layer is too big for a record: the operation holds a 64-bit seed drawn from the
/// transform's random stream and regenerates it when applied.
/// </summary>
[TransformCategory("weather")]
[RgbImages]
public sealed class Spatter : Transform<SpatterOperation>
{
    private readonly IReadOnlyList<double> _mean = [0.65, 0.65];
    private readonly IReadOnlyList<double> _std = [0.3, 0.3];
    private readonly IReadOnlyList<double> _gaussSigma = [2, 2];
    private readonly IReadOnlyList<double> _cutoutThreshold = [0.68, 0.68];
    private readonly IReadOnlyList<double> _intensity = [0.6, 0.6];
    private readonly IReadOnlyList<int>? _color;

    /// <summary>The liquid layer's means, [min, max] within 0..1 (one number x means [0, x]). Default [0.65, 0.65].</summary>
    public IReadOnlyList<double> Mean
    {
        get => _mean;
        init => _mean = CheckRange(value, nameof(Mean), 1);
    }

    /// <summary>The liquid layer's standard deviations, [min, max] within 0..1 (one number x means [0, x]). Default [0.3, 0.3].</summary>
    public IReadOnlyList<double> Std
    {
        get => _std;
        init => _std = CheckRange(value, nameof(Std), 1);
    }

    /// <summary>The σ of the layer's blur in pixels, [min, max] with 0 ≤ min (one number x means [0, x]). Default [2, 2].</summary>
    public IReadOnlyList<double> GaussSigma
    {
        get => _gaussSigma;
        init => _gaussSigma = CheckRange(value, nameof(GaussSigma), double.PositiveInfinity);
    }

    /// <summary>The level below which the layer is cut, [min, max] within 0..1 (one number x means [0, x]). Default [0.68, 0.68].</summary>
    public IReadOnlyList<double> CutoutThreshold
    {
        get => _cutoutThreshold;
        init => _cutoutThreshold = CheckRange(value, nameof(CutoutThreshold), 1);
    }

    /// <summary>The strength of the drops or mud, [min, max] within 0..1 (one number x means [0, x]). Default [0.6, 0.6].</summary>
    public IReadOnlyList<double> Intensity
    {
        get => _intensity;
        init => _intensity = CheckRange(value, nameof(Intensity), 1);
    }

    /// <summary>Rain or mud. Default <see cref="SpatterMode.Rain"/>.</summary>
    public SpatterMode Mode { get; init; } = SpatterMode.Rain;

    /// <summary>The colour, [r, g, b] in 0..255, or null (the default) for the mode's own.</summary>
    public IReadOnlyList<int>? Color
    {
        get => _color;
        init => _color = value is null ? null : WeatherMath.CheckColor(value, nameof(Color));
    }

    private static IReadOnlyList<double> CheckRange(IReadOnlyList<double> value, string name, double high)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        var (a, b) = value.Count switch
        {
            1 => (0.0, value[0]),
            2 => (value[0], value[1]),
            _ => throw new ArgumentException($"{name} takes one number or [min, max].", name),
        };
        if (!(a >= 0 && a <= b && b <= high)) throw new ArgumentOutOfRangeException(name, $"{name} must be [min, max] with 0 ≤ min ≤ max ≤ {high}.");
        return value.ToArray();
    }

    private static double Draw(RandomStream rng, IReadOnlyList<double> value) => value.Count == 1 ? rng.Uniform(0, value[0]) : value[0] == value[1] ? value[0] : rng.Uniform(value[0], value[1]);

    /// <inheritdoc />
    protected override SpatterOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        double mean = Draw(rng, Mean), std = Draw(rng, Std), cutout = Draw(rng, CutoutThreshold), sigma = Draw(rng, GaussSigma), intensity = Draw(rng, Intensity);
        return new SpatterOperation
        {
            Mean = mean,
            Std = std,
            CutoutThreshold = cutout,
            GaussSigma = sigma,
            Intensity = intensity,
            Mode = Mode,
            Color = Color ?? (Mode == SpatterMode.Mud ? [20, 42, 63] : [238, 238, 175]),
            Seed = rng.NextUInt64(),
        };
    }
}

/// <summary>Spatter of <see cref="Mode"/> from a liquid layer regenerated from <see cref="Seed"/>.</summary>
public sealed record SpatterOperation : Operation
{
    /// <summary>The liquid layer's mean.</summary>
    public double Mean { get; init; }

    /// <summary>The liquid layer's standard deviation.</summary>
    public double Std { get; init; }

    /// <summary>The σ of the layer's blur.</summary>
    public double GaussSigma { get; init; }

    /// <summary>The level below which the layer is cut to zero.</summary>
    public double CutoutThreshold { get; init; }

    /// <summary>The strength of the drops or mud.</summary>
    public double Intensity { get; init; }

    /// <summary>Rain or mud.</summary>
    public SpatterMode Mode { get; init; }

    /// <summary>The colour, [r, g, b] in 0..255.</summary>
    public IReadOnlyList<int> Color { get; init; } = [238, 238, 175];

    /// <summary>The seed of the liquid layer (normal values row by row; then, for mud without any liquid, the chosen pixels).</summary>
    public ulong Seed { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        ColorChannels.RequireRgb(Name, image.Channels, 1);
        int w = image.Width, h = image.Height, cn = image.Channels;
        var rng = new RandomStream(Seed);
        var liquid = LiquidLayer(rng, w, h);
        var color = cn == 1
            ? new[] { (0.299 * Color[0] + 0.587 * Color[1] + 0.114 * Color[2]) / 255 }
            : Color.Select(c => c / 255.0).ToArray();
        float[] amount = Mode == SpatterMode.Mud ? MudOpacity(rng, liquid, w, h) : RainDrops(liquid, w, h);
        double max = NoiseMath.MaxValue<T>();
        int colored = Math.Min(cn, 3);
        var result = image.Clone();
        for (int y = 0; y < h; y++)
        {
            var row = result.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                double m = amount[y * w + x];
                if (m == 0) continue;
                for (int c = 0; c < colored; c++)
                {
                    double v = NoiseMath.Get(row[x * cn + c]) / max;
                    v = Mode == SpatterMode.Mud ? v * (1 - m) + m * color[c] : v + m * color[c] * Intensity * 0.9;
                    row[x * cn + c] = NoiseMath.Put<T>(Math.Clamp(v, 0, 1) * max, max);
                }
            }
        }
        return result;
    }

    /// <summary>The liquid layer: normal noise, blurred with replicated borders, cut below the threshold.</summary>
    private float[] LiquidLayer(RandomStream rng, int w, int h)
    {
        using var noise = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        for (int y = 0; y < h; y++)
        {
            var row = noise.GetRow(y);
            for (int x = 0; x < w; x++) row[x] = (float)(Mean + Std * rng.NextGaussian());
        }
        int size = 2 * (int)Math.Round(3 * GaussSigma, MidpointRounding.ToEven) + 1;
        var kernel = Convolution.GaussianKernel(size, GaussSigma);
        using var blurred = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        Convolution.Separable(noise, blurred, kernel, kernel, BorderMode.Replicate);
        var layer = blurred.ToArray();
        for (int i = 0; i < layer.Length; i++)
            if (layer[i] < CutoutThreshold) layer[i] = 0;
        return layer;
    }

    /// <summary>The mud's opacity per pixel: the liquid above the threshold, blurred, normalised and scaled by the intensity.</summary>
    private float[] MudOpacity(RandomStream rng, float[] liquid, int w, int h)
    {
        var mask = new float[liquid.Length];
        bool any = false;
        for (int i = 0; i < liquid.Length; i++)
            if (liquid[i] > CutoutThreshold) { mask[i] = 1; any = true; }
        if (!any)
        {
            var order = rng.Permutation(mask.Length);
            for (int i = 0; i < Math.Max(1, (int)(0.1 * mask.Length)); i++) mask[order[i]] = 1;
        }
        if (GaussSigma > 0)
        {
            using var plane = Plane(mask, w, h);
            using var soft = ImageBuffer<float>.CreateUninitialized(w, h, 1);
            var kernel = Convolution.GaussianKernel(Convolution.GaussianSizeFor(GaussSigma, uint8: false), GaussSigma);
            Convolution.Separable(plane, soft, kernel, kernel, BorderMode.Replicate);
            mask = soft.ToArray();
        }
        float most = mask.Max();
        if (most > 0)
            for (int i = 0; i < mask.Length; i++) mask[i] = (float)(mask[i] / most * Intensity);
        else
            mask[0] = (float)Intensity;
        return mask;
    }

    /// <summary>The drops' shape per pixel (0..1): the liquid layer times its shaped edge-distance map, normalised to 1.</summary>
    internal static float[] RainDrops(float[] liquid, int w, int h)
    {
        var level = new byte[liquid.Length];
        for (int i = 0; i < liquid.Length; i++) level[i] = (byte)Math.Clamp(liquid[i] * 255, 0, 255);
        var edges = SpatterShapes.Canny(level, w, h, 50, 150);
        var distance = SpatterShapes.ChamferDistance(edges, w, h);
        using var capped = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        var c = capped.GetSpan();
        for (int i = 0; i < distance.Length; i++) c[i] = Math.Min(distance[i], 20f);
        using var soft = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        var k3 = Convolution.GaussianKernel(3, 1);
        Convolution.Separable(capped, soft, k3, k3, BorderMode.Replicate);
        using var bytes = ImageBuffer<byte>.CreateUninitialized(w, h, 1);
        var s = soft.GetSpan();
        var b = bytes.GetSpan();
        var hist = new long[256];
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = (byte)Math.Clamp(s[i], 0, 255);
            hist[b[i]]++;
        }
        var table = EqualizeOperation.Table(hist, EqualizeMode.Cv);
        for (int i = 0; i < b.Length; i++) b[i] = table[b[i]];
        using var embossed = ImageBuffer<byte>.CreateUninitialized(w, h, 1);
        Convolution.Filter2D(bytes, embossed, [-2, -1, 0, -1, 1, 1, 0, 1, 2], 3, 3);
        using var smooth = ImageBuffer<byte>.CreateUninitialized(w, h, 1);
        var k5 = Convolution.GaussianKernel(5, 1.5);
        Convolution.Separable(embossed, smooth, k5, k5, BorderMode.Replicate);
        var m = new float[liquid.Length];
        var sm = smooth.GetSpan();
        float most = 0;
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = level[i] * (float)sm[i];
            most = Math.Max(most, m[i]);
        }
        if (most > 0)
            for (int i = 0; i < m.Length; i++) m[i] /= most;
        return m;
    }

    private static ImageBuffer<float> Plane(float[] values, int w, int h)
    {
        var plane = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        values.CopyTo(plane.GetSpan());
        return plane;
    }
}

/// <summary>The edge and distance steps of <see cref="SpatterOperation"/>'s rain drops.</summary>
internal static class SpatterShapes
{
    /// <summary>
    /// Canny's edges of an 8-bit image (3x3 Sobel with replicated borders, L1 gradient magnitude,
    /// non-maximum suppression in four directions, hysteresis between <paramref name="low"/> and
    /// <paramref name="high"/>): true on edges.
    /// </summary>
    public static bool[] Canny(byte[] image, int w, int h, int low, int high)
    {
        var dx = new int[w * h];
        var dy = new int[w * h];
        var mag = new int[w * h];
        int At(int y, int x) => image[Math.Clamp(y, 0, h - 1) * w + Math.Clamp(x, 0, w - 1)];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int gx = At(y - 1, x + 1) + 2 * At(y, x + 1) + At(y + 1, x + 1) - At(y - 1, x - 1) - 2 * At(y, x - 1) - At(y + 1, x - 1);
                int gy = At(y + 1, x - 1) + 2 * At(y + 1, x) + At(y + 1, x + 1) - At(y - 1, x - 1) - 2 * At(y - 1, x) - At(y - 1, x + 1);
                dx[y * w + x] = gx;
                dy[y * w + x] = gy;
                mag[y * w + x] = Math.Abs(gx) + Math.Abs(gy);
            }
        }
        int Mag(int y, int x) => (uint)y < (uint)h && (uint)x < (uint)w ? mag[y * w + x] : 0;
        const long Tg22 = 13573; // tan(22.5°) in 15-bit fixed point
        var state = new byte[w * h]; // 0 none, 1 weak, 2 strong
        var stack = new Stack<int>();
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x, m = mag[i];
                if (m <= low) continue;
                long xs = Math.Abs(dx[i]), ys = (long)Math.Abs(dy[i]) << 15, tg22x = xs * Tg22;
                bool peak;
                if (ys < tg22x) peak = m > Mag(y, x - 1) && m >= Mag(y, x + 1);
                else if (ys > tg22x + (xs << 16)) peak = m > Mag(y - 1, x) && m >= Mag(y + 1, x);
                else
                {
                    int s = (dx[i] ^ dy[i]) < 0 ? -1 : 1;
                    peak = m > Mag(y - 1, x - s) && m > Mag(y + 1, x + s);
                }
                if (!peak) continue;
                state[i] = m > high ? (byte)2 : (byte)1;
                if (state[i] == 2) stack.Push(i);
            }
        }
        var edges = new bool[w * h];
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            if (edges[i]) continue;
            edges[i] = true;
            int y = i / w, x = i % w;
            for (int oy = -1; oy <= 1; oy++)
                for (int ox = -1; ox <= 1; ox++)
                {
                    int ny = y + oy, nx = x + ox;
                    if ((uint)ny >= (uint)h || (uint)nx >= (uint)w) continue;
                    int j = ny * w + nx;
                    if (state[j] != 0 && !edges[j]) stack.Push(j);
                }
        }
        return edges;
    }

    /// <summary>
    /// The distance of every pixel to the nearest edge pixel by the 5x5 chamfer of OpenCV's
    /// <c>DIST_L2</c> with mask 5 (steps 1, 1.4 and 2.1969); without edges every distance is large.
    /// </summary>
    public static float[] ChamferDistance(bool[] edges, int w, int h)
    {
        const float A = 1f, B = 1.4f, C = 2.1969f, Far = 1e6f;
        var d = new float[w * h];
        for (int i = 0; i < d.Length; i++) d[i] = edges[i] ? 0 : Far;
        (int Dx, int Dy, float Cost)[] forward = [(-1, 0, A), (0, -1, A), (-1, -1, B), (1, -1, B), (-2, -1, C), (-1, -2, C), (1, -2, C), (2, -1, C)];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                Relax(x, y, forward, 1);
        for (int y = h - 1; y >= 0; y--)
            for (int x = w - 1; x >= 0; x--)
                Relax(x, y, forward, -1);
        return d;

        void Relax(int x, int y, (int Dx, int Dy, float Cost)[] steps, int sign)
        {
            float best = d[y * w + x];
            foreach (var (sx, sy, cost) in steps)
            {
                int nx = x + sign * sx, ny = y + sign * sy;
                if ((uint)nx < (uint)w && (uint)ny < (uint)h) best = Math.Min(best, d[ny * w + nx] + cost);
            }
            d[y * w + x] = best;
        }
    }
}
