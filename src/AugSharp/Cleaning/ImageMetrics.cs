using AugSharp.Kernels;
using AugSharp.Pictures;

namespace AugSharp.Cleaning;

/// <summary>The measures of one image that the clean-up checks read (see <see cref="ImageMetrics.Measure"/>).</summary>
/// <param name="Entropy">Shannon entropy of the luminance histogram, in bits (0 for a constant image, up to 8).</param>
/// <param name="StdDev">Standard deviation of the luminance, in 8-bit levels.</param>
/// <param name="DarkFraction">Fraction of pixels whose luminance is at most <see cref="ImageMetrics.DarkLevel"/>.</param>
/// <param name="BrightFraction">Fraction of pixels whose luminance is at least <see cref="ImageMetrics.BrightLevel"/>.</param>
/// <param name="Sharpness">Variance of the Laplacian of the luminance at the analysis size (low for blurred images).</param>
/// <param name="EstimatedFill">Fraction of the image made by a border fill, estimated from the pixels: the larger of the constant estimate (<see cref="ImageMetrics.EstimatedFillFraction"/>) and the mirrored or replicated one (<see cref="BorderFillEstimate.Estimate"/>).</param>
/// <param name="PerceptualHash">64-bit DCT perceptual hash (pHash) of the luminance.</param>
public sealed record ImageMeasures(double Entropy, double StdDev, double DarkFraction, double BrightFraction, double Sharpness, double EstimatedFill, ulong PerceptualHash);

/// <summary>
/// Measures for telling distorted and meaningless images from good ones, each usable alone. They
/// work on the luminance (<c>cv2</c>'s RGB to gray weights) shrunk by area averaging to at most
/// <see cref="AnalysisSide"/> pixels on its longest side, so that scores do not depend much on the
/// resolution and JPEG noise is averaged out.
/// </summary>
public static class ImageMetrics
{
    /// <summary>The longest side of the luminance the measures are computed on.</summary>
    public const int AnalysisSide = 512;

    /// <summary>Luminance at or below this level counts as black.</summary>
    public const int DarkLevel = 16;

    /// <summary>Luminance at or above this level counts as white.</summary>
    public const int BrightLevel = 239;

    /// <summary>Largest difference from the fill value, in levels of the shrunk luminance, for a pixel to count as fill.</summary>
    public const int FillTolerance = 3;

    /// <summary>All the measures of <paramref name="image"/> (any pixel type, any channel count).</summary>
    public static ImageMeasures Measure(ImageBuffer image)
    {
        using var gray = Luminance(image);
        var (_, std) = MeanAndStdDev(gray);
        var (dark, bright) = ClippedFractions(gray);
        double fill = Math.Max(EstimatedFillFraction(gray), BorderFillEstimate.Estimate(gray));
        return new ImageMeasures(Entropy(gray), std, dark, bright, LaplacianVariance(gray), fill, PerceptualHash(gray));
    }

    /// <summary>
    /// The luminance of <paramref name="image"/> as one 8-bit channel, shrunk to at most
    /// <see cref="AnalysisSide"/> pixels on its longest side: RGB(A) by the gray weights, one channel
    /// as it is, other counts by the mean of the channels; 16-bit and float as <see cref="PixelConversion.ToBytes"/> scales them.
    /// </summary>
    public static ImageBuffer<byte> Luminance(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bytes = PixelConversion.ToBytes(image);
        var gray = new ImageBuffer<byte>(bytes.Width, bytes.Height, 1);
        if (bytes.Channels is 3 or 4)
        {
            using var withAlpha = bytes.Channels == 4 ? new ImageBuffer<byte>(bytes.Width, bytes.Height, 2) : null;
            if (withAlpha is null) ColorKernels.RgbToGray(bytes, gray, 1);
            else
            {
                ColorKernels.RgbToGray(bytes, withAlpha, 1);
                for (int y = 0; y < gray.Height; y++)
                {
                    var src = withAlpha.GetRow(y);
                    var dst = gray.GetRow(y);
                    for (int x = 0; x < dst.Length; x++) dst[x] = src[2 * x];
                }
            }
        }
        else
        {
            int ch = bytes.Channels;
            for (int y = 0; y < gray.Height; y++)
            {
                var src = bytes.GetRow(y);
                var dst = gray.GetRow(y);
                for (int x = 0; x < dst.Length; x++)
                {
                    int sum = 0;
                    for (int c = 0; c < ch; c++) sum += src[x * ch + c];
                    dst[x] = (byte)((sum + ch / 2) / ch);
                }
            }
        }
        if (Math.Max(gray.Width, gray.Height) <= AnalysisSide) return gray;
        using (gray) return PictureResize.Fit(gray, AnalysisSide);
    }

    private static long[] Histogram(ImageBuffer<byte> gray)
    {
        var histogram = new long[256];
        for (int y = 0; y < gray.Height; y++)
            foreach (byte v in gray.GetRow(y)) histogram[v]++;
        return histogram;
    }

    /// <summary>Shannon entropy of the 256-bin histogram of a one-channel image, in bits.</summary>
    public static double Entropy(ImageBuffer<byte> gray)
    {
        ArgumentNullException.ThrowIfNull(gray);
        var histogram = Histogram(gray);
        double total = (double)gray.Width * gray.Height, entropy = 0;
        foreach (long n in histogram)
        {
            if (n == 0) continue;
            double p = n / total;
            entropy -= p * Math.Log2(p);
        }
        return entropy;
    }

    /// <summary>Mean and standard deviation of a one-channel image.</summary>
    public static (double Mean, double StdDev) MeanAndStdDev(ImageBuffer<byte> gray)
    {
        ArgumentNullException.ThrowIfNull(gray);
        var histogram = Histogram(gray);
        double total = (double)gray.Width * gray.Height, sum = 0, squares = 0;
        for (int v = 0; v < 256; v++)
        {
            sum += (double)v * histogram[v];
            squares += (double)v * v * histogram[v];
        }
        double mean = sum / total;
        return (mean, Math.Sqrt(Math.Max(0, squares / total - mean * mean)));
    }

    /// <summary>Fractions of a one-channel image at or below <see cref="DarkLevel"/> and at or above <see cref="BrightLevel"/>.</summary>
    public static (double Dark, double Bright) ClippedFractions(ImageBuffer<byte> gray)
    {
        ArgumentNullException.ThrowIfNull(gray);
        var histogram = Histogram(gray);
        double total = (double)gray.Width * gray.Height;
        long dark = 0, bright = 0;
        for (int v = 0; v <= DarkLevel; v++) dark += histogram[v];
        for (int v = BrightLevel; v < 256; v++) bright += histogram[v];
        return (dark / total, bright / total);
    }

    /// <summary>
    /// Variance of the 4-neighbour Laplacian (<c>cv2.Laplacian</c> with ksize 1) over the interior of a
    /// one-channel image: the usual focus measure (Pech-Pacheco et al., 2000). 0 for images under 3x3.
    /// </summary>
    public static double LaplacianVariance(ImageBuffer<byte> gray)
    {
        ArgumentNullException.ThrowIfNull(gray);
        if (gray.Width < 3 || gray.Height < 3) return 0;
        double sum = 0, squares = 0;
        long n = 0;
        for (int y = 1; y < gray.Height - 1; y++)
        {
            var up = gray.GetRow(y - 1);
            var row = gray.GetRow(y);
            var down = gray.GetRow(y + 1);
            long rowSum = 0, rowSquares = 0;
            for (int x = 1; x < gray.Width - 1; x++)
            {
                int l = up[x] + down[x] + row[x - 1] + row[x + 1] - 4 * row[x];
                rowSum += l;
                rowSquares += l * l;
            }
            sum += rowSum;
            squares += rowSquares;
            n += gray.Width - 2;
        }
        double mean = sum / n;
        return squares / n - mean * mean;
    }

    /// <summary>
    /// The fraction of a one-channel image covered by a constant fill reaching the border: the most
    /// common border value (when it holds at least 5% of the border) flooded inward through
    /// 4-connected pixels within <see cref="FillTolerance"/> of it, when the flooded pixels are flat
    /// (variance at most 1, which a clear sky within the tolerance is not). An estimate: a real flat
    /// background touching the border counts too, and reflected or replicated borders are not seen
    /// here (<see cref="BorderFillEstimate"/> sees them; the exact figure comes from the operations,
    /// <see cref="FillFraction.FromOperations"/>).
    /// </summary>
    public static double EstimatedFillFraction(ImageBuffer<byte> gray)
    {
        ArgumentNullException.ThrowIfNull(gray);
        int w = gray.Width, h = gray.Height;
        var border = new long[256];
        long borderCount = 0;
        for (int x = 0; x < w; x++) { border[gray[0, x, 0]]++; border[gray[h - 1, x, 0]]++; borderCount += 2; }
        for (int y = 1; y < h - 1; y++) { border[gray[y, 0, 0]]++; border[gray[y, w - 1, 0]]++; borderCount += 2; }
        // The fill value: the most common border value, counting its neighbours within the tolerance.
        int fill = 0;
        long best = -1;
        for (int v = 0; v < 256; v++)
        {
            long near = 0;
            for (int u = Math.Max(0, v - FillTolerance); u <= Math.Min(255, v + FillTolerance); u++) near += border[u];
            if (near > best) (fill, best) = (v, near);
        }
        if (best < borderCount * 0.05) return 0;

        var seen = new bool[w * h];
        var stack = new Stack<int>();
        bool Near(int x, int y) => Math.Abs(gray[y, x, 0] - fill) <= FillTolerance;
        void Push(int x, int y)
        {
            int i = y * w + x;
            if (!seen[i] && Near(x, y)) { seen[i] = true; stack.Push(i); }
        }
        for (int x = 0; x < w; x++) { Push(x, 0); Push(x, h - 1); }
        for (int y = 0; y < h; y++) { Push(0, y); Push(w - 1, y); }
        long flooded = 0;
        double sum = 0, squares = 0;
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            flooded++;
            double g = gray[i / w, i % w, 0];
            sum += g;
            squares += g * g;
            int x = i % w, y = i / w;
            if (x > 0) Push(x - 1, y);
            if (x < w - 1) Push(x + 1, y);
            if (y > 0) Push(x, y - 1);
            if (y < h - 1) Push(x, y + 1);
        }
        // Nothing but the fill value: no source pixel to tell a fill from a flat image (the information check names it).
        if (flooded == 0 || flooded == (long)w * h) return 0;
        // A fill is flat; a real background within the tolerance (a clear sky) varies across it.
        double mean = sum / flooded;
        if (squares / flooded - mean * mean > MaxFillVariance) return 0;
        return flooded / (double)(w * h);
    }

    /// <summary>Largest variance of the flooded pixels for them to count as a fill (a flat fill, even through JPEG, stays well below it).</summary>
    private const double MaxFillVariance = 1.0;

    /// <summary>
    /// The 64-bit DCT perceptual hash (pHash): the luminance shrunk to 32x32 by area averaging, its 2-D
    /// DCT-II, and one bit per coefficient of the 8x8 lowest frequencies but the DC term (and the first
    /// row and column), set when the coefficient is above their median. Near-identical images differ
    /// in a few bits; compare with <see cref="HammingDistance"/>.
    /// </summary>
    public static ulong PerceptualHash(ImageBuffer<byte> gray)
    {
        ArgumentNullException.ThrowIfNull(gray);
        const int n = 32;
        using var small = PictureResize.Resize(gray, n, n);
        var cos = DctTable.Value;
        // Rows then columns, keeping only the 9 lowest frequencies of each.
        var rows = new double[n, 9];
        for (int y = 0; y < n; y++)
        {
            var row = small.GetRow(y);
            for (int u = 0; u < 9; u++)
            {
                double s = 0;
                for (int x = 0; x < n; x++) s += row[x] * cos[u, x];
                rows[y, u] = s;
            }
        }
        Span<double> values = stackalloc double[64];
        for (int v = 1; v < 9; v++)
            for (int u = 1; u < 9; u++)
            {
                double s = 0;
                for (int y = 0; y < n; y++) s += rows[y, u] * cos[v, y];
                values[(v - 1) * 8 + (u - 1)] = s;
            }
        Span<double> sorted = stackalloc double[64];
        values.CopyTo(sorted);
        sorted.Sort();
        double median = (sorted[31] + sorted[32]) / 2;
        ulong hash = 0;
        for (int i = 0; i < 64; i++)
            if (values[i] > median) hash |= 1UL << i;
        return hash;
    }

    /// <summary>Bits that differ between two perceptual hashes.</summary>
    public static int HammingDistance(ulong a, ulong b) => System.Numerics.BitOperations.PopCount(a ^ b);

    private static readonly Lazy<double[,]> DctTable = new(() =>
    {
        var table = new double[9, 32];
        for (int u = 0; u < 9; u++)
            for (int x = 0; x < 32; x++) table[u, x] = Math.Cos((2 * x + 1) * u * Math.PI / 64);
        return table;
    });
}
