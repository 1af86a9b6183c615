using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugSharp.Kernels;

/// <summary>
/// Per-pixel color kernels on uint8 rows: the BT.601 gray value of RGB (cv2.cvtColor RGB2GRAY's
/// 15-bit fixed point) and the per-channel normalisation to float32. Each has Vector512
/// (AVX-512), Vector256 or Vector128 paths and a scalar fallback, all with the same result.
/// </summary>
public static class ColorKernels
{
    /// <summary>The red weight of the 15-bit BT.601 gray value (0.299·2^15).</summary>
    public const int GrayRed = 9798;

    /// <summary>The green weight of the 15-bit BT.601 gray value (0.587·2^15).</summary>
    public const int GrayGreen = 19235;

    /// <summary>The blue weight of the 15-bit BT.601 gray value (0.114·2^15).</summary>
    public const int GrayBlue = 3735;

    /// <summary>
    /// The gray value of each RGB pixel of a uint8 image, <c>(9798·R + 19235·G + 3735·B + 2^14) &gt;&gt; 15</c>
    /// (cv2.cvtColor RGB2GRAY, exact), written to the first <paramref name="grayChannels"/>
    /// channels of <paramref name="dst"/>; the alpha channel of a 4-channel source follows them.
    /// <paramref name="src"/> has 3 or 4 channels; <paramref name="dst"/> has the same size and
    /// <paramref name="grayChannels"/> channels, one more for a 4-channel source.
    /// </summary>
    public static void RgbToGray(ImageBuffer<byte> src, ImageBuffer<byte> dst, int grayChannels)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        if (src.Channels is not (3 or 4)) throw new ArgumentException("The source needs 3 (RGB) or 4 (RGBA) channels.", nameof(src));
        if (grayChannels < 1) throw new ArgumentOutOfRangeException(nameof(grayChannels), grayChannels, "At least one gray channel.");
        if (dst.Width != src.Width || dst.Height != src.Height || dst.Channels != grayChannels + (src.Channels == 4 ? 1 : 0))
            throw new ArgumentException("The destination needs the source's size and the gray channels (and alpha for RGBA).", nameof(dst));
        // A contiguous image is one long row: no row ends, where the vector loop would finish through a copied tail.
        if (src.IsContiguous && dst.IsContiguous) RgbToGrayRow(src.GetSpan(), src.Channels, dst.GetSpan(), grayChannels);
        else for (int y = 0; y < src.Height; y++) RgbToGrayRow(src.GetRow(y), src.Channels, dst.GetRow(y), grayChannels);
    }

    /// <summary>One row of <see cref="RgbToGray"/>: <paramref name="src"/> holds pixels of <paramref name="channels"/> (3 or 4) bytes.</summary>
    internal static void RgbToGrayRow(ReadOnlySpan<byte> src, int channels, Span<byte> dst, int grayChannels)
    {
        int w = src.Length / channels, outChannels = grayChannels + (channels == 4 ? 1 : 0), done = 0;
        if (channels == 3 && (grayChannels == 1 || grayChannels == 3) && w >= 16)
        {
            if (Avx512Vbmi.IsSupported && Vector512.IsHardwareAccelerated) done = GrayVbmi(src, dst, grayChannels, w);
            else if (Ssse3.IsSupported) done = GraySsse3(src, dst, grayChannels, w);
        }
        for (int p = done, i = done * channels, o = done * outChannels; p < w; p++, i += channels, o += outChannels)
        {
            byte v = (byte)((src[i] * GrayRed + src[i + 1] * GrayGreen + src[i + 2] * GrayBlue + (1 << 14)) >> 15);
            for (int c = 0; c < grayChannels; c++) dst[o + c] = v;
            if (channels == 4) dst[o + grayChannels] = src[i + 3];
        }
    }

    /// <summary>16 RGB pixels at a time: two byte permutations make (R, G) and (B, 1) pairs of 16-bit values, two multiply-adds the sums.</summary>
    private static int GrayVbmi(ReadOnlySpan<byte> src, Span<byte> dst, int grayChannels, int w)
    {
        ReadOnlySpan<byte> pairs =
        [
            0, 0, 1, 0, 3, 0, 4, 0, 6, 0, 7, 0, 9, 0, 10, 0, 12, 0, 13, 0, 15, 0, 16, 0, 18, 0, 19, 0, 21, 0, 22, 0,
            24, 0, 25, 0, 27, 0, 28, 0, 30, 0, 31, 0, 33, 0, 34, 0, 36, 0, 37, 0, 39, 0, 40, 0, 42, 0, 43, 0, 45, 0, 46, 0,
        ];
        ReadOnlySpan<byte> spread =
        [
            0, 0, 0, 4, 4, 4, 8, 8, 8, 12, 12, 12, 16, 16, 16, 20, 20, 20, 24, 24, 24, 28, 28, 28, 32, 32, 32, 36, 36, 36, 40, 40,
            40, 44, 44, 44, 48, 48, 48, 52, 52, 52, 56, 56, 56, 60, 60, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        var rg = Vector512.Create(pairs);
        var b1 = rg + Vector512.Create((byte)2);
        var spreadIndex = Vector512.Create(spread);
        var low = Vector512.Create(0x00FF00FF).AsByte();
        var blueMask = Vector512.Create(0x000000FF).AsByte();
        var one = Vector512.Create(0x00010000).AsByte();
        var wRg = Vector512.Create(GrayRed | (GrayGreen << 16)).AsInt16();
        var wB = Vector512.Create(GrayBlue | ((1 << 14) << 16)).AsInt16();
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        Span<byte> tail = stackalloc byte[64];
        for (int p = 0; p < w; p += 16)
        {
            int at = Math.Min(p, w - 16);
            Vector512<byte> v;
            if (3 * at + 64 <= src.Length) v = Vector512.LoadUnsafe(ref s, (nuint)(3 * at));
            else
            {
                src.Slice(3 * at, 48).CopyTo(tail);
                v = Vector512.Create<byte>(tail);
            }
            var a = (Avx512Vbmi.PermuteVar64x8(v, rg) & low).AsInt16();
            var b = ((Avx512Vbmi.PermuteVar64x8(v, b1) & blueMask) | one).AsInt16();
            var sum = Avx512BW.MultiplyAddAdjacent(a, wRg) + Avx512BW.MultiplyAddAdjacent(b, wB);
            var gray = Vector512.ShiftRightLogical(sum, 15);
            if (grayChannels == 1)
            {
                Avx512F.ConvertToVector128Byte(gray).StoreUnsafe(ref d, (nuint)at);
            }
            else
            {
                var triple = Avx512Vbmi.PermuteVar64x8(gray.AsByte(), spreadIndex);
                triple.GetLower().StoreUnsafe(ref d, (nuint)(3 * at));
                triple.GetUpper().GetLower().StoreUnsafe(ref d, (nuint)(3 * at + 32));
            }
        }
        return w;
    }

    /// <summary>16 RGB pixels at a time in four groups of four: byte shuffles make (R, G) and (B, 1) pairs, multiply-adds the sums.</summary>
    private static int GraySsse3(ReadOnlySpan<byte> src, Span<byte> dst, int grayChannels, int w)
    {
        var rg = Vector128.Create((byte)0, 0x80, 1, 0x80, 3, 0x80, 4, 0x80, 6, 0x80, 7, 0x80, 9, 0x80, 10, 0x80);
        var b1 = Vector128.Create((byte)2, 0x80, 0x80, 0x80, 5, 0x80, 0x80, 0x80, 8, 0x80, 0x80, 0x80, 11, 0x80, 0x80, 0x80);
        var one = Vector128.Create(0x00010000).AsByte();
        var wRg = Vector128.Create(GrayRed | (GrayGreen << 16)).AsInt16();
        var wB = Vector128.Create(GrayBlue | ((1 << 14) << 16)).AsInt16();
        var spread0 = Vector128.Create((byte)0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5);
        var spread1 = Vector128.Create((byte)5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10);
        var spread2 = Vector128.Create((byte)10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        Span<byte> tail = stackalloc byte[64];
        for (int p = 0; p < w; p += 16)
        {
            int at = Math.Min(p, w - 16);
            scoped ref byte block = ref Unsafe.Add(ref s, 3 * at);
            if (3 * at + 52 > src.Length)
            {
                src.Slice(3 * at, 48).CopyTo(tail);
                block = ref MemoryMarshal.GetReference(tail);
            }
            var g0 = Four(Vector128.LoadUnsafe(ref block, 0), rg, b1, one, wRg, wB);
            var g1 = Four(Vector128.LoadUnsafe(ref block, 12), rg, b1, one, wRg, wB);
            var g2 = Four(Vector128.LoadUnsafe(ref block, 24), rg, b1, one, wRg, wB);
            var g3 = Four(Vector128.LoadUnsafe(ref block, 36), rg, b1, one, wRg, wB);
            var gray = Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(g0, g1), Sse2.PackSignedSaturate(g2, g3));
            if (grayChannels == 1)
            {
                gray.StoreUnsafe(ref d, (nuint)at);
            }
            else
            {
                Ssse3.Shuffle(gray, spread0).StoreUnsafe(ref d, (nuint)(3 * at));
                Ssse3.Shuffle(gray, spread1).StoreUnsafe(ref d, (nuint)(3 * at + 16));
                Ssse3.Shuffle(gray, spread2).StoreUnsafe(ref d, (nuint)(3 * at + 32));
            }
        }
        return w;

        static Vector128<int> Four(Vector128<byte> v, Vector128<byte> rg, Vector128<byte> b1, Vector128<byte> one, Vector128<short> wRg, Vector128<short> wB)
        {
            var a = Ssse3.Shuffle(v, rg).AsInt16();
            var b = (Ssse3.Shuffle(v, b1) | one).AsInt16();
            return Vector128.ShiftRightLogical(Sse2.MultiplyAddAdjacent(a, wRg) + Sse2.MultiplyAddAdjacent(b, wB), 15);
        }
    }

    /// <summary>
    /// <c>dst[i] = (float)((src[i] - offset[c])·scale[c])</c> in double precision, with c the
    /// channel of element i (<c>i mod offset.Length</c>): the per-channel normalisation of an
    /// interleaved uint8 row. The vector paths widen to double and round once to float, as the
    /// scalar formula does, so every path gives the same bits.
    /// </summary>
    public static void NormalizeRow(ReadOnlySpan<byte> src, Span<float> dst, ReadOnlySpan<double> offset, ReadOnlySpan<double> scale)
    {
        int cn = offset.Length, n = src.Length, i = 0;
        if (cn < 1 || scale.Length != cn) throw new ArgumentException("One offset and one scale per channel.", nameof(scale));
        if (dst.Length < n) throw new ArgumentException("The destination is shorter than the source.", nameof(dst));
        if (n % cn != 0) throw new ArgumentException("The row holds whole pixels.", nameof(src));
        int chunk = 16 * cn;
        if (n >= chunk && (Vector128.IsHardwareAccelerated || Vector256.IsHardwareAccelerated))
        {
            // The channel pattern repeats every 16 pixels' worth of elements: one chunk is 16·cn
            // elements, a whole number of 16-element blocks.
            Span<double> offsets = chunk <= 256 ? stackalloc double[chunk] : new double[chunk];
            Span<double> scales = chunk <= 256 ? stackalloc double[chunk] : new double[chunk];
            for (int e = 0; e < chunk; e++)
            {
                offsets[e] = offset[e % cn];
                scales[e] = scale[e % cn];
            }
            ref byte s = ref MemoryMarshal.GetReference(src);
            ref float d = ref MemoryMarshal.GetReference(dst);
            ref double o = ref MemoryMarshal.GetReference(offsets);
            ref double k = ref MemoryMarshal.GetReference(scales);
            for (; i <= n - chunk; i += chunk)
                for (int e = 0; e < chunk; e += 16)
                    Normalize16(ref Unsafe.Add(ref s, i + e), ref Unsafe.Add(ref d, i + e), ref Unsafe.Add(ref o, e), ref Unsafe.Add(ref k, e));
        }
        for (int c = 0; i < n; i++)
        {
            dst[i] = (float)((src[i] - offset[c]) * scale[c]);
            if (++c == cn) c = 0;
        }
    }

    /// <summary>Sixteen elements of <see cref="NormalizeRow"/> with the widest vectors available.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Normalize16(ref byte s, ref float d, ref double o, ref double k)
    {
        if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            var f = Vector512.ConvertToSingle(Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref s)));
            var (lo, hi) = Vector512.Widen(f);
            var r = Vector512.Narrow((lo - Vector512.LoadUnsafe(ref o)) * Vector512.LoadUnsafe(ref k), (hi - Vector512.LoadUnsafe(ref o, 8)) * Vector512.LoadUnsafe(ref k, 8));
            r.StoreUnsafe(ref d);
        }
        else if (Avx2.IsSupported)
        {
            var bytes = Vector128.LoadUnsafe(ref s);
            for (int h = 0; h < 16; h += 8)
            {
                var f = Vector256.ConvertToSingle(Avx2.ConvertToVector256Int32(h == 0 ? bytes : Sse2.ShiftRightLogical128BitLane(bytes, 8)));
                var (lo, hi) = Vector256.Widen(f);
                var r = Vector256.Narrow((lo - Vector256.LoadUnsafe(ref o, (nuint)h)) * Vector256.LoadUnsafe(ref k, (nuint)h), (hi - Vector256.LoadUnsafe(ref o, (nuint)(h + 4))) * Vector256.LoadUnsafe(ref k, (nuint)(h + 4)));
                r.StoreUnsafe(ref d, (nuint)h);
            }
        }
        else
        {
            var (w0, w1) = Vector128.Widen(Vector128.LoadUnsafe(ref s));
            var (q0, q1) = Vector128.Widen(w0);
            var (q2, q3) = Vector128.Widen(w1);
            Four(q0, ref d, ref o, ref k, 0);
            Four(q1, ref d, ref o, ref k, 4);
            Four(q2, ref d, ref o, ref k, 8);
            Four(q3, ref d, ref o, ref k, 12);
        }

        static void Four(Vector128<uint> q, ref float d, ref double o, ref double k, int at)
        {
            var (lo, hi) = Vector128.Widen(Vector128.ConvertToSingle(q.AsInt32()));
            var r = Vector128.Narrow((lo - Vector128.LoadUnsafe(ref o, (nuint)at)) * Vector128.LoadUnsafe(ref k, (nuint)at), (hi - Vector128.LoadUnsafe(ref o, (nuint)(at + 2))) * Vector128.LoadUnsafe(ref k, (nuint)(at + 2)));
            r.StoreUnsafe(ref d, (nuint)at);
        }
    }
}
