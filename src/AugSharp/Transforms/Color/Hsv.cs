using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// RGB to HSV and back. 8-bit images follow OpenCV's cv2.cvtColor (hue 0..179 in steps
/// of 2 degrees, saturation and value 0..255, its fixed-point forward conversion and float
/// inverse); 16-bit and float images use double precision (hue in degrees, saturation and value
/// 0..1).
/// </summary>
internal static class Hsv
{
    private const int Shift = 12;
    private static readonly int[] SatDiv = MakeTable(i => (255 << Shift) / (double)i);
    private static readonly int[] HueDiv = MakeTable(i => (180 << Shift) / (6.0 * i));

    private static int[] MakeTable(Func<int, double> f)
    {
        var t = new int[256];
        for (int i = 1; i < 256; i++) t[i] = (int)Math.Round(f(i), MidpointRounding.ToEven);
        return t;
    }

    /// <summary>OpenCV's 8-bit RGB2HSV.</summary>
    public static (int H, int S, int V) FromRgb8(int r, int g, int b)
    {
        int v = Math.Max(r, Math.Max(g, b));
        int vmin = Math.Min(r, Math.Min(g, b));
        int diff = v - vmin;
        int vr = v == r ? -1 : 0, vg = v == g ? -1 : 0;
        int s = (diff * SatDiv[v] + (1 << (Shift - 1))) >> Shift;
        int h = (vr & (g - b)) + (~vr & ((vg & (b - r + 2 * diff)) + (~vg & (r - g + 4 * diff))));
        h = (h * HueDiv[diff] + (1 << (Shift - 1))) >> Shift;
        h += h < 0 ? 180 : 0;
        return (Math.Clamp(h, 0, 255), s, v);
    }

    /// <summary>
    /// OpenCV's 8-bit HSV2RGB (hue 0..179) as its vectorised path computes it: in float, with the
    /// results scaled by 255 and truncated (OpenCV rounds only the few pixels at the end of a row
    /// that its vector loop leaves over).
    /// </summary>
    public static (byte R, byte G, byte B) ToRgb8(int h, int s, int v)
    {
        float hf = h * (6f / 180f), sf = s * (1f / 255f), vf = v * (1f / 255f);
        float pre = MathF.Truncate(hf);
        float f = hf - pre;
        float t0 = vf, t1 = vf * (1f - sf), t2 = vf * (1f - sf * f), t3 = vf * (1f - sf * (1f - f));
        int sector = (int)(pre - MathF.Truncate(pre * (1f / 6f)) * 6f);
        var (r, g, b) = sector switch
        {
            0 => (t0, t3, t1),
            1 => (t2, t0, t1),
            2 => (t1, t0, t3),
            3 => (t1, t2, t0),
            4 => (t3, t1, t0),
            _ => (t0, t1, t2),
        };
        return (Truncate(r * 255f), Truncate(g * 255f), Truncate(b * 255f));

        static byte Truncate(float x) => x <= 0 ? (byte)0 : x >= 255 ? (byte)255 : (byte)x;
    }

    /// <summary>RGB (0..1) to hue in degrees (0..360), saturation and value (0..1), in double precision.</summary>
    public static (double H, double S, double V) FromRgb(double r, double g, double b)
    {
        double v = Math.Max(r, Math.Max(g, b)), vmin = Math.Min(r, Math.Min(g, b)), diff = v - vmin;
        double s = v > 0 ? diff / v : 0;
        if (diff <= 0) return (0, s, v);
        double h = v == r ? (g - b) / diff : v == g ? 2 + (b - r) / diff : 4 + (r - g) / diff;
        h *= 60;
        if (h < 0) h += 360;
        return (h, s, v);
    }

    /// <summary>Hue in degrees, saturation and value (0..1) to RGB (0..1), in double precision.</summary>
    public static (double R, double G, double B) ToRgb(double h, double s, double v)
    {
        if (s <= 0) return (v, v, v);
        h = (h % 360 + 360) % 360 / 60;
        int sector = Math.Min((int)Math.Floor(h), 5);
        double f = h - sector;
        double t1 = v * (1 - s), t2 = v * (1 - s * f), t3 = v * (1 - s * (1 - f));
        return sector switch
        {
            0 => (v, t3, t1),
            1 => (t2, v, t1),
            2 => (t1, v, t3),
            3 => (t1, t2, v),
            4 => (t3, t1, v),
            _ => (v, t1, t2),
        };
    }

    /// <summary>
    /// Changes the HSV of every RGB pixel (channels after the third kept). For uint8 the hue,
    /// saturation and value go through the 256-entry tables (hue 0..179); other types through
    /// the functions (hue in degrees, saturation and value 0..1).
    /// </summary>
    public static ImageBuffer<T> Map<T>(ImageBuffer<T> image, byte[] hue8, byte[] sat8, byte[] val8,
        Func<double, double> hue, Func<double, double> sat, Func<double, double> val) where T : unmanaged
    {
        int channels = image.Channels;
        if (typeof(T) == typeof(byte)) return (ImageBuffer<T>)(object)MapBytes((ImageBuffer<byte>)(object)image, hue8, sat8, val8);
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, channels);
        double max = ColorChannels.Max<T>();
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i += channels)
            {
                if (typeof(T) == typeof(byte))
                {
                    var (h8, s8, v8) = FromRgb8(KernelCommon.ToInt(s[i]), KernelCommon.ToInt(s[i + 1]), KernelCommon.ToInt(s[i + 2]));
                    var (r, g, b) = ToRgb8(hue8[h8], sat8[s8], val8[v8]);
                    d[i] = KernelCommon.FromInt<T>(r);
                    d[i + 1] = KernelCommon.FromInt<T>(g);
                    d[i + 2] = KernelCommon.FromInt<T>(b);
                }
                else
                {
                    var (hh, ss, vv) = FromRgb(ColorMatrix.ToDouble(s[i]) / max, ColorMatrix.ToDouble(s[i + 1]) / max, ColorMatrix.ToDouble(s[i + 2]) / max);
                    var (r, g, b) = ToRgb(hue(hh), Math.Clamp(sat(ss), 0, 1), Math.Clamp(val(vv), 0, 1));
                    d[i] = ColorMatrix.FromDouble<T>(r * max, max);
                    d[i + 1] = ColorMatrix.FromDouble<T>(g * max, max);
                    d[i + 2] = ColorMatrix.FromDouble<T>(b * max, max);
                }
                for (int c = 3; c < channels; c++) d[i + c] = s[i + c];
            }
        }
        return result;
    }

    /// <summary>The 8-bit path of <see cref="Map{T}"/>: OpenCV's integer RGB2HSV, the tables, and its float HSV2RGB, per pixel without allocation.</summary>
    private static ImageBuffer<byte> MapBytes(ImageBuffer<byte> image, byte[] hue8, byte[] sat8, byte[] val8)
    {
        int channels = image.Channels;
        var result = ImageBuffer<byte>.CreateUninitialized(image.Width, image.Height, channels);
        int[] satDiv = SatDiv, hueDiv = HueDiv;
        for (int y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> src = image.GetRow(y);
            Span<byte> dst = result.GetRow(y);
            for (int i = 0; i < src.Length; i += channels)
            {
                int r = src[i], g = src[i + 1], b = src[i + 2];
                int v = Math.Max(r, Math.Max(g, b));
                int vmin = Math.Min(r, Math.Min(g, b));
                int diff = v - vmin;
                int vr = v == r ? -1 : 0, vg = v == g ? -1 : 0;
                int s = (diff * satDiv[v] + (1 << (Shift - 1))) >> Shift;
                int h = (vr & (g - b)) + (~vr & ((vg & (b - r + 2 * diff)) + (~vg & (r - g + 4 * diff))));
                h = (h * hueDiv[diff] + (1 << (Shift - 1))) >> Shift;
                h += h < 0 ? 180 : 0;
                float hf = hue8[h] * (6f / 180f), sf = sat8[s] * (1f / 255f), vf = val8[v] * (1f / 255f);
                float pre = MathF.Truncate(hf);
                float f = hf - pre;
                float t0 = vf * 255f, t1 = vf * (1f - sf) * 255f, t2 = vf * (1f - sf * f) * 255f, t3 = vf * (1f - sf * (1f - f)) * 255f;
                int sector = (int)(pre - MathF.Truncate(pre * (1f / 6f)) * 6f);
                float ro, go, bo;
                switch (sector)
                {
                    case 0: ro = t0; go = t3; bo = t1; break;
                    case 1: ro = t2; go = t0; bo = t1; break;
                    case 2: ro = t1; go = t0; bo = t3; break;
                    case 3: ro = t1; go = t2; bo = t0; break;
                    case 4: ro = t3; go = t1; bo = t0; break;
                    default: ro = t0; go = t1; bo = t2; break;
                }
                dst[i] = Truncate(ro);
                dst[i + 1] = Truncate(go);
                dst[i + 2] = Truncate(bo);
                for (int c = 3; c < channels; c++) dst[i + c] = src[i + c];
            }
        }
        return result;

        static byte Truncate(float x) => x <= 0 ? (byte)0 : x >= 255 ? (byte)255 : (byte)x;
    }
}
