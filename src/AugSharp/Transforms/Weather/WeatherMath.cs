using System.Runtime.CompilerServices;

namespace AugSharp;

/// <summary>Shared checks, draws and colour conversions of the weather transforms.</summary>
internal static class WeatherMath
{
    /// <summary>
    /// Checks a region of interest (x_min, y_min, x_max, y_max) in fractions of the image:
    /// four values in 0..1 with min ≤ max (min &lt; max when <paramref name="strict"/>).
    /// </summary>
    public static IReadOnlyList<double> CheckRoi(IReadOnlyList<double> roi, string name, bool strict)
    {
        ArgumentNullException.ThrowIfNull(roi, name);
        if (roi.Count != 4) throw new ArgumentException($"{name} takes four numbers [x_min, y_min, x_max, y_max].", name);
        bool ordered = strict ? roi[0] < roi[2] && roi[1] < roi[3] : roi[0] <= roi[2] && roi[1] <= roi[3];
        if (!(roi.All(v => v >= 0 && v <= 1) && ordered))
            throw new ArgumentOutOfRangeException(name, $"{name} must be [x_min, y_min, x_max, y_max] within 0..1 with min {(strict ? "<" : "≤")} max.");
        return roi.ToArray();
    }

    /// <summary>
    /// Checks a whole-number range: one value N means [N, N], two values are [min, max] with
    /// <paramref name="low"/> ≤ min ≤ max.
    /// </summary>
    public static IReadOnlyList<int> CheckIntRange(IReadOnlyList<int> value, string name, int low)
    {
        var (a, b) = IntRange(value, name);
        if (a < low || a > b) throw new ArgumentOutOfRangeException(name, $"{name} must be [min, max] with {low} ≤ min ≤ max.");
        return value.ToArray();
    }

    /// <summary>The ends of a whole-number range (one value N is [N, N]).</summary>
    public static (int Min, int Max) IntRange(IReadOnlyList<int> value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value.Count switch
        {
            1 => (value[0], value[0]),
            2 => (value[0], value[1]),
            _ => throw new ArgumentException($"{name} takes one number or [min, max].", name),
        };
    }

    /// <summary>A whole number uniform in [<paramref name="low"/>, <paramref name="high"/>], both included (Python's randint).</summary>
    public static int RandInt(RandomStream rng, int low, int high) => high <= low ? low : rng.NextInt(low, high + 1);

    /// <summary>A whole number uniform in [<paramref name="low"/>, <paramref name="high"/>), or low when the interval is empty (numpy's integers).</summary>
    public static int Integers(RandomStream rng, int low, int high) => high <= low ? low : rng.NextInt(low, high);

    /// <summary>Checks an RGB colour of three values in 0..255.</summary>
    public static IReadOnlyList<int> CheckColor(IReadOnlyList<int> color, string name)
    {
        ArgumentNullException.ThrowIfNull(color, name);
        if (color.Count != 3 || color.Any(c => c < 0 || c > 255))
            throw new ArgumentException($"{name} takes three numbers [r, g, b] in 0..255.", name);
        return color.ToArray();
    }

    /// <summary>An element as a fraction of the type's largest value (float32 as it is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Unit<T>(T v, double max) where T : unmanaged => NoiseMath.Get(v) / max;

    /// <summary>RGB (0..1) to HLS: hue in degrees, lightness and saturation 0..1 (OpenCV's definitions, in double precision).</summary>
    public static (double H, double L, double S) RgbToHls(double r, double g, double b)
    {
        double vmax = Math.Max(r, Math.Max(g, b)), vmin = Math.Min(r, Math.Min(g, b)), diff = vmax - vmin;
        double l = (vmax + vmin) / 2;
        if (diff <= 0) return (0, l, 0);
        double s = l < 0.5 ? diff / (vmax + vmin) : diff / (2 - vmax - vmin);
        double h = vmax == r ? (g - b) / diff : vmax == g ? 2 + (b - r) / diff : 4 + (r - g) / diff;
        h *= 60;
        if (h < 0) h += 360;
        return (h, l, s);
    }

    /// <summary>HLS (hue in degrees, lightness and saturation 0..1) to RGB (0..1).</summary>
    public static (double R, double G, double B) HlsToRgb(double h, double l, double s)
    {
        if (s <= 0) return (l, l, l);
        double p2 = l <= 0.5 ? l * (1 + s) : l + s - l * s, p1 = 2 * l - p2;
        h = (h % 360 + 360) % 360 / 60;
        return (Channel(h + 2), Channel(h), Channel(h - 2));

        double Channel(double hue)
        {
            if (hue >= 6) hue -= 6;
            if (hue < 0) hue += 6;
            if (hue < 1) return p1 + (p2 - p1) * hue;
            if (hue < 3) return p2;
            if (hue < 4) return p1 + (p2 - p1) * (4 - hue);
            return p1;
        }
    }

    /// <summary>The lightness of a gray image's pixel, or its RGB pixel changed by <paramref name="lightness"/> in HLS (hue and saturation kept).</summary>
    public static void MapLightness<T>(Span<T> pixel, double max, Func<double, double> lightness) where T : unmanaged
    {
        if (pixel.Length < 3)
        {
            pixel[0] = NoiseMath.Put<T>(Math.Clamp(lightness(Unit(pixel[0], max)), 0, 1) * max, max);
            return;
        }
        var (h, l, s) = RgbToHls(Unit(pixel[0], max), Unit(pixel[1], max), Unit(pixel[2], max));
        var (r, g, b) = HlsToRgb(h, Math.Clamp(lightness(l), 0, 1), s);
        pixel[0] = NoiseMath.Put<T>(r * max, max);
        pixel[1] = NoiseMath.Put<T>(g * max, max);
        pixel[2] = NoiseMath.Put<T>(b * max, max);
    }
}
