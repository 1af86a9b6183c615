using System.Runtime.CompilerServices;

namespace AugSharp.Keras;

/// <summary>
/// Keras' <c>apply_affine_transform</c>: the matrix as Keras builds it (R·S·Sh·Z, centred on
/// (H/2-0.5, W/2-0.5), x/y swapped), and scipy.ndimage.affine_transform's resampling for spline
/// orders 0 and 1, reproduced operation for operation.
/// </summary>
internal static class KerasAffine
{
    /// <summary>
    /// The scipy (row, col) matrix and offset of a Keras transform on an image of
    /// <paramref name="rows"/> x <paramref name="cols"/>, or null when the transform is the identity
    /// (Keras then returns the input untouched).
    /// </summary>
    public static ScipyAffine? BuildMatrix(double theta, double tx, double ty, double shear, double zx, double zy, int rows, int cols, bool trueCentre = false)
    {
        double[,]? m = null;
        if (theta != 0)
        {
            double t = theta * (Math.PI / 180.0);
            m = new[,] { { Math.Cos(t), -Math.Sin(t), 0 }, { Math.Sin(t), Math.Cos(t), 0 }, { 0, 0, 1.0 } };
        }
        if (tx != 0 || ty != 0)
        {
            var shift = new[,] { { 1, 0, tx }, { 0, 1, ty }, { 0, 0, 1.0 } };
            m = m is null ? shift : Dot(m, shift);
        }
        if (shear != 0)
        {
            double s = shear * (Math.PI / 180.0);
            var sh = new[,] { { 1, -Math.Sin(s), 0 }, { 0, Math.Cos(s), 0 }, { 0, 0, 1.0 } };
            m = m is null ? sh : Dot(m, sh);
        }
        if (zx != 1 || zy != 1)
        {
            var z = new[,] { { zx, 0, 0 }, { 0, zy, 0 }, { 0, 0, 1.0 } };
            m = m is null ? z : Dot(m, z);
        }
        if (m is null) return null;

        // transform_matrix_offset_center(m, h, w): Keras' o_x (the column centre after the swap)
        // comes from the rows and o_y from the columns; the true centre swaps them.
        double ox = (trueCentre ? cols : rows) / 2.0 - 0.5;
        double oy = (trueCentre ? rows : cols) / 2.0 - 0.5;
        var offset = new[,] { { 1, 0, ox }, { 0, 1, oy }, { 0, 0, 1.0 } };
        var reset = new[,] { { 1, 0, -ox }, { 0, 1, -oy }, { 0, 0, 1.0 } };
        var t3 = Dot(Dot(offset, m), reset);

        // The x/y swap P·T·P (always, as col_axis > row_axis in both data formats).
        return new ScipyAffine(t3[1, 1], t3[1, 0], t3[0, 1], t3[0, 0], t3[1, 2], t3[0, 2]);
    }

    private static double[,] Dot(double[,] a, double[,] b)
    {
        var r = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double sum = 0;
                for (int k = 0; k < 3; k++) sum += a[i, k] * b[k, j];
                r[i, j] = sum;
            }
        }
        return r;
    }

    /// <summary>
    /// Resamples every channel of <paramref name="input"/> into <paramref name="output"/> (same
    /// layout) as scipy's affine_transform with <paramref name="order"/> 0 or 1 does, one output
    /// coordinate at a time in double, cast to float once.
    /// </summary>
    public static void Resample(ReadOnlySpan<float> input, Span<float> output, in PlaneLayout layout, in ScipyAffine a, int order, FillMode mode, double cval)
    {
        if (order > 1)
        {
            for (int ch = 0; ch < layout.Channels; ch++)
            {
                int planeOffset = ch * layout.ChannelStride;
                ScipySpline.AffineTransform(input[planeOffset..], layout.Rows, layout.Cols, layout.RowStride, layout.ColStride,
                    output[planeOffset..], layout.RowStride, layout.ColStride,
                    a.M00, a.M01, a.M10, a.M11, a.Offset0, a.Offset1, order, mode, cval);
            }
            return;
        }

        int rows = layout.Rows, cols = layout.Cols, channels = layout.Channels;
        int rs = layout.RowStride, cs = layout.ColStride, chs = layout.ChannelStride;
        float fill = (float)cval;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                int outBase = r * rs + c * cs;
                if (order != 0)
                {
                    LinearPixel(input, output[outBase..], layout, a, r, c, mode, fill);
                    continue;
                }
                double rin = 0.0 + r * a.M00 + c * a.M01 + a.Offset0;
                double cin = 0.0 + r * a.M10 + c * a.M11 + a.Offset1;
                if (mode == FillMode.Constant && (rin < 0 || rin > rows - 1 || cin < 0 || cin > cols - 1 || double.IsNaN(rin) || double.IsNaN(cin)))
                {
                    for (int ch = 0; ch < channels; ch++) output[outBase + ch * chs] = fill;
                    continue;
                }
                int ri = NearestTap(rin, rows, mode);
                int ci = NearestTap(cin, cols, mode);
                int inBase = ri * rs + ci * cs;
                for (int ch = 0; ch < channels; ch++) output[outBase + ch * chs] = input[inBase + ch * chs];
            }
        }
    }

    /// <summary>
    /// One output pixel (r, c) of the order-1 resample, every channel: element ch goes to
    /// <c>output[ch * ChannelStride]</c>. The coordinate in double, scipy's taps and weights, the
    /// four products summed in double and cast to float once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void LinearPixel(ReadOnlySpan<float> input, Span<float> output, in PlaneLayout layout, in ScipyAffine a, int r, int c, FillMode mode, float fill)
    {
        int rows = layout.Rows, cols = layout.Cols, channels = layout.Channels;
        int rs = layout.RowStride, cs = layout.ColStride, chs = layout.ChannelStride;
        double rin = 0.0 + r * a.M00 + c * a.M01 + a.Offset0;
        double cin = 0.0 + r * a.M10 + c * a.M11 + a.Offset1;
        if (mode == FillMode.Constant && (rin < 0 || rin > rows - 1 || cin < 0 || cin > cols - 1 || double.IsNaN(rin) || double.IsNaN(cin)))
        {
            for (int ch = 0; ch < channels; ch++) output[ch * chs] = fill;
            return;
        }
        LinearTaps(rin, rows, mode, out int r0, out int r1, out double wr0, out double wr1);
        LinearTaps(cin, cols, mode, out int c0, out int c1, out double wc0, out double wc1);
        int i00 = r0 * rs + c0 * cs, i01 = r0 * rs + c1 * cs, i10 = r1 * rs + c0 * cs, i11 = r1 * rs + c1 * cs;
        for (int ch = 0; ch < channels; ch++)
        {
            int o = ch * chs;
            double v = 0.0;
            v += input[i00 + o] * wr0 * wc0;
            v += input[i01 + o] * wr0 * wc1;
            v += input[i10 + o] * wr1 * wc0;
            v += input[i11 + o] * wr1 * wc1;
            output[o] = (float)v;
        }
    }

    /// <summary>Maps a coordinate as scipy does before choosing taps: wrap folds it with period n-1; the other modes leave it (nearest clamps the taps, not the coordinate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double MapCoordinate(double coord, int n, FillMode mode)
    {
        switch (mode)
        {
            case FillMode.Wrap:
                if (n <= 1) return 0;
                int period = n - 1;
                if (coord < 0) coord += period * (Math.Truncate(-coord / period) + 1);
                else if (coord > period) coord -= period * Math.Truncate(coord / period);
                return coord;
            default:
                return coord;
        }
    }

    /// <summary>Maps an integer tap to a valid index (reflect: half-sample symmetric; others clamp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int MapTap(long k, int n, FillMode mode)
    {
        if (mode == FillMode.Reflect)
        {
            long twoN = 2L * n;
            long m = k % twoN;
            if (m < 0) m += twoN;
            return (int)(m < n ? m : twoN - 1 - m);
        }
        return (int)(k < 0 ? 0 : k > n - 1 ? n - 1 : k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NearestTap(double coord, int n, FillMode mode)
    {
        double mapped = MapCoordinate(coord, n, mode);
        return MapTap((long)Math.Floor(mapped + 0.5), n, mode);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LinearTaps(double coord, int n, FillMode mode, out int i0, out int i1, out double w0, out double w1)
    {
        double mapped = MapCoordinate(coord, n, mode);
        double f = Math.Floor(mapped);
        double t = mapped - f;
        long k = (long)f;
        w0 = 1.0 - t;
        w1 = t;
        i0 = MapTap(k, n, mode);
        i1 = MapTap(k + 1, n, mode);
    }
}

/// <summary>scipy's (row, col) affine: input (r_in, c_in) = [[M00, M01], [M10, M11]]·(r, c) + (Offset0, Offset1).</summary>
internal readonly record struct ScipyAffine(double M00, double M01, double M10, double M11, double Offset0, double Offset1);

/// <summary>Where the elements of an image are: element (r, c, ch) at r*RowStride + c*ColStride + ch*ChannelStride.</summary>
internal readonly record struct PlaneLayout(int Rows, int Cols, int Channels, int RowStride, int ColStride, int ChannelStride)
{
    public static PlaneLayout ChannelsLast(int rows, int cols, int channels) => new(rows, cols, channels, cols * channels, channels, 1);

    public static PlaneLayout ChannelsFirst(int channels, int rows, int cols) => new(rows, cols, channels, cols, 1, rows * cols);
}
