using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugSharp.Kernels;

/// <summary>
/// Vectorised rows of the 8-bit bilinear affine warp: sixteen destination pixels at a time with
/// AVX-512 (3 and 4 channels, neighbours inside the source), eight with AVX2, four with SSSE3 and SSE4.1,
/// fixed-point coordinates as OpenCV computes them, the neighbours fetched with scalar 4- or 8-byte
/// loads (faster than hardware gathers), spread into 16-bit pairs by byte shuffles and blended by
/// multiply-adds with the same weights as the scalar rows (bit-exact with them). In the AVX2 rows, blocks
/// with neighbours outside the source are blended alike from neighbour pairs assembled per border mode
/// (blocks entirely outside a constant border are filled directly); the SSE rows leave such blocks to the
/// scalar row code. Perspective and remap coordinates are also computed here, eight or four at a time.
/// </summary>
internal static class WarpSimd
{
    /// <summary>Lets tests compare the vector rows with the scalar ones.</summary>
    internal static bool UseVectors = true;

    /// <summary>Warps one destination row; false when no vector path applies (the caller runs the scalar row).</summary>
    public static unsafe bool TryAffineLinearRow<T>(WarpRows<T> rows, Span<byte> dst, int x0, int y0, int[] adelta, int[] bdelta, int[] xs, int[] ys, int[] alpha, int[] offsets) where T : unmanaged
    {
        int cn = rows.Channels;
        int width = xs.Length;
        bool avx2 = Avx2.IsSupported;
        if (!UseVectors || !(avx2 || (Ssse3.IsSupported && Sse41.IsSupported)) || cn > 4 || width < 16 || typeof(T) != typeof(byte)) return false;
        if (rows.Width < 2 || rows.Height < 2) return false;

        // Coordinates: X = (X0 + adelta) >> (AB_BITS - INTER_BITS), integer part and 1/32 fraction.
        {
            var vx0 = Vector256.Create(x0);
            var vy0 = Vector256.Create(y0);
            var lo = Vector256.Create((int)short.MinValue);
            var hi = Vector256.Create((int)short.MaxValue);
            var mask = Vector256.Create(Warp.TabSize - 1);
            int x = 0;
            if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported && MaxVectorBits >= 512)
            {
                var wx0 = Vector512.Create(x0);
                var wy0 = Vector512.Create(y0);
                var wlo = Vector512.Create((int)short.MinValue);
                var whi = Vector512.Create((int)short.MaxValue);
                var wmask = Vector512.Create(Warp.TabSize - 1);
                var wstride = Vector512.Create(rows.Stride);
                var wcn = Vector512.Create(cn);
                for (; x + 16 <= width; x += 16)
                {
                    var fx = Vector512.ShiftRightArithmetic(wx0 + Vector512.Create(adelta, x), Warp.AbBits - Warp.InterBits);
                    var fy = Vector512.ShiftRightArithmetic(wy0 + Vector512.Create(bdelta, x), Warp.AbBits - Warp.InterBits);
                    var sx = Vector512.Min(Vector512.Max(Vector512.ShiftRightArithmetic(fx, Warp.InterBits), wlo), whi);
                    var sy = Vector512.Min(Vector512.Max(Vector512.ShiftRightArithmetic(fy, Warp.InterBits), wlo), whi);
                    sx.CopyTo(xs, x);
                    sy.CopyTo(ys, x);
                    (sy * wstride + sx * wcn).CopyTo(offsets, x);
                    (Vector512.ShiftLeft(fy & wmask, Warp.InterBits) | (fx & wmask)).CopyTo(alpha, x);
                }
            }
            var vstride = Vector256.Create(rows.Stride);
            var vcn = Vector256.Create(cn);
            for (; avx2 && x + 8 <= width; x += 8)
            {
                var fx = Vector256.ShiftRightArithmetic(vx0 + Vector256.Create(adelta, x), Warp.AbBits - Warp.InterBits);
                var fy = Vector256.ShiftRightArithmetic(vy0 + Vector256.Create(bdelta, x), Warp.AbBits - Warp.InterBits);
                var sx = Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(fx, Warp.InterBits), lo), hi);
                var sy = Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(fy, Warp.InterBits), lo), hi);
                sx.CopyTo(xs, x);
                sy.CopyTo(ys, x);
                (sy * vstride + sx * vcn).CopyTo(offsets, x);
                (Vector256.ShiftLeft(fy & mask, Warp.InterBits) | (fx & mask)).CopyTo(alpha, x);
            }
            for (; x < width; x++)
            {
                int fx = unchecked(x0 + adelta[x]) >> (Warp.AbBits - Warp.InterBits);
                int fy = unchecked(y0 + bdelta[x]) >> (Warp.AbBits - Warp.InterBits);
                xs[x] = Warp.SaturateShort(fx >> Warp.InterBits);
                ys[x] = Warp.SaturateShort(fy >> Warp.InterBits);
                offsets[x] = unchecked(ys[x] * rows.Stride + xs[x] * cn);
                alpha[x] = ((fy & (Warp.TabSize - 1)) << Warp.InterBits) | (fx & (Warp.TabSize - 1));
            }
        }

        if (!avx2) RowSse(rows, dst, xs, ys, alpha);
        else RowAvx2(rows, dst, xs, ys, alpha, offsets);
        return true;
    }

    /// <summary>
    /// cv2.remap's fixed-point coordinates of a CV_32FC2 map row: integer part and 1/32 fraction of
    /// round(32 * x) and round(32 * y), eight pixels at a time with AVX2. Blocks holding a coordinate
    /// beyond ±2^25 pixels or NaN stop the vector loop; returns the first pixel left to the caller.
    /// </summary>
    public static int RemapCoordinates(ReadOnlySpan<float> map, int[] xs, int[] ys, int[] alpha)
    {
        int width = xs.Length, x = 0;
        if (!UseVectors || !Avx2.IsSupported) return 0;
        var scale = Vector256.Create((float)Warp.TabSize);
        var limit = Vector256.Create((float)(1 << 30));
        var lo = Vector256.Create((int)short.MinValue);
        var hi = Vector256.Create((int)short.MaxValue);
        var mask = Vector256.Create(Warp.TabSize - 1);
        ref float m0 = ref MemoryMarshal.GetReference(map);
        for (; x + 8 <= width; x += 8)
        {
            var a = Vector256.LoadUnsafe(ref m0, (nuint)(2 * x));
            var b = Vector256.LoadUnsafe(ref m0, (nuint)(2 * x + 8));
            // (x0 x1 x4 x5 | x2 x3 x6 x7), then the 64-bit quarters in order.
            var vx = Avx2.Permute4x64(Avx.Shuffle(a, b, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle();
            var vy = Avx2.Permute4x64(Avx.Shuffle(a, b, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle();
            var rx = Vector256.Round(vx * scale);
            var ry = Vector256.Round(vy * scale);
            var inRange = Vector256.LessThanOrEqual(Vector256.Abs(rx), limit)
                        & Vector256.LessThanOrEqual(Vector256.Abs(ry), limit);
            if (!Vector256.EqualsAll(inRange.AsInt32(), Vector256<int>.AllBitsSet)) break;
            var ix = Avx.ConvertToVector256Int32WithTruncation(rx);
            var iy = Avx.ConvertToVector256Int32WithTruncation(ry);
            Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(ix, Warp.InterBits), lo), hi).CopyTo(xs, x);
            Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(iy, Warp.InterBits), lo), hi).CopyTo(ys, x);
            (Vector256.ShiftLeft(iy & mask, Warp.InterBits) | (ix & mask)).CopyTo(alpha, x);
        }
        return x;
    }

    /// <summary>
    /// cv2.warpPerspective's fixed-point coordinates of one destination row, four pixels at a time
    /// with AVX2 in the scalar code's double arithmetic: W = bw + m31·x, X = round((bx + m11·x)·32/W),
    /// likewise Y. Blocks with W = 0 or a coordinate beyond ±2^25 pixels (or NaN) stop the vector
    /// loop; returns the first pixel left to the caller.
    /// </summary>
    public static int PerspectiveCoordinates(double m11, double m21, double m31, double bx, double by, double bw, int[] xs, int[] ys, int[] alpha)
    {
        int width = xs.Length, x = 0;
        if (!UseVectors || !Avx2.IsSupported) return 0;
        if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated && MaxVectorBits >= 512)
        {
            // Eight at a time: the same operations.
            var wm11 = Vector512.Create(m11);
            var wm21 = Vector512.Create(m21);
            var wm31 = Vector512.Create(m31);
            var wbx = Vector512.Create(bx);
            var wby = Vector512.Create(by);
            var wbw = Vector512.Create(bw);
            var wtab = Vector512.Create((double)Warp.TabSize);
            var wlimit = Vector512.Create((double)(1 << 30));
            var wstep = Vector512.Create(8.0);
            var wlo = Vector256.Create((int)short.MinValue);
            var whi = Vector256.Create((int)short.MaxValue);
            var wmask = Vector256.Create(Warp.TabSize - 1);
            var wx = Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);
            for (; x + 8 <= width; x += 8, wx += wstep)
            {
                var w = wbw + wm31 * wx;
                if (Vector512.EqualsAny(w, Vector512<double>.Zero)) return x;
                w = wtab / w;
                var fx = Vector512.Round((wbx + wm11 * wx) * w);
                var fy = Vector512.Round((wby + wm21 * wx) * w);
                if (!Vector512.LessThanOrEqualAll(Vector512.Abs(fx), wlimit) || !Vector512.LessThanOrEqualAll(Vector512.Abs(fy), wlimit)) return x;
                var ix = Avx512F.ConvertToVector256Int32WithTruncation(fx);
                var iy = Avx512F.ConvertToVector256Int32WithTruncation(fy);
                Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(ix, Warp.InterBits), wlo), whi).CopyTo(xs, x);
                Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(iy, Warp.InterBits), wlo), whi).CopyTo(ys, x);
                (Vector256.ShiftLeft(iy & wmask, Warp.InterBits) | (ix & wmask)).CopyTo(alpha, x);
            }
        }
        var vm11 = Vector256.Create(m11);
        var vm21 = Vector256.Create(m21);
        var vm31 = Vector256.Create(m31);
        var vbx = Vector256.Create(bx);
        var vby = Vector256.Create(by);
        var vbw = Vector256.Create(bw);
        var tab = Vector256.Create((double)Warp.TabSize);
        var limit = Vector256.Create((double)(1 << 30));
        var step = Vector256.Create(4.0);
        var lo = Vector128.Create((int)short.MinValue);
        var hi = Vector128.Create((int)short.MaxValue);
        var mask = Vector128.Create(Warp.TabSize - 1);
        var vx = Vector256.Create(0.0, 1, 2, 3) + Vector256.Create((double)x);
        for (; x + 4 <= width; x += 4, vx += step)
        {
            var w = vbw + vm31 * vx;
            if (Vector256.EqualsAny(w, Vector256<double>.Zero)) break;
            w = tab / w;
            var fx = Vector256.Round((vbx + vm11 * vx) * w);
            var fy = Vector256.Round((vby + vm21 * vx) * w);
            if (!Vector256.LessThanOrEqualAll(Vector256.Abs(fx), limit) || !Vector256.LessThanOrEqualAll(Vector256.Abs(fy), limit)) break;
            var ix = Avx.ConvertToVector128Int32WithTruncation(fx);
            var iy = Avx.ConvertToVector128Int32WithTruncation(fy);
            Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(ix, Warp.InterBits), lo), hi).CopyTo(xs, x);
            Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(iy, Warp.InterBits), lo), hi).CopyTo(ys, x);
            (Vector128.ShiftLeft(iy & mask, Warp.InterBits) | (ix & mask)).CopyTo(alpha, x);
        }
        return x;
    }

    /// <summary>
    /// Blends one 8-bit destination row from precomputed source coordinates and 1/32 fractions
    /// (perspective warps and remaps); false when no vector path applies.
    /// </summary>
    public static bool TryLinearRow<T>(WarpRows<T> rows, Span<T> dst, int[] xs, int[] ys, int[] alpha) where T : unmanaged
    {
        if (typeof(T) != typeof(byte) || !UseVectors || rows.Channels > 4 || xs.Length < 16 || rows.Width < 2 || rows.Height < 2) return false;
        var bytes = MemoryMarshal.Cast<T, byte>(dst);
        if (Avx2.IsSupported) RowAvx2(rows, bytes, xs, ys, alpha);
        else if (Ssse3.IsSupported && Sse41.IsSupported) RowSse(rows, bytes, xs, ys, alpha);
        else return false;
        return true;
    }

    /// <summary>
    /// The AVX2 (and AVX-512) row; <paramref name="sourceOffsets"/>, when given, holds each pixel's
    /// ys * stride + xs * channels, computed with the coordinates (the 16-pixel block then reads its
    /// neighbours' places from there instead of computing and storing them on its critical path).
    /// </summary>
    private static unsafe void RowAvx2<T>(WarpRows<T> rows, Span<byte> dst, int[] xs, int[] ys, int[] alpha, int[]? sourceOffsets = null) where T : unmanaged
    {
        int cn = rows.Channels, width = xs.Length;
        int sw = rows.Width, sh = rows.Height, stride = rows.Stride;
        var dstT = MemoryMarshal.Cast<byte, T>(dst);
        // Elements from the origin to the end of the last row: 4-byte gathers must stay below it.
        int limit = (sh - 1) * stride + sw * cn;
        var vw = Vector256.Create((uint)(sw - 1));
        var vh = Vector256.Create((uint)(sh - 1));
        var vstride = Vector256.Create(stride);
        var vcn = Vector256.Create(cn);
        // The last offset whose 8-byte loads in its row and the next stay inside the source (both block widths use it).
        int loadBound = limit - stride - Math.Max(cn + 4, 8);
        var vlimit = Vector256.Create(loadBound);
        var v31 = Vector256.Create(31);
        var v32 = Vector256.Create(32);
        var round = Vector256.Create(512);
        var rgbShuffle = Vector256.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
        // A 3-channel block writes 4 spare bytes past its 24 where two more pixels follow it, and exactly its 24 before the end.
        int end = cn == 3 ? width - 2 : width;
        ref byte d0 = ref MemoryMarshal.GetReference(dst);
        int* offsets = stackalloc int[8];
        // Neighbour pairs of the upper and lower rows, then room for 32 offsets.
        ulong* pairs = stackalloc ulong[32];
        int* pairOffsets = stackalloc int[8];
        for (int k = 0; k < 8; k++) pairOffsets[k] = 8 * k;
        uint cvalBits = 0;
        var cval = MemoryMarshal.Cast<T, byte>(rows.BorderValue.AsSpan());
        for (int c = cn - 1; c >= 0; c--) cvalBits = (cvalBits << 8) | cval[c];
        bool constant = rows.Border == BorderMode.Constant;
        Span<byte> fill = stackalloc byte[8 * cn];
        for (int k = 0; k < fill.Length; k++) fill[k] = cval[k % cn];
        var one = Vector256.Create(1);
        var vwAll = Vector256.Create((uint)sw);
        var vhAll = Vector256.Create((uint)sh);
        fixed (int* precomputed = sourceOffsets)
        fixed (byte* s = &Unsafe.As<T, byte>(ref KernelCommon.Origin(rows.Source)))
        {
            int* sp = (int*)s;
            int i = 0;
            bool wide = (cn is 3 or 4) && Avx512BW.IsSupported && Vector512.IsHardwareAccelerated && MaxVectorBits >= 512;
            int* offsets16 = stackalloc int[16];
            for (; i < width && width >= 8; i += 8)
            {
                // The last block ends at the row's end, overlapping the one before (same pixels, same values).
                if (i + 8 > width) i = width - 8;
                if (wide && i + 16 <= width && Inside16Blend(s, stride, sw, sh, cn, loadBound, xs, ys, alpha, precomputed, i, offsets16, ref Unsafe.Add(ref d0, i * cn)))
                {
                    // Sixteen pixels done; the loop's step adds the other eight.
                    i += 8;
                    continue;
                }
                var vsx = Vector256.Create(xs, i);
                var vsy = Vector256.Create(ys, i);
                var off = vsy * vstride + vsx * vcn;
                var inside = Vector256.LessThan(vsx.AsUInt32(), vw) & Vector256.LessThan(vsy.AsUInt32(), vh) & Vector256.LessThanOrEqual(off, vlimit).AsUInt32();
                byte* tb = null, bb = null;
                int* o = null;
                Vector256<int> t00 = default, t01 = default, t10 = default, t11 = default;
                bool fromTaps = false;
                if (Vector256.EqualsAll(inside, Vector256<uint>.AllBitsSet))
                {
                    off.Store(offsets);
                    tb = (byte*)sp;
                    bb = tb + stride;
                    o = offsets;
                }
                else if (constant && Vector256.EqualsAll(Vector256.GreaterThan((vsx + one).AsUInt32(), vwAll) | Vector256.GreaterThan((vsy + one).AsUInt32(), vhAll), Vector256<uint>.AllBitsSet))
                {
                    // All eight pixels entirely outside: the border value.
                    fill.CopyTo(dst.Slice(i * cn, 8 * cn));
                    continue;
                }
                else if (BorderTaps(rows, s, vsx, vsy, limit, cvalBits, (int*)(pairs + 16), out t00, out t01, out t10, out t11))
                {
                    // Neighbours outside the source: the four neighbours of each pixel read at their
                    // border places (or the constant value), blended channel by channel below.
                    fromTaps = true;
                }
                else
                {
                    // Neighbours outside the source: each pixel's pair of neighbours per row is
                    // assembled in a small buffer (border indices or the constant value), then blended alike.
                    BorderPairs(rows, s, xs, ys, i, pairs, cvalBits);
                    tb = (byte*)pairs;
                    bb = (byte*)(pairs + 8);
                    o = pairOffsets;
                }
                var a = Vector256.Create(alpha, i);
                var fx = a & v31;
                var fy = Vector256.ShiftRightArithmetic(a, 5);
                var gx = v32 - fx;
                var gy = v32 - fy;
                // Weight pairs in 16-bit halves: (w00, w01) for the top row, (w10, w11) for the bottom row, in 1/1024.
                var wTop = (gx * gy) | Vector256.ShiftLeft(fx * gy, 16);
                var wBottom = (gx * fy) | Vector256.ShiftLeft(fx * fy, 16);
                Vector256<int> packed;
                if (fromTaps)
                {
                    packed = BlendTaps(t00, t01, t10, t11, wTop.AsInt16(), wBottom.AsInt16(), cn);
                }
                else if (cn <= 2)
                {
                    // One 4-byte gather holds both neighbours of a row.
                    var top = Load8x4(tb, o);
                    var bottom = Load8x4(bb, o);
                    packed = Vector256<int>.Zero;
                    for (int c = 0; c < cn; c++)
                    {
                        var m = PairMasks[cn - 1][c];
                        var sum = Avx2.MultiplyAddAdjacent(Avx2.Shuffle(top, m).AsInt16(), wTop.AsInt16())
                                + Avx2.MultiplyAddAdjacent(Avx2.Shuffle(bottom, m).AsInt16(), wBottom.AsInt16());
                        packed |= Vector256.ShiftLeft(Vector256.ShiftRightArithmetic(sum + round, 10), 8 * c);
                    }
                }
                else
                {
                    // One 8-byte load per pixel and row holds both neighbours; pixels 0-3 and 4-7 are
                    // interleaved as (0, 1, 4, 5 | 2, 3, 6, 7) by the shuffles, so the weights follow that order.
                    var top0 = Load4x8(tb, o);
                    var top1 = Load4x8(tb, o + 4);
                    var bottom0 = Load4x8(bb, o);
                    var bottom1 = Load4x8(bb, o + 4);
                    var order = Vector256.Create(0, 1, 4, 5, 2, 3, 6, 7);
                    var wt = Avx2.PermuteVar8x32(wTop, order).AsInt16();
                    var wb = Avx2.PermuteVar8x32(wBottom, order).AsInt16();
                    var masks = cn == 3 ? Pair3Masks : Pair4Masks;
                    packed = Vector256<int>.Zero;
                    for (int c = 0; c < cn; c++)
                    {
                        var ma = masks[2 * c];
                        var mb = masks[2 * c + 1];
                        var sum = Avx2.MultiplyAddAdjacent((Avx2.Shuffle(top0, ma) | Avx2.Shuffle(top1, mb)).AsInt16(), wt)
                                + Avx2.MultiplyAddAdjacent((Avx2.Shuffle(bottom0, ma) | Avx2.Shuffle(bottom1, mb)).AsInt16(), wb);
                        packed |= Vector256.ShiftLeft(Vector256.ShiftRightArithmetic(sum + round, 10), 8 * c);
                    }
                    packed = Avx2.PermuteVar8x32(packed, order);
                }
                switch (cn)
                {
                    case 1:
                        {
                            var words = Vector256.Narrow(packed, packed);
                            var bytes = Vector256.Narrow(words, words);
                            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, i), bytes.AsUInt64().ToScalar());
                            break;
                        }
                    case 2:
                        Vector256.Narrow(packed, packed).GetLower().AsByte().StoreUnsafe(ref d0, (nuint)(i * 2));
                        break;
                    case 3:
                        {
                            var rgb = Avx2.Shuffle(packed.AsByte(), rgbShuffle);
                            rgb.GetLower().StoreUnsafe(ref d0, (nuint)(i * 3));
                            if (i + 8 <= end)
                            {
                                rgb.GetUpper().StoreUnsafe(ref d0, (nuint)(i * 3 + 12));
                            }
                            else
                            {
                                Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, i * 3 + 12), rgb.GetUpper().AsUInt64().ToScalar());
                                Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, i * 3 + 20), rgb.GetUpper().AsUInt32().GetElement(2));
                            }
                            break;
                        }
                    default:
                        packed.AsByte().StoreUnsafe(ref d0, (nuint)(i * 4));
                        break;
                }
            }
            if (width < 8) rows.Linear(dstT, xs, ys, alpha, 0, width);
        }
    }

    /// <summary>The widest vectors used (512 or 256 bits), so that tests reach both the AVX-512 and the AVX2 blocks on one machine.</summary>
    internal static int MaxVectorBits = 512;

    /// <summary>Slot order of the 16-pixel block after the pair shuffles: lane k holds pixels 2k, 2k+1, 8+2k, 9+2k.</summary>
    private static readonly Vector512<int> Order16 = Vector512.Create(0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15);

    /// <summary>The inverse of <see cref="Order16"/>: pixel p's slot.</summary>
    private static readonly Vector512<int> Inverse16 = Vector512.Create(0, 1, 4, 5, 8, 9, 12, 13, 2, 3, 6, 7, 10, 11, 14, 15);

    /// <summary>Three bytes of each 32-bit pixel, 12 per 128-bit lane, then the lanes' 12-byte runs one after the other.</summary>
    private static readonly Vector512<byte> Compact3 = Vector512.Create(
        Vector256.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80),
        Vector256.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80));

    private static readonly Vector512<int> Runs3 = Vector512.Create(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 3, 7, 11, 15);

    // The AVX2 pair masks twice over, one field each (static readonly vectors are constants to the JIT).
    private static readonly Vector512<byte> Pair3C0A = Twice(PairMasks8(3)[0]), Pair3C0B = Twice(PairMasks8(3)[1]);
    private static readonly Vector512<byte> Pair3C1A = Twice(PairMasks8(3)[2]), Pair3C1B = Twice(PairMasks8(3)[3]);
    private static readonly Vector512<byte> Pair3C2A = Twice(PairMasks8(3)[4]), Pair3C2B = Twice(PairMasks8(3)[5]);
    private static readonly Vector512<byte> Pair4C0A = Twice(PairMasks8(4)[0]), Pair4C0B = Twice(PairMasks8(4)[1]);
    private static readonly Vector512<byte> Pair4C1A = Twice(PairMasks8(4)[2]), Pair4C1B = Twice(PairMasks8(4)[3]);
    private static readonly Vector512<byte> Pair4C2A = Twice(PairMasks8(4)[4]), Pair4C2B = Twice(PairMasks8(4)[5]);
    private static readonly Vector512<byte> Pair4C3A = Twice(PairMasks8(4)[6]), Pair4C3B = Twice(PairMasks8(4)[7]);

    private static Vector512<byte> Twice(Vector256<byte> m) => Vector512.Create(m, m);

    /// <summary>One channel of sixteen pixels: both rows' neighbour pairs shuffled out and blended, rounded to a level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Channel512(Vector512<byte> top0, Vector512<byte> top1, Vector512<byte> bottom0, Vector512<byte> bottom1,
        Vector512<byte> ma, Vector512<byte> mb, Vector512<short> wt, Vector512<short> wb)
    {
        var sum = Avx512BW.MultiplyAddAdjacent((Avx512BW.Shuffle(top0, ma) | Avx512BW.Shuffle(top1, mb)).AsInt16(), wt)
                + Avx512BW.MultiplyAddAdjacent((Avx512BW.Shuffle(bottom0, ma) | Avx512BW.Shuffle(bottom1, mb)).AsInt16(), wb);
        return Vector512.ShiftRightArithmetic(sum + Vector512.Create(512), 10);
    }

    /// <summary>
    /// Sixteen destination pixels of 3 or 4 channels with AVX-512 when all their neighbours lie inside
    /// the source: the AVX2 block's loads, shuffles and multiply-adds on twice the pixels (the same
    /// weights and rounding, so the same bytes). False, with nothing written, when some neighbour is
    /// outside; the caller then blends the pixels eight at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe bool Inside16Blend(byte* s, int stride, int sw, int sh, int cn, int loadBound, int[] xs, int[] ys, int[] alpha, int* precomputed, int i, int* scratch, ref byte d)
    {
        var vsx = Vector512.Create(xs, i);
        var vsy = Vector512.Create(ys, i);
        var off = precomputed != null ? Vector512.Load(precomputed + i) : vsy * Vector512.Create(stride) + vsx * Vector512.Create(cn);
        var inside = Vector512.LessThan(vsx.AsUInt32(), Vector512.Create((uint)(sw - 1))) & Vector512.LessThan(vsy.AsUInt32(), Vector512.Create((uint)(sh - 1)))
                   & Vector512.LessThanOrEqual(off, Vector512.Create(loadBound)).AsUInt32();
        if (!Vector512.EqualsAll(inside, Vector512<uint>.AllBitsSet)) return false;
        int* offsets = precomputed + i;
        if (precomputed == null)
        {
            // Two 256-bit stores: the 4-byte reads below are forwarded from them (from the upper half of
            // one 512-bit store they wait until it reaches the cache).
            offsets = scratch;
            off.GetLower().Store(offsets);
            off.GetUpper().Store(offsets + 8);
        }
        var a = Vector512.Create(alpha, i);
        var fx = a & Vector512.Create(31);
        var fy = Vector512.ShiftRightArithmetic(a, 5);
        var gx = Vector512.Create(32) - fx;
        var gy = Vector512.Create(32) - fy;
        var wt = Avx512F.PermuteVar16x32((gx * gy) | Vector512.ShiftLeft(fx * gy, 16), Order16).AsInt16();
        var wb = Avx512F.PermuteVar16x32((gx * fy) | Vector512.ShiftLeft(fx * fy, 16), Order16).AsInt16();
        byte* bb = s + stride;
        var top0 = Join(Load4x8(s, offsets), Load4x8(s, offsets + 4));
        var top1 = Join(Load4x8(s, offsets + 8), Load4x8(s, offsets + 12));
        var bottom0 = Join(Load4x8(bb, offsets), Load4x8(bb, offsets + 4));
        var bottom1 = Join(Load4x8(bb, offsets + 8), Load4x8(bb, offsets + 12));
        // The channels unrolled, with the shuffle masks as constants.
        var packed = cn == 3
            ? Channel512(top0, top1, bottom0, bottom1, Pair3C0A, Pair3C0B, wt, wb)
              | Vector512.ShiftLeft(Channel512(top0, top1, bottom0, bottom1, Pair3C1A, Pair3C1B, wt, wb), 8)
              | Vector512.ShiftLeft(Channel512(top0, top1, bottom0, bottom1, Pair3C2A, Pair3C2B, wt, wb), 16)
            : Channel512(top0, top1, bottom0, bottom1, Pair4C0A, Pair4C0B, wt, wb)
              | Vector512.ShiftLeft(Channel512(top0, top1, bottom0, bottom1, Pair4C1A, Pair4C1B, wt, wb), 8)
              | Vector512.ShiftLeft(Channel512(top0, top1, bottom0, bottom1, Pair4C2A, Pair4C2B, wt, wb), 16)
              | Vector512.ShiftLeft(Channel512(top0, top1, bottom0, bottom1, Pair4C3A, Pair4C3B, wt, wb), 24);
        packed = Avx512F.PermuteVar16x32(packed, Inverse16);
        if (cn == 4)
        {
            packed.AsByte().StoreUnsafe(ref d);
            return true;
        }
        var rgb = Avx512F.PermuteVar16x32(Avx512BW.Shuffle(packed.AsByte(), Compact3).AsInt32(), Runs3).AsByte();
        rgb.GetLower().StoreUnsafe(ref d);
        rgb.GetUpper().GetLower().StoreUnsafe(ref d, 32);
        return true;
    }

    /// <summary>The same blend as the AVX2 rows, four pixels at a time with SSSE3 and SSE4.1.</summary>
    private static unsafe void RowSse<T>(WarpRows<T> rows, Span<byte> dst, int[] xs, int[] ys, int[] alpha) where T : unmanaged
    {
        int cn = rows.Channels, width = xs.Length;
        int sw = rows.Width, sh = rows.Height, stride = rows.Stride;
        var dstT = MemoryMarshal.Cast<byte, T>(dst);
        int limit = (sh - 1) * stride + sw * cn;
        var vw = Vector128.Create((uint)(sw - 1));
        var vh = Vector128.Create((uint)(sh - 1));
        var vstride = Vector128.Create(stride);
        var vcn = Vector128.Create(cn);
        var vlimit = Vector128.Create(limit - stride - Math.Max(cn + 4, 8));
        var v31 = Vector128.Create(31);
        var v32 = Vector128.Create(32);
        var round = Vector128.Create(512);
        var rgbShuffle = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
        // A 3-channel block writes 4 spare bytes past its 12: it needs two more pixels after it.
        int end = cn == 3 ? width - 2 : width;
        ref byte d0 = ref MemoryMarshal.GetReference(dst);
        fixed (byte* s = &Unsafe.As<T, byte>(ref KernelCommon.Origin(rows.Source)))
        {
            int i = 0;
            for (; i + 4 <= end; i += 4)
            {
                var vsx = Vector128.Create(xs, i);
                var vsy = Vector128.Create(ys, i);
                var off = Sse41.MultiplyLow(vsy, vstride) + Sse41.MultiplyLow(vsx, vcn);
                var inside = Vector128.LessThan(vsx.AsUInt32(), vw) & Vector128.LessThan(vsy.AsUInt32(), vh) & Vector128.LessThanOrEqual(off, vlimit).AsUInt32();
                if (!Vector128.EqualsAll(inside, Vector128<uint>.AllBitsSet))
                {
                    rows.Linear(dstT, xs, ys, alpha, i, i + 4);
                    continue;
                }
                var a = Vector128.Create(alpha, i);
                var fx = a & v31;
                var fy = Vector128.ShiftRightArithmetic(a, 5);
                var gx = v32 - fx;
                var gy = v32 - fy;
                var wTop = (Sse41.MultiplyLow(gx, gy) | Vector128.ShiftLeft(Sse41.MultiplyLow(fx, gy), 16)).AsInt16();
                var wBottom = (Sse41.MultiplyLow(gx, fy) | Vector128.ShiftLeft(Sse41.MultiplyLow(fx, fy), 16)).AsInt16();
                var packed = Vector128<int>.Zero;
                var offB = off + vstride;
                if (cn <= 2)
                {
                    var top = Load4(s, off);
                    var bottom = Load4(s, offB);
                    for (int c = 0; c < cn; c++)
                    {
                        var m = PairMasks[cn - 1][c].GetLower();
                        var sum = Sse2.MultiplyAddAdjacent(Ssse3.Shuffle(top, m).AsInt16(), wTop) + Sse2.MultiplyAddAdjacent(Ssse3.Shuffle(bottom, m).AsInt16(), wBottom);
                        packed |= Vector128.ShiftLeft(Vector128.ShiftRightArithmetic(sum + round, 10), 8 * c);
                    }
                }
                else
                {
                    var top0 = Load2x8(s, off, 0);
                    var top1 = Load2x8(s, off, 2);
                    var bottom0 = Load2x8(s, offB, 0);
                    var bottom1 = Load2x8(s, offB, 2);
                    var masks = cn == 3 ? Pair3Masks : Pair4Masks;
                    for (int c = 0; c < cn; c++)
                    {
                        var ma = masks[2 * c].GetLower();
                        var mb = masks[2 * c + 1].GetLower();
                        var sum = Sse2.MultiplyAddAdjacent((Ssse3.Shuffle(top0, ma) | Ssse3.Shuffle(top1, mb)).AsInt16(), wTop)
                                + Sse2.MultiplyAddAdjacent((Ssse3.Shuffle(bottom0, ma) | Ssse3.Shuffle(bottom1, mb)).AsInt16(), wBottom);
                        packed |= Vector128.ShiftLeft(Vector128.ShiftRightArithmetic(sum + round, 10), 8 * c);
                    }
                }
                switch (cn)
                {
                    case 1:
                        {
                            var words = Sse2.PackSignedSaturate(packed, packed);
                            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, i), Sse2.PackUnsignedSaturate(words, words).AsUInt32().ToScalar());
                            break;
                        }
                    case 2:
                        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, i * 2), Vector128.Narrow(packed, packed).AsUInt64().ToScalar());
                        break;
                    case 3:
                        Ssse3.Shuffle(packed.AsByte(), rgbShuffle).StoreUnsafe(ref d0, (nuint)(i * 3));
                        break;
                    default:
                        packed.AsByte().StoreUnsafe(ref d0, (nuint)(i * 4));
                        break;
                }
            }
            if (i < width) rows.Linear(dstT, xs, ys, alpha, i, width);
        }
    }

    /// <summary>
    /// For the eight pixels from <paramref name="i"/>: pairs[k] holds the left and right neighbours
    /// of pixel k in the upper source row (channels of the left one in the low bytes, the right one
    /// next), pairs[8 + k] those in the lower row; neighbours outside the source follow the border mode.
    /// The blocks <see cref="BorderTaps"/> leaves: neighbours more than one period out, or a 4-byte
    /// read past the end of the source (exact-size reads here).
    /// </summary>
    private static unsafe void BorderPairs<T>(WarpRows<T> rows, byte* s, int[] xs, int[] ys, int i, ulong* pairs, uint cvalBits) where T : unmanaged
    {
        int cn = rows.Channels, w = rows.Width, h = rows.Height, stride = rows.Stride;
        var border = rows.Border;
        int shift = 8 * cn;
        for (int k = 0; k < 8; k++)
        {
            int sx = xs[i + k], sy = ys[i + k];
            int x0 = MapIndex(sx, w, border), x1 = MapIndex(sx + 1, w, border);
            int y0 = MapIndex(sy, h, border), y1 = MapIndex(sy + 1, h, border);
            byte* r0 = s + (long)y0 * stride, r1 = s + (long)y1 * stride;
            int o0 = x0 * cn, o1 = x1 * cn;
            ulong p00 = y0 >= 0 && x0 >= 0 ? ReadPixel(r0 + o0, cn) : cvalBits;
            ulong p01 = y0 >= 0 && x1 >= 0 ? ReadPixel(r0 + o1, cn) : cvalBits;
            ulong p10 = y1 >= 0 && x0 >= 0 ? ReadPixel(r1 + o0, cn) : cvalBits;
            ulong p11 = y1 >= 0 && x1 >= 0 ? ReadPixel(r1 + o1, cn) : cvalBits;
            pairs[k] = p00 | (p01 << shift);
            pairs[8 + k] = p10 | (p11 << shift);
        }
    }

    /// <summary>
    /// The four neighbours of the eight pixels from (<paramref name="vsx"/>, <paramref name="vsy"/>),
    /// each as the four bytes at its place in the source (its channels in the low bytes), at border
    /// places for neighbours outside (one reflection or wrap; replicate clamps) or the constant value.
    /// False when some neighbour lies further out or a 4-byte read would pass the end of the source
    /// (<paramref name="limit"/> bytes from the origin); <paramref name="scratch"/> holds 32 offsets.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe bool BorderTaps<T>(WarpRows<T> rows, byte* s, Vector256<int> vsx, Vector256<int> vsy, int limit, uint cvalBits, int* scratch,
        out Vector256<int> t00, out Vector256<int> t01, out Vector256<int> t10, out Vector256<int> t11) where T : unmanaged
    {
        int cn = rows.Channels, w = rows.Width, h = rows.Height;
        var border = rows.Border;
        var one = Vector256.Create(1);
        bool constant = border == BorderMode.Constant;
        var x0 = constant ? vsx : MapIndices(vsx, w, border);
        var x1 = constant ? vsx + one : MapIndices(vsx + one, w, border);
        var y0 = constant ? vsy : MapIndices(vsy, h, border);
        var y1 = constant ? vsy + one : MapIndices(vsy + one, h, border);
        var wAll = Vector256.Create((uint)w);
        var hAll = Vector256.Create((uint)h);
        var inX0 = Vector256.LessThan(x0.AsUInt32(), wAll).AsInt32();
        var inX1 = Vector256.LessThan(x1.AsUInt32(), wAll).AsInt32();
        var inY0 = Vector256.LessThan(y0.AsUInt32(), hAll).AsInt32();
        var inY1 = Vector256.LessThan(y1.AsUInt32(), hAll).AsInt32();
        t00 = t01 = t10 = t11 = default;
        if (!constant && !Vector256.EqualsAll(inX0 & inX1 & inY0 & inY1, Vector256<int>.AllBitsSet)) return false;
        // Outside a constant border, any inside place is read and then replaced by the value.
        var vcn = Vector256.Create(cn);
        var vstride = Vector256.Create(rows.Stride);
        var ox0 = (x0 & inX0) * vcn;
        var ox1 = (x1 & inX1) * vcn;
        var oy0 = (y0 & inY0) * vstride;
        var oy1 = (y1 & inY1) * vstride;
        var o00 = oy0 + ox0;
        var o01 = oy0 + ox1;
        var o10 = oy1 + ox0;
        var o11 = oy1 + ox1;
        var last = Vector256.Max(Vector256.Max(o00, o01), Vector256.Max(o10, o11));
        if (!Vector256.LessThanOrEqualAll(last, Vector256.Create(limit - 4))) return false;
        o00.Store(scratch);
        o01.Store(scratch + 8);
        o10.Store(scratch + 16);
        o11.Store(scratch + 24);
        t00 = Load8x4(s, scratch).AsInt32();
        t01 = Load8x4(s, scratch + 8).AsInt32();
        t10 = Load8x4(s, scratch + 16).AsInt32();
        t11 = Load8x4(s, scratch + 24).AsInt32();
        if (constant)
        {
            var value = Vector256.Create((int)cvalBits);
            t00 = Vector256.ConditionalSelect(inX0 & inY0, t00, value);
            t01 = Vector256.ConditionalSelect(inX1 & inY0, t01, value);
            t10 = Vector256.ConditionalSelect(inX0 & inY1, t10, value);
            t11 = Vector256.ConditionalSelect(inX1 & inY1, t11, value);
        }
        return true;
    }

    /// <summary>
    /// The blend of eight pixels from their four neighbours (<see cref="BorderTaps"/>), channel by
    /// channel: the channel's byte of the left and right neighbour into 16-bit halves, multiply-added
    /// with the same weights as the other blocks; the levels packed one pixel per 32-bit lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> BlendTaps(Vector256<int> t00, Vector256<int> t01, Vector256<int> t10, Vector256<int> t11,
        Vector256<short> wTop, Vector256<short> wBottom, int cn)
    {
        var packed = Vector256<int>.Zero;
        for (int c = 0; c < cn; c++)
        {
            var left = TapMasks[2 * c];
            var right = TapMasks[2 * c + 1];
            var top = Avx2.Shuffle(t00.AsByte(), left) | Avx2.Shuffle(t01.AsByte(), right);
            var bottom = Avx2.Shuffle(t10.AsByte(), left) | Avx2.Shuffle(t11.AsByte(), right);
            var sum = Avx2.MultiplyAddAdjacent(top.AsInt16(), wTop) + Avx2.MultiplyAddAdjacent(bottom.AsInt16(), wBottom);
            packed |= Vector256.ShiftLeft(Vector256.ShiftRightArithmetic(sum + Vector256.Create(512), 10), 8 * c);
        }
        return packed;
    }

    /// <summary>Per channel c: byte c of each 32-bit lane to the lane's low 16 bits (left neighbour), then to its high 16 bits (right neighbour).</summary>
    private static readonly Vector256<byte>[] TapMasks = [LaneMask(0, 0x80), LaneMask(0x80, 0), LaneMask(1, 0x80), LaneMask(0x80, 1),
        LaneMask(2, 0x80), LaneMask(0x80, 2), LaneMask(3, 0x80), LaneMask(0x80, 3)];

    /// <summary>One reflection or wrap of each index (replicate clamps); indices further out stay outside [0, length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> MapIndices(Vector256<int> p, int length, BorderMode border)
    {
        var len = Vector256.Create(length);
        var below = Vector256.LessThan(p, Vector256<int>.Zero);
        var above = Vector256.GreaterThanOrEqual(p, len);
        switch (border)
        {
            case BorderMode.Replicate:
                return Vector256.Min(Vector256.Max(p, Vector256<int>.Zero), len - Vector256.Create(1));
            case BorderMode.Reflect:
                return Vector256.ConditionalSelect(below, -p - Vector256.Create(1), Vector256.ConditionalSelect(above, Vector256.Create(2 * length - 1) - p, p));
            case BorderMode.Reflect101:
                return Vector256.ConditionalSelect(below, -p, Vector256.ConditionalSelect(above, Vector256.Create(2 * length - 2) - p, p));
            default:
                return Vector256.ConditionalSelect(below, p + len, Vector256.ConditionalSelect(above, p - len, p));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MapIndex(int p, int length, BorderMode border)
        => (uint)p < (uint)length ? p : border == BorderMode.Constant ? -1 : KernelCommon.BorderIndex(p, length, border);

    /// <summary>The <paramref name="cn"/> bytes of one pixel, without reading past them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong ReadPixel(byte* p, int cn) => cn switch
    {
        1 => *p,
        2 => Unsafe.ReadUnaligned<ushort>(p),
        3 => Unsafe.ReadUnaligned<ushort>(p) | ((uint)p[2] << 16),
        _ => Unsafe.ReadUnaligned<uint>(p),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<byte> Load4(byte* b, Vector128<int> off) => Vector128.Create(
        Unsafe.ReadUnaligned<int>(b + off.GetElement(0)), Unsafe.ReadUnaligned<int>(b + off.GetElement(1)),
        Unsafe.ReadUnaligned<int>(b + off.GetElement(2)), Unsafe.ReadUnaligned<int>(b + off.GetElement(3))).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<byte> Load2x8(byte* b, Vector128<int> off, int first) => Vector128.Create(
        Unsafe.ReadUnaligned<ulong>(b + off.GetElement(first)), Unsafe.ReadUnaligned<ulong>(b + off.GetElement(first + 1))).AsByte();

    /// <summary>Eight unaligned 4-byte loads at byte offsets o[0..7] from <paramref name="b"/> (scalar loads beat hardware gathers here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<byte> Load8x4(byte* b, int* o) => Vector256.Create(
        Unsafe.ReadUnaligned<int>(b + o[0]), Unsafe.ReadUnaligned<int>(b + o[1]), Unsafe.ReadUnaligned<int>(b + o[2]), Unsafe.ReadUnaligned<int>(b + o[3]),
        Unsafe.ReadUnaligned<int>(b + o[4]), Unsafe.ReadUnaligned<int>(b + o[5]), Unsafe.ReadUnaligned<int>(b + o[6]), Unsafe.ReadUnaligned<int>(b + o[7])).AsByte();

    /// <summary>Two 256-bit halves as one vector (one insert; Vector512.Create also reads a stack slot first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Join(Vector256<byte> lower, Vector256<byte> upper) => lower.ToVector512Unsafe().WithUpper(upper);

    /// <summary>Four unaligned 8-byte loads at byte offsets o[0..3] from <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<byte> Load4x8(byte* b, int* o) => Vector256.Create(
        Unsafe.ReadUnaligned<ulong>(b + o[0]), Unsafe.ReadUnaligned<ulong>(b + o[1]),
        Unsafe.ReadUnaligned<ulong>(b + o[2]), Unsafe.ReadUnaligned<ulong>(b + o[3])).AsByte();

    /// <summary>
    /// For 3 and 4 channels, per channel two shuffles of 8-byte pixels (two per 128-bit lane):
    /// the first fills 32-bit slots 0 and 1 of each lane, the second slots 2 and 3, each slot with
    /// (left neighbour, right neighbour) of that channel as 16-bit words.
    /// </summary>
    private static readonly Vector256<byte>[] Pair3Masks = PairMasks8(3);

    private static readonly Vector256<byte>[] Pair4Masks = PairMasks8(4);

    private static Vector256<byte>[] PairMasks8(int cn)
    {
        var result = new Vector256<byte>[2 * cn];
        for (int c = 0; c < cn; c++)
        {
            for (int half = 0; half < 2; half++)
            {
                var m = new byte[32];
                Array.Fill(m, (byte)0x80);
                for (int lane = 0; lane < 2; lane++)
                {
                    for (int px = 0; px < 2; px++)
                    {
                        int slot = 16 * lane + 4 * (2 * half + px);
                        m[slot] = (byte)(8 * px + c);
                        m[slot + 2] = (byte)(8 * px + cn + c);
                    }
                }
                result[2 * c + half] = Vector256.Create(m);
            }
        }
        return result;
    }

    /// <summary>For 1 and 2 channels: the two neighbours of channel c, both in one 4-byte lane, into 16-bit halves.</summary>
    private static readonly Vector256<byte>[][] PairMasks = [[LaneMask(0, 1)], [LaneMask(0, 2), LaneMask(1, 3)]];

    private static Vector256<byte> LaneMask(int low, int high)
    {
        var m = new byte[32];
        for (int lane = 0; lane < 8; lane++)
        {
            m[4 * lane] = low == 0x80 ? (byte)0x80 : (byte)(4 * (lane & 3) + low);
            m[4 * lane + 1] = 0x80;
            m[4 * lane + 2] = high == 0x80 ? (byte)0x80 : (byte)(4 * (lane & 3) + high);
            m[4 * lane + 3] = 0x80;
        }
        return Vector256.Create(m);
    }
}
