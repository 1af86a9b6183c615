using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AugSharp.Kernels;

/// <summary>
/// Linear and median filters on interleaved images with any number of channels, each channel on
/// its own: a separable convolution (<c>cv2.sepFilter2D</c>, <c>cv2.GaussianBlur</c>,
/// <c>cv2.blur</c>), a general 2-D one (<c>cv2.filter2D</c>) and a median (<c>cv2.medianBlur</c>).
/// Kernels are correlations centred on the middle tap, as OpenCV's with the default anchor.
/// uint8 images with non-negative separable kernels run in fixed point (14-bit weights, an 8-bit
/// fraction between the passes); other cases in single precision. Integer results are rounded
/// and clamped to the type's range; float results are not clamped.
/// </summary>
public static partial class Convolution
{
    private const int WeightBits = 14;
    private const int InterBits = 8;

    /// <summary>
    /// A separable filter: each row is filtered with <paramref name="kernelX"/>, then each column
    /// with <paramref name="kernelY"/> (both of odd length). Pixels outside are read through
    /// <paramref name="border"/> (OpenCV's default is <see cref="BorderMode.Reflect101"/>;
    /// <see cref="BorderMode.Constant"/> reads zeros).
    /// </summary>
    public static void Separable<T>(ImageBuffer<T> src, ImageBuffer<T> dst, ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY, BorderMode border = BorderMode.Reflect101) where T : unmanaged
    {
        KernelCommon.CheckPair(src, dst);
        CheckKernel(kernelX.Length, nameof(kernelX));
        CheckKernel(kernelY.Length, nameof(kernelY));
        if (typeof(T) == typeof(byte) && IsNonNegative(kernelX) && IsNonNegative(kernelY))
            SeparableFixed(src.As<byte>(), dst.As<byte>(), Quantise(kernelX), Quantise(kernelY), WeightBits, InterBits, border);
        else
            SeparableFloat(src, dst, kernelX, kernelY, border);
    }

    /// <summary>
    /// A Gaussian blur (<c>cv2.GaussianBlur</c> with ksize <paramref name="size"/> and σ
    /// <paramref name="sigma"/> on both axes, reflect101 borders). uint8 images follow OpenCV's
    /// bit-exact fixed point: 8-bit weights quantised with error diffusion from the outer taps
    /// inwards (the centre takes the remainder, so they sum to exactly 1), an exact 8-bit fraction
    /// between the passes, and one rounding at the end; so they match OpenCV's output.
    /// </summary>
    public static void Gaussian<T>(ImageBuffer<T> src, ImageBuffer<T> dst, int size, double sigma) where T : unmanaged
    {
        KernelCommon.CheckPair(src, dst);
        var k = GaussianKernel(size, sigma);
        if (typeof(T) == typeof(byte))
        {
            var q = GaussianWeights8(size, sigma);
            GaussianBytes(src.As<byte>(), dst.As<byte>(), q, q, BorderMode.Reflect101);
        }
        else
        {
            SeparableFloat(src, dst, k, k, BorderMode.Reflect101);
        }
    }

    /// <summary>A box filter of <paramref name="size"/> x <paramref name="size"/> (<c>cv2.blur</c>, normalised, reflect101 borders).</summary>
    public static void Box<T>(ImageBuffer<T> src, ImageBuffer<T> dst, int size) where T : unmanaged
    {
        CheckKernel(size, nameof(size));
        var k = new float[size];
        Array.Fill(k, 1f / size);
        Separable(src, dst, k, k);
    }

    /// <summary>
    /// OpenCV's <c>getGaussianKernel</c>: taps <c>exp(-x²/(2σ²))</c> for x = -(size/2)..size/2,
    /// normalised to sum 1. A <paramref name="sigma"/> of 0 or less takes OpenCV's σ for the size,
    /// <c>0.3·((size-1)·0.5 - 1) + 0.8</c>, and its fixed binomial taps for sizes 1 to 7.
    /// </summary>
    public static float[] GaussianKernel(int size, double sigma) => Array.ConvertAll(GaussianKernelDouble(size, sigma), v => (float)v);

    /// <summary>The uint8 Gaussian's 8-bit weights (<see cref="Gaussian{T}"/>): symmetric, summing to 256.</summary>
    internal static int[] GaussianWeights8(int size, double sigma) => QuantiseDiffused(GaussianKernelDouble(size, sigma), 8);

    private static double[] GaussianKernelDouble(int size, double sigma)
    {
        CheckKernel(size, nameof(size));
        if (sigma <= 0)
        {
            double[]? table = size switch
            {
                1 => [1],
                3 => [0.25, 0.5, 0.25],
                5 => [0.0625, 0.25, 0.375, 0.25, 0.0625],
                7 => [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
                _ => null,
            };
            if (table is not null) return table;
            sigma = 0.3 * ((size - 1) * 0.5 - 1) + 0.8;
        }
        var k = new double[size];
        int r = size / 2;
        double sum = 0;
        for (int i = 0; i < size; i++)
        {
            double x = i - r;
            k[i] = Math.Exp(-x * x / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) k[i] /= sum;
        return k;
    }

    /// <summary>OpenCV's kernel size for <c>GaussianBlur(ksize=(0, 0), sigma)</c>: <c>round(σ·(uint8 ? 3 : 4)·2 + 1) | 1</c>.</summary>
    public static int GaussianSizeFor(double sigma, bool uint8) => ((int)Math.Round(sigma * (uint8 ? 3 : 4) * 2 + 1, MidpointRounding.ToEven)) | 1;

    /// <summary>
    /// A general 2-D filter (<c>cv2.filter2D</c> with the anchor in the middle): <paramref name="kernel"/>
    /// is <paramref name="kernelHeight"/> rows of <paramref name="kernelWidth"/> taps (both odd),
    /// computed in single precision.
    /// </summary>
    public static void Filter2D<T>(ImageBuffer<T> src, ImageBuffer<T> dst, ReadOnlySpan<float> kernel, int kernelWidth, int kernelHeight, BorderMode border = BorderMode.Reflect101) where T : unmanaged
    {
        KernelCommon.CheckPair(src, dst);
        CheckKernel(kernelWidth, nameof(kernelWidth));
        CheckKernel(kernelHeight, nameof(kernelHeight));
        if (kernel.Length != kernelWidth * kernelHeight) throw new ArgumentException("The kernel must hold width*height taps.", nameof(kernel));
        int cn = src.Channels, w = src.Width, h = src.Height, rx = kernelWidth / 2, ry = kernelHeight / 2;
        int paddedLength = (w + 2 * rx) * cn;
        var padded = new float[(h + 2 * ry) * paddedLength];
        var cols = ColumnMap(w, rx, border);
        for (int py = 0; py < h + 2 * ry; py++)
        {
            int sy = KernelCommon.BorderIndex(py - ry, h, border);
            var row = padded.AsSpan(py * paddedLength, paddedLength);
            if (sy < 0) row.Clear();
            else PadRow(src.GetRow(sy), row, cols, cn);
        }
        var acc = new float[w * cn];
        for (int y = 0; y < h; y++)
        {
            // The taps row by row, each tap's row of values times its weight.
            SumTaps(acc, padded, new GridTaps(y * paddedLength, kernelWidth, paddedLength, cn), kernel, symmetric: false);
            StoreFloat(acc, dst.GetRow(y));
        }
    }

    /// <summary>
    /// A median of <paramref name="size"/> x <paramref name="size"/> pixels per channel
    /// (<c>cv2.medianBlur</c>; edges replicated). <paramref name="size"/> is odd; OpenCV takes
    /// 3 or 5 for every type and larger sizes for uint8 only, here any odd size works for every type.
    /// For 3x3, 5x5 and 7x7 the windows of a vector of values (Vector512, Vector256, Vector128) run
    /// through a sorting network side by side (<see cref="MedianNetwork"/>); larger windows and the ends of rows select one median at a time.
    /// </summary>
    public static void Median<T>(ImageBuffer<T> src, ImageBuffer<T> dst, int size) where T : unmanaged
    {
        KernelCommon.CheckPair(src, dst);
        KernelCommon.CheckNotSame(src, dst);
        CheckKernel(size, nameof(size));
        int cn = src.Channels, w = src.Width, h = src.Height, r = size / 2, len = w * cn;
        int paddedLength = (w + 2 * r) * cn;
        // The padded copy comes from the pool (every element used is written below).
        var padded = ArrayPool<T>.Shared.Rent((h + 2 * r) * paddedLength);
        try
        {
            MedianPadded(src, dst, size, padded, paddedLength);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(padded);
        }
    }

    private static void MedianPadded<T>(ImageBuffer<T> src, ImageBuffer<T> dst, int size, T[] padded, int paddedLength) where T : unmanaged
    {
        int cn = src.Channels, w = src.Width, h = src.Height, r = size / 2, len = w * cn;
        var cols = ColumnMap(w, r, BorderMode.Replicate);
        for (int py = 0; py < h + 2 * r; py++)
        {
            var s = src.GetRow(KernelCommon.BorderIndex(py - r, h, BorderMode.Replicate));
            var d = padded.AsSpan(py * paddedLength, paddedLength);
            // The row itself in one copy, then the replicated columns either side.
            s.Slice(0, len).CopyTo(d.Slice(r * cn, len));
            for (int p = 0; p < cols.Length; p++)
                if (p < r || p >= r + w) s.Slice(cols[p] * cn, cn).CopyTo(d.Slice(p * cn, cn));
        }
        int n = size * size, middle = n / 2;
        var window = new float[n];
        bool network = size is 3 or 5 or 7;
        for (int y = 0; y < h; y++)
        {
            var d = dst.GetRow(y);
            int done = network ? MedianVectors(padded, paddedLength, y, size, cn, len, d) : 0;
            for (int i = done; i < len; i++)
            {
                int m = 0;
                for (int a = 0; a < size; a++)
                {
                    int start = (y + a) * paddedLength + i;
                    for (int b = 0; b < size; b++) window[m++] = ToFloat(padded[start + b * cn]);
                }
                d[i] = KernelCommon.FromFloat<T>(Select(window, middle));
            }
        }
    }

    private static int MedianVectors<T>(T[] padded, int paddedLength, int y, int size, int cn, int len, Span<T> d) where T : unmanaged
    {
        int done = 0;
        ref T origin = ref MemoryMarshal.GetArrayDataReference(padded);
        ref T output = ref MemoryMarshal.GetReference(d);
        nuint stride = (nuint)paddedLength, step = (nuint)cn, row = (nuint)(y * paddedLength);
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (int count = Vector512<T>.Count; done <= len - count; done += count)
                MedianOf<MinMax512<T>, Vector512<T>, T>(ref origin, row + (nuint)done, stride, step, size).StoreUnsafe(ref output, (nuint)done);
        }
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (int count = Vector256<T>.Count; done <= len - count; done += count)
                MedianOf<MinMax256<T>, Vector256<T>, T>(ref origin, row + (nuint)done, stride, step, size).StoreUnsafe(ref output, (nuint)done);
        }
        if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
        {
            for (int count = Vector128<T>.Count; done <= len - count; done += count)
                MedianOf<MinMax128<T>, Vector128<T>, T>(ref origin, row + (nuint)done, stride, step, size).StoreUnsafe(ref output, (nuint)done);
        }
        return done;
    }

    private static TV MedianOf<TOps, TV, T>(ref T origin, nuint offset, nuint stride, nuint step, int size) where TOps : struct, IMinMaxVector<TV, T> => size switch
    {
        3 => MedianNetwork.Median9<TOps, TV, T>(ref origin, offset, stride, step),
        5 => MedianNetwork.Median25<TOps, TV, T>(ref origin, offset, stride, step),
        _ => MedianNetwork.Median49<TOps, TV, T>(ref origin, offset, stride, step),
    };

    private static float Select(float[] a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo < hi)
        {
            float pivot = a[(lo + hi) >> 1];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else break;
        }
        return a[k];
    }

    private static void SeparableFloat<T>(ImageBuffer<T> src, ImageBuffer<T> dst, ReadOnlySpan<float> kx, ReadOnlySpan<float> ky, BorderMode border) where T : unmanaged
    {
        if (ReferenceEquals(src, dst)) src = src.Clone();
        int cn = src.Channels, w = src.Width, h = src.Height, rx = kx.Length / 2, ry = ky.Length / 2, len = w * cn, k = ky.Length;
        var cols = ColumnMap(w, rx, border);
        // Pooled: a blur per image (the elastic transform's fields) allocates nothing per call.
        var padded = ArrayPool<float>.Shared.Rent((w + 2 * rx) * cn);
        // The row pass of the k source rows the current output row needs: virtual row v (before
        // the border mapping) lives in slot v mod k.
        var ring = ArrayPool<float>.Shared.Rent(k * len);
        var sumArray = ArrayPool<float>.Shared.Rent(len);
        var sum = sumArray.AsSpan(0, len);
        try
        {
            bool symX = IsSymmetric(kx), symY = IsSymmetric(ky);
            int next = -ry;
            for (int y = 0; y < h; y++)
            {
                for (; next <= y + ry; next++)
                {
                    var row = ring.AsSpan(Slot(next, k) * len, len);
                    int sy = KernelCommon.BorderIndex(next, h, border);
                    if (sy < 0)
                    {
                        row.Clear();
                        continue;
                    }
                    PadRow(src.GetRow(sy), padded, cols, cn);
                    SumTaps(row, padded, new RowTaps(cn), kx, symX);
                }
                SumTaps(sum, ring, new RingTaps(y, ry, k, len), ky, symY);
                StoreFloat(sum, dst.GetRow(y));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(padded);
            ArrayPool<float>.Shared.Return(ring);
            ArrayPool<float>.Shared.Return(sumArray);
        }
    }



    /// <summary>
    /// The uint8 fixed-point path: weights of <paramref name="weightBits"/> fraction bits, a row
    /// pass rounded to <paramref name="interBits"/> fraction bits, a column pass rounded to whole
    /// values. Both passes add 32-bit products with Vector256 or Vector128 when available.
    /// </summary>
    internal static void SeparableFixed(ImageBuffer<byte> src, ImageBuffer<byte> dst, int[] wx, int[] wy, int weightBits, int interBits, BorderMode border)
    {
        if (ReferenceEquals(src, dst)) src = src.Clone();
        int cn = src.Channels, w = src.Width, h = src.Height, rx = wx.Length / 2, ry = wy.Length / 2, len = w * cn, k = wy.Length;
        var cols = ColumnMap(w, rx, border);
        var padded = new int[(w + 2 * rx) * cn];
        // The row pass of the k source rows the current output row needs: virtual row v (before
        // the border mapping) lives in slot v mod k.
        var ring = new int[k * len];
        var acc = new int[len];
        bool symX = IsSymmetric(wx), symY = IsSymmetric(wy);
        int rowShift = weightBits - interBits, rowRound = rowShift == 0 ? 0 : 1 << (rowShift - 1);
        int colShift = weightBits + interBits;
        int next = -ry;
        for (int y = 0; y < h; y++)
        {
            for (; next <= y + ry; next++)
            {
                var row = ring.AsSpan(Slot(next, k) * len, len);
                int sy = KernelCommon.BorderIndex(next, h, border);
                if (sy < 0)
                {
                    row.Clear();
                    continue;
                }
                var s = src.GetRow(sy);
                Widen(s, padded.AsSpan(rx * cn, len));
                for (int p = 0; p < rx; p++) PadPixel(s, padded, cols, p, cn);
                for (int p = rx + w; p < cols.Length; p++) PadPixel(s, padded, cols, p, cn);
                var sum = rowShift == 0 ? row : acc.AsSpan();
                SumTaps(sum, padded, new RowTaps(cn), wx, symX);
                if (rowShift != 0)
                    for (int i = 0; i < len; i++) row[i] = (acc[i] + rowRound) >> rowShift;
            }
            SumTaps(acc, ring, new RingTaps(y, ry, k, len), wy, symY);
            NarrowRounded(acc, dst.GetRow(y), colShift);
        }
    }

    private static int Slot(int v, int k) => ((v % k) + k) % k;



    private static void PadPixel(Span<byte> s, int[] padded, int[] cols, int p, int cn)
    {
        int sx = cols[p];
        for (int c = 0; c < cn; c++) padded[p * cn + c] = sx < 0 ? 0 : s[sx * cn + c];
    }

    /// <summary>Bytes to 32-bit integers, with Vector128 when available.</summary>
    private static void Widen(ReadOnlySpan<byte> src, Span<int> dst)
    {
        int n = src.Length, i = 0;
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref int d = ref MemoryMarshal.GetReference(dst);
        if (Vector128.IsHardwareAccelerated && dst.Length >= n)
        {
            for (; i <= n - 16; i += 16)
            {
                var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref s, (nuint)i));
                var (a, b) = Vector128.Widen(lo);
                var (c, e) = Vector128.Widen(hi);
                a.AsInt32().StoreUnsafe(ref d, (nuint)i);
                b.AsInt32().StoreUnsafe(ref d, (nuint)(i + 4));
                c.AsInt32().StoreUnsafe(ref d, (nuint)(i + 8));
                e.AsInt32().StoreUnsafe(ref d, (nuint)(i + 12));
            }
        }
        for (; i < n; i++) dst[i] = src[i];
    }

    /// <summary>(acc + half) >> shift, clamped to 0..255, with Vector128 when available.</summary>
    private static void NarrowRounded(ReadOnlySpan<int> acc, Span<byte> dst, int shift)
    {
        int n = dst.Length, i = 0, half = 1 << (shift - 1);
        ref int a = ref MemoryMarshal.GetReference(acc);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        if (Vector128.IsHardwareAccelerated && acc.Length >= n)
        {
            var h = Vector128.Create(half);
            var zero = Vector128<int>.Zero;
            var top = Vector128.Create(255);
            for (; i <= n - 16; i += 16)
            {
                var v0 = Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(Vector128.LoadUnsafe(ref a, (nuint)i) + h, shift), zero), top);
                var v1 = Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(Vector128.LoadUnsafe(ref a, (nuint)(i + 4)) + h, shift), zero), top);
                var v2 = Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(Vector128.LoadUnsafe(ref a, (nuint)(i + 8)) + h, shift), zero), top);
                var v3 = Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(Vector128.LoadUnsafe(ref a, (nuint)(i + 12)) + h, shift), zero), top);
                var w0 = Vector128.Narrow(v0.AsUInt32(), v1.AsUInt32());
                var w1 = Vector128.Narrow(v2.AsUInt32(), v3.AsUInt32());
                Vector128.Narrow(w0, w1).StoreUnsafe(ref d, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            int v = (acc[i] + half) >> shift;
            dst[i] = (byte)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
    }

    /// <summary>Weights in 14-bit fixed point whose sum is exactly the rounded sum of the float weights.</summary>
    private static int[] Quantise(ReadOnlySpan<float> k)
    {
        var q = new int[k.Length];
        double total = 0;
        int sum = 0, largest = 0;
        for (int i = 0; i < k.Length; i++)
        {
            total += k[i];
            q[i] = (int)Math.Round(k[i] * (double)(1 << WeightBits));
            sum += q[i];
            if (q[i] > q[largest]) largest = i;
        }
        q[largest] += (int)Math.Round(total * (1 << WeightBits)) - sum;
        return q;
    }

    /// <summary>
    /// OpenCV's fixed-point Gaussian weights: from the outer taps inwards each is rounded after
    /// adding the previous rounding error; the kernel is symmetric and the centre takes what is left of 1.
    /// </summary>
    private static int[] QuantiseDiffused(double[] k, int bits)
    {
        int n = k.Length, one = 1 << bits, sum = 0;
        var q = new int[n];
        double err = 0;
        for (int i = 0; i < n / 2; i++)
        {
            double v = k[i] * one + err;
            int r = (int)Math.Round(v, MidpointRounding.ToEven);
            err = v - r;
            q[i] = q[n - 1 - i] = r;
            sum += 2 * r;
        }
        q[n / 2] = one - sum;
        return q;
    }



    private static bool IsSymmetric<T>(ReadOnlySpan<T> k) where T : IEquatable<T>
    {
        for (int i = 0; i < k.Length / 2; i++) if (!k[i].Equals(k[k.Length - 1 - i])) return false;
        return true;
    }

    /// <summary>Where a tap's row of values starts in the array the taps are read from.</summary>
    private interface ITapOffsets
    {
        long Offset(int tap);
    }

    /// <summary>The row pass: tap j at j·cn in a row padded by the kernel's radius on each side.</summary>
    private readonly struct RowTaps(int cn) : ITapOffsets
    {
        public long Offset(int tap) => (long)tap * cn;
    }

    /// <summary>The column pass: tap i is the ring's row for output row y + i - radius.</summary>
    private readonly struct RingTaps(int y, int radius, int k, int len) : ITapOffsets
    {
        public long Offset(int tap) => (long)Slot(y + tap - radius, k) * len;
    }

    /// <summary><see cref="Filter2D"/>: the taps of a kernel row after row over a padded image.</summary>
    private readonly struct GridTaps(long first, int kernelWidth, long rowStep, int cn) : ITapOffsets
    {
        public long Offset(int tap) => first + tap / kernelWidth * rowStep + (long)(tap % kernelWidth) * cn;
    }

    /// <summary>
    /// <c>sum[i]</c> = Σⱼ <c>source[offset(j) + i]</c>·<c>w[j]</c> (<see cref="WeightedSum{T}"/>); kernels
    /// longer than the tap table are summed in parts, each part continuing the sum.
    /// </summary>
    private static unsafe void SumTaps<T, TOffsets>(Span<T> sum, T[] source, TOffsets offsets, ReadOnlySpan<T> w, bool symmetric)
        where T : unmanaged, INumber<T>
        where TOffsets : struct, ITapOffsets
    {
        nint* taps = stackalloc nint[TapLimit];
        fixed (T* p = source)
        {
            for (int start = 0; start < w.Length; start += TapLimit)
            {
                int count = Math.Min(TapLimit, w.Length - start);
                for (int j = 0; j < count; j++)
                {
                    long offset = offsets.Offset(start + j);
                    if (offset < 0 || offset + sum.Length > source.Length) throw new ArgumentException("A tap's values lie outside the source.", nameof(source));
                    taps[j] = (nint)(p + offset);
                }
                WeightedSum(sum, taps, w.Slice(start, count), symmetric && count == w.Length, start > 0);
            }
        }
    }

    /// <summary>Taps summed in one call; longer kernels are summed in parts.</summary>
    private const int TapLimit = 1024;

    /// <summary>
    /// <c>sum[i]</c> (plus its value when <paramref name="accumulate"/>) + Σⱼ <c>taps[j][i]</c>·<c>w[j]</c>,
    /// accumulated in registers, 16, 8 or 4 elements at a time with Vector512, Vector256 or
    /// Vector128 and one by one after them. Every element is summed in the same order: from zero,
    /// the taps in order skipping zero weights, each a product then a sum (never fused); for a
    /// symmetric kernel the pairs (j, k-1-j) first as (a + b)·w[j], then the centre.
    /// </summary>
    private static unsafe void WeightedSum<T>(Span<T> sum, nint* taps, ReadOnlySpan<T> w, bool symmetric, bool accumulate) where T : unmanaged, INumber<T>
    {
        int n = sum.Length, k = w.Length, r = k / 2, i = 0;
        fixed (T* d = sum)
        fixed (T* wp = w)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                {
                    var s = accumulate ? Vector512.Load(d + i) : Vector512<T>.Zero;
                    if (symmetric)
                    {
                        for (int j = 0; j < r; j++)
                            if (wp[j] != T.Zero) s += (Vector512.Load((T*)taps[j] + i) + Vector512.Load((T*)taps[k - 1 - j] + i)) * Vector512.Create(wp[j]);
                        s += Vector512.Load((T*)taps[r] + i) * Vector512.Create(wp[r]);
                    }
                    else
                    {
                        for (int j = 0; j < k; j++)
                            if (wp[j] != T.Zero) s += Vector512.Load((T*)taps[j] + i) * Vector512.Create(wp[j]);
                    }
                    s.Store(d + i);
                }
            }
            if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                {
                    var s = accumulate ? Vector256.Load(d + i) : Vector256<T>.Zero;
                    if (symmetric)
                    {
                        for (int j = 0; j < r; j++)
                            if (wp[j] != T.Zero) s += (Vector256.Load((T*)taps[j] + i) + Vector256.Load((T*)taps[k - 1 - j] + i)) * Vector256.Create(wp[j]);
                        s += Vector256.Load((T*)taps[r] + i) * Vector256.Create(wp[r]);
                    }
                    else
                    {
                        for (int j = 0; j < k; j++)
                            if (wp[j] != T.Zero) s += Vector256.Load((T*)taps[j] + i) * Vector256.Create(wp[j]);
                    }
                    s.Store(d + i);
                }
            }
            if (Vector128.IsHardwareAccelerated)
            {
                for (; i <= n - Vector128<T>.Count; i += Vector128<T>.Count)
                {
                    var s = accumulate ? Vector128.Load(d + i) : Vector128<T>.Zero;
                    if (symmetric)
                    {
                        for (int j = 0; j < r; j++)
                            if (wp[j] != T.Zero) s += (Vector128.Load((T*)taps[j] + i) + Vector128.Load((T*)taps[k - 1 - j] + i)) * Vector128.Create(wp[j]);
                        s += Vector128.Load((T*)taps[r] + i) * Vector128.Create(wp[r]);
                    }
                    else
                    {
                        for (int j = 0; j < k; j++)
                            if (wp[j] != T.Zero) s += Vector128.Load((T*)taps[j] + i) * Vector128.Create(wp[j]);
                    }
                    s.Store(d + i);
                }
            }
            for (; i < n; i++)
            {
                T s = accumulate ? d[i] : T.Zero;
                if (symmetric)
                {
                    for (int j = 0; j < r; j++)
                        if (wp[j] != T.Zero) s += (((T*)taps[j])[i] + ((T*)taps[k - 1 - j])[i]) * wp[j];
                    s += ((T*)taps[r])[i] * wp[r];
                }
                else
                {
                    for (int j = 0; j < k; j++)
                        if (wp[j] != T.Zero) s += ((T*)taps[j])[i] * wp[j];
                }
                d[i] = s;
            }
        }
    }

    private static int[] ColumnMap(int width, int radius, BorderMode border)
    {
        var cols = new int[width + 2 * radius];
        for (int p = 0; p < cols.Length; p++) cols[p] = KernelCommon.BorderIndex(p - radius, width, border);
        return cols;
    }

    private static void PadRow<T>(Span<T> s, Span<float> padded, int[] cols, int cn) where T : unmanaged
    {
        for (int p = 0; p < cols.Length; p++)
        {
            int sx = cols[p];
            for (int c = 0; c < cn; c++) padded[p * cn + c] = sx < 0 ? 0f : ToFloat(s[sx * cn + c]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ToFloat<T>(T v) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return Unsafe.As<T, byte>(ref v);
        if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref v);
        if (typeof(T) == typeof(float)) return Unsafe.As<T, float>(ref v);
        throw new NotSupportedException($"Pixel element type {typeof(T).Name} is not supported; use byte, ushort or float.");
    }

    private static void StoreFloat<T>(ReadOnlySpan<float> values, Span<T> d) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            values.CopyTo(MemoryMarshal.Cast<T, float>(d));
            return;
        }
        for (int i = 0; i < values.Length; i++) d[i] = KernelCommon.FromFloat<T>(values[i]);
    }

    private static bool IsNonNegative(ReadOnlySpan<float> k)
    {
        foreach (var v in k) if (!(v >= 0)) return false;
        return true;
    }

    private static void CheckKernel(int size, string name)
    {
        if (size < 1 || size % 2 == 0) throw new ArgumentOutOfRangeException(name, size, "Kernel sizes must be odd and positive.");
    }
}
