using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugSharp.Kernels;

/// <summary>
/// Vectorised rows of the 8-bit bilinear affine warp (AVX2): eight destination pixels at a time,
/// fixed-point coordinates as OpenCV computes them, the four neighbours fetched with gathers and
/// blended with the same 15-bit weights (bit-exact with the scalar rows). Pixels whose neighbours
/// are not all inside the source go through the scalar row code.
/// </summary>
internal static class WarpSimd
{
    /// <summary>Lets tests compare the vector rows with the scalar ones.</summary>
    internal static bool UseVectors = true;

    /// <summary>Warps one destination row; false when no vector path applies (the caller runs the scalar row).</summary>
    public static unsafe bool TryAffineLinearRow<T>(WarpRows<T> rows, Span<byte> dst, int x0, int y0, int[] adelta, int[] bdelta, int[] xs, int[] ys, int[] alpha) where T : unmanaged
    {
        int cn = rows.Channels;
        int width = xs.Length;
        if (!UseVectors || !Avx2.IsSupported || cn > 4 || width < 16 || typeof(T) != typeof(byte)) return false;
        int sw = rows.Width, sh = rows.Height, stride = rows.Stride;
        if (sw < 2 || sh < 2) return false;

        // Coordinates: X = (X0 + adelta) >> (AB_BITS - INTER_BITS), integer part and 1/32 fraction.
        {
            var vx0 = Vector256.Create(x0);
            var vy0 = Vector256.Create(y0);
            var lo = Vector256.Create((int)short.MinValue);
            var hi = Vector256.Create((int)short.MaxValue);
            var mask = Vector256.Create(Warp.TabSize - 1);
            int x = 0;
            for (; x + 8 <= width; x += 8)
            {
                var fx = Vector256.ShiftRightArithmetic(vx0 + Vector256.Create(adelta, x), Warp.AbBits - Warp.InterBits);
                var fy = Vector256.ShiftRightArithmetic(vy0 + Vector256.Create(bdelta, x), Warp.AbBits - Warp.InterBits);
                Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(fx, Warp.InterBits), lo), hi).CopyTo(xs, x);
                Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(fy, Warp.InterBits), lo), hi).CopyTo(ys, x);
                (Vector256.ShiftLeft(fy & mask, Warp.InterBits) | (fx & mask)).CopyTo(alpha, x);
            }
            for (; x < width; x++)
            {
                int fx = unchecked(x0 + adelta[x]) >> (Warp.AbBits - Warp.InterBits);
                int fy = unchecked(y0 + bdelta[x]) >> (Warp.AbBits - Warp.InterBits);
                xs[x] = Warp.SaturateShort(fx >> Warp.InterBits);
                ys[x] = Warp.SaturateShort(fy >> Warp.InterBits);
                alpha[x] = ((fy & (Warp.TabSize - 1)) << Warp.InterBits) | (fx & (Warp.TabSize - 1));
            }
        }

        var dstT = MemoryMarshal.Cast<byte, T>(dst);
        // Elements from the origin to the end of the last row: 4-byte gathers must stay below it.
        int limit = (sh - 1) * stride + sw * cn;
        var vw = Vector256.Create((uint)(sw - 1));
        var vh = Vector256.Create((uint)(sh - 1));
        var vstride = Vector256.Create(stride);
        var vcn = Vector256.Create(cn);
        var vlimit = Vector256.Create(limit - 4 - stride - cn);
        var v31 = Vector256.Create(31);
        var v32 = Vector256.Create(32);
        var v255 = Vector256.Create(255);
        var round = Vector256.Create(512);
        var rgbShuffle = Vector256.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
        // A 3-channel block writes 4 spare bytes past its 24: it needs two more pixels after it.
        int end = cn == 3 ? width - 2 : width;
        ref byte d0 = ref MemoryMarshal.GetReference(dst);
        fixed (byte* s = &Unsafe.As<T, byte>(ref KernelCommon.Origin(rows.Source)))
        {
            int* sp = (int*)s;
            int i = 0;
            for (; i + 8 <= end; i += 8)
            {
                var vsx = Vector256.Create(xs, i);
                var vsy = Vector256.Create(ys, i);
                var off = vsy * vstride + vsx * vcn;
                var inside = Vector256.LessThan(vsx.AsUInt32(), vw) & Vector256.LessThan(vsy.AsUInt32(), vh) & Vector256.LessThanOrEqual(off, vlimit).AsUInt32();
                if (!Vector256.EqualsAll(inside, Vector256<uint>.AllBitsSet))
                {
                    rows.Linear(dstT, xs, ys, alpha, i, i + 8);
                    continue;
                }
                var a = Vector256.Create(alpha, i);
                var fx = a & v31;
                var fy = Vector256.ShiftRightArithmetic(a, 5);
                var gx = v32 - fx;
                var gy = v32 - fy;
                var w00 = gx * gy;
                var w01 = fx * gy;
                var w10 = gx * fy;
                var w11 = fx * fy;
                var g00 = Avx2.GatherVector256(sp, off, 1);
                var g01 = Avx2.GatherVector256(sp, off + vcn, 1);
                var g10 = Avx2.GatherVector256(sp, off + vstride, 1);
                var g11 = Avx2.GatherVector256(sp, off + vstride + vcn, 1);
                var packed = Blend(g00, g01, g10, g11, w00, w01, w10, w11, 0, v255, round);
                for (int c = 1; c < cn; c++)
                    packed |= Vector256.ShiftLeft(Blend(g00, g01, g10, g11, w00, w01, w10, w11, 8 * c, v255, round), 8 * c);
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
                            rgb.GetUpper().StoreUnsafe(ref d0, (nuint)(i * 3 + 12));
                            break;
                        }
                    default:
                        packed.AsByte().StoreUnsafe(ref d0, (nuint)(i * 4));
                        break;
                }
            }
            if (i < width) rows.Linear(dstT, xs, ys, alpha, i, width);
        }
        return true;
    }

    /// <summary>One channel of eight pixels: <c>(p00 w00 + p01 w01 + p10 w10 + p11 w11 + 512) &gt;&gt; 10</c> with weights in 1/1024.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Blend(Vector256<int> g00, Vector256<int> g01, Vector256<int> g10, Vector256<int> g11,
        Vector256<int> w00, Vector256<int> w01, Vector256<int> w10, Vector256<int> w11, int shift, Vector256<int> mask, Vector256<int> round)
    {
        var sum = (Vector256.ShiftRightLogical(g00, shift) & mask) * w00 + (Vector256.ShiftRightLogical(g01, shift) & mask) * w01
                + (Vector256.ShiftRightLogical(g10, shift) & mask) * w10 + (Vector256.ShiftRightLogical(g11, shift) & mask) * w11;
        return Vector256.ShiftRightArithmetic(sum + round, 10);
    }
}
