namespace AugSharp.Kernels;

/// <summary>
/// Edge-preserving noise removal on float images in any scale (0..255, 0..65535 or 0..1): the
/// bilateral filter, non-local means (Buades, Coll and Morel 2005) and an estimate of the noise
/// level (Immerkær 1996) that both take as their default strength. Edges are mirrored
/// (reflect101). Results are not clamped.
/// </summary>
public static class Denoising
{
    /// <summary>
    /// The standard deviation of white Gaussian noise in <paramref name="image"/>, in its own scale,
    /// from the mean absolute response to the Laplacian difference mask
    /// [1 -2 1; -2 4 -2; 1 -2 1] (Immerkær's fast estimate), averaged over the channels. Texture
    /// raises the estimate a little.
    /// </summary>
    public static double EstimateNoiseSigma(ImageBuffer<float> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int w = image.Width, h = image.Height, cn = image.Channels;
        if (w < 3 || h < 3) return 0;
        double sum = 0;
        for (int y = 1; y < h - 1; y++)
        {
            var a = image.GetRow(y - 1);
            var b = image.GetRow(y);
            var c = image.GetRow(y + 1);
            for (int i = cn; i < (w - 1) * cn; i++)
            {
                float v = a[i - cn] - 2 * a[i] + a[i + cn]
                        - 2 * (b[i - cn] - 2 * b[i] + b[i + cn])
                        + c[i - cn] - 2 * c[i] + c[i + cn];
                sum += Math.Abs(v);
            }
        }
        return Math.Sqrt(Math.PI / 2) * sum / (6.0 * (w - 2) * (h - 2) * cn);
    }

    /// <summary>
    /// The bilateral filter: each pixel becomes the mean of its neighbours within
    /// <c>round(1.5 σs)</c> pixels, weighted by <c>exp(-d²/2σs²)</c> for the distance d and by
    /// <c>exp(-Δ²/2σc²)</c> for Δ² the squared difference of the pixels averaged over the channels.
    /// </summary>
    /// <param name="src">The image.</param>
    /// <param name="sigmaColor">σc, in the image's scale (above 0).</param>
    /// <param name="sigmaSpace">σs, in pixels (above 0).</param>
    public static ImageBuffer<float> Bilateral(ImageBuffer<float> src, double sigmaColor, double sigmaSpace)
    {
        ArgumentNullException.ThrowIfNull(src);
        if (!(sigmaColor > 0)) throw new ArgumentOutOfRangeException(nameof(sigmaColor), sigmaColor, "sigmaColor must be above 0.");
        if (!(sigmaSpace > 0)) throw new ArgumentOutOfRangeException(nameof(sigmaSpace), sigmaSpace, "sigmaSpace must be above 0.");
        int w = src.Width, h = src.Height, cn = src.Channels;
        int radius = Math.Max(1, (int)Math.Round(sigmaSpace * 1.5));
        int pw = w + 2 * radius;
        var padded = Pad(src, radius);
        var offsets = new List<(int Offset, float Weight)>();
        for (int dy = -radius; dy <= radius; dy++)
            for (int dx = -radius; dx <= radius; dx++)
                if (dx * dx + dy * dy <= radius * radius)
                    offsets.Add(((dy * pw + dx) * cn, (float)Math.Exp(-(dx * dx + dy * dy) / (2 * sigmaSpace * sigmaSpace))));
        var table = offsets.ToArray();
        float colorCoefficient = (float)(-1.0 / (2 * sigmaColor * sigmaColor * cn));
        var dst = ImageBuffer<float>.CreateUninitialized(w, h, cn);
        Parallel.For(0, h, y =>
        {
            var d = dst.GetRow(y);
            Span<float> acc = stackalloc float[cn];
            for (int x = 0; x < w; x++)
            {
                int centre = ((y + radius) * pw + x + radius) * cn;
                acc.Clear();
                float total = 0;
                foreach (var (offset, spatial) in table)
                {
                    int o = centre + offset;
                    float dist = 0;
                    for (int c = 0; c < cn; c++)
                    {
                        float diff = padded[o + c] - padded[centre + c];
                        dist += diff * diff;
                    }
                    float weight = spatial * MathF.Exp(dist * colorCoefficient);
                    total += weight;
                    for (int c = 0; c < cn; c++) acc[c] += weight * padded[o + c];
                }
                for (int c = 0; c < cn; c++) d[x * cn + c] = acc[c] / total;
            }
        });
        return dst;
    }

    /// <summary>
    /// Non-local means: each pixel becomes the mean of the pixels within <paramref name="searchRadius"/>
    /// whose surrounding patches (<c>2·patchRadius+1</c> square) look like its own, weighted by
    /// <c>exp(-max(d² - 2σ², 0) / h²)</c>, with d² the mean squared difference of the two patches
    /// over their pixels and channels (Buades, Coll and Morel's weights). Every channel takes the
    /// same weights, so colours do not bleed apart.
    /// </summary>
    /// <param name="src">The image.</param>
    /// <param name="sigma">σ: the noise's standard deviation, in the image's scale (0 or more).</param>
    /// <param name="h">The filtering strength h, in the image's scale (above 0).</param>
    /// <param name="patchRadius">Half the patch side (2: 5x5 patches).</param>
    /// <param name="searchRadius">Half the search window's side (7: 15x15 candidates).</param>
    public static ImageBuffer<float> NonLocalMeans(ImageBuffer<float> src, double sigma, double h, int patchRadius = 2, int searchRadius = 7)
    {
        ArgumentNullException.ThrowIfNull(src);
        if (!(sigma >= 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be 0 or more.");
        if (!(h > 0)) throw new ArgumentOutOfRangeException(nameof(h), h, "h must be above 0.");
        ArgumentOutOfRangeException.ThrowIfNegative(patchRadius);
        ArgumentOutOfRangeException.ThrowIfLessThan(searchRadius, 1);
        int w = src.Width, height = src.Height, cn = src.Channels;
        int margin = patchRadius + searchRadius, pw = w + 2 * margin;
        var padded = Pad(src, margin);
        int patchArea = (2 * patchRadius + 1) * (2 * patchRadius + 1);
        float norm = 1f / (patchArea * cn);
        float bias = (float)(2 * sigma * sigma), invH2 = (float)(1 / (h * h));
        var dst = ImageBuffer<float>.CreateUninitialized(w, height, cn);
        const int StripRows = 16;
        int strips = (height + StripRows - 1) / StripRows;
        Parallel.For(0, strips, strip =>
        {
            int y0 = strip * StripRows, y1 = Math.Min(height, y0 + StripRows), rows = y1 - y0;
            // Squared differences for the strip's rows plus the patch margin, then their patch sums.
            int dw = w + 2 * patchRadius, dh = rows + 2 * patchRadius;
            var diff = new float[dh * dw];
            var columnSums = new float[rows * dw];
            var acc = new float[rows * w * cn];
            var weights = new float[rows * w];
            for (int dy = -searchRadius; dy <= searchRadius; dy++)
            {
                for (int dx = -searchRadius; dx <= searchRadius; dx++)
                {
                    for (int r = 0; r < dh; r++)
                    {
                        // Padded row of the strip row r - patchRadius.
                        int py = y0 + r - patchRadius + margin;
                        int a = (py * pw + searchRadius) * cn, b = ((py + dy) * pw + searchRadius + dx) * cn;
                        var dRow = diff.AsSpan(r * dw, dw);
                        for (int x = 0; x < dw; x++)
                        {
                            float s = 0;
                            for (int c = 0; c < cn; c++)
                            {
                                float e = padded[a + x * cn + c] - padded[b + x * cn + c];
                                s += e * e;
                            }
                            dRow[x] = s;
                        }
                    }
                    for (int r = 0; r < rows; r++)
                    {
                        var sums = columnSums.AsSpan(r * dw, dw);
                        sums.Clear();
                        for (int k = 0; k <= 2 * patchRadius; k++)
                        {
                            var dRow = diff.AsSpan((r + k) * dw, dw);
                            for (int x = 0; x < dw; x++) sums[x] += dRow[x];
                        }
                        float box = 0;
                        for (int k = 0; k < 2 * patchRadius; k++) box += sums[k];
                        int py = y0 + r + margin;
                        int other = ((py + dy) * pw + margin + dx) * cn;
                        for (int x = 0; x < w; x++)
                        {
                            box += sums[x + 2 * patchRadius];
                            float distance = box * norm - bias;
                            float weight = distance <= 0 ? 1f : MathF.Exp(-distance * invH2);
                            box -= sums[x];
                            weights[r * w + x] += weight;
                            int o = (r * w + x) * cn, p = other + x * cn;
                            for (int c = 0; c < cn; c++) acc[o + c] += weight * padded[p + c];
                        }
                    }
                }
            }
            for (int r = 0; r < rows; r++)
            {
                var d = dst.GetRow(y0 + r);
                for (int x = 0; x < w; x++)
                {
                    float inv = 1f / weights[r * w + x];
                    for (int c = 0; c < cn; c++) d[x * cn + c] = acc[(r * w + x) * cn + c] * inv;
                }
            }
        });
        return dst;
    }

    /// <summary>The image with <paramref name="margin"/> mirrored pixels on every side (reflect101; repeated for margins wider than the image), as one flat array.</summary>
    internal static float[] Pad(ImageBuffer<float> src, int margin)
    {
        int w = src.Width, h = src.Height, cn = src.Channels, pw = w + 2 * margin;
        var padded = new float[(h + 2 * margin) * pw * cn];
        var columns = new int[pw];
        for (int x = 0; x < pw; x++) columns[x] = Mirror(x - margin, w);
        for (int y = 0; y < h + 2 * margin; y++)
        {
            var s = src.GetRow(Mirror(y - margin, h));
            var d = padded.AsSpan(y * pw * cn, pw * cn);
            for (int x = 0; x < pw; x++) s.Slice(columns[x] * cn, cn).CopyTo(d.Slice(x * cn, cn));
        }
        return padded;
    }

    private static int Mirror(int p, int length)
    {
        if (length == 1) return 0;
        int period = 2 * (length - 1);
        p %= period;
        if (p < 0) p += period;
        return p < length ? p : period - p;
    }
}
