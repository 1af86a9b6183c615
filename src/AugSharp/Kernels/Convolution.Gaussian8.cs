using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugSharp.Kernels;

public static partial class Convolution
{
    /// <summary>
    /// The uint8 Gaussian with 8-bit weights that sum to 256 on both axes (OpenCV's bit-exact
    /// form). The row pass is exact in 16 bits (at most 255·256 = 65280) and is kept, biased by
    /// -32768 so that it reads as signed 16-bit, in a ring of the rows the column pass needs.
    /// The column pass multiplies pairs of rows by pairs of weights into 32-bit sums (the bias
    /// comes back as a constant) and rounds once: <c>(Σ w·h + 2^15) &gt;&gt; 16</c>.
    /// Vector512, Vector256 and Vector128 paths with a scalar fallback, all with the same result.
    /// </summary>
    private static void GaussianBytes(ImageBuffer<byte> src, ImageBuffer<byte> dst, int[] wx, int[] wy, BorderMode border)
    {
        if (ReferenceEquals(src, dst)) src = src.Clone();
        int cn = src.Channels, w = src.Width, h = src.Height, rx = wx.Length / 2, ry = wy.Length / 2, len = w * cn, k = wy.Length;
        int weightSum = 0;
        foreach (int v in wy) weightSum += v;
        var cols = ColumnMap(w, rx, border);
        int paddedLength = cols.Length * cn;
        var padded = ArrayPool<ushort>.Shared.Rent(paddedLength);
        var ring = ArrayPool<short>.Shared.Rent(k * len);
        var offsets = new int[k + 1];
        try
        {
            int next = -ry;
            for (int y = 0; y < h; y++)
            {
                for (; next <= y + ry; next++)
                {
                    var row = ring.AsSpan(Slot(next, k) * len, len);
                    int sy = KernelCommon.BorderIndex(next, h, border);
                    if (sy < 0)
                    {
                        row.Fill(short.MinValue);
                        continue;
                    }
                    PadRowWide(src.GetRow(sy), padded.AsSpan(0, paddedLength), cols, rx, cn);
                    GaussianRowPass(padded, row, wx, cn);
                }
                for (int i = 0; i < k; i++) offsets[i] = Slot(y + i - ry, k) * len;
                offsets[k] = offsets[k - 1];
                GaussianColumnPass(ring, offsets, wy, 32768 * weightSum + (1 << 15), dst.GetRow(y));
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(padded);
            ArrayPool<short>.Shared.Return(ring);
        }
    }

    /// <summary>The row's bytes widened to 16 bits with <paramref name="rx"/> border pixels on each side.</summary>
    private static void PadRowWide(ReadOnlySpan<byte> s, Span<ushort> padded, int[] cols, int rx, int cn)
    {
        int len = s.Length, i = 0;
        ref byte source = ref MemoryMarshal.GetReference(s);
        ref ushort target = ref Unsafe.Add(ref MemoryMarshal.GetReference(padded), rx * cn);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= len - 32; i += 32)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref source, (nuint)i));
                lo.StoreUnsafe(ref target, (nuint)i);
                hi.StoreUnsafe(ref target, (nuint)(i + 16));
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= len - 16; i += 16)
            {
                var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref source, (nuint)i));
                lo.StoreUnsafe(ref target, (nuint)i);
                hi.StoreUnsafe(ref target, (nuint)(i + 8));
            }
        }
        for (; i < len; i++) Unsafe.Add(ref target, i) = Unsafe.Add(ref source, i);
        int w = len / cn;
        for (int p = 0; p < cols.Length; p++)
        {
            if (p == rx) p = rx + w;
            if (p >= cols.Length) break;
            int sx = cols[p];
            for (int c = 0; c < cn; c++) padded[p * cn + c] = sx < 0 ? (ushort)0 : s[sx * cn + c];
        }
    }

    /// <summary>
    /// row[i] = (Σ_j wx[j]·padded[i + j·cn]) - 32768 as signed 16-bit, for a symmetric kernel
    /// whose sums stay below 65536 (the two outer taps of a pair added before the product).
    /// </summary>
    private static void GaussianRowPass(ushort[] padded, Span<short> row, int[] wx, int cn)
    {
        int len = row.Length, k = wx.Length, rx = k / 2, i = 0;
        ref ushort p = ref MemoryMarshal.GetArrayDataReference(padded);
        ref short r = ref MemoryMarshal.GetReference(row);
        if (Vector512.IsHardwareAccelerated && len >= Vector512<ushort>.Count)
        {
            int step = Vector512<ushort>.Count;
            var bias = Vector512.Create((ushort)0x8000);
            var centre = Vector512.Create((ushort)wx[rx]);
            for (; i < len; i += step)
            {
                int at = Math.Min(i, len - step);
                var acc = Vector512.LoadUnsafe(ref p, (nuint)(at + rx * cn)) * centre;
                for (int j = 0; j < rx; j++)
                    acc += (Vector512.LoadUnsafe(ref p, (nuint)(at + j * cn)) + Vector512.LoadUnsafe(ref p, (nuint)(at + (k - 1 - j) * cn))) * Vector512.Create((ushort)wx[j]);
                (acc ^ bias).AsInt16().StoreUnsafe(ref r, (nuint)at);
            }
            return;
        }
        if (Vector256.IsHardwareAccelerated && len >= Vector256<ushort>.Count)
        {
            int step = Vector256<ushort>.Count;
            var bias = Vector256.Create((ushort)0x8000);
            var centre = Vector256.Create((ushort)wx[rx]);
            for (; i < len; i += step)
            {
                int at = Math.Min(i, len - step);
                var acc = Vector256.LoadUnsafe(ref p, (nuint)(at + rx * cn)) * centre;
                for (int j = 0; j < rx; j++)
                    acc += (Vector256.LoadUnsafe(ref p, (nuint)(at + j * cn)) + Vector256.LoadUnsafe(ref p, (nuint)(at + (k - 1 - j) * cn))) * Vector256.Create((ushort)wx[j]);
                (acc ^ bias).AsInt16().StoreUnsafe(ref r, (nuint)at);
            }
            return;
        }
        if (Vector128.IsHardwareAccelerated && len >= Vector128<ushort>.Count)
        {
            int step = Vector128<ushort>.Count;
            var bias = Vector128.Create((ushort)0x8000);
            var centre = Vector128.Create((ushort)wx[rx]);
            for (; i < len; i += step)
            {
                int at = Math.Min(i, len - step);
                var acc = Vector128.LoadUnsafe(ref p, (nuint)(at + rx * cn)) * centre;
                for (int j = 0; j < rx; j++)
                    acc += (Vector128.LoadUnsafe(ref p, (nuint)(at + j * cn)) + Vector128.LoadUnsafe(ref p, (nuint)(at + (k - 1 - j) * cn))) * Vector128.Create((ushort)wx[j]);
                (acc ^ bias).AsInt16().StoreUnsafe(ref r, (nuint)at);
            }
            return;
        }
        for (; i < len; i++)
        {
            int sum = Unsafe.Add(ref p, i + rx * cn) * wx[rx];
            for (int j = 0; j < rx; j++) sum += (Unsafe.Add(ref p, i + j * cn) + Unsafe.Add(ref p, i + (k - 1 - j) * cn)) * wx[j];
            Unsafe.Add(ref r, i) = (short)(sum - 32768);
        }
    }

    /// <summary>
    /// d[i] = (Σ_t wy[t]·h_t[i] + 2^15) &gt;&gt; 16 where the ring holds h - 32768 at
    /// <paramref name="offsets"/> (one more offset than taps, for the odd tap's partner):
    /// <paramref name="start"/> is 32768·Σw + 2^15, which gives the bias back and rounds.
    /// </summary>
    private static void GaussianColumnPass(short[] ring, int[] offsets, int[] wy, int start, Span<byte> d)
    {
        int len = d.Length, k = wy.Length, pairs = (k + 1) / 2, i = 0;
        ref short origin = ref MemoryMarshal.GetArrayDataReference(ring);
        ref byte output = ref MemoryMarshal.GetReference(d);
        Span<int> weightPairs = stackalloc int[pairs];
        for (int m = 0; m < pairs; m++) weightPairs[m] = (ushort)wy[2 * m] | (2 * m + 1 < k ? wy[2 * m + 1] << 16 : 0);
        if (Avx512BW.IsSupported && Vector512.IsHardwareAccelerated && len >= 32)
        {
            var first = Vector512.Create(start);
            for (; i < len; i += 32)
            {
                int at = Math.Min(i, len - 32);
                Vector512<int> lo = first, hi = first;
                for (int m = 0; m < pairs; m++)
                {
                    var a = Vector512.LoadUnsafe(ref origin, (nuint)(offsets[2 * m] + at));
                    var b = Vector512.LoadUnsafe(ref origin, (nuint)(offsets[2 * m + 1] + at));
                    var wv = Vector512.Create(weightPairs[m]).AsInt16();
                    lo += Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(a, b), wv);
                    hi += Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(a, b), wv);
                }
                var packed = Avx512BW.PackSignedSaturate(Vector512.ShiftRightLogical(lo, 16), Vector512.ShiftRightLogical(hi, 16));
                Avx512BW.ConvertToVector256Byte(packed).StoreUnsafe(ref output, (nuint)at);
            }
            return;
        }
        if (Avx2.IsSupported && len >= 16)
        {
            var first = Vector256.Create(start);
            for (; i < len; i += 16)
            {
                int at = Math.Min(i, len - 16);
                Vector256<int> lo = first, hi = first;
                for (int m = 0; m < pairs; m++)
                {
                    var a = Vector256.LoadUnsafe(ref origin, (nuint)(offsets[2 * m] + at));
                    var b = Vector256.LoadUnsafe(ref origin, (nuint)(offsets[2 * m + 1] + at));
                    var wv = Vector256.Create(weightPairs[m]).AsInt16();
                    lo += Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(a, b), wv);
                    hi += Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(a, b), wv);
                }
                var packed = Avx2.PackSignedSaturate(Vector256.ShiftRightLogical(lo, 16), Vector256.ShiftRightLogical(hi, 16));
                var bytes = Avx2.PackUnsignedSaturate(packed, packed);
                Avx2.Permute4x64(bytes.AsUInt64(), 0b_10_00_10_00).AsByte().GetLower().StoreUnsafe(ref output, (nuint)at);
            }
            return;
        }
        if (Sse2.IsSupported && len >= 8)
        {
            var first = Vector128.Create(start);
            for (; i < len; i += 8)
            {
                int at = Math.Min(i, len - 8);
                Vector128<int> lo = first, hi = first;
                for (int m = 0; m < pairs; m++)
                {
                    var a = Vector128.LoadUnsafe(ref origin, (nuint)(offsets[2 * m] + at));
                    var b = Vector128.LoadUnsafe(ref origin, (nuint)(offsets[2 * m + 1] + at));
                    var wv = Vector128.Create(weightPairs[m]).AsInt16();
                    lo += Sse2.MultiplyAddAdjacent(Sse2.UnpackLow(a, b), wv);
                    hi += Sse2.MultiplyAddAdjacent(Sse2.UnpackHigh(a, b), wv);
                }
                var packed = Sse2.PackSignedSaturate(Vector128.ShiftRightLogical(lo, 16), Vector128.ShiftRightLogical(hi, 16));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, at), Sse2.PackUnsignedSaturate(packed, packed).AsUInt64().ToScalar());
            }
            return;
        }
        for (; i < len; i++)
        {
            int sum = start;
            for (int t = 0; t < k; t++) sum += wy[t] * Unsafe.Add(ref origin, offsets[t] + i);
            Unsafe.Add(ref output, i) = (byte)(sum >> 16);
        }
    }
}
