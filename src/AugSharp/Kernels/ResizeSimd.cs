using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugSharp.Kernels;

/// <summary>
/// The horizontal step of the 8-bit bilinear resize. Four destination elements whose sources lie
/// in one 16-byte window take one load and one byte shuffle (precomputed per block) that spreads the
/// source pairs into 16-bit words; one multiply-add applies the two 11-bit weights. Vector256 does
/// two such blocks at once; blocks whose sources are farther apart use a 4-byte gather (AVX2) or
/// scalar code.
/// </summary>
internal static class ResizeSimd
{
    /// <summary>Lets tests compare the vector rows with the scalar ones.</summary>
    internal static bool UseVectors = true;

    /// <summary>Per destination element: the two source elements and their weights.</summary>
    internal sealed class LinearTaps
    {
        public readonly int[] Tap0, Tap1, W0, W1, Pairs;
        public readonly int Channels;

        /// <summary>Elements [0, VectorEnd) may read 4 (8 for 4 channels) bytes from Tap0 within the row; a multiple of 8.</summary>
        public readonly int VectorEnd;

        /// <summary>Per block of 4 elements: the first source element of its 16-byte window, or -1 when the sources do not fit one window.</summary>
        public readonly int[] WindowBase;

        /// <summary>Per block of 4 elements: 16 shuffle indices picking (source 0, 0, source 1, 0) for each element.</summary>
        public readonly byte[] WindowMask;

        /// <summary>Per block of 16 elements: the first source element of its 64-byte window, or -1 when the sources do not fit one window.</summary>
        public readonly int[] WideBase;

        /// <summary>Per block of 16 elements: 64 byte-permute indices placing source 0 and source 1 of each element in its two 16-bit halves (the high bytes are cleared after).</summary>
        public readonly byte[] WideMask;

        public LinearTaps(int[] taps, int[] weights, int channels, int sourceRowLength)
        {
            int n = taps.Length / 2;
            Tap0 = new int[n];
            Tap1 = new int[n];
            W0 = new int[n];
            W1 = new int[n];
            Pairs = new int[n];
            Channels = channels;
            int reach = channels == 4 ? 8 : 4;
            int end = n;
            for (int i = 0; i < n; i++)
            {
                Tap0[i] = taps[2 * i];
                Tap1[i] = taps[2 * i + 1];
                W0[i] = weights[2 * i];
                W1[i] = weights[2 * i + 1];
                Pairs[i] = (W0[i] & 0xFFFF) | (W1[i] << 16);
                bool neighbour = Tap1[i] == Tap0[i] + channels || (Tap1[i] == Tap0[i] && W1[i] == 0);
                if (end == n && (Tap0[i] + reach > sourceRowLength || !neighbour || channels > 4)) end = i;
            }
            VectorEnd = end & ~7;
            (WindowBase, WindowMask) = Windows(Tap0, Tap1, 4, 16, sourceRowLength, zeroHigh: true);
            (WideBase, WideMask) = Windows(Tap0, Tap1, 16, 64, sourceRowLength, zeroHigh: false);
        }

        /// <summary>
        /// Per block of <paramref name="elements"/> destination elements: the first source element of
        /// a <paramref name="window"/>-byte window holding all their sources (-1 when none does), and per
        /// element four byte indices into it: source 0, its high byte, source 1, its high byte (0x80,
        /// which a byte shuffle reads as zero, or the same index again, cleared after a byte permute).
        /// </summary>
        private static (int[] Bases, byte[] Masks) Windows(int[] tap0, int[] tap1, int elements, int window, int sourceRowLength, bool zeroHigh)
        {
            int blocks = tap0.Length / elements;
            var bases = new int[blocks];
            var masks = new byte[blocks * 4 * elements];
            for (int b = 0; b < blocks; b++)
            {
                int start = int.MaxValue;
                for (int k = 0; k < elements; k++) start = Math.Min(start, Math.Min(tap0[elements * b + k], tap1[elements * b + k]));
                bool ok = start + window <= sourceRowLength;
                for (int k = 0; k < elements && ok; k++)
                {
                    int e = elements * b + k, o0 = tap0[e] - start, o1 = tap1[e] - start;
                    ok = o0 < window && o1 < window;
                    int m = 4 * e;
                    masks[m] = (byte)o0;
                    masks[m + 1] = zeroHigh ? (byte)0x80 : (byte)o0;
                    masks[m + 2] = (byte)o1;
                    masks[m + 3] = zeroHigh ? (byte)0x80 : (byte)o1;
                }
                bases[b] = ok ? start : -1;
            }
            return (bases, masks);
        }
    }

    /// <summary>The widest vectors used (512 or 256 bits), so that tests reach both horizontal passes on one machine.</summary>
    internal static int MaxVectorBits = 512;

    /// <summary>The low byte of each 16-bit half.</summary>
    private static readonly Vector512<byte> LowBytes = Vector512.Create((ushort)0x00FF).AsByte();

    /// <summary>Words 0-3 of each 128-bit lane of a pack are the first vector's, 4-7 the second's: this puts the first's 64-bit quarters first.</summary>
    private static readonly Vector512<long> PackOrder = Vector512.Create(0L, 2, 4, 6, 1, 3, 5, 7);

    /// <summary>
    /// One source row: <c>(s[tap0] w0 + s[tap1] w1) &gt;&gt; 4</c> per destination element, as 16 bits
    /// (OpenCV's vector code keeps the same 16-bit intermediate).
    /// </summary>
    public static unsafe void HorizontalLinear(ReadOnlySpan<byte> s, short[] d, LinearTaps t)
    {
        int n = d.Length, i = 0;
        ref byte sr = ref MemoryMarshal.GetReference(s);
        ref int pairs = ref MemoryMarshal.GetArrayDataReference(t.Pairs);
        ref short dr = ref MemoryMarshal.GetArrayDataReference(d);
        ref byte masks = ref MemoryMarshal.GetArrayDataReference(t.WindowMask);
        int[] bases = t.WindowBase;
        if (UseVectors && Avx2.IsSupported)
        {
            fixed (byte* sp = s)
            {
                int* ip = (int*)sp;
                if (Avx512Vbmi.IsSupported && Vector512.IsHardwareAccelerated && MaxVectorBits >= 512)
                {
                    // Thirty-two elements from two 64-byte windows per step (a byte permute each) while the windows hold.
                    ref byte wideMasks = ref MemoryMarshal.GetArrayDataReference(t.WideMask);
                    int[] wideBases = t.WideBase;
                    for (; i + 32 <= n; i += 32)
                    {
                        int q = i >> 4, b0 = wideBases[q], b1 = wideBases[q + 1];
                        if ((b0 | b1) < 0) break;
                        var v0 = Avx512Vbmi.PermuteVar64x8(Vector512.LoadUnsafe(ref sr, (nuint)b0), Vector512.LoadUnsafe(ref wideMasks, (nuint)(64 * q))) & LowBytes;
                        var v1 = Avx512Vbmi.PermuteVar64x8(Vector512.LoadUnsafe(ref sr, (nuint)b1), Vector512.LoadUnsafe(ref wideMasks, (nuint)(64 * q + 64))) & LowBytes;
                        var r0 = Vector512.ShiftRightArithmetic(Avx512BW.MultiplyAddAdjacent(v0.AsInt16(), Vector512.LoadUnsafe(ref pairs, (nuint)i).AsInt16()), 4);
                        var r1 = Vector512.ShiftRightArithmetic(Avx512BW.MultiplyAddAdjacent(v1.AsInt16(), Vector512.LoadUnsafe(ref pairs, (nuint)(i + 16)).AsInt16()), 4);
                        Avx512F.PermuteVar8x64(Avx512BW.PackSignedSaturate(r0, r1).AsInt64(), PackOrder).AsInt16().StoreUnsafe(ref dr, (nuint)i);
                    }
                }
                // Sixteen elements from four windows per step while the windows hold.
                for (; i + 16 <= n; i += 16)
                {
                    int q = i >> 2, b0 = bases[q], b1 = bases[q + 1], b2 = bases[q + 2], b3 = bases[q + 3];
                    if ((b0 | b1 | b2 | b3) < 0) break;
                    var w0 = Avx2.Shuffle(Vector256.Create(Vector128.LoadUnsafe(ref sr, (nuint)b0), Vector128.LoadUnsafe(ref sr, (nuint)b1)), Vector256.LoadUnsafe(ref masks, (nuint)(4 * i)));
                    var w1 = Avx2.Shuffle(Vector256.Create(Vector128.LoadUnsafe(ref sr, (nuint)b2), Vector128.LoadUnsafe(ref sr, (nuint)b3)), Vector256.LoadUnsafe(ref masks, (nuint)(4 * i + 32)));
                    var r0 = Avx2.ShiftRightArithmetic(Avx2.MultiplyAddAdjacent(w0.AsInt16(), Vector256.LoadUnsafe(ref pairs, (nuint)i).AsInt16()), 4);
                    var r1 = Avx2.ShiftRightArithmetic(Avx2.MultiplyAddAdjacent(w1.AsInt16(), Vector256.LoadUnsafe(ref pairs, (nuint)(i + 8)).AsInt16()), 4);
                    Avx2.Permute4x64(Avx2.PackSignedSaturate(r0, r1).AsInt64(), 0xD8).AsInt16().StoreUnsafe(ref dr, (nuint)i);
                }
                for (; i + 8 <= n; i += 8)
                {
                    int b0 = bases[i >> 2], b1 = bases[(i >> 2) + 1];
                    Vector256<int> words;
                    if ((b0 | b1) >= 0)
                    {
                        var v = Vector256.Create(Vector128.LoadUnsafe(ref sr, (nuint)b0), Vector128.LoadUnsafe(ref sr, (nuint)b1));
                        words = Avx2.Shuffle(v, Vector256.LoadUnsafe(ref masks, (nuint)(4 * i))).AsInt32();
                    }
                    else if (i + 8 <= t.VectorEnd)
                    {
                        words = Gather(ip, Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(t.Tap0), (nuint)i), t.Channels);
                    }
                    else
                    {
                        break;
                    }
                    var r = Avx2.ShiftRightArithmetic(Avx2.MultiplyAddAdjacent(words.AsInt16(), Vector256.LoadUnsafe(ref pairs, (nuint)i).AsInt16()), 4);
                    Vector256.Narrow(r, r).GetLower().StoreUnsafe(ref dr, (nuint)i);
                }
            }
        }
        else if (UseVectors && Ssse3.IsSupported)
        {
            for (; i + 4 <= n; i += 4)
            {
                int b0 = bases[i >> 2];
                if (b0 < 0) break;
                var words = Ssse3.Shuffle(Vector128.LoadUnsafe(ref sr, (nuint)b0), Vector128.LoadUnsafe(ref masks, (nuint)(4 * i)));
                var r = Sse2.ShiftRightArithmetic(Sse2.MultiplyAddAdjacent(words.AsInt16(), Vector128.LoadUnsafe(ref pairs, (nuint)i).AsInt16()), 4);
                Unsafe.WriteUnaligned(ref Unsafe.As<short, byte>(ref Unsafe.Add(ref dr, i)), Sse2.PackSignedSaturate(r, r).AsUInt64().ToScalar());
            }
        }
        for (; i < n; i++) d[i] = (short)((s[t.Tap0[i]] * t.W0[i] + s[t.Tap1[i]] * t.W1[i]) >> 4);
    }

    /// <summary>
    /// The vertical step as OpenCV's vector code computes it:
    /// <c>((b0 s0) &gt;&gt; 16) + ((b1 s1) &gt;&gt; 16) + 2 &gt;&gt; 2</c> on the 16-bit rows, saturated to bytes.
    /// </summary>
    public static void VerticalLinear(short[] s0, short[] s1, int b0, int b1, Span<byte> d)
    {
        int n = d.Length, i = 0;
        ref short r0 = ref MemoryMarshal.GetArrayDataReference(s0);
        ref short r1 = ref MemoryMarshal.GetArrayDataReference(s1);
        ref byte dr = ref MemoryMarshal.GetReference(d);
        if (UseVectors && Avx512BW.IsSupported && Vector512.IsHardwareAccelerated && MaxVectorBits >= 512)
        {
            var wb0 = Vector512.Create((short)b0);
            var wb1 = Vector512.Create((short)b1);
            var wtwo = Vector512.Create((short)2);
            for (; i + 64 <= n; i += 64)
            {
                var lo = Vector512.ShiftRightArithmetic(Avx512BW.MultiplyHigh(Vector512.LoadUnsafe(ref r0, (nuint)i), wb0) + Avx512BW.MultiplyHigh(Vector512.LoadUnsafe(ref r1, (nuint)i), wb1) + wtwo, 2);
                var hi = Vector512.ShiftRightArithmetic(Avx512BW.MultiplyHigh(Vector512.LoadUnsafe(ref r0, (nuint)(i + 32)), wb0) + Avx512BW.MultiplyHigh(Vector512.LoadUnsafe(ref r1, (nuint)(i + 32)), wb1) + wtwo, 2);
                Avx512F.PermuteVar8x64(Avx512BW.PackUnsignedSaturate(lo, hi).AsInt64(), PackOrder).AsByte().StoreUnsafe(ref dr, (nuint)i);
            }
        }
        if (UseVectors && Avx2.IsSupported)
        {
            var vb0 = Vector256.Create((short)b0);
            var vb1 = Vector256.Create((short)b1);
            var two = Vector256.Create((short)2);
            for (; i + 32 <= n; i += 32)
            {
                var lo = Avx2.ShiftRightArithmetic(Avx2.Add(Avx2.Add(Avx2.MultiplyHigh(Vector256.LoadUnsafe(ref r0, (nuint)i), vb0), Avx2.MultiplyHigh(Vector256.LoadUnsafe(ref r1, (nuint)i), vb1)), two), 2);
                var hi = Avx2.ShiftRightArithmetic(Avx2.Add(Avx2.Add(Avx2.MultiplyHigh(Vector256.LoadUnsafe(ref r0, (nuint)(i + 16)), vb0), Avx2.MultiplyHigh(Vector256.LoadUnsafe(ref r1, (nuint)(i + 16)), vb1)), two), 2);
                Avx2.Permute4x64(Avx2.PackUnsignedSaturate(lo, hi).AsInt64(), 0xD8).AsByte().StoreUnsafe(ref dr, (nuint)i);
            }
        }
        if (UseVectors && Sse2.IsSupported)
        {
            var vb0 = Vector128.Create((short)b0);
            var vb1 = Vector128.Create((short)b1);
            var two = Vector128.Create((short)2);
            for (; i + 16 <= n; i += 16)
            {
                var lo = Sse2.ShiftRightArithmetic(Sse2.Add(Sse2.Add(Sse2.MultiplyHigh(Vector128.LoadUnsafe(ref r0, (nuint)i), vb0), Sse2.MultiplyHigh(Vector128.LoadUnsafe(ref r1, (nuint)i), vb1)), two), 2);
                var hi = Sse2.ShiftRightArithmetic(Sse2.Add(Sse2.Add(Sse2.MultiplyHigh(Vector128.LoadUnsafe(ref r0, (nuint)(i + 8)), vb0), Sse2.MultiplyHigh(Vector128.LoadUnsafe(ref r1, (nuint)(i + 8)), vb1)), two), 2);
                Sse2.PackUnsignedSaturate(lo, hi).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            int v = (((b0 * Unsafe.Add(ref r0, i)) >> 16) + ((b1 * Unsafe.Add(ref r1, i)) >> 16) + 2) >> 2;
            Unsafe.Add(ref dr, i) = (byte)Math.Clamp(v, 0, 255);
        }
    }

    private static readonly Vector256<byte>[] GatherMasks =
    [
        Vector256.Create((byte)0, 0x80, 1, 0x80, 4, 0x80, 5, 0x80, 8, 0x80, 9, 0x80, 12, 0x80, 13, 0x80, 0, 0x80, 1, 0x80, 4, 0x80, 5, 0x80, 8, 0x80, 9, 0x80, 12, 0x80, 13, 0x80),
        Vector256.Create((byte)0, 0x80, 2, 0x80, 4, 0x80, 6, 0x80, 8, 0x80, 10, 0x80, 12, 0x80, 14, 0x80, 0, 0x80, 2, 0x80, 4, 0x80, 6, 0x80, 8, 0x80, 10, 0x80, 12, 0x80, 14, 0x80),
        Vector256.Create((byte)0, 0x80, 3, 0x80, 4, 0x80, 7, 0x80, 8, 0x80, 11, 0x80, 12, 0x80, 15, 0x80, 0, 0x80, 3, 0x80, 4, 0x80, 7, 0x80, 8, 0x80, 11, 0x80, 12, 0x80, 15, 0x80),
    ];

    /// <summary>Eight (source 0, source 1) pairs as 16-bit words through 4-byte gathers.</summary>
    private static unsafe Vector256<int> Gather(int* ip, Vector256<int> idx, int channels)
    {
        var g = Avx2.GatherVector256(ip, idx, 1);
        if (channels == 4)
        {
            var low = Vector256.Create(0xFF);
            var g2 = Avx2.GatherVector256(ip, idx + Vector256.Create(4), 1);
            return (g & low) | Vector256.ShiftLeft(g2 & low, 16);
        }
        return Avx2.Shuffle(g.AsByte(), GatherMasks[channels - 1]).AsInt32();
    }

    private static readonly Vector128<byte> PairMask1 = Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    private static readonly Vector128<byte> PairMask3 = Vector128.Create((byte)0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11, 0x80, 0x80, 0x80, 0x80);
    private static readonly Vector128<byte> PairMask4 = Vector128.Create((byte)0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15);

    /// <summary>
    /// Halves one row pair of an 8-bit image with 1, 3 or 4 channels: <c>(a + b + c + d + 2) &gt;&gt; 2</c>
    /// per 2x2 block (what OpenCV's bilinear and area resizes give at exactly half size). A byte
    /// shuffle puts the two horizontal neighbours of each element side by side and a multiply-add
    /// with ones sums them. Returns the number of destination elements written (the caller does the rest).
    /// </summary>
    public static int HalfRow(ReadOnlySpan<byte> r0, ReadOnlySpan<byte> r1, Span<byte> d, int cn)
    {
        if (!UseVectors || !Ssse3.IsSupported || (cn != 1 && cn != 3 && cn != 4)) return 0;
        var mask128 = cn == 1 ? PairMask1 : cn == 3 ? PairMask3 : PairMask4;
        int k = cn == 3 ? 6 : 8; // destination elements per 16 source bytes
        int n = d.Length, sl = r0.Length, i = 0, si = 0;
        ref byte a = ref MemoryMarshal.GetReference(r0);
        ref byte b = ref MemoryMarshal.GetReference(r1);
        ref byte dr = ref MemoryMarshal.GetReference(d);
        if (Avx2.IsSupported)
        {
            var mask = Vector256.Create(mask128, mask128);
            var ones = Vector256.Create((sbyte)1);
            var two = Vector256.Create((short)2);
            // Per step: two windows of 2k source bytes, 2k destination bytes written as two 8-byte stores.
            for (; si + 2 * k + 16 <= sl && i + k + 8 <= n; i += 2 * k, si += 4 * k)
            {
                var top = Avx2.Shuffle(Vector256.Create(Vector128.LoadUnsafe(ref a, (nuint)si), Vector128.LoadUnsafe(ref a, (nuint)(si + 2 * k))), mask);
                var bottom = Avx2.Shuffle(Vector256.Create(Vector128.LoadUnsafe(ref b, (nuint)si), Vector128.LoadUnsafe(ref b, (nuint)(si + 2 * k))), mask);
                var sum = Avx2.Add(Avx2.MultiplyAddAdjacent(top, ones), Avx2.MultiplyAddAdjacent(bottom, ones));
                var r = Avx2.ShiftRightLogical(Avx2.Add(sum, two), 2);
                var bytes = Avx2.PackUnsignedSaturate(r, r).AsUInt64();
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dr, i), bytes.GetElement(0));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dr, i + k), bytes.GetElement(2));
            }
        }
        {
            var ones = Vector128.Create((sbyte)1);
            var two = Vector128.Create((short)2);
            for (; si + 16 <= sl && i + 8 <= n; i += k, si += 2 * k)
            {
                var top = Ssse3.Shuffle(Vector128.LoadUnsafe(ref a, (nuint)si), mask128);
                var bottom = Ssse3.Shuffle(Vector128.LoadUnsafe(ref b, (nuint)si), mask128);
                var sum = Sse2.Add(Ssse3.MultiplyAddAdjacent(top, ones), Ssse3.MultiplyAddAdjacent(bottom, ones));
                var r = Sse2.ShiftRightLogical(Sse2.Add(sum, two), 2);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dr, i), Sse2.PackUnsignedSaturate(r, r).AsUInt64().ToScalar());
            }
        }
        return i;
    }
}
