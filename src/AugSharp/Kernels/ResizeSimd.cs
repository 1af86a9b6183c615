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
            int blocks = n / 4;
            WindowBase = new int[blocks];
            WindowMask = new byte[blocks * 16];
            for (int b = 0; b < blocks; b++)
            {
                int start = Tap0[4 * b];
                for (int k = 0; k < 4; k++) start = Math.Min(start, Math.Min(Tap0[4 * b + k], Tap1[4 * b + k]));
                bool ok = start + 16 <= sourceRowLength;
                for (int k = 0; k < 4 && ok; k++)
                {
                    int e = 4 * b + k, o0 = Tap0[e] - start, o1 = Tap1[e] - start;
                    ok = o0 < 16 && o1 < 16;
                    WindowMask[16 * b + 4 * k] = (byte)o0;
                    WindowMask[16 * b + 4 * k + 1] = 0x80;
                    WindowMask[16 * b + 4 * k + 2] = (byte)o1;
                    WindowMask[16 * b + 4 * k + 3] = 0x80;
                }
                WindowBase[b] = ok ? start : -1;
            }
        }
    }

    public static unsafe void HorizontalLinear(ReadOnlySpan<byte> s, int[] d, LinearTaps t)
    {
        int n = d.Length, i = 0;
        ref byte sr = ref MemoryMarshal.GetReference(s);
        ref int pairs = ref MemoryMarshal.GetArrayDataReference(t.Pairs);
        ref int dr = ref MemoryMarshal.GetArrayDataReference(d);
        ref byte masks = ref MemoryMarshal.GetArrayDataReference(t.WindowMask);
        int[] bases = t.WindowBase;
        if (UseVectors && Avx2.IsSupported)
        {
            fixed (byte* sp = s)
            {
                int* ip = (int*)sp;
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
                    Avx2.MultiplyAddAdjacent(words.AsInt16(), Vector256.LoadUnsafe(ref pairs, (nuint)i).AsInt16()).StoreUnsafe(ref dr, (nuint)i);
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
                Sse2.MultiplyAddAdjacent(words.AsInt16(), Vector128.LoadUnsafe(ref pairs, (nuint)i).AsInt16()).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < n; i++) d[i] = s[t.Tap0[i]] * t.W0[i] + s[t.Tap1[i]] * t.W1[i];
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
}
