using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugSharp.Kernels;

/// <summary>
/// Mirror images, transposes and quarter turns: <c>cv2.flip</c>, <c>cv2.transpose</c> and
/// <c>np.rot90</c>. Exact for every element type; the source and destination must not overlap.
/// </summary>
public static class Flip
{
    /// <summary>Mirrors left to right (cv2.flip(x, 1)). <paramref name="dst"/> has the shape of <paramref name="src"/>.</summary>
    /// <param name="src">Source image (may be a strided view).</param>
    /// <param name="dst">Destination of the same shape; every element is written.</param>
    public static void Horizontal<T>(ImageBuffer<T> src, ImageBuffer<T> dst) where T : unmanaged
    {
        CheckSameShape(src, dst);
        for (int y = 0; y < src.Height; y++) FlipRow<T>(src.GetRow(y), dst.GetRow(y), src.Channels);
    }

    /// <summary>Mirrors top to bottom (cv2.flip(x, 0)): row copies.</summary>
    /// <param name="src">Source image (may be a strided view).</param>
    /// <param name="dst">Destination of the same shape; every element is written.</param>
    public static void Vertical<T>(ImageBuffer<T> src, ImageBuffer<T> dst) where T : unmanaged
    {
        CheckSameShape(src, dst);
        int h = src.Height;
        for (int y = 0; y < h; y++) src.GetRow(h - 1 - y).CopyTo(dst.GetRow(y));
    }

    /// <summary>Swaps rows and columns (cv2.transpose): <paramref name="dst"/> is <c>Height x Width</c> of <paramref name="src"/>.</summary>
    /// <param name="src">Source image (may be a strided view).</param>
    /// <param name="dst">Destination with the width and height swapped; every element is written.</param>
    public static void Transpose<T>(ImageBuffer<T> src, ImageBuffer<T> dst) where T : unmanaged
    {
        CheckSwappedShape(src, dst);
        TransposeCore(src, dst, false, false);
    }

    /// <summary>
    /// Turns the image by <paramref name="quarterTurns"/> quarter turns counter-clockwise, as
    /// <c>np.rot90(x, k)</c> (k modulo 4; negative turns clockwise). For odd turns
    /// <paramref name="dst"/> has the width and height swapped.
    /// </summary>
    /// <param name="src">Source image (may be a strided view).</param>
    /// <param name="dst">Destination; every element is written.</param>
    /// <param name="quarterTurns">Counter-clockwise quarter turns.</param>
    public static void Rotate90<T>(ImageBuffer<T> src, ImageBuffer<T> dst, int quarterTurns) where T : unmanaged
    {
        int k = ((quarterTurns % 4) + 4) % 4;
        switch (k)
        {
            case 0:
                CheckSameShape(src, dst);
                src.CopyTo(dst);
                break;
            case 2:
                CheckSameShape(src, dst);
                for (int y = 0; y < src.Height; y++) FlipRow<T>(src.GetRow(src.Height - 1 - y), dst.GetRow(y), src.Channels);
                break;
            case 1:
                // dst[i][j] = src[j][W-1-i]
                CheckSwappedShape(src, dst);
                TransposeCore(src, dst, reverseDstRows: true, reverseDstCols: false);
                break;
            default:
                // dst[i][j] = src[H-1-j][i]
                CheckSwappedShape(src, dst);
                TransposeCore(src, dst, reverseDstRows: false, reverseDstCols: true);
                break;
        }
    }

    private static void CheckSameShape<T>(ImageBuffer<T> src, ImageBuffer<T> dst) where T : unmanaged
    {
        KernelCommon.CheckPair(src, dst);
        KernelCommon.CheckNotSame(src, dst);
        if (src.Width != dst.Width || src.Height != dst.Height)
            throw new ArgumentException($"The destination is {dst.Width}x{dst.Height}, the source {src.Width}x{src.Height}.", nameof(dst));
    }

    private static void CheckSwappedShape<T>(ImageBuffer<T> src, ImageBuffer<T> dst) where T : unmanaged
    {
        KernelCommon.CheckPair(src, dst);
        KernelCommon.CheckNotSame(src, dst);
        if (src.Width != dst.Height || src.Height != dst.Width)
            throw new ArgumentException($"The destination is {dst.Width}x{dst.Height}; it must be {src.Height}x{src.Width}.", nameof(dst));
    }

    /// <summary>dst row i = src column (reverseDstRows ? W-1-i : i); dst column j = src row (reverseDstCols ? H-1-j : j).</summary>
    private static void TransposeCore<T>(ImageBuffer<T> src, ImageBuffer<T> dst, bool reverseDstRows, bool reverseDstCols) where T : unmanaged
    {
        int cn = src.Channels, sw = src.Width, sh = src.Height, sstride = src.Stride, dstride = dst.Stride;
        ref T s0 = ref KernelCommon.Origin(src);
        ref T d0 = ref KernelCommon.Origin(dst);
        const int Block = 32;
        for (int ib = 0; ib < sw; ib += Block)
        {
            int iEnd = Math.Min(ib + Block, sw);
            for (int jb = 0; jb < sh; jb += Block)
            {
                int jEnd = Math.Min(jb + Block, sh);
                for (int i = ib; i < iEnd; i++)
                {
                    int scol = (reverseDstRows ? sw - 1 - i : i) * cn;
                    ref T drow = ref Unsafe.Add(ref d0, i * dstride);
                    for (int j = jb; j < jEnd; j++)
                    {
                        int srow = reverseDstCols ? sh - 1 - j : j;
                        ref T sp = ref Unsafe.Add(ref s0, srow * sstride + scol);
                        ref T dp = ref Unsafe.Add(ref drow, j * cn);
                        if (cn == 1) dp = sp;
                        else for (int c = 0; c < cn; c++) Unsafe.Add(ref dp, c) = Unsafe.Add(ref sp, c);
                    }
                }
            }
        }
    }

    /// <summary>Writes the pixels of <paramref name="s"/> in reverse order into <paramref name="d"/>.</summary>
    internal static void FlipRow<T>(ReadOnlySpan<T> s, Span<T> d, int cn) where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            var sb = MemoryMarshal.Cast<T, byte>(s);
            var db = MemoryMarshal.Cast<T, byte>(d);
            if (cn == 1) { FlipBytes1(sb, db); return; }
            if (cn == 3) { FlipBytes3(sb, db); return; }
            if (cn == 4) { FlipInts(MemoryMarshal.Cast<byte, uint>(sb), MemoryMarshal.Cast<byte, uint>(db)); return; }
        }
        int pixelBytes = Unsafe.SizeOf<T>() * cn;
        var bs = MemoryMarshal.AsBytes(s);
        var bd = MemoryMarshal.AsBytes(d);
        switch (pixelBytes)
        {
            case 2:
                bs.CopyTo(bd);
                MemoryMarshal.Cast<byte, ushort>(bd).Reverse();
                return;
            case 4:
                FlipInts(MemoryMarshal.Cast<byte, uint>(bs), MemoryMarshal.Cast<byte, uint>(bd));
                return;
            case 8:
                bs.CopyTo(bd);
                MemoryMarshal.Cast<byte, ulong>(bd).Reverse();
                return;
        }
        int w = s.Length / cn;
        ref T sr = ref MemoryMarshal.GetReference(s);
        ref T dr = ref MemoryMarshal.GetReference(d);
        if (cn == 3)
        {
            for (int x = 0, so = (w - 1) * 3; x < w; x++, so -= 3)
            {
                ref T dp = ref Unsafe.Add(ref dr, 3 * x);
                dp = Unsafe.Add(ref sr, so);
                Unsafe.Add(ref dp, 1) = Unsafe.Add(ref sr, so + 1);
                Unsafe.Add(ref dp, 2) = Unsafe.Add(ref sr, so + 2);
            }
            return;
        }
        for (int x = 0, so = (w - 1) * cn; x < w; x++, so -= cn)
        {
            ref T dp = ref Unsafe.Add(ref dr, cn * x);
            for (int c = 0; c < cn; c++) Unsafe.Add(ref dp, c) = Unsafe.Add(ref sr, so + c);
        }
    }

    internal static void FlipBytes1(ReadOnlySpan<byte> s, Span<byte> d)
    {
        int n = s.Length, i = 0;
        ref byte sr = ref MemoryMarshal.GetReference(s);
        ref byte dr = ref MemoryMarshal.GetReference(d);
        if (Vector512.IsHardwareAccelerated && Avx512Vbmi.IsSupported && n >= 64)
        {
            var idx = Vector512.Create((byte)63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32,
                31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
            for (; i + 64 <= n; i += 64)
            {
                var v = Vector512.LoadUnsafe(ref sr, (nuint)(n - i - 64));
                Avx512Vbmi.PermuteVar64x8(v, idx).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        if (Avx2.IsSupported && n - i >= 32)
        {
            var idx = Vector256.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
            for (; i + 32 <= n; i += 32)
            {
                var v = Avx2.Shuffle(Vector256.LoadUnsafe(ref sr, (nuint)(n - i - 32)), idx);
                Avx2.Permute4x64(v.AsUInt64(), 0x4E).AsByte().StoreUnsafe(ref dr, (nuint)i);
            }
        }
        if (Vector128.IsHardwareAccelerated && n - i >= 16)
        {
            var idx = Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
            for (; i + 16 <= n; i += 16)
                Vector128.Shuffle(Vector128.LoadUnsafe(ref sr, (nuint)(n - i - 16)), idx).StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) = Unsafe.Add(ref sr, n - 1 - i);
    }

    internal static void FlipInts(ReadOnlySpan<uint> s, Span<uint> d)
    {
        int n = s.Length, i = 0;
        ref uint sr = ref MemoryMarshal.GetReference(s);
        ref uint dr = ref MemoryMarshal.GetReference(d);
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported && n >= 16)
        {
            var idx = Vector512.Create(15u, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
            for (; i + 16 <= n; i += 16)
                Avx512F.PermuteVar16x32(Vector512.LoadUnsafe(ref sr, (nuint)(n - i - 16)), idx).StoreUnsafe(ref dr, (nuint)i);
        }
        if (Avx2.IsSupported && n - i >= 8)
        {
            var idx = Vector256.Create(7u, 6, 5, 4, 3, 2, 1, 0);
            for (; i + 8 <= n; i += 8)
                Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref sr, (nuint)(n - i - 8)), idx).StoreUnsafe(ref dr, (nuint)i);
        }
        if (Vector128.IsHardwareAccelerated && n - i >= 4)
        {
            var idx = Vector128.Create(3u, 2, 1, 0);
            for (; i + 4 <= n; i += 4)
                Vector128.Shuffle(Vector128.LoadUnsafe(ref sr, (nuint)(n - i - 4)), idx).StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) = Unsafe.Add(ref sr, n - 1 - i);
    }

    /// <summary>Reversal of 3-byte pixels: blocks of P pixels through one byte permutation, the spare bytes rewritten by the next block.</summary>
    internal static void FlipBytes3(ReadOnlySpan<byte> s, Span<byte> d)
    {
        int w = s.Length / 3, i = 0;
        ref byte sr = ref MemoryMarshal.GetReference(s);
        ref byte dr = ref MemoryMarshal.GetReference(d);
        if (Vector512.IsHardwareAccelerated && Avx512Vbmi.IsSupported && w >= 22)
        {
            // 21 pixels (63 bytes) per block, one leading spare byte in the load.
            var idx = Rgb3Index512;
            for (; i + 22 <= w; i += 21)
            {
                var v = Vector512.LoadUnsafe(ref sr, (nuint)((w - 21 - i) * 3 - 1));
                Avx512Vbmi.PermuteVar64x8(v, idx).StoreUnsafe(ref dr, (nuint)(i * 3));
            }
        }
        if (Vector128.IsHardwareAccelerated && w - i >= 6)
        {
            // 5 pixels (15 bytes) per block.
            var idx = Rgb3Index128;
            for (; i + 6 <= w; i += 5)
            {
                var v = Vector128.LoadUnsafe(ref sr, (nuint)((w - 5 - i) * 3 - 1));
                var r = Ssse3.IsSupported ? Ssse3.Shuffle(v, idx) : Vector128.Shuffle(v, idx);
                r.StoreUnsafe(ref dr, (nuint)(i * 3));
            }
        }
        for (; i < w; i++)
        {
            int so = (w - 1 - i) * 3, o = i * 3;
            Unsafe.Add(ref dr, o) = Unsafe.Add(ref sr, so);
            Unsafe.Add(ref dr, o + 1) = Unsafe.Add(ref sr, so + 1);
            Unsafe.Add(ref dr, o + 2) = Unsafe.Add(ref sr, so + 2);
        }
    }

    private static readonly Vector128<byte> Rgb3Index128 = Vector128.Create(Rgb3Index(16, 5));
    private static readonly Vector512<byte> Rgb3Index512 = Vector512.Create(Rgb3Index(64, 21));

    private static byte[] Rgb3Index(int length, int pixels)
    {
        int pad = length - 3 * pixels;
        var idx = new byte[length];
        for (int k = 0; k < 3 * pixels; k++) idx[k] = (byte)(pad + (pixels - 1 - k / 3) * 3 + k % 3);
        return idx;
    }
}
