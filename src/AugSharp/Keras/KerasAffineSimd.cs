using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugSharp.Keras;

/// <summary>
/// Keras' order-1 warp of a channels-last image in one pass: the source coordinate of each output
/// pixel computed once (8, 4 or 2 pixels at a time with Vector512, Vector256 or Vector128 of
/// double), then all channels of that pixel blended at once (four channels per Vector256 of double,
/// two per Vector128). Every coordinate, weight and product is the same double operation, in the
/// same order, as <see cref="KerasAffine.Resample"/> (scipy's NI_GeometricTransform), so the
/// result is bit-exact with it; horizontal and vertical flips are folded in by writing each pixel
/// to its mirrored place, which is bit-exact with flipping afterwards. Blocks whose coordinates are
/// huge or NaN go through the scalar pixel code.
/// </summary>
internal static unsafe class KerasAffineSimd
{
    /// <summary>Lets tests compare the vector path with the scalar reference.</summary>
    internal static bool UseVectors = true;

    /// <summary>The widest vectors used (512, 256 or 128 bits), so that tests reach every path on one machine.</summary>
    internal static int MaxVectorBits = 512;

    /// <summary>Coordinates beyond this magnitude (or NaN) leave the block to the scalar pixel code.</summary>
    private const double CoordinateLimit = 1 << 30;

    /// <summary>Output tile size (the columns a multiple of every vector width).</summary>
    private const int TileRows = 32, TileCols = 32;

    private static readonly double[] Lanes = [0, 1, 2, 3, 4, 5, 6, 7];

    /// <summary>
    /// True when <c>ResampleLinear</c> runs for this layout and order: order 1, channels
    /// last and contiguous, vectors available.
    /// </summary>
    public static bool IsSupported(in PlaneLayout layout, int order) =>
        UseVectors && order == 1 && Sse41.IsSupported && Vector128.IsHardwareAccelerated
        && layout.Channels >= 1 && layout.ChannelStride == 1 && layout.ColStride == layout.Channels
        && layout.RowStride == layout.Cols * layout.Channels && layout.Rows > 0 && layout.Cols > 0;

    /// <summary>
    /// <c>KerasAffine.Resample(input, output, layout, a, 1, mode, cval)</c> followed by the
    /// horizontal and vertical flips, in one pass. Requires <see cref="IsSupported"/>.
    /// </summary>
    public static void ResampleLinear(ReadOnlySpan<float> input, Span<float> output, in PlaneLayout layout, in ScipyAffine a,
        FillMode mode, double cval, bool flipHorizontal, bool flipVertical) =>
        ResampleLinear(input, output, layout, a, mode, cval, flipHorizontal, flipVertical, null);

    /// <summary>
    /// The warp and flips as above, and with <paramref name="brightness"/> also Keras' brightness shift of the result for the
    /// case where every value lies in [0, 255] (no min-max stretch), applied to each row of a tile
    /// while it is in the cache. Returns false when some value left [0, 255]: the output is then
    /// not usable and the caller warps again without brightness and shifts it on its own.
    /// </summary>
    public static bool ResampleLinear(ReadOnlySpan<float> input, Span<float> output, in PlaneLayout layout, in ScipyAffine a,
        FillMode mode, double cval, bool flipHorizontal, bool flipVertical, float? brightness)
    {
        int length = layout.Rows * layout.RowStride;
        if (input.Length < length || output.Length < length)
            throw new ArgumentException("The buffers are shorter than the layout.");
        if (brightness is not null && layout.Channels is not (1 or 3 or 4))
            throw new ArgumentException($"Unsupported channel number: {layout.Channels}", nameof(brightness));
        var job = new Job(layout, a, mode, cval, flipHorizontal, flipVertical, length, brightness);
        fixed (float* src = input)
        fixed (float* dst = output)
        {
            bool outOfRange;
            if (MaxVectorBits >= 512 && Vector512.IsHardwareAccelerated && Avx512F.IsSupported) outOfRange = Run<V512, Vector512<double>>(job, src, dst);
            else if (MaxVectorBits >= 256 && Vector256.IsHardwareAccelerated && Avx.IsSupported) outOfRange = Run<V256, Vector256<double>>(job, src, dst);
            else outOfRange = Run<V128, Vector128<double>>(job, src, dst);
            return !outOfRange;
        }
    }

    private readonly struct Job(in PlaneLayout layout, in ScipyAffine a, FillMode mode, double cval, bool flipH, bool flipV, int length, float? brightness)
    {
        public readonly bool Brightness = brightness is not null;
        public readonly float Alpha = brightness ?? 0;
        public readonly PlaneLayout Layout = layout;
        public readonly ScipyAffine A = a;
        public readonly FillMode Mode = mode;
        public readonly double Cval = cval;
        public readonly bool FlipH = flipH, FlipV = flipV;
        public readonly int Length = length;
    }

    /// <summary>Per block: flat source indices of the four taps, their weights, and lane masks.</summary>
    private struct Block
    {
        public fixed int I00[8];
        public fixed int I01[8];
        public fixed int I10[8];
        public fixed int I11[8];
        public fixed double Wr0[8];
        public fixed double Wr1[8];
        public fixed double Wc0[8];
        public fixed double Wc1[8];
    }

    /// <summary>The warp; true when brightness was asked for and some value left [0, 255].</summary>
    private static bool Run<TOps, TV>(in Job job, float* src, float* dst)
        where TOps : struct, IDoubleOps<TV>
        where TV : struct
    {
        var l = job.Layout;
        var a = job.A;
        int rows = l.Rows, cols = l.Cols, channels = l.Channels, rs = l.RowStride;
        int count = TOps.Count;
        uint all = count == 32 ? uint.MaxValue : (1u << count) - 1;
        float fill = (float)job.Cval;
        bool constant = job.Mode == FillMode.Constant;
        bool reflect = job.Mode == FillMode.Reflect;
        bool wrap = job.Mode == FillMode.Wrap;
        // A 4-float load from a tap index i reads i .. i+3 per group of 4 channels: the last pixels
        // of the input need the scalar channel code when the channel count is not a multiple of 4.
        int groups = (channels + 3) / 4;
        double loadLimit = job.Length - groups * 4;

        TV lanes;
        fixed (double* pl = Lanes) lanes = TOps.Load(pl);
        TV m01 = TOps.Splat(a.M01), m11 = TOps.Splat(a.M11), off0 = TOps.Splat(a.Offset0), off1 = TOps.Splat(a.Offset1);
        TV zero = TOps.Splat(0), one = TOps.Splat(1.0), limit = TOps.Splat(CoordinateLimit);
        TV rowsMax = TOps.Splat(rows - 1), colsMax = TOps.Splat(cols - 1);
        TV vrs = TOps.Splat(rs), vcs = TOps.Splat(channels), vLoadLimit = TOps.Splat(loadLimit);
        TV rowsN = TOps.Splat(rows), colsN = TOps.Splat(cols), rows2 = TOps.Splat(2.0 * rows), cols2 = TOps.Splat(2.0 * cols);
        TV rowsPeriod = TOps.Splat(rows - 1), colsPeriod = TOps.Splat(cols - 1);

        Block block;
        int* prefetchOffsets = stackalloc int[TileCols];
        int prefetchStep = PrefetchStep(a, channels);
        bool prefetch = PrefetchAhead && (long)job.Length * sizeof(float) >= PrefetchFromBytes;
        bool outOfRange = false;
        bool bright = job.Brightness;
        // The brightness of the common blocks is applied in registers before the store; lanes beyond
        // a 3-channel pixel (the next pixel's first channel) are left out of the range check.
        var alpha256 = Vector256.Create(job.Alpha);
        var keep256 = channels == 4 ? Vector256.Create(0, 0, 0, -1, 0, 0, 0, -1).AsSingle() : Vector256<float>.Zero;
        var valid256 = channels == 3 ? Vector256.Create(-1, -1, -1, 0, -1, -1, -1, 0).AsSingle() : Vector256<float>.AllBitsSet;
        var outside256 = Vector256<float>.Zero;
        // Tiles of the output keep the source pixels that a rotated row reads in the caches.
        for (int tileRow = 0; tileRow < rows; tileRow += TileRows)
        for (int tileCol = 0; tileCol < cols; tileCol += TileCols)
        for (int dr = tileRow, rowEnd = Math.Min(rows, tileRow + TileRows); dr < rowEnd; dr++)
        {
            int r = job.FlipV ? rows - 1 - dr : dr;
            float* dstRow = dst + (long)dr * rs;
            double rowR = 0.0 + r * a.M00;
            double rowC = 0.0 + r * a.M10;
            TV vRowR = TOps.Splat(rowR), vRowC = TOps.Splat(rowC);
            if (prefetch && tileCol + TileCols < cols)
                PrefetchRow<TOps, TV>(src, job, vRowR, vRowC, tileCol + TileCols, lanes, prefetchStep, prefetchOffsets);
            for (int c0 = tileCol, colEnd = Math.Min(cols, tileCol + TileCols); c0 < colEnd; c0 += count)
            {
                int n = Math.Min(count, cols - c0);
                TV vc = TOps.Add(TOps.Splat(c0), lanes);
                // Same operation order as the scalar code: ((0 + r*M00) + c*M01) + Offset0.
                TV rin = TOps.Add(TOps.Add(vRowR, TOps.Mul(vc, m01)), off0);
                TV cin = TOps.Add(TOps.Add(vRowC, TOps.Mul(vc, m11)), off1);
                uint finite = TOps.Mask(TOps.LessThanOrEqual(TOps.Abs(rin), limit)) & TOps.Mask(TOps.LessThanOrEqual(TOps.Abs(cin), limit));
                if (finite != all)
                {
                    for (int j = 0; j < n; j++)
                    {
                        int c = c0 + j;
                        int dc = job.FlipH ? cols - 1 - c : c;
                        KerasAffine.LinearPixel(new ReadOnlySpan<float>(src, job.Length), new Span<float>(dstRow + (long)dc * channels, channels), l, a, r, c, job.Mode, fill);
                    }
                    if (bright) outOfRange |= BrightenBlock(job, dstRow, c0, n);
                    continue;
                }

                uint outside = 0;
                if (constant)
                {
                    outside = TOps.Mask(TOps.LessThan(rin, zero)) | TOps.Mask(TOps.GreaterThan(rin, rowsMax))
                            | TOps.Mask(TOps.LessThan(cin, zero)) | TOps.Mask(TOps.GreaterThan(cin, colsMax));
                    if ((outside & all) == all)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            int dc = job.FlipH ? cols - 1 - (c0 + j) : c0 + j;
                            float* d = dstRow + (long)dc * channels;
                            for (int ch = 0; ch < channels; ch++) d[ch] = fill;
                        }
                        if (bright) outOfRange |= BrightenBlock(job, dstRow, c0, n);
                        continue;
                    }
                }
                else if (wrap)
                {
                    rin = WrapCoordinate<TOps, TV>(rin, rows, rowsPeriod, zero, one);
                    cin = WrapCoordinate<TOps, TV>(cin, cols, colsPeriod, zero, one);
                }

                TV fr = TOps.Floor(rin), fc = TOps.Floor(cin);
                TV tr = TOps.Sub(rin, fr), tc = TOps.Sub(cin, fc);
                TV fr1 = TOps.Add(fr, one), fc1 = TOps.Add(fc, one);
                TV r0, r1, c0v, c1v;
                if (reflect)
                {
                    r0 = ReflectTap<TOps, TV>(fr, rowsN, rows2, one);
                    r1 = ReflectTap<TOps, TV>(fr1, rowsN, rows2, one);
                    c0v = ReflectTap<TOps, TV>(fc, colsN, cols2, one);
                    c1v = ReflectTap<TOps, TV>(fc1, colsN, cols2, one);
                }
                else
                {
                    r0 = TOps.Min(TOps.Max(fr, zero), rowsMax);
                    r1 = TOps.Min(TOps.Max(fr1, zero), rowsMax);
                    c0v = TOps.Min(TOps.Max(fc, zero), colsMax);
                    c1v = TOps.Min(TOps.Max(fc1, zero), colsMax);
                }
                TV rb0 = TOps.Mul(r0, vrs), rb1 = TOps.Mul(r1, vrs);
                TV cb0 = TOps.Mul(c0v, vcs), cb1 = TOps.Mul(c1v, vcs);
                TV i00 = TOps.Add(rb0, cb0), i01 = TOps.Add(rb0, cb1), i10 = TOps.Add(rb1, cb0), i11 = TOps.Add(rb1, cb1);
                uint careful = TOps.Mask(TOps.GreaterThan(TOps.Max(TOps.Max(i00, i01), TOps.Max(i10, i11)), vLoadLimit));
                TOps.StoreInt32(i00, block.I00);
                TOps.StoreInt32(i01, block.I01);
                TOps.StoreInt32(i10, block.I10);
                TOps.StoreInt32(i11, block.I11);
                TOps.Store(TOps.Sub(one, tr), block.Wr0);
                TOps.Store(tr, block.Wr1);
                TOps.Store(TOps.Sub(one, tc), block.Wc0);
                TOps.Store(tc, block.Wc1);

                if (((outside | careful) & all) == 0 && n == count && (channels is 3 or 4) && Avx.IsSupported && MaxVectorBits >= 256)
                {
                    // The common block: every pixel inside, every load safe, three or four channels.
                    float* d = dstRow + (long)(job.FlipH ? cols - 1 - c0 : c0) * channels;
                    long step = job.FlipH ? -channels : channels;
                    if (count == 8 && Avx512F.IsSupported)
                    {
                        outside256 |= BlendPairs512(src, ref block, d, step, channels == 3, bright, alpha256, keep256, valid256);
                    }
                    else
                    {
                        for (int j = 0; j < count; j++, d += step)
                        {
                            var f = Blend4(src + block.I00[j], src + block.I01[j], src + block.I10[j], src + block.I11[j], block.Wr0[j], block.Wr1[j], block.Wc0[j], block.Wc1[j]);
                            if (bright)
                            {
                                outside256 |= Vector256.Create(KerasColor.OutsideByteRange(f) & valid256.GetLower(), Vector128<float>.Zero);
                                f = KerasColor.BrightenInRange(f, alpha256.GetLower(), keep256.GetLower());
                            }
                            if (channels == 3) Store3(f, d);
                            else f.Store(d);
                        }
                    }
                    continue;
                }
                for (int j = 0; j < n; j++)
                {
                    int dc = job.FlipH ? cols - 1 - (c0 + j) : c0 + j;
                    float* d = dstRow + (long)dc * channels;
                    uint bit = 1u << j;
                    if ((outside & bit) != 0)
                    {
                        for (int ch = 0; ch < channels; ch++) d[ch] = fill;
                        continue;
                    }
                    Blend(src + block.I00[j], src + block.I01[j], src + block.I10[j], src + block.I11[j], d, channels,
                        block.Wr0[j], block.Wr1[j], block.Wc0[j], block.Wc1[j], (careful & bit) != 0);
                }
                if (bright) outOfRange |= BrightenBlock(job, dstRow, c0, n);
            }
        }
        return outOfRange || outside256 != Vector256<float>.Zero;
    }

    /// <summary>Lets the source of the next tile be fetched into the cache ahead of time.</summary>
    internal static bool PrefetchAhead = true;

    /// <summary>
    /// The smallest image (bytes) whose source is prefetched: smaller ones stay in the second-level
    /// cache, where prefetching only costs (128x128x3: 5% slower with it; 427x640x3: 11-31% faster).
    /// </summary>
    internal static int PrefetchFromBytes = 1 << 19;

    /// <summary>
    /// The destination pixels between two prefetched source points: a step moves at most one
    /// source row (the upper and lower tap rows are both fetched) and at most one cache line along it.
    /// </summary>
    private static int PrefetchStep(in ScipyAffine a, int channels)
    {
        double rowsPerPixel = Math.Abs(a.M01), bytesPerPixel = Math.Abs(a.M11) * channels * sizeof(float);
        double step = Math.Min(8, Math.Min(1 / rowsPerPixel, 64 / bytesPerPixel));
        return double.IsNaN(step) ? 8 : Math.Max(1, (int)step);
    }

    /// <summary>
    /// Asks the cache for the source lines that the same destination row of the next tile (from
    /// column <paramref name="c0"/>) reads: the upper and lower tap rows every <paramref name="step"/> pixels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchRow<TOps, TV>(float* src, in Job job, TV vRowR, TV vRowC, int c0, TV lanes, int step, int* offsets)
        where TOps : struct, IDoubleOps<TV>
        where TV : struct
    {
        var l = job.Layout;
        var a = job.A;
        int count = TOps.Count;
        TV vstep = TOps.Splat(step), zero = TOps.Splat(0);
        TV rowsMax = TOps.Splat(Math.Max(0, l.Rows - 2)), colsMax = TOps.Splat(l.Cols - 1);
        TV vrs = TOps.Splat(l.RowStride), vcs = TOps.Splat(l.Channels);
        int points = (TileCols + step - 1) / step;
        for (int k = 0; k < points; k += count)
        {
            TV vc = TOps.Add(TOps.Splat(c0 + step * k), TOps.Mul(lanes, vstep));
            TV rin = TOps.Add(TOps.Add(vRowR, TOps.Mul(vc, TOps.Splat(a.M01))), TOps.Splat(a.Offset0));
            TV cin = TOps.Add(TOps.Add(vRowC, TOps.Mul(vc, TOps.Splat(a.M11))), TOps.Splat(a.Offset1));
            // Clamped into the image (NaN gives the clamp's bound), so every address is inside the source.
            TV ri = TOps.Min(TOps.Max(TOps.Floor(rin), zero), rowsMax);
            TV ci = TOps.Min(TOps.Max(TOps.Floor(cin), zero), colsMax);
            TOps.StoreInt32(TOps.Add(TOps.Mul(ri, vrs), TOps.Mul(ci, vcs)), offsets + k);
        }
        long lower = l.Rows > 1 ? l.RowStride : 0;
        for (int k = 0; k < points; k++)
        {
            float* p = src + offsets[k];
            Sse.Prefetch1(p);
            Sse.Prefetch1(p + lower);
        }
    }

    /// <summary>Keras' brightness of the <paramref name="n"/> pixels of a block written by the general code (true when a value left [0, 255]).</summary>
    private static bool BrightenBlock(in Job job, float* dstRow, int c0, int n)
    {
        int cols = job.Layout.Cols, channels = job.Layout.Channels;
        int first = job.FlipH ? cols - c0 - n : c0;
        return KerasColor.BrightnessInRange(new Span<float>(dstRow + (long)first * channels, n * channels), channels, job.Alpha);
    }

    /// <summary>scipy's wrap of a coordinate (period n-1), as <see cref="KerasAffine.MapCoordinate"/> computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV WrapCoordinate<TOps, TV>(TV x, int n, TV period, TV zero, TV one)
        where TOps : struct, IDoubleOps<TV>
        where TV : struct
    {
        if (n <= 1) return zero;
        // coord < 0: coord + period * (trunc(-coord / period) + 1); coord > period: coord - period * trunc(coord / period).
        TV neg = TOps.Add(x, TOps.Mul(period, TOps.Add(TOps.Truncate(TOps.Div(TOps.Sub(zero, x), period)), one)));
        TV pos = TOps.Sub(x, TOps.Mul(period, TOps.Truncate(TOps.Div(x, period))));
        return TOps.Select(TOps.LessThan(x, zero), neg, TOps.Select(TOps.GreaterThan(x, period), pos, x));
    }

    /// <summary>Half-sample symmetric tap index (<see cref="KerasAffine.MapTap"/> for reflect) of an integer-valued k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ReflectTap<TOps, TV>(TV k, TV n, TV twoN, TV one)
        where TOps : struct, IDoubleOps<TV>
        where TV : struct
    {
        // k mod 2n in [0, 2n): exact, as |k| <= 2^30 + 1 keeps k / 2n's rounding away from the next integer.
        TV m = TOps.Sub(k, TOps.Mul(twoN, TOps.Floor(TOps.Div(k, twoN))));
        return TOps.Select(TOps.LessThan(m, n), m, TOps.Sub(TOps.Sub(twoN, one), m));
    }

    /// <summary>One output pixel, all channels: v = 0 + p00*wr0*wc0 + p01*wr0*wc1 + p10*wr1*wc0 + p11*wr1*wc1 in double, then float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Blend(float* p00, float* p01, float* p10, float* p11, float* d, int channels,
        double wr0, double wr1, double wc0, double wc1, bool careful)
    {
        int ch = 0;
        if (Avx.IsSupported && MaxVectorBits >= 256)
        {
            var vr0 = Vector256.Create(wr0);
            var vr1 = Vector256.Create(wr1);
            var vc0 = Vector256.Create(wc0);
            var vc1 = Vector256.Create(wc1);
            for (; ch < channels; ch += 4)
            {
                int left = channels - ch;
                if (left < 4 && careful) break;
                var v = Vector256<double>.Zero;
                v = Avx.Add(v, Avx.Multiply(Avx.Multiply(Avx.ConvertToVector256Double(Sse.LoadVector128(p00 + ch)), vr0), vc0));
                v = Avx.Add(v, Avx.Multiply(Avx.Multiply(Avx.ConvertToVector256Double(Sse.LoadVector128(p01 + ch)), vr0), vc1));
                v = Avx.Add(v, Avx.Multiply(Avx.Multiply(Avx.ConvertToVector256Double(Sse.LoadVector128(p10 + ch)), vr1), vc0));
                v = Avx.Add(v, Avx.Multiply(Avx.Multiply(Avx.ConvertToVector256Double(Sse.LoadVector128(p11 + ch)), vr1), vc1));
                StoreFloats(Avx.ConvertToVector128Single(v), d + ch, left);
            }
        }
        else
        {
            var vr0 = Vector128.Create(wr0);
            var vr1 = Vector128.Create(wr1);
            var vc0 = Vector128.Create(wc0);
            var vc1 = Vector128.Create(wc1);
            for (; ch < channels; ch += 4)
            {
                int left = channels - ch;
                if (left < 4 && careful) break;
                var q00 = Sse.LoadVector128(p00 + ch);
                var q01 = Sse.LoadVector128(p01 + ch);
                var q10 = Sse.LoadVector128(p10 + ch);
                var q11 = Sse.LoadVector128(p11 + ch);
                var lo = Vector128<double>.Zero;
                lo += Vector128.WidenLower(q00) * vr0 * vc0;
                lo += Vector128.WidenLower(q01) * vr0 * vc1;
                lo += Vector128.WidenLower(q10) * vr1 * vc0;
                lo += Vector128.WidenLower(q11) * vr1 * vc1;
                var hi = Vector128<double>.Zero;
                hi += Vector128.WidenUpper(q00) * vr0 * vc0;
                hi += Vector128.WidenUpper(q01) * vr0 * vc1;
                hi += Vector128.WidenUpper(q10) * vr1 * vc0;
                hi += Vector128.WidenUpper(q11) * vr1 * vc1;
                StoreFloats(Vector128.Narrow(lo, hi), d + ch, left);
            }
        }
        for (; ch < channels; ch++)
        {
            double v = 0.0;
            v += p00[ch] * wr0 * wc0;
            v += p01[ch] * wr0 * wc1;
            v += p10[ch] * wr1 * wc0;
            v += p11[ch] * wr1 * wc1;
            d[ch] = (float)v;
        }
    }

    /// <summary>
    /// The eight pixels of a block, two at a time in a Vector512 of double (pixel 2k in the lower
    /// four lanes, 2k+1 in the upper four), in the scalar code's operation order; with
    /// <paramref name="bright"/>, Keras' brightness of in-range values applied before the store.
    /// Returns the lanes (of <paramref name="valid"/>) whose blended value lies outside [0, 255].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> BlendPairs512(float* src, ref Block block, float* d, long step, bool three,
        bool bright, Vector256<float> alpha, Vector256<float> keep, Vector256<float> valid)
    {
        Vector512<double> wr0, wr1, wc0, wc1;
        fixed (double* p = block.Wr0) wr0 = Vector512.Load(p);
        fixed (double* p = block.Wr1) wr1 = Vector512.Load(p);
        fixed (double* p = block.Wc0) wc0 = Vector512.Load(p);
        fixed (double* p = block.Wc1) wc1 = Vector512.Load(p);
        // Unrolled, so that the tap indices are read from fixed places of the block.
        var f0 = BlendPair512(src, ref block, 0, wr0, wr1, wc0, wc1);
        var f1 = BlendPair512(src, ref block, 2, wr0, wr1, wc0, wc1);
        var f2 = BlendPair512(src, ref block, 4, wr0, wr1, wc0, wc1);
        var f3 = BlendPair512(src, ref block, 6, wr0, wr1, wc0, wc1);
        var outside = Vector256<float>.Zero;
        if (bright)
        {
            outside = (KerasColor.OutsideByteRange(f0) | KerasColor.OutsideByteRange(f1) | KerasColor.OutsideByteRange(f2) | KerasColor.OutsideByteRange(f3)) & valid;
            f0 = KerasColor.BrightenInRange(f0, alpha, keep);
            f1 = KerasColor.BrightenInRange(f1, alpha, keep);
            f2 = KerasColor.BrightenInRange(f2, alpha, keep);
            f3 = KerasColor.BrightenInRange(f3, alpha, keep);
        }
        StorePair(f0, d, step, three);
        StorePair(f1, d + 2 * step, step, three);
        StorePair(f2, d + 4 * step, step, three);
        StorePair(f3, d + 6 * step, step, three);
        return outside;
    }

    /// <summary>Two blended pixels (four lanes each) to <paramref name="d"/> and <paramref name="d"/> + <paramref name="step"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePair(Vector256<float> f, float* d, long step, bool three)
    {
        if (three)
        {
            Store3(f.GetLower(), d);
            Store3(f.GetUpper(), d + step);
        }
        else
        {
            f.GetLower().Store(d);
            f.GetUpper().Store(d + step);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> BlendPair512(float* src, ref Block block, int a, Vector512<double> wr0, Vector512<double> wr1, Vector512<double> wc0, Vector512<double> wc1)
    {
        int b = a + 1;
        var pair = Vector512.Create((long)a, a, a, a, b, b, b, b);
        var r0 = Avx512F.PermuteVar8x64(wr0, pair);
        var r1 = Avx512F.PermuteVar8x64(wr1, pair);
        var q0 = Avx512F.PermuteVar8x64(wc0, pair);
        var q1 = Avx512F.PermuteVar8x64(wc1, pair);
        var t00 = Avx512F.ConvertToVector512Double(Vector256.Create(Sse.LoadVector128(src + block.I00[a]), Sse.LoadVector128(src + block.I00[b])));
        var t01 = Avx512F.ConvertToVector512Double(Vector256.Create(Sse.LoadVector128(src + block.I01[a]), Sse.LoadVector128(src + block.I01[b])));
        var t10 = Avx512F.ConvertToVector512Double(Vector256.Create(Sse.LoadVector128(src + block.I10[a]), Sse.LoadVector128(src + block.I10[b])));
        var t11 = Avx512F.ConvertToVector512Double(Vector256.Create(Sse.LoadVector128(src + block.I11[a]), Sse.LoadVector128(src + block.I11[b])));
        var v = Vector512<double>.Zero;
        v = Avx512F.Add(v, Avx512F.Multiply(Avx512F.Multiply(t00, r0), q0));
        v = Avx512F.Add(v, Avx512F.Multiply(Avx512F.Multiply(t01, r0), q1));
        v = Avx512F.Add(v, Avx512F.Multiply(Avx512F.Multiply(t10, r1), q0));
        v = Avx512F.Add(v, Avx512F.Multiply(Avx512F.Multiply(t11, r1), q1));
        return Avx512F.ConvertToVector256Single(v);
    }

    /// <summary>Four channels of one output pixel with AVX, in the scalar code's operation order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Blend4(float* p00, float* p01, float* p10, float* p11, double wr0, double wr1, double wc0, double wc1)
    {
        var vr0 = Vector256.Create(wr0);
        var vr1 = Vector256.Create(wr1);
        var vc0 = Vector256.Create(wc0);
        var vc1 = Vector256.Create(wc1);
        var v = Vector256<double>.Zero;
        v = Avx.Add(v, Avx.Multiply(Avx.Multiply(Avx.ConvertToVector256Double(Sse.LoadVector128(p00)), vr0), vc0));
        v = Avx.Add(v, Avx.Multiply(Avx.Multiply(Avx.ConvertToVector256Double(Sse.LoadVector128(p01)), vr0), vc1));
        v = Avx.Add(v, Avx.Multiply(Avx.Multiply(Avx.ConvertToVector256Double(Sse.LoadVector128(p10)), vr1), vc0));
        v = Avx.Add(v, Avx.Multiply(Avx.Multiply(Avx.ConvertToVector256Double(Sse.LoadVector128(p11)), vr1), vc1));
        return Avx.ConvertToVector128Single(v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store3(Vector128<float> f, float* d)
    {
        *(double*)d = f.AsDouble().ToScalar();
        d[2] = f.GetElement(2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFloats(Vector128<float> f, float* d, int left)
    {
        switch (left)
        {
            case 1:
                *d = f.ToScalar();
                break;
            case 2:
                *(double*)d = f.AsDouble().ToScalar();
                break;
            case 3:
                *(double*)d = f.AsDouble().ToScalar();
                d[2] = f.GetElement(2);
                break;
            default:
                f.Store(d);
                break;
        }
    }

    /// <summary>The double operations of the coordinate stage, for one vector width.</summary>
    private interface IDoubleOps<TV> where TV : struct
    {
        static abstract int Count { get; }
        static abstract TV Splat(double v);
        static abstract TV Load(double* p);
        static abstract void Store(TV v, double* p);
        static abstract void StoreInt32(TV v, int* p);
        static abstract TV Add(TV a, TV b);
        static abstract TV Sub(TV a, TV b);
        static abstract TV Mul(TV a, TV b);
        static abstract TV Div(TV a, TV b);
        static abstract TV Floor(TV v);
        static abstract TV Truncate(TV v);
        static abstract TV Abs(TV v);
        static abstract TV Min(TV a, TV b);
        static abstract TV Max(TV a, TV b);
        static abstract TV LessThan(TV a, TV b);
        static abstract TV GreaterThan(TV a, TV b);
        static abstract TV LessThanOrEqual(TV a, TV b);
        static abstract TV Select(TV mask, TV a, TV b);
        static abstract uint Mask(TV mask);
    }

    private struct V512 : IDoubleOps<Vector512<double>>
    {
        public static int Count => 8;
        public static Vector512<double> Splat(double v) => Vector512.Create(v);
        public static Vector512<double> Load(double* p) => Vector512.Load(p);
        public static void Store(Vector512<double> v, double* p) => v.Store(p);
        public static void StoreInt32(Vector512<double> v, int* p) => Avx512F.ConvertToVector256Int32WithTruncation(v).Store(p);
        public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;
        public static Vector512<double> Sub(Vector512<double> a, Vector512<double> b) => a - b;
        public static Vector512<double> Mul(Vector512<double> a, Vector512<double> b) => a * b;
        public static Vector512<double> Div(Vector512<double> a, Vector512<double> b) => a / b;
        public static Vector512<double> Floor(Vector512<double> v) => Vector512.Floor(v);
        public static Vector512<double> Truncate(Vector512<double> v) => Vector512.Truncate(v);
        public static Vector512<double> Abs(Vector512<double> v) => Vector512.Abs(v);
        public static Vector512<double> Min(Vector512<double> a, Vector512<double> b) => Avx512F.Min(a, b);
        public static Vector512<double> Max(Vector512<double> a, Vector512<double> b) => Avx512F.Max(a, b);
        public static Vector512<double> LessThan(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b);
        public static Vector512<double> GreaterThan(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThan(a, b);
        public static Vector512<double> LessThanOrEqual(Vector512<double> a, Vector512<double> b) => Vector512.LessThanOrEqual(a, b);
        public static Vector512<double> Select(Vector512<double> m, Vector512<double> a, Vector512<double> b) => Vector512.ConditionalSelect(m, a, b);
        public static uint Mask(Vector512<double> m) => (uint)m.ExtractMostSignificantBits();
    }

    private struct V256 : IDoubleOps<Vector256<double>>
    {
        public static int Count => 4;
        public static Vector256<double> Splat(double v) => Vector256.Create(v);
        public static Vector256<double> Load(double* p) => Vector256.Load(p);
        public static void Store(Vector256<double> v, double* p) => v.Store(p);
        public static void StoreInt32(Vector256<double> v, int* p) => Avx.ConvertToVector128Int32WithTruncation(v).Store(p);
        public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;
        public static Vector256<double> Sub(Vector256<double> a, Vector256<double> b) => a - b;
        public static Vector256<double> Mul(Vector256<double> a, Vector256<double> b) => a * b;
        public static Vector256<double> Div(Vector256<double> a, Vector256<double> b) => a / b;
        public static Vector256<double> Floor(Vector256<double> v) => Avx.Floor(v);
        public static Vector256<double> Truncate(Vector256<double> v) => Avx.RoundToZero(v);
        public static Vector256<double> Abs(Vector256<double> v) => Vector256.Abs(v);
        public static Vector256<double> Min(Vector256<double> a, Vector256<double> b) => Avx.Min(a, b);
        public static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Avx.Max(a, b);
        public static Vector256<double> LessThan(Vector256<double> a, Vector256<double> b) => Vector256.LessThan(a, b);
        public static Vector256<double> GreaterThan(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThan(a, b);
        public static Vector256<double> LessThanOrEqual(Vector256<double> a, Vector256<double> b) => Vector256.LessThanOrEqual(a, b);
        public static Vector256<double> Select(Vector256<double> m, Vector256<double> a, Vector256<double> b) => Vector256.ConditionalSelect(m, a, b);
        public static uint Mask(Vector256<double> m) => m.ExtractMostSignificantBits();
    }

    private struct V128 : IDoubleOps<Vector128<double>>
    {
        public static int Count => 2;
        public static Vector128<double> Splat(double v) => Vector128.Create(v);
        public static Vector128<double> Load(double* p) => Vector128.Load(p);
        public static void Store(Vector128<double> v, double* p) => v.Store(p);
        public static void StoreInt32(Vector128<double> v, int* p) => *(long*)p = Sse2.ConvertToVector128Int32WithTruncation(v).AsInt64().ToScalar();
        public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;
        public static Vector128<double> Sub(Vector128<double> a, Vector128<double> b) => a - b;
        public static Vector128<double> Mul(Vector128<double> a, Vector128<double> b) => a * b;
        public static Vector128<double> Div(Vector128<double> a, Vector128<double> b) => a / b;
        public static Vector128<double> Floor(Vector128<double> v) => Sse41.Floor(v);
        public static Vector128<double> Truncate(Vector128<double> v) => Sse41.RoundToZero(v);
        public static Vector128<double> Abs(Vector128<double> v) => Vector128.Abs(v);
        public static Vector128<double> Min(Vector128<double> a, Vector128<double> b) => Sse2.Min(a, b);
        public static Vector128<double> Max(Vector128<double> a, Vector128<double> b) => Sse2.Max(a, b);
        public static Vector128<double> LessThan(Vector128<double> a, Vector128<double> b) => Vector128.LessThan(a, b);
        public static Vector128<double> GreaterThan(Vector128<double> a, Vector128<double> b) => Vector128.GreaterThan(a, b);
        public static Vector128<double> LessThanOrEqual(Vector128<double> a, Vector128<double> b) => Vector128.LessThanOrEqual(a, b);
        public static Vector128<double> Select(Vector128<double> m, Vector128<double> a, Vector128<double> b) => Vector128.ConditionalSelect(m, a, b);
        public static uint Mask(Vector128<double> m) => m.ExtractMostSignificantBits();
    }
}
