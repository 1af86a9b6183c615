namespace AugSharp.Keras;

/// <summary>
/// scipy 1.10.1's <c>scipy.ndimage.affine_transform</c> on one 2-D plane with spline interpolation
/// (<c>prefilter=True</c>, output shape = input shape), reproduced operation for operation: edge
/// pre-padding for 'nearest', the B-spline prefilter in float64 with scipy's mode-dependent boundary
/// initialisation, and the per-point spline evaluation with scipy's coordinate mapping.
/// </summary>
internal static class ScipySpline
{
    /// <summary>scipy pads this many edge pixels on every side before prefiltering in 'nearest' mode.</summary>
    private const int NearestPad = 12;

    /// <summary>
    /// Resamples one plane as
    /// <c>affine_transform(plane, [[m00, m01], [m10, m11]], [off0, off1], order, mode, cval, prefilter=True)</c>.
    /// Input element (r, c) is <c>input[r*inRowStride + c*inColStride]</c>; output (r, c) is written to
    /// <c>output[r*outRowStride + c*outColStride]</c> as a float.
    /// </summary>
    public static void AffineTransform(ReadOnlySpan<float> input, int rows, int cols, int inRowStride, int inColStride,
        Span<float> output, int outRowStride, int outColStride,
        double m00, double m01, double m10, double m11, double off0, double off1,
        int order, FillMode mode, double cval)
    {
        if (order < 0 || order > 5) throw new ArgumentOutOfRangeException(nameof(order), order, "Spline order must be between 0 and 5.");
        if (rows <= 0 || cols <= 0) throw new ArgumentOutOfRangeException(nameof(rows), "The plane must not be empty.");

        // scipy: _prepad_for_spline_filter pads only for 'nearest', and only when a prefilter runs.
        int pad = order > 1 && mode == FillMode.Nearest ? NearestPad : 0;
        int pr = rows + 2 * pad, pc = cols + 2 * pad;
        var coeffs = new double[pr * pc];
        for (int r = 0; r < pr; r++)
        {
            int sr = Math.Clamp(r - pad, 0, rows - 1);
            for (int c = 0; c < pc; c++)
            {
                int sc = Math.Clamp(c - pad, 0, cols - 1);
                coeffs[r * pc + c] = input[sr * inRowStride + sc * inColStride];
            }
        }

        if (order > 1) SplineFilter2D(coeffs, pr, pc, order, mode);
        Evaluate(coeffs, pr, pc, pad, rows, cols, output, outRowStride, outColStride,
            m00, m01, m10, m11, off0, off1, order, mode, cval);
    }

    // ---------------------------------------------------------------- prefilter (ni_splines.c)

    private static ReadOnlySpan<double> Poles(int order) => order switch
    {
        2 => [-0.171572875253809902396622551580603843],
        3 => [-0.267949192431122706472553658494127633],
        4 => [-0.361341225900220177092212841325675255, -0.013725429297339121360331226939128204],
        5 => [-0.430575347099973791851434783493520110, -0.043096288203264653822712376822550182],
        _ => throw new ArgumentOutOfRangeException(nameof(order)),
    };

    /// <summary>spline_filter: axis 0 (columns) first, then axis 1 (rows), in place in float64.</summary>
    internal static void SplineFilter2D(double[] data, int rows, int cols, int order, FillMode mode)
    {
        // 'reflect' and 'nearest' (already edge-padded) use the half-sample symmetric initialisation;
        // 'constant' and 'wrap' fall back to the whole-sample mirror one, as scipy does.
        bool reflectInit = mode is FillMode.Reflect or FillMode.Nearest;
        var poles = Poles(order);
        var line = new double[Math.Max(rows, cols)];
        for (int c = 0; c < cols; c++)
        {
            for (int r = 0; r < rows; r++) line[r] = data[r * cols + c];
            FilterLine(line.AsSpan(0, rows), poles, reflectInit);
            for (int r = 0; r < rows; r++) data[r * cols + c] = line[r];
        }
        for (int r = 0; r < rows; r++)
            FilterLine(data.AsSpan(r * cols, cols), poles, reflectInit);
    }

    private static void FilterLine(Span<double> c, ReadOnlySpan<double> poles, bool reflectInit)
    {
        int n = c.Length;
        if (n <= 1) return;
        double gain = 1.0;
        foreach (double z in poles) gain *= (1.0 - z) * (1.0 - 1.0 / z);
        for (int i = 0; i < n; i++) c[i] *= gain;
        foreach (double z in poles)
        {
            if (reflectInit) InitCausalReflect(c, z); else InitCausalMirror(c, z);
            for (int i = 1; i < n; i++) c[i] += z * c[i - 1];
            if (reflectInit) c[n - 1] *= z / (z - 1);
            else c[n - 1] = (z * c[n - 2] + c[n - 1]) * z / (z * z - 1);
            for (int i = n - 2; i >= 0; i--) c[i] = z * (c[i + 1] - c[i]);
        }
    }

    private static void InitCausalMirror(Span<double> c, double z)
    {
        int n = c.Length;
        double zi = z;
        double zn1 = Math.Pow(z, n - 1);
        c[0] = c[0] + zn1 * c[n - 1];
        for (int i = 1; i < n - 1; i++)
        {
            c[0] += zi * (c[i] + zn1 * c[n - 1 - i]);
            zi *= z;
        }
        c[0] /= 1 - zn1 * zn1;
    }

    private static void InitCausalReflect(Span<double> c, double z)
    {
        int n = c.Length;
        double zi = z;
        double zn = Math.Pow(z, n);
        double c0 = c[0];
        c[0] = c[0] + zn * c[n - 1];
        for (int i = 1; i < n; i++)
        {
            c[0] += zi * (c[i] + zn * c[n - 1 - i]);
            zi *= z;
        }
        c[0] *= z / (1 - zn * zn);
        c[0] += c0;
    }

    // ---------------------------------------------------------------- evaluation (ni_interpolation.c)

    private enum Extend { Nearest, Wrap, Reflect, Mirror, Constant }

    private static Extend ToExtend(FillMode mode) => mode switch
    {
        FillMode.Constant => Extend.Constant,
        FillMode.Nearest => Extend.Nearest,
        FillMode.Reflect => Extend.Reflect,
        FillMode.Wrap => Extend.Wrap,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>scipy's map_coordinate: maps a coordinate outside [0, len-1]; -1 means "use cval".</summary>
    private static double MapCoordinate(double x, long len, Extend mode)
    {
        if (x < 0)
        {
            switch (mode)
            {
                case Extend.Mirror:
                    if (len <= 1) return 0;
                    {
                        long sz2 = 2 * len - 2;
                        x = sz2 * (long)(-x / sz2) + x;
                        return x <= 1 - len ? x + sz2 : -x;
                    }
                case Extend.Reflect:
                    if (len <= 1) return 0;
                    {
                        long sz2 = 2 * len;
                        if (x < -sz2) x = sz2 * (long)(-x / sz2) + x;
                        return x < -len ? x + sz2 : -x - 1;
                    }
                case Extend.Wrap:
                    if (len <= 1) return 0;
                    {
                        long sz = len - 1;
                        return x + sz * ((long)(-x / sz) + 1);
                    }
                case Extend.Nearest:
                    return 0;
                default:
                    return -1;
            }
        }
        if (x > len - 1)
        {
            switch (mode)
            {
                case Extend.Mirror:
                    if (len <= 1) return 0;
                    {
                        long sz2 = 2 * len - 2;
                        x -= sz2 * (long)(x / sz2);
                        return x >= len ? sz2 - x : x;
                    }
                case Extend.Reflect:
                    if (len <= 1) return 0;
                    {
                        long sz2 = 2 * len;
                        x -= sz2 * (long)(x / sz2);
                        return x >= len ? sz2 - x - 1 : x;
                    }
                case Extend.Wrap:
                    if (len <= 1) return 0;
                    {
                        long sz = len - 1;
                        return x - sz * (long)(x / sz);
                    }
                case Extend.Nearest:
                    return len - 1;
                default:
                    return -1;
            }
        }
        return x;
    }

    /// <summary>get_spline_interpolation_weights: order+1 weights for the taps starting at the filter start.</summary>
    private static void Weights(double x, int order, Span<double> w)
    {
        x -= Math.Floor((order & 1) != 0 ? x : x + 0.5);
        double y = x, z = 1.0 - x, t;
        switch (order)
        {
            case 1:
                w[0] = 1.0 - x;
                break;
            case 2:
                w[1] = 0.75 - x * x;
                y = 0.5 - x;
                w[0] = 0.5 * y * y;
                break;
            case 3:
                w[1] = (y * y * (y - 2.0) * 3.0 + 4.0) / 6.0;
                w[2] = (z * z * (z - 2.0) * 3.0 + 4.0) / 6.0;
                w[0] = z * z * z / 6.0;
                break;
            case 4:
                t = x * x;
                w[2] = t * (t * 0.25 - 0.625) + 115.0 / 192.0;
                y = 1.0 + x;
                w[1] = y * (y * (y * (5.0 - y) / 6.0 - 1.25) + 5.0 / 24.0) + 55.0 / 96.0;
                w[3] = z * (z * (z * (5.0 - z) / 6.0 - 1.25) + 5.0 / 24.0) + 55.0 / 96.0;
                y = 0.5 - x;
                t = y * y;
                w[0] = t * t / 24.0;
                break;
            case 5:
                t = y * y;
                w[2] = t * (t * (0.25 - y / 12.0) - 0.5) + 0.55;
                t = z * z;
                w[3] = t * (t * (0.25 - z / 12.0) - 0.5) + 0.55;
                y += 1.0;
                w[1] = y * (y * (y * (y * (y / 24.0 - 0.375) + 1.25) - 1.75) + 0.625) + 0.425;
                z += 1.0;
                w[4] = z * (z * (z * (z * (z / 24.0 - 0.375) + 1.25) - 1.75) + 0.625) + 0.425;
                y = 1.0 - x;
                t = y * y;
                w[0] = y * t * t / 120.0;
                break;
        }
        w[order] = 1.0;
        for (int i = 0; i < order; i++) w[order] -= w[i];
    }

    /// <summary>
    /// Fills <paramref name="taps"/> with the source indices of the order+1 spline taps around
    /// <paramref name="x"/> and <paramref name="w"/> with their weights. Taps beyond the border are
    /// mapped with the spline boundary mode ('constant' and 'wrap' use mirror).
    /// </summary>
    private static void Taps(double x, int len, int order, Extend splineMode, Span<int> taps, Span<double> w)
    {
        long start = (order & 1) != 0 ? (long)Math.Floor(x) - order / 2 : (long)Math.Floor(x + 0.5) - order / 2;
        bool edge = start < 0 || start + order >= len;
        for (int l = 0; l <= order; l++)
        {
            long idx = start + l;
            if (edge) idx = (long)MapCoordinate(idx, len, splineMode);
            taps[l] = (int)idx;
        }
        if (order > 0) Weights(x, order, w);
        else w[0] = 1.0;
    }

    private static void Evaluate(double[] coeffs, int pr, int pc, int pad, int rows, int cols,
        Span<float> output, int outRowStride, int outColStride,
        double m00, double m01, double m10, double m11, double off0, double off1,
        int order, FillMode fill, double cval)
    {
        var mode = ToExtend(fill);
        var splineMode = mode is Extend.Constant or Extend.Wrap ? Extend.Mirror : mode;
        int n = order + 1;
        Span<int> tr = stackalloc int[n];
        Span<int> tc = stackalloc int[n];
        Span<double> wr = stackalloc double[n];
        Span<double> wc = stackalloc double[n];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                // Same operation order as NI_GeometricTransform's affine branch (no FMA).
                double y = 0.0;
                y += r * m00;
                y += c * m01;
                y += off0;
                double x = 0.0;
                x += r * m10;
                x += c * m11;
                x += off1;
                if (pad != 0)
                {
                    y += pad;
                    x += pad;
                }

                // 'nearest' leaves the coordinate as it is (no clamping, even far outside the padded
                // plane); only the spline taps are clamped to the border.
                double value;
                double cy = mode == Extend.Nearest ? y : MapCoordinate(y, pr, mode);
                double cx = mode == Extend.Nearest ? x : cy > -1.0 ? MapCoordinate(x, pc, mode) : -1.0;
                if (mode == Extend.Nearest || (cy > -1.0 && cx > -1.0))
                {
                    Taps(cy, pr, order, splineMode, tr, wr);
                    Taps(cx, pc, order, splineMode, tc, wc);
                    double t = 0.0;
                    for (int i = 0; i < n; i++)
                    {
                        int rowBase = tr[i] * pc;
                        for (int j = 0; j < n; j++)
                        {
                            double coeff = coeffs[rowBase + tc[j]];
                            if (order > 0)
                            {
                                coeff *= wr[i];
                                coeff *= wc[j];
                            }
                            t += coeff;
                        }
                    }
                    value = t;
                }
                else
                {
                    value = cval;
                }
                output[r * outRowStride + c * outColStride] = (float)value;
            }
        }
    }
}
