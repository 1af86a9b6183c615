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
    /// form). The row pass is exact in 16 bits (at most 255·256 = 65280) and is kept biased by
    /// -32768, so that it reads as signed 16-bit. Rows 2t and 2t+1 are interleaved once into
    /// pair t of a small ring; the column pass multiplies each pair by a pair of weights into
    /// 32-bit sums (the bias comes back as a constant) and rounds once: <c>(Σ w·h + 2^15) &gt;&gt; 16</c>.
    /// Vector512, Vector256 and Vector128 paths with a scalar fallback, all with the same result.
    /// </summary>
    private static unsafe void GaussianBytes(ImageBuffer<byte> src, ImageBuffer<byte> dst, int[] wx, int[] wy, BorderMode border)
    {
        if (ReferenceEquals(src, dst)) src = src.Clone();
        int cn = src.Channels, w = src.Width, h = src.Height, rx = wx.Length / 2, ry = wy.Length / 2, len = w * cn, k = wy.Length;
        int weightSum = 0;
        foreach (int v in wy) weightSum += v;
        // The vector width of both passes over pairs, and so the layout of an interleaved pair:
        // per block of `step` elements, the low and the high unpacking of the two rows.
        int step = Avx512BW.IsSupported && Vector512.IsHardwareAccelerated && len >= 32 ? 32
            : Avx2.IsSupported && len >= 16 ? 16
            : Sse2.IsSupported && len >= 8 ? 8 : 1;
        int blocks = (len + step - 1) / step, pairLength = 2 * blocks * step, slots = ry + 2;
        var cols = ColumnMap(w, rx, border);
        int paddedLength = cols.Length * cn;
        var padded = ArrayPool<ushort>.Shared.Rent(paddedLength);
        var rows = ArrayPool<short>.Shared.Rent(2 * len);
        short* ring = (short*)NativeMemory.AlignedAlloc((nuint)(slots * pairLength * sizeof(short)), 64);
        // Weights by pair for a first row of even and of odd parity (a zero before or after).
        int pairs = (k + 2) / 2;
        var weightPairs = new int[2 * pairs];
        for (int parity = 0; parity < 2; parity++)
            for (int m = 0; m < pairs; m++)
            {
                int a = 2 * m - parity, b = a + 1;
                weightPairs[parity * pairs + m] = (ushort)(a >= 0 && a < k ? wy[a] : 0) | ((b >= 0 && b < k ? wy[b] : 0) << 16);
            }
        var offsets = new int[pairs];
        try
        {
            int nextPair = (-ry) >> 1;
            for (int y = 0; y < h; y++)
            {
                int first = (y - ry) >> 1, last = (y + ry) >> 1;
                for (; nextPair <= last; nextPair++)
                {
                    for (int half = 0; half < 2; half++)
                    {
                        var row = rows.AsSpan(half * len, len);
                        int sy = KernelCommon.BorderIndex(2 * nextPair + half, h, border);
                        if (sy < 0)
                        {
                            row.Fill(short.MinValue);
                            continue;
                        }
                        PadRowWide(src.GetRow(sy), padded.AsSpan(0, paddedLength), cols, rx, cn);
                        GaussianRowPass(padded, row, wx, cn);
                    }
                    InterleavePair(rows, len, new Span<short>(ring + PairSlot(nextPair, slots) * pairLength, pairLength), step);
                }
                int parity = (y - ry) & 1, count = (parity + k + 1) >> 1;
                for (int m = 0; m < count; m++) offsets[m] = PairSlot(first + m, slots) * pairLength;
                GaussianColumnPass(ref *ring, offsets, count, weightPairs.AsSpan(parity * pairs, count), 32768 * weightSum + (1 << 15), step, dst.GetRow(y));
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(padded);
            ArrayPool<short>.Shared.Return(rows);
            NativeMemory.AlignedFree(ring);
        }
    }

    private static int PairSlot(int t, int slots) => ((t % slots) + slots) % slots;

    /// <summary>
    /// The two rows of <paramref name="rows"/> (each <paramref name="len"/> long) interleaved
    /// into <paramref name="pair"/>, block by block of <paramref name="step"/> elements (the last
    /// block ends at the end of the row): the low then the high 16-bit unpacking of each block,
    /// which is the natural interleaving for one element per block.
    /// </summary>
    private static void InterleavePair(short[] rows, int len, Span<short> pair, int step)
    {
        ref short a = ref MemoryMarshal.GetArrayDataReference(rows);
        ref short b = ref Unsafe.Add(ref a, len);
        ref short p = ref MemoryMarshal.GetReference(pair);
        int blocks = (len + step - 1) / step;
        for (int n = 0; n < blocks; n++)
        {
            int at = Math.Min(n * step, len - step);
            ref short target = ref Unsafe.Add(ref p, 2 * n * step);
            switch (step)
            {
                case 32:
                    {
                        var x = Vector512.LoadUnsafe(ref a, (nuint)at);
                        var z = Vector512.LoadUnsafe(ref b, (nuint)at);
                        Avx512BW.UnpackLow(x, z).StoreUnsafe(ref target);
                        Avx512BW.UnpackHigh(x, z).StoreUnsafe(ref target, 32);
                        break;
                    }
                case 16:
                    {
                        var x = Vector256.LoadUnsafe(ref a, (nuint)at);
                        var z = Vector256.LoadUnsafe(ref b, (nuint)at);
                        Avx2.UnpackLow(x, z).StoreUnsafe(ref target);
                        Avx2.UnpackHigh(x, z).StoreUnsafe(ref target, 16);
                        break;
                    }
                case 8:
                    {
                        var x = Vector128.LoadUnsafe(ref a, (nuint)at);
                        var z = Vector128.LoadUnsafe(ref b, (nuint)at);
                        Sse2.UnpackLow(x, z).StoreUnsafe(ref target);
                        Sse2.UnpackHigh(x, z).StoreUnsafe(ref target, 8);
                        break;
                    }
                default:
                    target = Unsafe.Add(ref a, at);
                    Unsafe.Add(ref target, 1) = Unsafe.Add(ref b, at);
                    break;
            }
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
            const int step = 32;
            var bias = Vector512.Create((ushort)0x8000);
            var centre = Vector512.Create((ushort)wx[rx]);
            Span<Vector512<ushort>> weights = rx <= 64 ? stackalloc Vector512<ushort>[rx] : new Vector512<ushort>[rx];
            for (int j = 0; j < rx; j++) weights[j] = Vector512.Create((ushort)wx[j]);
            ref Vector512<ushort> wv = ref MemoryMarshal.GetReference(weights);
            // Two blocks at a time while both fit, then one block at a time (the last ends at the end of the row).
            for (; i <= len - 2 * step; i += 2 * step)
            {
                ref ushort block = ref Unsafe.Add(ref p, i);
                var acc0 = Vector512.LoadUnsafe(ref block, (nuint)(rx * cn)) * centre;
                var acc1 = Vector512.LoadUnsafe(ref block, (nuint)(rx * cn + step)) * centre;
                for (int j = 0; j < rx; j++)
                {
                    ref ushort a = ref Unsafe.Add(ref block, j * cn);
                    ref ushort b = ref Unsafe.Add(ref block, (k - 1 - j) * cn);
                    var weight = Unsafe.Add(ref wv, j);
                    acc0 += (Vector512.LoadUnsafe(ref a) + Vector512.LoadUnsafe(ref b)) * weight;
                    acc1 += (Vector512.LoadUnsafe(ref a, step) + Vector512.LoadUnsafe(ref b, step)) * weight;
                }
                (acc0 ^ bias).AsInt16().StoreUnsafe(ref r, (nuint)i);
                (acc1 ^ bias).AsInt16().StoreUnsafe(ref r, (nuint)(i + step));
            }
            for (; i < len; i += step)
            {
                int at = Math.Min(i, len - step);
                ref ushort block = ref Unsafe.Add(ref p, at);
                var acc = Vector512.LoadUnsafe(ref block, (nuint)(rx * cn)) * centre;
                for (int j = 0; j < rx; j++)
                    acc += (Vector512.LoadUnsafe(ref Unsafe.Add(ref block, j * cn)) + Vector512.LoadUnsafe(ref Unsafe.Add(ref block, (k - 1 - j) * cn))) * Unsafe.Add(ref wv, j);
                (acc ^ bias).AsInt16().StoreUnsafe(ref r, (nuint)at);
            }
            return;
        }
        if (Vector256.IsHardwareAccelerated && len >= Vector256<ushort>.Count)
        {
            const int step = 16;
            var bias = Vector256.Create((ushort)0x8000);
            var centre = Vector256.Create((ushort)wx[rx]);
            Span<Vector256<ushort>> weights = rx <= 64 ? stackalloc Vector256<ushort>[rx] : new Vector256<ushort>[rx];
            for (int j = 0; j < rx; j++) weights[j] = Vector256.Create((ushort)wx[j]);
            ref Vector256<ushort> wv = ref MemoryMarshal.GetReference(weights);
            // Two blocks at a time while both fit, then one block at a time (the last ends at the end of the row).
            for (; i <= len - 2 * step; i += 2 * step)
            {
                ref ushort block = ref Unsafe.Add(ref p, i);
                var acc0 = Vector256.LoadUnsafe(ref block, (nuint)(rx * cn)) * centre;
                var acc1 = Vector256.LoadUnsafe(ref block, (nuint)(rx * cn + step)) * centre;
                for (int j = 0; j < rx; j++)
                {
                    ref ushort a = ref Unsafe.Add(ref block, j * cn);
                    ref ushort b = ref Unsafe.Add(ref block, (k - 1 - j) * cn);
                    var weight = Unsafe.Add(ref wv, j);
                    acc0 += (Vector256.LoadUnsafe(ref a) + Vector256.LoadUnsafe(ref b)) * weight;
                    acc1 += (Vector256.LoadUnsafe(ref a, step) + Vector256.LoadUnsafe(ref b, step)) * weight;
                }
                (acc0 ^ bias).AsInt16().StoreUnsafe(ref r, (nuint)i);
                (acc1 ^ bias).AsInt16().StoreUnsafe(ref r, (nuint)(i + step));
            }
            for (; i < len; i += step)
            {
                int at = Math.Min(i, len - step);
                ref ushort block = ref Unsafe.Add(ref p, at);
                var acc = Vector256.LoadUnsafe(ref block, (nuint)(rx * cn)) * centre;
                for (int j = 0; j < rx; j++)
                    acc += (Vector256.LoadUnsafe(ref Unsafe.Add(ref block, j * cn)) + Vector256.LoadUnsafe(ref Unsafe.Add(ref block, (k - 1 - j) * cn))) * Unsafe.Add(ref wv, j);
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
    /// d[i] = (Σ w·h + 2^15) &gt;&gt; 16 over <paramref name="count"/> interleaved pairs of rows
    /// (see <see cref="InterleavePair"/>) at <paramref name="offsets"/> in the ring, each holding
    /// h - 32768, with the two weights of each pair packed in <paramref name="weightPairs"/>:
    /// <paramref name="start"/> is 32768·Σw + 2^15, which gives the bias back and rounds.
    /// </summary>
    private static void GaussianColumnPass(ref short ring, int[] offsets, int count, ReadOnlySpan<int> weightPairs, int start, int step, Span<byte> d)
    {
        int len = d.Length, blocks = (len + step - 1) / step;
        ref byte output = ref MemoryMarshal.GetReference(d);
        if (step == 32)
        {
            Span<Vector512<short>> weights = count <= 64 ? stackalloc Vector512<short>[count] : new Vector512<short>[count];
            for (int m = 0; m < count; m++) weights[m] = Vector512.Create(weightPairs[m]).AsInt16();
            ref Vector512<short> wv = ref MemoryMarshal.GetReference(weights);
            ref int offset = ref MemoryMarshal.GetArrayDataReference(offsets);
            var first = Vector512.Create(start);
            int n = 0;
            // Two blocks at a time while both are whole, then one block at a time.
            for (; (n + 2) * 32 <= len; n += 2)
            {
                Vector512<int> lo0 = first, hi0 = first, lo1 = first, hi1 = first;
                for (int m = 0; m < count; m++)
                {
                    ref short pair = ref Unsafe.Add(ref ring, Unsafe.Add(ref offset, m) + 64 * n);
                    var weight = Unsafe.Add(ref wv, m);
                    lo0 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref pair), weight);
                    hi0 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref pair, 32), weight);
                    lo1 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref pair, 64), weight);
                    hi1 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref pair, 96), weight);
                }
                Avx512BW.ConvertToVector256Byte(Avx512BW.PackSignedSaturate(Vector512.ShiftRightLogical(lo0, 16), Vector512.ShiftRightLogical(hi0, 16))).StoreUnsafe(ref output, (nuint)(n * 32));
                Avx512BW.ConvertToVector256Byte(Avx512BW.PackSignedSaturate(Vector512.ShiftRightLogical(lo1, 16), Vector512.ShiftRightLogical(hi1, 16))).StoreUnsafe(ref output, (nuint)(n * 32 + 32));
            }
            for (; n < blocks; n++)
            {
                int at = Math.Min(n * 32, len - 32);
                Vector512<int> lo = first, hi = first;
                for (int m = 0; m < count; m++)
                {
                    ref short pair = ref Unsafe.Add(ref ring, Unsafe.Add(ref offset, m) + 64 * n);
                    lo += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref pair), Unsafe.Add(ref wv, m));
                    hi += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref pair, 32), Unsafe.Add(ref wv, m));
                }
                var packed = Avx512BW.PackSignedSaturate(Vector512.ShiftRightLogical(lo, 16), Vector512.ShiftRightLogical(hi, 16));
                Avx512BW.ConvertToVector256Byte(packed).StoreUnsafe(ref output, (nuint)at);
            }
            return;
        }
        if (step == 16)
        {
            Span<Vector256<short>> weights = count <= 64 ? stackalloc Vector256<short>[count] : new Vector256<short>[count];
            for (int m = 0; m < count; m++) weights[m] = Vector256.Create(weightPairs[m]).AsInt16();
            ref Vector256<short> wv = ref MemoryMarshal.GetReference(weights);
            ref int offset = ref MemoryMarshal.GetArrayDataReference(offsets);
            var first = Vector256.Create(start);
            int n = 0;
            // Two blocks at a time while both are whole, then one block at a time.
            for (; (n + 2) * 16 <= len; n += 2)
            {
                Vector256<int> lo0 = first, hi0 = first, lo1 = first, hi1 = first;
                for (int m = 0; m < count; m++)
                {
                    ref short pair = ref Unsafe.Add(ref ring, Unsafe.Add(ref offset, m) + 32 * n);
                    var weight = Unsafe.Add(ref wv, m);
                    lo0 += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref pair), weight);
                    hi0 += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref pair, 16), weight);
                    lo1 += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref pair, 32), weight);
                    hi1 += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref pair, 48), weight);
                }
                var packed0 = Avx2.PackSignedSaturate(Vector256.ShiftRightLogical(lo0, 16), Vector256.ShiftRightLogical(hi0, 16));
                var packed1 = Avx2.PackSignedSaturate(Vector256.ShiftRightLogical(lo1, 16), Vector256.ShiftRightLogical(hi1, 16));
                // Per 128-bit lane: 8 bytes of each block; the quadword permutation puts the blocks in order.
                Avx2.Permute4x64(Avx2.PackUnsignedSaturate(packed0, packed1).AsUInt64(), 0b_11_01_10_00).AsByte().StoreUnsafe(ref output, (nuint)(n * 16));
            }
            for (; n < blocks; n++)
            {
                int at = Math.Min(n * 16, len - 16);
                Vector256<int> lo = first, hi = first;
                for (int m = 0; m < count; m++)
                {
                    ref short pair = ref Unsafe.Add(ref ring, Unsafe.Add(ref offset, m) + 32 * n);
                    lo += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref pair), Unsafe.Add(ref wv, m));
                    hi += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref pair, 16), Unsafe.Add(ref wv, m));
                }
                var packed = Avx2.PackSignedSaturate(Vector256.ShiftRightLogical(lo, 16), Vector256.ShiftRightLogical(hi, 16));
                var bytes = Avx2.PackUnsignedSaturate(packed, packed);
                Avx2.Permute4x64(bytes.AsUInt64(), 0b_10_00_10_00).AsByte().GetLower().StoreUnsafe(ref output, (nuint)at);
            }
            return;
        }
        if (step == 8)
        {
            Span<Vector128<short>> weights = count <= 64 ? stackalloc Vector128<short>[count] : new Vector128<short>[count];
            for (int m = 0; m < count; m++) weights[m] = Vector128.Create(weightPairs[m]).AsInt16();
            var first = Vector128.Create(start);
            for (int n = 0; n < blocks; n++)
            {
                int at = Math.Min(n * 8, len - 8);
                Vector128<int> lo = first, hi = first;
                for (int m = 0; m < count; m++)
                {
                    ref short pair = ref Unsafe.Add(ref ring, offsets[m] + 16 * n);
                    lo += Sse2.MultiplyAddAdjacent(Vector128.LoadUnsafe(ref pair), weights[m]);
                    hi += Sse2.MultiplyAddAdjacent(Vector128.LoadUnsafe(ref pair, 8), weights[m]);
                }
                var packed = Sse2.PackSignedSaturate(Vector128.ShiftRightLogical(lo, 16), Vector128.ShiftRightLogical(hi, 16));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, at), Sse2.PackUnsignedSaturate(packed, packed).AsUInt64().ToScalar());
            }
            return;
        }
        for (int i = 0; i < len; i++)
        {
            int sum = start;
            for (int m = 0; m < count; m++)
            {
                ref short pair = ref Unsafe.Add(ref ring, offsets[m] + 2 * i);
                sum += pair * (short)weightPairs[m] + Unsafe.Add(ref pair, 1) * (weightPairs[m] >> 16);
            }
            Unsafe.Add(ref output, i) = (byte)(sum >> 16);
        }
    }
}
