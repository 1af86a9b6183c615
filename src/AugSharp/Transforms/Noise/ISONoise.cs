namespace AugSharp;

/// <summary>
/// Camera sensor noise at a high ISO setting (Albumentations' ISONoise; default p = 0.5), in the
/// HLS colour space with every value taken in 0..1: each pixel's hue turns by a normal draw of
/// standard deviation <c>color_shift · intensity</c> full turns (so a color_shift of 1 stands for
/// 360°), and its lightness L grows by <c>k · intensity · (1 − L)</c>, k a Poisson draw of mean
/// <c>intensity</c> times the standard deviation of L over the image. Both are drawn per pixel
/// from a 64-bit seed when applied. RGB images (3 channels, or 4 with alpha kept); uint8, uint16
/// and float32 (0..1), clamped to their range.
/// </summary>
[TransformCategory("noise")]
[RgbImages]
public sealed class ISONoise : Transform<IsoNoiseOperation>
{
    /// <summary>The hue noise, in full turns, within [0, 1]. Default [0.01, 0.05].</summary>
    public ValueRange ColorShift { get; init; } = new(0.01, 0.05);

    /// <summary>The strength of both noises, 0 or more. Default [0.1, 0.5].</summary>
    public ValueRange Intensity { get; init; } = new(0.1, 0.5);

    /// <inheritdoc />
    protected override IsoNoiseOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        ColorChannels.RequireRgb("ISONoise", context.Shape.Channels);
        return new IsoNoiseOperation
        {
            ColorShift = ColorShift.Check(nameof(ColorShift), 0, 1).Draw(rng),
            Intensity = Intensity.Check(nameof(Intensity), 0).Draw(rng),
            Seed = rng.NextUInt64(),
        };
    }
}

/// <summary>Hue and lightness noise in HLS with the drawn <see cref="ColorShift"/> and <see cref="Intensity"/>, regenerated from <see cref="Seed"/>.</summary>
public sealed record IsoNoiseOperation : Operation
{
    /// <summary>The hue noise's standard deviation per unit of intensity, in full turns.</summary>
    public double ColorShift { get; init; }

    /// <summary>The strength of both noises.</summary>
    public double Intensity { get; init; }

    /// <summary>The seed of the per-pixel draws (a Poisson then a normal draw per pixel, row by row).</summary>
    public ulong Seed { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        ColorChannels.RequireRgb("ISONoise", image.Channels);
        int w = image.Width, h = image.Height, cn = image.Channels;
        double max = NoiseMath.MaxValue<T>();
        // The standard deviation of the lightness over the image, then the noise pixel by pixel.
        double sum = 0, sumSq = 0;
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                double l = Hls.FromRgb(NoiseMath.Get(s[x * cn]) / max, NoiseMath.Get(s[x * cn + 1]) / max, NoiseMath.Get(s[x * cn + 2]) / max).L;
                sum += l;
                sumSq += l * l;
            }
        }
        long n = (long)w * h;
        double mean = sum / n, std = Math.Sqrt(Math.Max(0, sumSq / n - mean * mean));
        var rng = new RandomStream(Seed);
        var result = ImageBuffer<T>.CreateUninitialized(w, h, cn);
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                var (hue, l, sat) = Hls.FromRgb(NoiseMath.Get(s[x * cn]) / max, NoiseMath.Get(s[x * cn + 1]) / max, NoiseMath.Get(s[x * cn + 2]) / max);
                double luminance = NoiseMath.Poisson(rng, std * Intensity);
                double turn = ColorShift * Intensity * rng.NextGaussian();
                hue += 360 * turn;
                hue -= 360 * Math.Floor(hue / 360);
                l = Math.Clamp(l + luminance * Intensity * (1 - l), 0, 1);
                var (r, g, b) = Hls.ToRgb(hue, l, sat);
                d[x * cn] = NoiseMath.Put<T>(r * max, max);
                d[x * cn + 1] = NoiseMath.Put<T>(g * max, max);
                d[x * cn + 2] = NoiseMath.Put<T>(b * max, max);
                if (cn == 4) d[x * cn + 3] = s[x * cn + 3];
            }
        }
        return result;
    }
}

/// <summary>RGB and HLS (hue in degrees 0..360, lightness and saturation in 0..1), with components in 0..1, as OpenCV's float conversion defines them.</summary>
internal static class Hls
{
    /// <summary>Hue (degrees), lightness and saturation of an RGB colour.</summary>
    public static (double H, double L, double S) FromRgb(double r, double g, double b)
    {
        double vmax = Math.Max(r, Math.Max(g, b)), vmin = Math.Min(r, Math.Min(g, b)), diff = vmax - vmin;
        double l = (vmax + vmin) / 2, h = 0, s = 0;
        if (diff > 1e-12)
        {
            s = l < 0.5 ? diff / (vmax + vmin) : diff / (2 - vmax - vmin);
            double f = 60 / diff;
            h = vmax == r ? (g - b) * f : vmax == g ? (b - r) * f + 120 : (r - g) * f + 240;
            if (h < 0) h += 360;
        }
        return (h, l, s);
    }

    /// <summary>The RGB colour of a hue (degrees), lightness and saturation.</summary>
    public static (double R, double G, double B) ToRgb(double h, double l, double s)
    {
        if (s <= 0) return (l, l, l);
        double p2 = l <= 0.5 ? l * (1 + s) : l + s - l * s, p1 = 2 * l - p2;
        double hh = h / 60;
        hh -= 6 * Math.Floor(hh / 6);
        int sector = Math.Min((int)hh, 5);
        double f = hh - sector;
        double rising = p1 + (p2 - p1) * f, falling = p2 - (p2 - p1) * f;
        return sector switch
        {
            0 => (p2, rising, p1),
            1 => (falling, p2, p1),
            2 => (p1, p2, rising),
            3 => (p1, falling, p2),
            4 => (rising, p1, p2),
            _ => (p2, p1, falling),
        };
    }
}
