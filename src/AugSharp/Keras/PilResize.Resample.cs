namespace AugSharp.Keras;

/// <summary>Pillow's separable antialiased resampler (ImagingResample) for 8-bit images.</summary>
internal static partial class PilResize
{
    /// <summary>Fixed-point fraction bits of the 8-bit path: 32 - 8 - 2.</summary>
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>Filter support radius in source pixels at scale 1.</summary>
    private static double Support(PilInterpolation filter) => filter switch
    {
        PilInterpolation.Box => 0.5,
        PilInterpolation.Bilinear => 1.0,
        PilInterpolation.Hamming => 1.0,
        PilInterpolation.Bicubic => 2.0,
        PilInterpolation.Lanczos => 3.0,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "NEAREST has no resampling kernel."),
    };

    private static double Kernel(PilInterpolation filter, double x)
    {
        switch (filter)
        {
            case PilInterpolation.Box:
                return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case PilInterpolation.Bilinear:
                if (x < 0.0) x = -x;
                return x < 1.0 ? 1.0 - x : 0.0;
            case PilInterpolation.Hamming:
                if (x < 0.0) x = -x;
                if (x == 0.0) return 1.0;
                if (x >= 1.0) return 0.0;
                x *= Math.PI;
                // Pillow writes the window constants as C floats (0.54f, 0.46f).
                return Math.Sin(x) / x * ((double)0.54f + (double)0.46f * Math.Cos(x));
            case PilInterpolation.Bicubic:
                {
                    const double a = -0.5;
                    if (x < 0.0) x = -x;
                    if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
                    if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
                    return 0.0;
                }
            case PilInterpolation.Lanczos:
                return -3.0 <= x && x < 3.0 ? Sinc(x) * Sinc(x / 3) : 0.0;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, null);
        }
    }

    private static double Sinc(double x)
    {
        if (x == 0.0) return 1.0;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }

    /// <summary>
    /// Pillow's precompute_coeffs followed by normalize_coeffs_8bpc: for each output position the first
    /// source index, the tap count, and <paramref name="ksize"/> fixed-point weights.
    /// </summary>
    private static int[] PrecomputeCoefficients(int inSize, float in0, float in1, int outSize, PilInterpolation filter,
        out int[] bounds, out int ksize)
    {
        double scale = (double)(in1 - in0) / outSize;
        double filterScale = scale < 1.0 ? 1.0 : scale;
        double support = Support(filter) * filterScale;
        ksize = (int)Math.Ceiling(support) * 2 + 1;
        var kk = new double[outSize * ksize];
        bounds = new int[outSize * 2];
        for (int xx = 0; xx < outSize; xx++)
        {
            double center = in0 + (xx + 0.5) * scale;
            double ww = 0.0;
            double ss = 1.0 / filterScale;
            int xmin = (int)(center - support + 0.5);
            if (xmin < 0) xmin = 0;
            int xmax = (int)(center + support + 0.5);
            if (xmax > inSize) xmax = inSize;
            xmax -= xmin;
            int k = xx * ksize;
            for (int x = 0; x < xmax; x++)
            {
                double w = Kernel(filter, (x + xmin - center + 0.5) * ss);
                kk[k + x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++)
                if (ww != 0.0) kk[k + x] /= ww;
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
        }

        var fixedPoint = new int[kk.Length];
        for (int i = 0; i < kk.Length; i++)
            fixedPoint[i] = kk[i] < 0
                ? (int)(-0.5 + kk[i] * (1 << PrecisionBits))
                : (int)(0.5 + kk[i] * (1 << PrecisionBits));
        return fixedPoint;
    }

    /// <summary>Pillow's clip8: arithmetic shift out the fraction, clamp to a byte.</summary>
    private static byte Clip8(int value)
    {
        int v = value >> PrecisionBits;
        return v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
    }

    /// <summary>ImagingResampleInner: horizontal pass (on the rows the vertical pass needs), then vertical pass.</summary>
    private static ImageBuffer<byte> Resample(ImageBuffer<byte> source, int xsize, int ysize, PilInterpolation filter, float[] box)
    {
        int channels = source.Channels;
        bool needHorizontal = xsize != source.Width || box[0] != 0 || box[2] != xsize;
        bool needVertical = ysize != source.Height || box[1] != 0 || box[3] != ysize;

        var kkVert = PrecomputeCoefficients(source.Height, box[1], box[3], ysize, filter, out var boundsVert, out int ksizeVert);
        int yboxFirst = boundsVert[0];
        int yboxLast = boundsVert[ysize * 2 - 2] + boundsVert[ysize * 2 - 1];

        ImageBuffer<byte> current = source;
        ImageBuffer<byte>? temp = null;
        if (needHorizontal)
        {
            var kkHorz = PrecomputeCoefficients(source.Width, box[0], box[2], xsize, filter, out var boundsHorz, out int ksizeHorz);
            for (int i = 0; i < ysize; i++) boundsVert[i * 2] -= yboxFirst;
            int tempRows = yboxLast - yboxFirst;
            // Pillow allocates an image of this height even when it is 0 rows; keep at least one row.
            temp = new ImageBuffer<byte>(xsize, Math.Max(1, tempRows), channels);
            Span<int> sums = stackalloc int[channels];
            for (int yy = 0; yy < tempRows; yy++)
            {
                var inRow = source.GetRow(yy + yboxFirst);
                var outRow = temp.GetRow(yy);
                for (int xx = 0; xx < xsize; xx++)
                {
                    int xmin = boundsHorz[xx * 2], xmax = boundsHorz[xx * 2 + 1];
                    int k = xx * ksizeHorz;
                    sums.Fill(1 << (PrecisionBits - 1));
                    for (int x = 0; x < xmax; x++)
                    {
                        int w = kkHorz[k + x];
                        int p = (x + xmin) * channels;
                        for (int c = 0; c < channels; c++) sums[c] += inRow[p + c] * w;
                    }
                    for (int c = 0; c < channels; c++) outRow[xx * channels + c] = Clip8(sums[c]);
                }
            }
            current = temp;
        }

        if (needVertical)
        {
            var output = new ImageBuffer<byte>(current.Width, ysize, channels);
            int rowLength = current.Width * channels;
            var sums = new int[rowLength];
            for (int yy = 0; yy < ysize; yy++)
            {
                int ymin = boundsVert[yy * 2], ymax = boundsVert[yy * 2 + 1];
                int k = yy * ksizeVert;
                Array.Fill(sums, 1 << (PrecisionBits - 1));
                for (int y = 0; y < ymax; y++)
                {
                    var inRow = current.GetRow(y + ymin);
                    int w = kkVert[k + y];
                    for (int i = 0; i < rowLength; i++) sums[i] += inRow[i] * w;
                }
                var outRow = output.GetRow(yy);
                for (int i = 0; i < rowLength; i++) outRow[i] = Clip8(sums[i]);
            }
            temp?.Dispose();
            return output;
        }

        return temp ?? source.Clone();
    }
}
