namespace AugSharp.Kernels;

/// <summary>
/// Histogram equalisation on one-channel images of 8 or 16 bits at their full depth (256 or 65536
/// levels): global (as <c>cv2.equalizeHist</c> does for 8 bits) and contrast limited adaptive
/// (as OpenCV's <c>createCLAHE(...).apply</c> does for CV_8U and CV_16U), and percentiles.
/// </summary>
public static class HistogramKernels
{
    /// <summary>The number of levels of <typeparamref name="T"/>: 256 for byte, 65536 for ushort.</summary>
    public static int Levels<T>() where T : unmanaged =>
        typeof(T) == typeof(byte) ? 256
        : typeof(T) == typeof(ushort) ? 65536
        : throw new NotSupportedException($"Histograms take 8-bit or 16-bit images, not {typeof(T).Name}.");

    /// <summary>The histogram of channel <paramref name="channel"/> (one bin per level).</summary>
    public static long[] Histogram<T>(ImageBuffer<T> image, int channel) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(image);
        var hist = new long[Levels<T>()];
        int cn = image.Channels;
        if ((uint)channel >= (uint)cn) throw new ArgumentOutOfRangeException(nameof(channel));
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.GetRow(y);
            for (int i = channel; i < row.Length; i += cn) hist[KernelCommon.ToInt(row[i])]++;
        }
        return hist;
    }

    /// <summary>The smallest level at or below which at least <paramref name="fraction"/> (0..1) of the histogram's count lies.</summary>
    public static int Percentile(ReadOnlySpan<long> hist, double fraction)
    {
        long total = 0;
        foreach (long v in hist) total += v;
        if (total == 0) return 0;
        double target = Math.Clamp(fraction, 0, 1) * total;
        long cumulative = 0;
        for (int i = 0; i < hist.Length; i++)
        {
            cumulative += hist[i];
            if (cumulative >= target && cumulative > 0) return i;
        }
        return hist.Length - 1;
    }

    /// <summary>
    /// The equalisation table of a histogram, as <c>cv2.equalizeHist</c> computes it for 256 levels
    /// (the cumulative count from the first occupied level, scaled to the full range and rounded);
    /// the same for 65536 levels.
    /// </summary>
    public static T[] EqualizeTable<T>(ReadOnlySpan<long> hist) where T : unmanaged
    {
        int levels = hist.Length;
        var lut = new T[levels];
        int i = 0;
        while (i < levels && hist[i] == 0) i++;
        long total = 0;
        foreach (long v in hist) total += v;
        if (i == levels)
        {
            for (int v = 0; v < levels; v++) lut[v] = KernelCommon.FromInt<T>(v);
            return lut;
        }
        if (hist[i] == total)
        {
            Array.Fill(lut, KernelCommon.FromInt<T>(i));
            return lut;
        }
        float scale = (float)(levels - 1) / (total - hist[i]);
        long sum = 0;
        for (lut[i++] = default; i < levels; i++)
        {
            sum += hist[i];
            lut[i] = KernelCommon.FromFloat<T>(sum * scale);
        }
        return lut;
    }

    /// <summary>Equalises the histogram of a one-channel image (see <see cref="EqualizeTable{T}"/>).</summary>
    public static ImageBuffer<T> Equalize<T>(ImageBuffer<T> src) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(src);
        if (src.Channels != 1) throw new ArgumentException($"Equalize takes one channel; this image has {src.Channels}.", nameof(src));
        var lut = EqualizeTable<T>(Histogram(src, 0));
        var dst = ImageBuffer<T>.CreateUninitialized(src.Width, src.Height, 1);
        for (int y = 0; y < src.Height; y++)
        {
            var s = src.GetRow(y);
            var d = dst.GetRow(y);
            for (int x = 0; x < s.Length; x++) d[x] = lut[KernelCommon.ToInt(s[x])];
        }
        return dst;
    }

    /// <summary>
    /// Contrast limited adaptive histogram equalisation of a one-channel 8-bit or 16-bit image, as
    /// OpenCV computes it: the image is cut into <paramref name="tilesX"/> x <paramref name="tilesY"/>
    /// tiles (when either side is not a whole number of tiles, both sides are first extended by
    /// reflect101 to the next multiple, a side that was one growing by a whole tile, as OpenCV
    /// does); each tile's histogram (one bin per level: 256 or 65536) is clipped at
    /// <c>max(clipLimit · tileArea / levels, 1)</c> (no clipping for a limit of 0), the excess spread
    /// over all levels, and its cumulative table scaled to the full range; each pixel is the
    /// bilinear blend of the tables of the four nearest tile centres.
    /// </summary>
    /// <remarks>
    /// For 16 bits the clip height is, as in OpenCV, a multiple of tileArea / 65536, which is below
    /// one count for tiles of fewer than 65536 pixels: any positive limit then clips every level to
    /// one count, giving a gentle, nearly linear stretch per tile. A limit of 0 (no clipping) gives
    /// the full adaptive equalisation.
    /// </remarks>
    public static ImageBuffer<T> Clahe<T>(ImageBuffer<T> src, double clipLimit, int tilesX, int tilesY) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(src);
        if (src.Channels != 1) throw new ArgumentException($"CLAHE takes one channel; this image has {src.Channels}.", nameof(src));
        ArgumentOutOfRangeException.ThrowIfLessThan(tilesX, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tilesY, 1);
        if (!(clipLimit >= 0)) throw new ArgumentOutOfRangeException(nameof(clipLimit), clipLimit, "The clip limit must be 0 or more.");
        int levels = Levels<T>(), bins = levels;
        int width = src.Width, height = src.Height;
        bool whole = width % tilesX == 0 && height % tilesY == 0;
        int extWidth = whole ? width : width + tilesX - width % tilesX;
        int extHeight = whole ? height : height + tilesY - height % tilesY;
        int tileWidth = extWidth / tilesX, tileHeight = extHeight / tilesY;
        int tileArea = tileWidth * tileHeight;
        float lutScale = (float)(levels - 1) / tileArea;
        int clip = clipLimit > 0 ? Math.Max((int)(clipLimit * tileArea / levels), 1) : 0;
        var luts = new T[tilesX * tilesY * bins];
        Parallel.For(0, tilesX * tilesY, tile =>
        {
            int tx = tile % tilesX, ty = tile / tilesX;
            var hist = new int[bins];
            for (int y = ty * tileHeight; y < (ty + 1) * tileHeight; y++)
            {
                var row = src.GetRow(KernelCommon.BorderIndex(y, height, BorderMode.Reflect101));
                for (int x = tx * tileWidth; x < (tx + 1) * tileWidth; x++)
                    hist[KernelCommon.ToInt(row[x < width ? x : KernelCommon.BorderIndex(x, width, BorderMode.Reflect101)])]++;
            }
            if (clip > 0)
            {
                int clipped = 0;
                for (int i = 0; i < bins; i++)
                {
                    if (hist[i] > clip)
                    {
                        clipped += hist[i] - clip;
                        hist[i] = clip;
                    }
                }
                int batch = clipped / bins, residual = clipped - batch * bins;
                for (int i = 0; i < bins; i++) hist[i] += batch;
                if (residual != 0)
                {
                    int step = Math.Max(bins / residual, 1);
                    for (int i = 0; i < bins && residual > 0; i += step, residual--) hist[i]++;
                }
            }
            int sum = 0, offset = tile * bins;
            for (int i = 0; i < bins; i++)
            {
                sum += hist[i];
                luts[offset + i] = KernelCommon.FromFloat<T>(sum * lutScale);
            }
        });
        var dst = ImageBuffer<T>.CreateUninitialized(width, height, 1);
        float invTw = 1f / tileWidth, invTh = 1f / tileHeight;
        var ind1 = new int[width];
        var ind2 = new int[width];
        var xa = new float[width];
        for (int x = 0; x < width; x++)
        {
            float txf = x * invTw - 0.5f;
            int tx1 = (int)MathF.Floor(txf);
            xa[x] = txf - tx1;
            ind1[x] = Math.Max(tx1, 0) * bins;
            ind2[x] = Math.Min(tx1 + 1, tilesX - 1) * bins;
        }
        Parallel.For(0, height, y =>
        {
            float tyf = y * invTh - 0.5f;
            int ty1 = (int)MathF.Floor(tyf);
            float ya = tyf - ty1;
            int ty2 = Math.Min(ty1 + 1, tilesY - 1);
            ty1 = Math.Max(ty1, 0);
            int plane1 = ty1 * tilesX * bins, plane2 = ty2 * tilesX * bins;
            var s = src.GetRow(y);
            var d = dst.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                int v = KernelCommon.ToInt(s[x]);
                float res = (KernelCommon.ToFloat(luts[plane1 + ind1[x] + v]) * (1 - xa[x]) + KernelCommon.ToFloat(luts[plane1 + ind2[x] + v]) * xa[x]) * (1 - ya)
                          + (KernelCommon.ToFloat(luts[plane2 + ind1[x] + v]) * (1 - xa[x]) + KernelCommon.ToFloat(luts[plane2 + ind2[x] + v]) * xa[x]) * ya;
                d[x] = KernelCommon.FromFloat<T>(res);
            }
        });
        return dst;
    }
}
