using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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

    /// <summary>
    /// The 8-bit path of <see cref="Map{T}"/>, row by row: OpenCV's integer RGB2HSV and the tables
    /// (to float hue sectors, saturation and value), then its float HSV2RGB for a vector of pixels at
    /// a time (the sector chosen by masks), the same operations in the same order as
    /// <see cref="ToRgb8"/>, then the bytes interleaved.
    /// </summary>
    private static ImageBuffer<byte> MapBytes(ImageBuffer<byte> image, byte[] hue8, byte[] sat8, byte[] val8)
    {
        int channels = image.Channels, width = image.Width;
        var result = ImageBuffer<byte>.CreateUninitialized(width, image.Height, channels);
        var hueF = new float[256];
        var satF = new float[256];
        var valF = new float[256];
        for (int i = 0; i < 256; i++)
        {
            hueF[i] = hue8[i] * (6f / 180f);
            satF[i] = sat8[i] * (1f / 255f);
            valF[i] = val8[i] * (1f / 255f);
        }
        // Row buffers from the pool: the vector loops stop at the row's width, not the arrays' length.
        float[] hf = ArrayPool<float>.Shared.Rent(width), sf = ArrayPool<float>.Shared.Rent(width), vf = ArrayPool<float>.Shared.Rent(width);
        int[] rgb = ArrayPool<int>.Shared.Rent(3 * width);
        try
        {
            MapRows(image, result, hueF, satF, valF, hf, sf, vf, rgb);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(hf);
            ArrayPool<float>.Shared.Return(sf);
            ArrayPool<float>.Shared.Return(vf);
            ArrayPool<int>.Shared.Return(rgb);
        }
        return result;
    }

    private static void MapRows(ImageBuffer<byte> image, ImageBuffer<byte> result, float[] hueF, float[] satF, float[] valF, float[] hf, float[] sf, float[] vf, int[] rgb)
    {
        int channels = image.Channels, width = image.Width;
        int[] satDiv = SatDiv, hueDiv = HueDiv;
        for (int y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> src = image.GetRow(y);
            Span<byte> dst = result.GetRow(y);
            if (channels == 3 && UseVectors && Avx2.IsSupported)
            {
                // Whole vectors in registers, the few pixels at the end of the row one by one (same numbers).
                int vectorDone = MapRowAvx2(src, dst, hueF, satF, valF);
                for (int x = vectorDone; x < width; x++)
                {
                    var (h, s, v) = FromRgb8(src[3 * x], src[3 * x + 1], src[3 * x + 2]);
                    ToRgbScalar(hueF[h], satF[s], valF[v], rgb, x, width);
                    dst[3 * x] = (byte)rgb[x];
                    dst[3 * x + 1] = (byte)rgb[width + x];
                    dst[3 * x + 2] = (byte)rgb[2 * width + x];
                }
                continue;
            }
            for (int x = 0, i = 0; x < width; x++, i += channels)
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
                hf[x] = hueF[h];
                sf[x] = satF[s];
                vf[x] = valF[v];
            }
            int done = Vector.IsHardwareAccelerated ? ToRgbVectors(hf, sf, vf, rgb, width) : 0;
            for (int x = done; x < width; x++) ToRgbScalar(hf[x], sf[x], vf[x], rgb, x, width);
            for (int x = 0, i = 0; x < width; x++, i += channels)
            {
                dst[i] = (byte)rgb[x];
                dst[i + 1] = (byte)rgb[width + x];
                dst[i + 2] = (byte)rgb[2 * width + x];
                for (int c = 3; c < channels; c++) dst[i + c] = src[i + c];
            }
        }
    }

    /// <summary>Lets tests reach the row-buffer path on any machine.</summary>
    internal static bool UseVectors = true;

    /// <summary>
    /// 8 RGB pixels at a time with AVX2, all in registers: the bytes spread to 32-bit lanes, OpenCV's
    /// integer RGB2HSV, the hue, saturation and value tables, the float HSV2RGB of
    /// <see cref="ToRgbVectors"/> (the same operations in the same order, written out here for
    /// Vector256: a shared Vector&lt;T&gt; helper ran a quarter slower), and the bytes packed back. The
    /// division tables are computed (the same double division as <see cref="MakeTable"/>) and the
    /// three small tables read by plain loads: hardware gathers were slower. Returns the pixels done
    /// (the vectors whose 32-byte load stays in the row).
    /// </summary>
    private static unsafe int MapRowAvx2(ReadOnlySpan<byte> src, Span<byte> dst, float[] hueF, float[] satF, float[] valF)
    {
        int x = 0, rowBytes = src.Length;
        if (dst.Length < rowBytes || hueF.Length < 256 || satF.Length < 256 || valF.Length < 256)
            throw new ArgumentException("The row or the tables are too short.");
        const byte Z = 0x80;
        var dwords = Vector256.Create(0, 1, 2, 7, 3, 4, 5, 7);
        var redBytes = Vector256.Create((byte)0, Z, Z, Z, 3, Z, Z, Z, 6, Z, Z, Z, 9, Z, Z, Z, 0, Z, Z, Z, 3, Z, Z, Z, 6, Z, Z, Z, 9, Z, Z, Z);
        var greenBytes = Vector256.Create((byte)1, Z, Z, Z, 4, Z, Z, Z, 7, Z, Z, Z, 10, Z, Z, Z, 1, Z, Z, Z, 4, Z, Z, Z, 7, Z, Z, Z, 10, Z, Z, Z);
        var blueBytes = Vector256.Create((byte)2, Z, Z, Z, 5, Z, Z, Z, 8, Z, Z, Z, 11, Z, Z, Z, 2, Z, Z, Z, 5, Z, Z, Z, 8, Z, Z, Z, 11, Z, Z, Z);
        var compact = Vector256.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, Z, Z, Z, Z, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, Z, Z, Z, Z);
        var packDwords = Vector256.Create(0, 1, 2, 4, 5, 6, 3, 7);
        var half = Vector256.Create(1 << (Shift - 1));
        var h180 = Vector256.Create(180);
        var one = Vector256.Create(1f);
        var scale = Vector256.Create(255f);
        var sixth = Vector256.Create(1f / 6f);
        var six = Vector256.Create(6f);
        var zero = Vector256<float>.Zero;
        int* index = stackalloc int[24];
        float* looked = stackalloc float[24];
        fixed (byte* s = src, d = dst)
        fixed (float* hueTable = hueF, satTable = satF, valTable = valF)
        {
            for (; 3 * x + 32 <= rowBytes; x += 8)
            {
                var raw = Avx2.PermuteVar8x32(Avx.LoadVector256(s + 3 * x).AsInt32(), dwords).AsByte();
                var r = Avx2.Shuffle(raw, redBytes).AsInt32();
                var g = Avx2.Shuffle(raw, greenBytes).AsInt32();
                var b = Avx2.Shuffle(raw, blueBytes).AsInt32();
                var v = Avx2.Max(r, Avx2.Max(g, b));
                var diff = v - Avx2.Min(r, Avx2.Min(g, b));
                var vr = Avx2.CompareEqual(v, r);
                var vg = Avx2.CompareEqual(v, g);
                var sat = Avx2.ShiftRightArithmetic(diff * DivisionTable(v, 255 << Shift, 1) + half, Shift);
                var hue = (vr & (g - b)) + Avx2.AndNot(vr, (vg & (b - r + diff + diff)) + Avx2.AndNot(vg, r - g + Avx2.ShiftLeftLogical(diff, 2)));
                hue = Avx2.ShiftRightArithmetic(hue * DivisionTable(diff, 180 << Shift, 6.0) + half, Shift);
                hue += Avx2.CompareGreaterThan(Vector256<int>.Zero, hue) & h180;
                // The three lookups one by one (gathers are slower here than plain loads).
                hue.Store(index);
                sat.Store(index + 8);
                v.Store(index + 16);
                for (int j = 0; j < 8; j++)
                {
                    looked[j] = hueTable[index[j]];
                    looked[8 + j] = satTable[index[8 + j]];
                    looked[16 + j] = valTable[index[16 + j]];
                }
                var hf = Avx.LoadVector256(looked);
                var sf = Avx.LoadVector256(looked + 8);
                var vf = Avx.LoadVector256(looked + 16);
                // hf is never negative: truncation is the floor.
                var pre = Avx.Floor(hf);
                var f = hf - pre;
                var t0 = vf * scale;
                var t1 = vf * (one - sf) * scale;
                var t2 = vf * (one - sf * f) * scale;
                var t3 = vf * (one - sf * (one - f)) * scale;
                var sector = pre - Avx.Floor(pre * sixth) * six;
                var s0 = Vector256.Equals(sector, zero);
                var s1 = Vector256.Equals(sector, one);
                var s2 = Vector256.Equals(sector, Vector256.Create(2f));
                var s3 = Vector256.Equals(sector, Vector256.Create(3f));
                var s4 = Vector256.Equals(sector, Vector256.Create(4f));
                var ro = Vector256.ConditionalSelect(s0, t0, Vector256.ConditionalSelect(s1, t2, Vector256.ConditionalSelect(s2 | s3, t1, Vector256.ConditionalSelect(s4, t3, t0))));
                var go = Vector256.ConditionalSelect(s0, t3, Vector256.ConditionalSelect(s1 | s2, t0, Vector256.ConditionalSelect(s3, t2, t1)));
                var bo = Vector256.ConditionalSelect(s0 | s1, t1, Vector256.ConditionalSelect(s2, t3, Vector256.ConditionalSelect(s3 | s4, t0, t2)));
                var ri = Avx.ConvertToVector256Int32WithTruncation(Avx.Min(Avx.Max(ro, zero), scale));
                var gi = Avx.ConvertToVector256Int32WithTruncation(Avx.Min(Avx.Max(go, zero), scale));
                var bi = Avx.ConvertToVector256Int32WithTruncation(Avx.Min(Avx.Max(bo, zero), scale));
                var pixels = ri | Avx2.ShiftLeftLogical(gi, 8) | Avx2.ShiftLeftLogical(bi, 16);
                var packed = Avx2.PermuteVar8x32(Avx2.Shuffle(pixels.AsByte(), compact).AsInt32(), packDwords);
                Sse2.Store(d + 3 * x, packed.GetLower().AsByte());
                *(ulong*)(d + 3 * x + 16) = packed.AsUInt64().GetElement(2);
            }
        }
        return x;
    }

    /// <summary>
    /// The division tables' entries (<see cref="SatDiv"/>, <see cref="HueDiv"/>) computed as
    /// <see cref="MakeTable"/> computes them: numerator / (factor·i) in double, rounded half to even.
    /// Lane 0 gives a meaningless value, only ever multiplied by 0.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> DivisionTable(Vector256<int> i, int numerator, double factor)
    {
        var n = Vector256.Create((double)numerator);
        var lo = Avx.ConvertToVector256Double(i.GetLower());
        var hi = Avx.ConvertToVector256Double(i.GetUpper());
        if (factor != 1)
        {
            lo = Vector256.Create(factor) * lo;
            hi = Vector256.Create(factor) * hi;
        }
        return Vector256.Create(Avx.ConvertToVector128Int32(Avx.RoundToNearestInteger(n / lo)), Avx.ConvertToVector128Int32(Avx.RoundToNearestInteger(n / hi)));
    }

    /// <summary>HSV2RGB of one pixel (hue in sectors, saturation and value 0..1) into the red, green and blue planes of <paramref name="rgb"/>.</summary>
    private static void ToRgbScalar(float hf, float sf, float vf, int[] rgb, int x, int width)
    {
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
        rgb[x] = Truncate(ro);
        rgb[width + x] = Truncate(go);
        rgb[2 * width + x] = Truncate(bo);

        static int Truncate(float x) => x <= 0 ? 0 : x >= 255 ? 255 : (int)x;
    }

    /// <summary>The vector form of <see cref="ToRgbScalar"/> for the whole vectors of a row; returns the pixels done.</summary>
    private static int ToRgbVectors(float[] hue, float[] sat, float[] val, int[] rgb, int width)
    {
        int count = Vector<float>.Count, x = 0;
        var one = Vector.Create(1f);
        var scale = Vector.Create(255f);
        var sixth = Vector.Create(1f / 6f);
        var six = Vector.Create(6f);
        var zero = Vector<float>.Zero;
        Span<int> red = rgb.AsSpan(0, width), green = rgb.AsSpan(width, width), blue = rgb.AsSpan(2 * width, width);
        for (; x <= width - count; x += count)
        {
            var hf = Vector.LoadUnsafe(ref hue[0], (nuint)x);
            var sf = Vector.LoadUnsafe(ref sat[0], (nuint)x);
            var vf = Vector.LoadUnsafe(ref val[0], (nuint)x);
            // hf is never negative: truncation is the floor.
            var pre = Vector.Floor(hf);
            var f = hf - pre;
            var t0 = vf * scale;
            var t1 = vf * (one - sf) * scale;
            var t2 = vf * (one - sf * f) * scale;
            var t3 = vf * (one - sf * (one - f)) * scale;
            var sector = pre - Vector.Floor(pre * sixth) * six;
            var s0 = Vector.Equals(sector, zero);
            var s1 = Vector.Equals(sector, one);
            var s2 = Vector.Equals(sector, Vector.Create(2f));
            var s3 = Vector.Equals(sector, Vector.Create(3f));
            var s4 = Vector.Equals(sector, Vector.Create(4f));
            // The default sector (5) first, then each of 0..4 over it.
            var r = Vector.ConditionalSelect(s0, t0, Vector.ConditionalSelect(s1, t2, Vector.ConditionalSelect(s2 | s3, t1, Vector.ConditionalSelect(s4, t3, t0))));
            var g = Vector.ConditionalSelect(s0, t3, Vector.ConditionalSelect(s1 | s2, t0, Vector.ConditionalSelect(s3, t2, t1)));
            var b = Vector.ConditionalSelect(s0 | s1, t1, Vector.ConditionalSelect(s2, t3, Vector.ConditionalSelect(s3 | s4, t0, t2)));
            Vector.ConvertToInt32(Vector.Min(Vector.Max(r, zero), scale)).StoreUnsafe(ref red[0], (nuint)x);
            Vector.ConvertToInt32(Vector.Min(Vector.Max(g, zero), scale)).StoreUnsafe(ref green[0], (nuint)x);
            Vector.ConvertToInt32(Vector.Min(Vector.Max(b, zero), scale)).StoreUnsafe(ref blue[0], (nuint)x);
        }
        return x;
    }
}
