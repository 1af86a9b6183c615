using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AugSharp.Kernels;

/// <summary>
/// Geometric warps with OpenCV 4's numbers: <c>cv2.warpAffine</c>, <c>cv2.warpPerspective</c>
/// (both with <c>WARP_INVERSE_MAP</c>) and <c>cv2.remap</c>. Source coordinates are quantised to
/// 1/32 pixel for bilinear and bicubic interpolation (INTER_BITS = 5) and 8-bit images use 15-bit
/// integer weights, so 8-bit results are bit-exact with OpenCV or within one level.
/// </summary>
public static class Warp
{
    /// <summary>The per-row coordinate buffers of one destination width (their length is the width).</summary>
    private sealed class CoordinateRows(int width)
    {
        public int Width { get; } = width;
        public int[] Xs { get; } = new int[width];
        public int[] Ys { get; } = new int[width];
        public int[] Alpha { get; } = new int[width];
        public int[] ADelta { get; } = new int[width];
        public int[] BDelta { get; } = new int[width];
        public int[] Offsets { get; } = new int[width];
    }

    [ThreadStatic]
    private static CoordinateRows?[]? _rowBuffers;

    /// <summary>The coordinate buffers for <paramref name="width"/>, kept per thread: warps of a data set's few sizes allocate nothing per call.</summary>
    private static CoordinateRows RowBuffers(int width) =>
        KernelCommon.KeptPlan(ref _rowBuffers, width, static b => b.Width, static w => new CoordinateRows(w));

    internal const int InterBits = 5;
    internal const int TabSize = 1 << InterBits;
    internal const int AbBits = 10;
    internal const int AbScale = 1 << AbBits;
    internal const int CoefBits = 15;
    internal const int CoefScale = 1 << CoefBits;

    /// <summary>
    /// dst(x, y) = src(inverse * (x, y)): <paramref name="inverse"/> maps destination pixel-index
    /// coordinates to source ones (OpenCV's WARP_INVERSE_MAP convention; pixel centres at integers).
    /// Its last row must be (0, 0, 1).
    /// </summary>
    /// <param name="src">Source image (may be a strided view).</param>
    /// <param name="dst">Destination; every element is written. Same channel count as <paramref name="src"/>.</param>
    /// <param name="inverse">Destination-to-source affine map.</param>
    /// <param name="interpolation"><see cref="Interpolation.Nearest"/>, <see cref="Interpolation.Linear"/> or <see cref="Interpolation.Cubic"/> (<see cref="Interpolation.Area"/> acts as linear, as in OpenCV).</param>
    /// <param name="border">How pixels outside the source are read.</param>
    /// <param name="borderValue">One value per channel for <see cref="BorderMode.Constant"/> (one value broadcasts; empty means 0).</param>
    public static void Affine<T>(ImageBuffer<T> src, ImageBuffer<T> dst, in Matrix3x3 inverse, Interpolation interpolation, BorderMode border, ReadOnlySpan<double> borderValue) where T : unmanaged
    {
        KernelCommon.CheckPair(src, dst);
        KernelCommon.CheckNotSame(src, dst);
        if (!inverse.IsAffine) throw new ArgumentException("The matrix is not affine; use Perspective.", nameof(inverse));
        interpolation = CheckInterpolation(interpolation);
        var cval = KernelCommon.BorderValues<T>(borderValue, src.Channels);
        int width = dst.Width;
        double m11 = inverse.M11, m12 = inverse.M12, m13 = inverse.M13, m21 = inverse.M21, m22 = inverse.M22, m23 = inverse.M23;
        var buffers = RowBuffers(width);
        var (adelta, bdelta) = (buffers.ADelta, buffers.BDelta);
        for (int x = 0; x < width; x++)
        {
            adelta[x] = SaturateInt(m11 * x * AbScale);
            bdelta[x] = SaturateInt(m21 * x * AbScale);
        }
        bool nearest = interpolation == Interpolation.Nearest;
        int roundDelta = nearest ? AbScale / 2 : AbScale / TabSize / 2;
        var (xs, ys, alpha) = (buffers.Xs, buffers.Ys, buffers.Alpha);
        var rows = new WarpRows<T>(src, border, cval, interpolation);
        for (int y = 0; y < dst.Height; y++)
        {
            int x0 = unchecked(SaturateInt((m12 * y + m13) * AbScale) + roundDelta);
            int y0 = unchecked(SaturateInt((m22 * y + m23) * AbScale) + roundDelta);
            var row = dst.GetRow(y);
            if (!nearest && typeof(T) == typeof(byte) && interpolation == Interpolation.Linear
                && WarpSimd.TryAffineLinearRow(rows, MemoryMarshal.Cast<T, byte>(row), x0, y0, adelta, bdelta, xs, ys, alpha, buffers.Offsets))
                continue;
            if (nearest)
            {
                for (int x = 0; x < width; x++)
                {
                    xs[x] = SaturateShort(unchecked(x0 + adelta[x]) >> AbBits);
                    ys[x] = SaturateShort(unchecked(y0 + bdelta[x]) >> AbBits);
                }
            }
            else
            {
                for (int x = 0; x < width; x++)
                {
                    int fx = unchecked(x0 + adelta[x]) >> (AbBits - InterBits);
                    int fy = unchecked(y0 + bdelta[x]) >> (AbBits - InterBits);
                    xs[x] = SaturateShort(fx >> InterBits);
                    ys[x] = SaturateShort(fy >> InterBits);
                    alpha[x] = ((fy & (TabSize - 1)) << InterBits) | (fx & (TabSize - 1));
                }
            }
            rows.Run(row, xs, ys, alpha);
        }
    }

    /// <summary>
    /// dst(x, y) = src(inverse * (x, y, 1)) with the perspective division: <paramref name="inverse"/>
    /// maps destination pixel-index coordinates to source ones (cv2.warpPerspective with WARP_INVERSE_MAP).
    /// </summary>
    /// <param name="src">Source image (may be a strided view).</param>
    /// <param name="dst">Destination; every element is written. Same channel count as <paramref name="src"/>.</param>
    /// <param name="inverse">Destination-to-source projective map.</param>
    /// <param name="interpolation"><see cref="Interpolation.Nearest"/>, <see cref="Interpolation.Linear"/> or <see cref="Interpolation.Cubic"/>.</param>
    /// <param name="border">How pixels outside the source are read.</param>
    /// <param name="borderValue">One value per channel for <see cref="BorderMode.Constant"/> (one value broadcasts; empty means 0).</param>
    public static void Perspective<T>(ImageBuffer<T> src, ImageBuffer<T> dst, in Matrix3x3 inverse, Interpolation interpolation, BorderMode border, ReadOnlySpan<double> borderValue) where T : unmanaged
    {
        KernelCommon.CheckPair(src, dst);
        KernelCommon.CheckNotSame(src, dst);
        interpolation = CheckInterpolation(interpolation);
        var cval = KernelCommon.BorderValues<T>(borderValue, src.Channels);
        int width = dst.Width;
        var m = inverse;
        bool nearest = interpolation == Interpolation.Nearest;
        var buffers = RowBuffers(width);
        var (xs, ys, alpha) = (buffers.Xs, buffers.Ys, buffers.Alpha);
        var rows = new WarpRows<T>(src, border, cval, interpolation);
        for (int y = 0; y < dst.Height; y++)
        {
            double bx = m.M12 * y + m.M13, by = m.M22 * y + m.M23, bw = m.M32 * y + m.M33;
            int from = nearest ? 0 : WarpSimd.PerspectiveCoordinates(m.M11, m.M21, m.M31, bx, by, bw, xs, ys, alpha);
            for (int x = from; x < width; x++)
            {
                double w = bw + m.M31 * x;
                if (nearest)
                {
                    w = w != 0 ? 1.0 / w : 0;
                    double fx = Math.Max(int.MinValue, Math.Min(int.MaxValue, (bx + m.M11 * x) * w));
                    double fy = Math.Max(int.MinValue, Math.Min(int.MaxValue, (by + m.M21 * x) * w));
                    xs[x] = SaturateShort(SaturateInt(fx));
                    ys[x] = SaturateShort(SaturateInt(fy));
                }
                else
                {
                    w = w != 0 ? TabSize / w : 0;
                    double fx = Math.Max(int.MinValue, Math.Min(int.MaxValue, (bx + m.M11 * x) * w));
                    double fy = Math.Max(int.MinValue, Math.Min(int.MaxValue, (by + m.M21 * x) * w));
                    int ix = SaturateInt(fx), iy = SaturateInt(fy);
                    xs[x] = SaturateShort(ix >> InterBits);
                    ys[x] = SaturateShort(iy >> InterBits);
                    alpha[x] = ((iy & (TabSize - 1)) << InterBits) | (ix & (TabSize - 1));
                }
            }
            var drow = dst.GetRow(y);
            if (interpolation == Interpolation.Linear && WarpSimd.TryLinearRow(rows, drow, xs, ys, alpha)) continue;
            rows.Run(drow, xs, ys, alpha);
        }
    }

    /// <summary>
    /// dst(x, y) = src(map(x, y)) as cv2.remap with a CV_32FC2 map: <paramref name="map"/> has two
    /// float channels (source x, source y) per destination pixel and the destination's size.
    /// </summary>
    /// <param name="src">Source image (may be a strided view).</param>
    /// <param name="dst">Destination; every element is written. Same channel count as <paramref name="src"/>.</param>
    /// <param name="map">Source coordinates, two channels, same width and height as <paramref name="dst"/>.</param>
    /// <param name="interpolation"><see cref="Interpolation.Nearest"/>, <see cref="Interpolation.Linear"/> or <see cref="Interpolation.Cubic"/>.</param>
    /// <param name="border">How pixels outside the source are read.</param>
    /// <param name="borderValue">One value per channel for <see cref="BorderMode.Constant"/> (one value broadcasts; empty means 0).</param>
    public static void Remap<T>(ImageBuffer<T> src, ImageBuffer<T> dst, ImageBuffer<float> map, Interpolation interpolation, BorderMode border, ReadOnlySpan<double> borderValue) where T : unmanaged
    {
        KernelCommon.CheckPair(src, dst);
        KernelCommon.CheckNotSame(src, dst);
        ArgumentNullException.ThrowIfNull(map);
        if (map.Channels != 2 || map.Width != dst.Width || map.Height != dst.Height)
            throw new ArgumentException($"The map must be {dst.Width}x{dst.Height}x2, not {map.Width}x{map.Height}x{map.Channels}.", nameof(map));
        interpolation = CheckInterpolation(interpolation);
        var cval = KernelCommon.BorderValues<T>(borderValue, src.Channels);
        int width = dst.Width;
        var buffers = RowBuffers(width);
        var (xs, ys, alpha) = (buffers.Xs, buffers.Ys, buffers.Alpha);
        var rows = new WarpRows<T>(src, border, cval, interpolation);
        for (int y = 0; y < dst.Height; y++)
        {
            var mrow = map.GetRow(y);
            if (interpolation == Interpolation.Nearest)
            {
                for (int x = 0; x < width; x++)
                {
                    xs[x] = SaturateShort(SaturateInt(mrow[2 * x]));
                    ys[x] = SaturateShort(SaturateInt(mrow[2 * x + 1]));
                }
            }
            else
            {
                int from = WarpSimd.RemapCoordinates(mrow, xs, ys, alpha);
                for (int x = from; x < width; x++)
                {
                    int ix = SaturateInt(mrow[2 * x] * (float)TabSize);
                    int iy = SaturateInt(mrow[2 * x + 1] * (float)TabSize);
                    xs[x] = SaturateShort(ix >> InterBits);
                    ys[x] = SaturateShort(iy >> InterBits);
                    alpha[x] = ((iy & (TabSize - 1)) << InterBits) | (ix & (TabSize - 1));
                }
            }
            var drow = dst.GetRow(y);
            if (interpolation == Interpolation.Linear && WarpSimd.TryLinearRow(rows, drow, xs, ys, alpha)) continue;
            rows.Run(drow, xs, ys, alpha);
        }
    }

    private static Interpolation CheckInterpolation(Interpolation interpolation) => interpolation switch
    {
        Interpolation.Nearest or Interpolation.Linear or Interpolation.Cubic => interpolation,
        Interpolation.Area => Interpolation.Linear,
        _ => throw new NotSupportedException($"Warps support nearest, linear and cubic interpolation, not {interpolation}."),
    };

    /// <summary>cvRound with saturation to int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SaturateInt(double v)
    {
        double r = Math.Round(v);
        return r >= int.MaxValue ? int.MaxValue : r <= int.MinValue ? int.MinValue : double.IsNaN(r) ? int.MinValue : (int)r;
    }

    /// <summary>cvRound of a float with saturation to int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SaturateInt(float v)
    {
        float r = MathF.Round(v);
        return r >= 2147483520f ? (r >= 2147483648f ? int.MaxValue : (int)r) : r <= int.MinValue ? int.MinValue : float.IsNaN(r) ? int.MinValue : (int)r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SaturateShort(int v) => v < short.MinValue ? short.MinValue : v > short.MaxValue ? short.MaxValue : v;
}

/// <summary>The interpolation tables OpenCV builds for remap (1/32-pixel steps).</summary>
internal static class WarpTables
{
    /// <summary>Bilinear weights, 4 per entry (top-left, top-right, bottom-left, bottom-right), in units of 1/32768.</summary>
    public static readonly int[] LinearInt = new int[Warp.TabSize * Warp.TabSize * 4];

    /// <summary>Bilinear weights as floats.</summary>
    public static readonly float[] LinearFloat = new float[Warp.TabSize * Warp.TabSize * 4];

    /// <summary>Bicubic weights, 16 per entry (row-major 4x4), in units of 1/32768.</summary>
    public static readonly int[] CubicInt = new int[Warp.TabSize * Warp.TabSize * 16];

    /// <summary>Bicubic weights as floats.</summary>
    public static readonly float[] CubicFloat = new float[Warp.TabSize * Warp.TabSize * 16];

    static WarpTables()
    {
        Build(2, LinearInt, LinearFloat);
        Build(4, CubicInt, CubicFloat);
    }

    /// <summary>OpenCV's interpolateCubic (A = -0.75), in float arithmetic.</summary>
    public static void CubicCoefficients(float x, Span<float> c)
    {
        const float A = -0.75f;
        c[0] = ((A * (x + 1) - 5 * A) * (x + 1) + 8 * A) * (x + 1) - 4 * A;
        c[1] = ((A + 2) * x - (A + 3)) * x * x + 1;
        c[2] = ((A + 2) * (1 - x) - (A + 3)) * (1 - x) * (1 - x) + 1;
        c[3] = 1f - c[0] - c[1] - c[2];
    }

    private static void Build(int ksize, int[] itab, float[] ftab)
    {
        var tab1 = new float[Warp.TabSize * ksize];
        float scale = 1f / Warp.TabSize;
        for (int i = 0; i < Warp.TabSize; i++)
        {
            if (ksize == 2)
            {
                tab1[2 * i] = 1f - i * scale;
                tab1[2 * i + 1] = i * scale;
            }
            else
            {
                CubicCoefficients(i * scale, tab1.AsSpan(4 * i, 4));
            }
        }
        int k2 = ksize * ksize;
        for (int i = 0; i < Warp.TabSize; i++)
        {
            for (int j = 0; j < Warp.TabSize; j++)
            {
                int o = (i * Warp.TabSize + j) * k2;
                int isum = 0;
                for (int a = 0; a < ksize; a++)
                {
                    float vy = tab1[i * ksize + a];
                    for (int b = 0; b < ksize; b++)
                    {
                        float v = vy * tab1[j * ksize + b];
                        ftab[o + a * ksize + b] = v;
                        int iv = Math.Clamp((int)MathF.Round(v * Warp.CoefScale), short.MinValue, short.MaxValue);
                        itab[o + a * ksize + b] = iv;
                        isum += iv;
                    }
                }
                if (isum != Warp.CoefScale && ksize == 2)
                {
                    // Only the entry (0, 0) is off: 32768 saturates to 32767 in OpenCV's short table, whose
                    // correction then lands on the bottom-right weight. Kept so that all weights fit 16 bits.
                    itab[o + 3] += Warp.CoefScale - isum;
                }
                else if (isum != Warp.CoefScale)
                {
                    int diff = isum - Warp.CoefScale;
                    int h = ksize / 2, mk1 = h, mk2 = h, bk1 = h, bk2 = h;
                    for (int a = h; a < h + 2; a++)
                    {
                        for (int b = h; b < h + 2; b++)
                        {
                            if (itab[o + a * ksize + b] < itab[o + mk1 * ksize + mk2]) { mk1 = a; mk2 = b; }
                            else if (itab[o + a * ksize + b] > itab[o + bk1 * ksize + bk2]) { bk1 = a; bk2 = b; }
                        }
                    }
                    if (diff < 0) itab[o + bk1 * ksize + bk2] -= diff;
                    else itab[o + mk1 * ksize + mk2] -= diff;
                }
            }
        }
    }
}

/// <summary>Per-row remapping from integer source coordinates and 1/32-pixel fractions (OpenCV's remap core).</summary>
internal sealed class WarpRows<T> where T : unmanaged
{
    private readonly ImageBuffer<T> _src;
    private readonly BorderMode _border;
    private readonly T[] _cval;
    private readonly Interpolation _interpolation;
    public readonly int Width, Height, Stride, Channels;

    public WarpRows(ImageBuffer<T> src, BorderMode border, T[] cval, Interpolation interpolation)
    {
        _src = src;
        _border = border;
        _cval = cval;
        _interpolation = interpolation;
        Width = src.Width;
        Height = src.Height;
        Stride = src.Stride;
        Channels = src.Channels;
        if (!Enum.IsDefined(border)) throw new ArgumentOutOfRangeException(nameof(border), border, "Unknown border mode.");
    }

    public ImageBuffer<T> Source => _src;

    public T[] BorderValue => _cval;

    public BorderMode Border => _border;

    public void Run(Span<T> dst, ReadOnlySpan<int> xs, ReadOnlySpan<int> ys, ReadOnlySpan<int> alpha)
    {
        switch (_interpolation)
        {
            case Interpolation.Nearest: Nearest(dst, xs, ys, 0, xs.Length); break;
            case Interpolation.Linear: Linear(dst, xs, ys, alpha, 0, xs.Length); break;
            default: Cubic(dst, xs, ys, alpha, 0, xs.Length); break;
        }
    }

    public void Nearest(Span<T> dst, ReadOnlySpan<int> xs, ReadOnlySpan<int> ys, int from, int to)
    {
        ref T s0 = ref KernelCommon.Origin(_src);
        int cn = Channels, w = Width, h = Height, stride = Stride;
        for (int x = from; x < to; x++)
        {
            int sx = xs[x], sy = ys[x];
            var d = dst.Slice(x * cn, cn);
            if ((uint)sx >= (uint)w || (uint)sy >= (uint)h)
            {
                if (_border == BorderMode.Constant)
                {
                    _cval.CopyTo(d);
                    continue;
                }
                sx = KernelCommon.BorderIndex(sx, w, _border);
                sy = KernelCommon.BorderIndex(sy, h, _border);
            }
            ref T p = ref Unsafe.Add(ref s0, sy * stride + sx * cn);
            for (int c = 0; c < cn; c++) d[c] = Unsafe.Add(ref p, c);
        }
    }

    public void Linear(Span<T> dst, ReadOnlySpan<int> xs, ReadOnlySpan<int> ys, ReadOnlySpan<int> alpha, int from, int to)
    {
        ref T s0 = ref KernelCommon.Origin(_src);
        int cn = Channels, w = Width, h = Height, stride = Stride;
        int[] itab = WarpTables.LinearInt;
        float[] ftab = WarpTables.LinearFloat;
        for (int x = from; x < to; x++)
        {
            int sx = xs[x], sy = ys[x], a = alpha[x] * 4;
            var d = dst.Slice(x * cn, cn);
            if ((uint)sx < (uint)(w - 1) && (uint)sy < (uint)(h - 1))
            {
                ref T p = ref Unsafe.Add(ref s0, sy * stride + sx * cn);
                if (typeof(T) == typeof(byte))
                {
                    int w0 = itab[a], w1 = itab[a + 1], w2 = itab[a + 2], w3 = itab[a + 3];
                    for (int c = 0; c < cn; c++)
                    {
                        int v = KernelCommon.ToInt(Unsafe.Add(ref p, c)) * w0 + KernelCommon.ToInt(Unsafe.Add(ref p, c + cn)) * w1
                              + KernelCommon.ToInt(Unsafe.Add(ref p, c + stride)) * w2 + KernelCommon.ToInt(Unsafe.Add(ref p, c + stride + cn)) * w3;
                        d[c] = KernelCommon.FromInt<T>((v + (1 << (Warp.CoefBits - 1))) >> Warp.CoefBits);
                    }
                }
                else
                {
                    float w0 = ftab[a], w1 = ftab[a + 1], w2 = ftab[a + 2], w3 = ftab[a + 3];
                    for (int c = 0; c < cn; c++)
                    {
                        float v = KernelCommon.ToFloat(Unsafe.Add(ref p, c)) * w0 + KernelCommon.ToFloat(Unsafe.Add(ref p, c + cn)) * w1
                                + KernelCommon.ToFloat(Unsafe.Add(ref p, c + stride)) * w2 + KernelCommon.ToFloat(Unsafe.Add(ref p, c + stride + cn)) * w3;
                        d[c] = KernelCommon.FromFloat<T>(v);
                    }
                }
                continue;
            }
            if (_border == BorderMode.Constant && (sx >= w || sx + 1 < 0 || sy >= h || sy + 1 < 0))
            {
                _cval.CopyTo(d);
                continue;
            }
            int x0 = KernelCommon.BorderIndex(sx, w, _border), x1 = KernelCommon.BorderIndex(sx + 1, w, _border);
            int y0 = KernelCommon.BorderIndex(sy, h, _border), y1 = KernelCommon.BorderIndex(sy + 1, h, _border);
            for (int c = 0; c < cn; c++)
            {
                T cv = _cval[c];
                T v0 = x0 >= 0 && y0 >= 0 ? Unsafe.Add(ref s0, y0 * stride + x0 * cn + c) : cv;
                T v1 = x1 >= 0 && y0 >= 0 ? Unsafe.Add(ref s0, y0 * stride + x1 * cn + c) : cv;
                T v2 = x0 >= 0 && y1 >= 0 ? Unsafe.Add(ref s0, y1 * stride + x0 * cn + c) : cv;
                T v3 = x1 >= 0 && y1 >= 0 ? Unsafe.Add(ref s0, y1 * stride + x1 * cn + c) : cv;
                if (typeof(T) == typeof(byte))
                {
                    int v = KernelCommon.ToInt(v0) * itab[a] + KernelCommon.ToInt(v1) * itab[a + 1] + KernelCommon.ToInt(v2) * itab[a + 2] + KernelCommon.ToInt(v3) * itab[a + 3];
                    d[c] = KernelCommon.FromInt<T>((v + (1 << (Warp.CoefBits - 1))) >> Warp.CoefBits);
                }
                else
                {
                    float v = KernelCommon.ToFloat(v0) * ftab[a] + KernelCommon.ToFloat(v1) * ftab[a + 1] + KernelCommon.ToFloat(v2) * ftab[a + 2] + KernelCommon.ToFloat(v3) * ftab[a + 3];
                    d[c] = KernelCommon.FromFloat<T>(v);
                }
            }
        }
    }

    public void Cubic(Span<T> dst, ReadOnlySpan<int> xs, ReadOnlySpan<int> ys, ReadOnlySpan<int> alpha, int from, int to)
    {
        ref T s0 = ref KernelCommon.Origin(_src);
        int cn = Channels, w = Width, h = Height, stride = Stride;
        int[] itab = WarpTables.CubicInt;
        float[] ftab = WarpTables.CubicFloat;
        Span<int> ox = stackalloc int[4];
        Span<int> oy = stackalloc int[4];
        for (int x = from; x < to; x++)
        {
            int sx = xs[x] - 1, sy = ys[x] - 1, a = alpha[x] * 16;
            var d = dst.Slice(x * cn, cn);
            bool inside = (uint)sx < (uint)Math.Max(w - 3, 0) && (uint)sy < (uint)Math.Max(h - 3, 0);
            if (!inside && _border == BorderMode.Constant && (sx >= w || sx + 4 <= 0 || sy >= h || sy + 4 <= 0))
            {
                _cval.CopyTo(d);
                continue;
            }
            for (int i = 0; i < 4; i++)
            {
                int xi = inside ? sx + i : KernelCommon.BorderIndex(sx + i, w, _border);
                int yi = inside ? sy + i : KernelCommon.BorderIndex(sy + i, h, _border);
                ox[i] = xi < 0 ? -1 : xi * cn;
                oy[i] = yi < 0 ? -1 : yi * stride;
            }
            for (int c = 0; c < cn; c++)
            {
                if (typeof(T) == typeof(byte))
                {
                    int sum = 0, cv = KernelCommon.ToInt(_cval[c]);
                    for (int i = 0; i < 4; i++)
                    {
                        for (int j = 0; j < 4; j++)
                        {
                            int v = oy[i] >= 0 && ox[j] >= 0 ? KernelCommon.ToInt(Unsafe.Add(ref s0, oy[i] + ox[j] + c)) : cv;
                            sum += v * itab[a + i * 4 + j];
                        }
                    }
                    d[c] = KernelCommon.FromInt<T>((sum + (1 << (Warp.CoefBits - 1))) >> Warp.CoefBits);
                }
                else
                {
                    float sum = 0, cv = KernelCommon.ToFloat(_cval[c]);
                    for (int i = 0; i < 4; i++)
                    {
                        for (int j = 0; j < 4; j++)
                        {
                            float v = oy[i] >= 0 && ox[j] >= 0 ? KernelCommon.ToFloat(Unsafe.Add(ref s0, oy[i] + ox[j] + c)) : cv;
                            sum += v * ftab[a + i * 4 + j];
                        }
                    }
                    d[c] = KernelCommon.FromFloat<T>(sum);
                }
            }
        }
    }
}
