using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AugSharp.Kernels;

/// <summary>
/// Image resizing with <c>cv2.resize</c>'s numbers: nearest (<c>floor(x * scale)</c>), separable
/// bilinear, bicubic (a = -0.75) and Lanczos-4 with replicated edges (11-bit integer weights for
/// 8-bit images), and pixel-area averaging for shrinking (bilinear-like when enlarging).
/// </summary>
public static class ResizeKernel
{
    private const int CoefBits = 11;
    private const int CoefScale = 1 << CoefBits;
    private const double DblEpsilon = 2.220446049250313e-16;

    /// <summary>Resizes <paramref name="src"/> to the size of <paramref name="dst"/>.</summary>
    /// <param name="src">Source image (may be a strided view).</param>
    /// <param name="dst">Destination with the target size and the source's channel count; every element is written.</param>
    /// <param name="interpolation">The filter.</param>
    public static void Apply<T>(ImageBuffer<T> src, ImageBuffer<T> dst, Interpolation interpolation) where T : unmanaged
    {
        KernelCommon.CheckPair(src, dst);
        KernelCommon.CheckNotSame(src, dst);
        if (src.Width == dst.Width && src.Height == dst.Height)
        {
            src.CopyTo(dst);
            return;
        }
        double invX = (double)dst.Width / src.Width, invY = (double)dst.Height / src.Height;
        double scaleX = 1.0 / invX, scaleY = 1.0 / invY;
        int iscaleX = Warp.SaturateInt(scaleX), iscaleY = Warp.SaturateInt(scaleY);
        bool areaFast = Math.Abs(scaleX - iscaleX) < DblEpsilon
                     && Math.Abs(scaleY - iscaleY) < DblEpsilon;
        switch (interpolation)
        {
            case Interpolation.Nearest:
                Nearest(src, dst, scaleX, scaleY);
                return;
            case Interpolation.Linear when areaFast && iscaleX == 2 && iscaleY == 2:
                // OpenCV switches to the 2x2 block average.
                interpolation = Interpolation.Area;
                break;
            case Interpolation.Linear or Interpolation.Cubic or Interpolation.Lanczos or Interpolation.Area:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "Unknown interpolation.");
        }
        if (interpolation == Interpolation.Area && scaleX >= 1 && scaleY >= 1)
        {
            if (areaFast && iscaleX == 2 && iscaleY == 2 && typeof(T) == typeof(byte))
                HalfByte((ImageBuffer<byte>)(object)src, (ImageBuffer<byte>)(object)dst);
            else if (areaFast) AreaFast(src, dst, iscaleX, iscaleY);
            else Area(src, dst, scaleX, scaleY);
            return;
        }
        Separable(src, dst, interpolation, scaleX, scaleY, invX, invY);
    }

    private static void Nearest<T>(ImageBuffer<T> src, ImageBuffer<T> dst, double ifx, double ify) where T : unmanaged
    {
        int cn = src.Channels, dw = dst.Width;
        var xofs = new int[dw];
        for (int x = 0; x < dw; x++) xofs[x] = Math.Min((int)Math.Floor(x * ifx), src.Width - 1) * cn;
        for (int y = 0; y < dst.Height; y++)
        {
            int sy = Math.Min((int)Math.Floor(y * ify), src.Height - 1);
            var s = src.GetRow(sy);
            var d = dst.GetRow(y);
            if (cn == 1)
            {
                for (int x = 0; x < dw; x++) d[x] = s[xofs[x]];
            }
            else
            {
                for (int x = 0; x < dw; x++) s.Slice(xofs[x], cn).CopyTo(d.Slice(x * cn, cn));
            }
        }
    }

    /// <summary>OpenCV's interpolateLanczos4.</summary>
    internal static void Lanczos4Coefficients(float x, Span<float> c)
    {
        const double s45 = 0.70710678118654752440084436210485;
        ReadOnlySpan<double> cs = [1, 0, -s45, -s45, 0, 1, s45, -s45, -1, 0, s45, s45, 0, -1, -s45, s45];
        if (x < 1.1920929e-07f /* FLT_EPSILON */)
        {
            c.Slice(0, 8).Clear();
            c[3] = 1;
            return;
        }
        float sum = 0;
        double y0 = -(x + 3) * Math.PI * 0.25, s0 = Math.Sin(y0), c0 = Math.Cos(y0);
        for (int i = 0; i < 8; i++)
        {
            double y = -(x + 3 - i) * Math.PI * 0.25;
            c[i] = (float)((cs[2 * i] * s0 + cs[2 * i + 1] * c0) / (y * y));
            sum += c[i];
        }
        sum = 1f / sum;
        for (int i = 0; i < 8; i++) c[i] *= sum;
    }

    private static void Coefficients(Interpolation interpolation, float f, Span<float> c)
    {
        switch (interpolation)
        {
            case Interpolation.Cubic: WarpTables.CubicCoefficients(f, c); break;
            case Interpolation.Lanczos: Lanczos4Coefficients(f, c); break;
            default: c[0] = 1f - f; c[1] = f; break;
        }
    }

    /// <summary>Source index and weights along one axis, as OpenCV's resizeGeneric computes them.</summary>
    private static (int[] Offsets, float[] Weights) AxisTable(int ssize, int dsize, double scale, double invScale, Interpolation interpolation, bool areaMode, int ksize)
    {
        var ofs = new int[dsize];
        var w = new float[dsize * ksize];
        bool clampEdges = interpolation != Interpolation.Cubic && interpolation != Interpolation.Lanczos;
        for (int dx = 0; dx < dsize; dx++)
        {
            int sx;
            float fx;
            if (!areaMode)
            {
                fx = (float)((dx + 0.5) * scale - 0.5);
                sx = (int)MathF.Floor(fx);
                fx -= sx;
            }
            else
            {
                sx = (int)Math.Floor(dx * scale);
                fx = (float)((dx + 1) - (sx + 1) * invScale);
                fx = fx <= 0 ? 0f : fx - MathF.Floor(fx);
            }
            if (sx < 0 && clampEdges) { fx = 0; sx = 0; }
            if (sx >= ssize - 1 && clampEdges) { fx = 0; sx = ssize - 1; }
            ofs[dx] = sx;
            Coefficients(interpolation, fx, w.AsSpan(dx * ksize, ksize));
        }
        return (ofs, w);
    }

    /// <summary>Taps per axis of the separable filters.</summary>
    private static int KernelSize(Interpolation interpolation) => interpolation switch { Interpolation.Cubic => 4, Interpolation.Lanczos => 8, _ => 2 };

    /// <summary>Everything a plan's tables depend on (the scales too, as the callers give them).</summary>
    private readonly record struct PlanKey(int Sw, int Sh, int Dw, int Dh, int Cn, Interpolation Interpolation, bool AreaMode, Type Element, double ScaleX, double ScaleY, double InvX, double InvY);

    /// <summary>The tables and row buffers of one resize geometry; the last few are kept per thread.</summary>
    private sealed class Plan
    {
        public readonly PlanKey Key;
        public readonly int[] YOffsets, IBeta, Taps, IAlpha;
        public readonly float[] Beta, FAlpha;
        public readonly ResizeSimd.LinearTaps? Linear;
        public readonly int[][]? RowsI;
        public readonly short[][]? Rows16;
        public readonly float[][]? RowsF;

        public Plan(PlanKey key)
        {
            int ksize = KernelSize(key.Interpolation);
            Key = key;
            double scaleX = key.ScaleX, scaleY = key.ScaleY, invX = key.InvX, invY = key.InvY;
            int cn = key.Cn, sw = key.Sw, sh = key.Sh, dw = key.Dw, dh = key.Dh;
            var interpolation = key.Interpolation;
            bool areaMode = key.AreaMode;
            int ksize2 = ksize / 2;
            var (xofs, alpha) = AxisTable(sw, dw, scaleX, invX, interpolation, areaMode, ksize);
            var (yofs, beta) = AxisTable(sh, dh, scaleY, invY, interpolation, areaMode, ksize);
            bool fixpt = key.Element == typeof(byte);
            int rowLen = dw * cn;
            // Element-level taps: the source element of tap k for destination element (dx, c), edges replicated.
            var taps = new int[rowLen * ksize];
            var falpha = new float[rowLen * ksize];
            var ialphaElem = new int[rowLen * ksize];
            for (int dx = 0; dx < dw; dx++)
            {
                for (int k = 0; k < ksize; k++)
                {
                    int sx = Math.Clamp(xofs[dx] - ksize2 + 1 + k, 0, sw - 1) * cn;
                    for (int c = 0; c < cn; c++)
                    {
                        int e = (dx * cn + c) * ksize + k;
                        taps[e] = sx + c;
                        falpha[e] = alpha[dx * ksize + k];
                        if (fixpt) ialphaElem[e] = Warp.SaturateShort(Warp.SaturateInt(alpha[dx * ksize + k] * CoefScale));
                    }
                }
            }
            var ibeta = new int[dh * ksize];
            if (fixpt)
            {
                for (int i = 0; i < ibeta.Length; i++) ibeta[i] = Warp.SaturateShort(Warp.SaturateInt(beta[i] * CoefScale));
            }
            var linear = fixpt && ksize == 2 ? new ResizeSimd.LinearTaps(taps, ialphaElem, cn, sw * cn) : null;
            var rowsI = fixpt ? new int[ksize][] : null;
            var rows16 = linear is not null ? new short[ksize][] : null;
            var rowsF = fixpt ? null : new float[ksize][];
            for (int k = 0; k < ksize; k++)
            {
                if (linear is not null) rows16![k] = new short[rowLen];
                else if (fixpt) rowsI![k] = new int[rowLen];
                else rowsF![k] = new float[rowLen];
            }

            YOffsets = yofs;
            Beta = beta;
            IBeta = ibeta;
            Taps = taps;
            FAlpha = falpha;
            IAlpha = ialphaElem;
            Linear = linear;
            RowsI = rowsI;
            Rows16 = rows16;
            RowsF = rowsF;
        }
    }

    [ThreadStatic]
    private static Plan?[]? _plans;

    private static void Separable<T>(ImageBuffer<T> src, ImageBuffer<T> dst, Interpolation interpolation, double scaleX, double scaleY, double invX, double invY) where T : unmanaged
    {
        bool areaMode = interpolation == Interpolation.Area;
        if (areaMode) interpolation = Interpolation.Linear;
        int ksize = KernelSize(interpolation);
        int ksize2 = ksize / 2;
        int cn = src.Channels, sw = src.Width, sh = src.Height, dw = dst.Width, dh = dst.Height;
        bool fixpt = typeof(T) == typeof(byte);
        int rowLen = dw * cn;
        var key = new PlanKey(sw, sh, dw, dh, cn, interpolation, areaMode, typeof(T), scaleX, scaleY, invX, invY);
        var plan = KernelCommon.KeptPlan(ref _plans, key, static p => p.Key, static k => new Plan(k));
        var (yofs, beta, ibeta, taps, falpha, ialphaElem) = (plan.YOffsets, plan.Beta, plan.IBeta, plan.Taps, plan.FAlpha, plan.IAlpha);
        var (linear, rowsI, rows16, rowsF) = (plan.Linear, plan.RowsI, plan.Rows16, plan.RowsF);
        Span<int> slotRow = stackalloc int[ksize];
        slotRow.Fill(-1);
        Span<int> rowIndex = stackalloc int[ksize];
        for (int dy = 0; dy < dh; dy++)
        {
            for (int k = 0; k < ksize; k++)
            {
                int sy = Math.Clamp(yofs[dy] - ksize2 + 1 + k, 0, sh - 1);
                int slot = sy % ksize;
                rowIndex[k] = slot;
                if (slotRow[slot] == sy) continue;
                slotRow[slot] = sy;
                var s = src.GetRow(sy);
                if (linear is not null) ResizeSimd.HorizontalLinear(MemoryMarshal.Cast<T, byte>(s), rows16![slot], linear);
                else if (fixpt) HorizontalInt(MemoryMarshal.Cast<T, byte>(s), rowsI![slot], taps, ialphaElem, ksize);
                else HorizontalFloat(s, rowsF![slot], taps, falpha, ksize);
            }
            var d = dst.GetRow(dy);
            if (fixpt)
            {
                var db = MemoryMarshal.Cast<T, byte>(d);
                if (linear is not null) ResizeSimd.VerticalLinear(rows16![rowIndex[0]], rows16[rowIndex[1]], ibeta[2 * dy], ibeta[2 * dy + 1], db);
                else
                {
                    for (int i = 0; i < rowLen; i++)
                    {
                        long sum = 0;
                        for (int k = 0; k < ksize; k++) sum += (long)rowsI![rowIndex[k]][i] * ibeta[dy * ksize + k];
                        db[i] = (byte)Math.Clamp((sum + (1L << (2 * CoefBits - 1))) >> (2 * CoefBits), 0, 255);
                    }
                }
            }
            else
            {
                for (int i = 0; i < rowLen; i++)
                {
                    float sum = 0;
                    for (int k = 0; k < ksize; k++) sum += rowsF![rowIndex[k]][i] * beta[dy * ksize + k];
                    d[i] = KernelCommon.FromFloat<T>(sum);
                }
            }
        }
    }

    private static void HorizontalInt(ReadOnlySpan<byte> s, int[] d, int[] taps, int[] weights, int ksize)
    {
        int n = d.Length;
        ref byte sr = ref MemoryMarshal.GetReference(s);
        for (int i = 0, e = 0; i < n; i++, e += ksize)
        {
            int sum = 0;
            for (int k = 0; k < ksize; k++) sum += Unsafe.Add(ref sr, taps[e + k]) * weights[e + k];
            d[i] = sum;
        }
    }

    private static void HorizontalFloat<T>(ReadOnlySpan<T> s, float[] d, int[] taps, float[] weights, int ksize) where T : unmanaged
    {
        int n = d.Length;
        ref T sr = ref MemoryMarshal.GetReference(s);
        for (int i = 0, e = 0; i < n; i++, e += ksize)
        {
            float sum = 0;
            for (int k = 0; k < ksize; k++) sum += KernelCommon.ToFloat(Unsafe.Add(ref sr, taps[e + k])) * weights[e + k];
            d[i] = sum;
        }
    }

    /// <summary>Exactly half size, 8 bits: (a + b + c + d + 2) &gt;&gt; 2 per 2x2 block.</summary>
    private static void HalfByte(ImageBuffer<byte> src, ImageBuffer<byte> dst)
    {
        int cn = src.Channels;
        for (int dy = 0; dy < dst.Height; dy++)
        {
            var r0 = src.GetRow(2 * dy);
            var r1 = src.GetRow(2 * dy + 1);
            var d = dst.GetRow(dy);
            int i = ResizeSimd.HalfRow(r0, r1, d, cn);
            for (; i < d.Length; i++)
            {
                int dx = i / cn, c = i - dx * cn, s = 2 * dx * cn + c;
                d[i] = (byte)((r0[s] + r0[s + cn] + r1[s] + r1[s + cn] + 2) >> 2);
            }
        }
    }

    /// <summary>Integer shrink factors: plain block averages (OpenCV's resizeAreaFast).</summary>
    private static void AreaFast<T>(ImageBuffer<T> src, ImageBuffer<T> dst, int kx, int ky) where T : unmanaged
    {
        int cn = src.Channels, dw = dst.Width;
        int area = kx * ky;
        float scale = 1f / area;
        bool roundUp2x2 = area == 4 && kx == 2 && typeof(T) != typeof(float);
        var sums = new float[dw * cn];
        var isums = new int[dw * cn];
        for (int dy = 0; dy < dst.Height; dy++)
        {
            var d = dst.GetRow(dy);
            if (typeof(T) == typeof(float)) Array.Clear(sums);
            else Array.Clear(isums);
            for (int j = 0; j < ky; j++)
            {
                ref T s = ref MemoryMarshal.GetReference(src.GetRow(dy * ky + j));
                for (int dx = 0, o = 0; dx < dw; dx++)
                {
                    int sx = dx * kx * cn;
                    for (int c = 0; c < cn; c++, o++)
                    {
                        if (typeof(T) == typeof(float))
                        {
                            float sum = 0;
                            for (int i = 0; i < kx; i++) sum += KernelCommon.ToFloat(Unsafe.Add(ref s, sx + i * cn + c));
                            sums[o] += sum;
                        }
                        else
                        {
                            int sum = 0;
                            for (int i = 0; i < kx; i++) sum += KernelCommon.ToInt(Unsafe.Add(ref s, sx + i * cn + c));
                            isums[o] += sum;
                        }
                    }
                }
            }
            for (int o = 0; o < d.Length; o++)
            {
                if (typeof(T) == typeof(float)) d[o] = KernelCommon.FromFloat<T>(sums[o] * scale);
                else d[o] = roundUp2x2 ? KernelCommon.FromInt<T>((isums[o] + 2) >> 2) : KernelCommon.FromFloat<T>(isums[o] * scale);
            }
        }
    }

    private readonly record struct AreaTap(int Dst, int Src, float Alpha);

    /// <summary>OpenCV's computeResizeAreaTab.</summary>
    private static List<AreaTap> AreaTable(int ssize, int dsize, int cn, double scale)
    {
        var tab = new List<AreaTap>(ssize * 2);
        for (int dx = 0; dx < dsize; dx++)
        {
            double fsx1 = dx * scale, fsx2 = fsx1 + scale;
            double cellWidth = Math.Min(scale, ssize - fsx1);
            int sx1 = (int)Math.Ceiling(fsx1), sx2 = (int)Math.Floor(fsx2);
            sx2 = Math.Min(sx2, ssize - 1);
            sx1 = Math.Min(sx1, sx2);
            if (sx1 - fsx1 > 1e-3) tab.Add(new AreaTap(dx * cn, (sx1 - 1) * cn, (float)((sx1 - fsx1) / cellWidth)));
            for (int sx = sx1; sx < sx2; sx++) tab.Add(new AreaTap(dx * cn, sx * cn, (float)(1.0 / cellWidth)));
            if (fsx2 - sx2 > 1e-3) tab.Add(new AreaTap(dx * cn, sx2 * cn, (float)(Math.Min(Math.Min(fsx2 - sx2, 1.0), cellWidth) / cellWidth)));
        }
        return tab;
    }

    private readonly record struct AreaPlanKey(int Sw, int Sh, int Dw, int Dh, int Cn, double ScaleX, double ScaleY);

    /// <summary>The tap tables and row buffers of one area-shrink geometry; the last few are kept per thread.</summary>
    private sealed class AreaPlan
    {
        public readonly AreaPlanKey Key;
        public readonly AreaTap[] YTable;
        /// <summary>The taps of output pixel dx are [TapStart[dx], TapStart[dx + 1]) in TapSource and TapAlpha.</summary>
        public readonly int[] TapStart, TapSource;
        public readonly float[] TapAlpha;
        /// <summary>Row buffers, with one spare element at the ends: the 3-channel rows move four floats at a time.</summary>
        public readonly float[] Row, Buffer, Sum;

        public AreaPlan(AreaPlanKey key)
        {
            Key = key;
            int cn = key.Cn, rowLen = key.Dw * cn;
            var xtab = AreaTable(key.Sw, key.Dw, cn, key.ScaleX);
            YTable = [.. AreaTable(key.Sh, key.Dh, 1, key.ScaleY)];
            int taps = xtab.Count;
            TapStart = new int[key.Dw + 1];
            TapSource = new int[taps];
            TapAlpha = new float[taps];
            for (int k = 0; k < taps; k++)
            {
                (TapSource[k], TapAlpha[k]) = (xtab[k].Src, xtab[k].Alpha);
                TapStart[xtab[k].Dst / cn + 1] = k + 1;
            }
            for (int dx = 1; dx <= key.Dw; dx++) TapStart[dx] = Math.Max(TapStart[dx], TapStart[dx - 1]);
            Row = new float[key.Sw * cn + 1];
            Buffer = new float[rowLen + 1];
            Sum = new float[rowLen];
        }
    }

    [ThreadStatic]
    private static AreaPlan?[]? _areaPlans;

    /// <summary>
    /// Non-integer shrink: weighted pixel areas (OpenCV's resizeArea), accumulated in float in
    /// OpenCV's order: each source row's taps into a row buffer, the buffers into the output row
    /// with their vertical weights (whole rows at a time, vectorised; elementwise, so the sums are
    /// the scalar ones).
    /// </summary>
    private static void Area<T>(ImageBuffer<T> src, ImageBuffer<T> dst, double scaleX, double scaleY) where T : unmanaged
    {
        int cn = src.Channels;
        var plan = KernelCommon.KeptPlan(ref _areaPlans, new AreaPlanKey(src.Width, src.Height, dst.Width, dst.Height, cn, scaleX, scaleY), static p => p.Key, static k => new AreaPlan(k));
        var (ytab, tapStart, tapSrc, tapAlpha, row, buf, sum) = (plan.YTable, plan.TapStart, plan.TapSource, plan.TapAlpha, plan.Row, plan.Buffer, plan.Sum);
        Array.Clear(sum);
        int prevDy = ytab[0].Dst, prevSrc = -1;
        foreach (var yt in ytab)
        {
            // A source row shared by two output rows gives the same horizontal sums twice.
            if (yt.Src != prevSrc)
            {
                ToFloats(src.GetRow(yt.Src), row);
                HorizontalArea(row, buf, tapStart, tapSrc, tapAlpha, cn);
                prevSrc = yt.Src;
            }
            if (yt.Dst != prevDy)
            {
                StoreArea(sum, dst.GetRow(prevDy));
                Scale(buf, yt.Alpha, sum);
                prevDy = yt.Dst;
            }
            else
            {
                AddScaled(buf, yt.Alpha, sum);
            }
        }
        StoreArea(sum, dst.GetRow(prevDy));
    }

    private static void ToFloats<T>(ReadOnlySpan<T> source, Span<float> target) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            MemoryMarshal.Cast<T, float>(source).CopyTo(target);
            return;
        }
        int i = 0;
        if (typeof(T) == typeof(byte) && Vector256.IsHardwareAccelerated)
        {
            var bytes = MemoryMarshal.Cast<T, byte>(source);
            ref byte s0 = ref MemoryMarshal.GetReference(bytes);
            ref float t0 = ref MemoryMarshal.GetReference(target);
            for (; i + 16 <= bytes.Length; i += 16)
            {
                var (lo, hi) = Vector256.Widen(Vector128.LoadUnsafe(ref s0, (nuint)i).AsByte().ToVector256Unsafe());
                var (a, b) = Vector256.Widen(lo);
                Vector256.ConvertToSingle(a.AsInt32()).StoreUnsafe(ref t0, (nuint)i);
                Vector256.ConvertToSingle(b.AsInt32()).StoreUnsafe(ref t0, (nuint)(i + 8));
            }
        }
        for (; i < source.Length; i++) target[i] = KernelCommon.ToFloat(source[i]);
    }

    /// <summary>
    /// buf[dx] = 0 + row[s0]·a0 + row[s1]·a1 + ... over the taps of each output pixel, in the table's
    /// order (products, then sums: never fused). Three and four channels move as one vector.
    /// </summary>
    private static void HorizontalArea(float[] row, float[] buf, int[] tapStart, int[] tapSrc, float[] tapAlpha, int cn)
    {
        ref float r = ref MemoryMarshal.GetArrayDataReference(row);
        ref float b = ref MemoryMarshal.GetArrayDataReference(buf);
        int width = tapStart.Length - 1;
        if ((cn == 3 || cn == 4) && Vector128.IsHardwareAccelerated)
        {
            // Four floats from each source pixel (for 3 channels the fourth is the next pixel's
            // first, or the spare element): the extra lane lands on the next output pixel, written after.
            for (int dx = 0; dx < width; dx++)
            {
                var acc = Vector128<float>.Zero;
                for (int k = tapStart[dx], end = tapStart[dx + 1]; k < end; k++)
                    acc += Vector128.LoadUnsafe(ref r, (nuint)tapSrc[k]) * Vector128.Create(tapAlpha[k]);
                acc.StoreUnsafe(ref b, (nuint)(dx * cn));
            }
            return;
        }
        for (int dx = 0; dx < width; dx++)
        {
            for (int c = 0; c < cn; c++)
            {
                float acc = 0;
                for (int k = tapStart[dx], end = tapStart[dx + 1]; k < end; k++) acc += Unsafe.Add(ref r, tapSrc[k] + c) * tapAlpha[k];
                Unsafe.Add(ref b, dx * cn + c) = acc;
            }
        }
    }

    /// <summary>sum[i] = a * buf[i].</summary>
    private static void Scale(float[] buf, float a, float[] sum)
    {
        int i = 0, n = sum.Length;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var va = new System.Numerics.Vector<float>(a);
            for (; i <= n - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
                (va * new System.Numerics.Vector<float>(buf, i)).CopyTo(sum, i);
        }
        for (; i < n; i++) sum[i] = a * buf[i];
    }

    /// <summary>sum[i] += a * buf[i] (a product, then a sum: never fused, as the scalar code).</summary>
    private static void AddScaled(float[] buf, float a, float[] sum)
    {
        int i = 0, n = sum.Length;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var va = new System.Numerics.Vector<float>(a);
            for (; i <= n - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
                (new System.Numerics.Vector<float>(sum, i) + va * new System.Numerics.Vector<float>(buf, i)).CopyTo(sum, i);
        }
        for (; i < n; i++) sum[i] += a * buf[i];
    }

    private static void StoreArea<T>(float[] sum, Span<T> target) where T : unmanaged
    {
        int i = 0;
        if (typeof(T) == typeof(byte) && Vector256.IsHardwareAccelerated)
        {
            // Round half to even, then saturate to [0, 255] (NaN to 0), as FromFloat.
            var bytes = MemoryMarshal.Cast<T, byte>(target);
            var zero = Vector256<float>.Zero;
            var max = Vector256.Create(255f);
            for (; i + 8 <= sum.Length; i += 8)
            {
                var r = Vector256.Round(Vector256.Create(sum, i));
                var c = Vector256.ConditionalSelect(Vector256.GreaterThan(r, zero), Vector256.Min(r, max), zero);
                var v = Vector256.ConvertToInt32(c);
                var w = Vector256.Narrow(v, v);
                var b = Vector256.Narrow(w, w);
                Unsafe.WriteUnaligned(ref bytes[i], b.AsUInt64().ToScalar());
            }
        }
        for (; i < sum.Length; i++) target[i] = KernelCommon.FromFloat<T>(sum[i]);
    }
}
