namespace AugSharp;

/// <summary>PSNR and SSIM of one channel, or of the whole image (the mean over channels for SSIM).</summary>
/// <param name="Psnr">Peak signal-to-noise ratio in dB (positive infinity for identical images).</param>
/// <param name="Ssim">Structural similarity, 1 for identical images.</param>
/// <param name="MeanSquaredError">The mean squared difference, in the images' own scale.</param>
public readonly record struct QualityFigures(double Psnr, double Ssim, double MeanSquaredError);

/// <summary>The comparison of two images: over all channels and channel by channel.</summary>
/// <param name="Overall">PSNR over every element, SSIM averaged over the channels.</param>
/// <param name="Channels">The figures of each channel.</param>
/// <param name="DataRange">The range the figures were computed for (255, 65535 or 1).</param>
public sealed record ImageComparisonResult(QualityFigures Overall, IReadOnlyList<QualityFigures> Channels, double DataRange);

/// <summary>
/// Full-reference image quality: PSNR and SSIM as scikit-image computes them
/// (<c>peak_signal_noise_ratio</c>, and <c>structural_similarity</c> with
/// <c>gaussian_weights=True, sigma=1.5, use_sample_covariance=False</c>, the settings of Wang,
/// Bovik, Sheikh and Simoncelli 2004): an 11x11 Gaussian window (σ = 1.5, mirrored edges),
/// K1 = 0.01, K2 = 0.03, the SSIM map averaged without its 5-pixel border, and the channels
/// averaged. The data range is the pixel type's: 255 for uint8, 65535 for uint16, 1 for float32.
/// </summary>
public static class ImageComparison
{
    private const double K1 = 0.01, K2 = 0.03, Sigma = 1.5;
    private const int Radius = 5;

    /// <summary>Compares <paramref name="test"/> with the reference <paramref name="reference"/> (same size, channels and pixel type).</summary>
    /// <exception cref="ArgumentException">The images differ in size, channels or pixel type.</exception>
    public static ImageComparisonResult Compare(ImageBuffer reference, ImageBuffer test)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(test);
        if (reference.Width != test.Width || reference.Height != test.Height || reference.Channels != test.Channels)
            throw new ArgumentException($"the images differ in shape: {reference.Width}x{reference.Height}x{reference.Channels} against {test.Width}x{test.Height}x{test.Channels}");
        if (reference.PixelType != test.PixelType)
            throw new ArgumentException($"the images differ in pixel type: {reference.PixelType} against {test.PixelType}");
        double range = reference.PixelType switch { PixelType.UInt8 => 255, PixelType.UInt16 => 65535, _ => 1 };
        int cn = reference.Channels;
        var channels = new QualityFigures[cn];
        double totalSquares = 0;
        for (int c = 0; c < cn; c++)
        {
            var a = Plane(reference, c);
            var b = Plane(test, c);
            double squares = 0;
            for (int i = 0; i < a.Length; i++)
            {
                double d = a[i] - b[i];
                squares += d * d;
            }
            totalSquares += squares;
            double mse = squares / a.Length;
            channels[c] = new QualityFigures(Psnr(mse, range), Ssim(a, b, reference.Width, reference.Height, range), mse);
        }
        double overallMse = totalSquares / ((double)reference.Width * reference.Height * cn);
        var overall = new QualityFigures(Psnr(overallMse, range), channels.Average(f => f.Ssim), overallMse);
        return new ImageComparisonResult(overall, channels, range);
    }

    /// <summary>The PSNR of <paramref name="test"/> against <paramref name="reference"/>, in dB.</summary>
    public static double Psnr(ImageBuffer reference, ImageBuffer test) => Compare(reference, test).Overall.Psnr;

    /// <summary>The SSIM of <paramref name="test"/> against <paramref name="reference"/> (mean over channels).</summary>
    public static double Ssim(ImageBuffer reference, ImageBuffer test) => Compare(reference, test).Overall.Ssim;

    private static double Psnr(double mse, double range) => mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(range * range / mse);

    private static double[] Plane(ImageBuffer image, int channel)
    {
        int w = image.Width, h = image.Height, cn = image.Channels;
        var plane = new double[w * h];
        for (int y = 0; y < h; y++)
        {
            switch (image)
            {
                case ImageBuffer<byte> b:
                    {
                        var row = b.GetRow(y);
                        for (int x = 0; x < w; x++) plane[y * w + x] = row[x * cn + channel];
                        break;
                    }
                case ImageBuffer<ushort> u:
                    {
                        var row = u.GetRow(y);
                        for (int x = 0; x < w; x++) plane[y * w + x] = row[x * cn + channel];
                        break;
                    }
                default:
                    {
                        var row = image.As<float>().GetRow(y);
                        for (int x = 0; x < w; x++) plane[y * w + x] = row[x * cn + channel];
                        break;
                    }
            }
        }
        return plane;
    }

    private static double Ssim(double[] a, double[] b, int w, int h, double range)
    {
        int n = a.Length;
        var ab = new double[n];
        var aa = new double[n];
        var bb = new double[n];
        for (int i = 0; i < n; i++)
        {
            aa[i] = a[i] * a[i];
            bb[i] = b[i] * b[i];
            ab[i] = a[i] * b[i];
        }
        var kernel = new double[2 * Radius + 1];
        double sum = 0;
        for (int i = -Radius; i <= Radius; i++) sum += kernel[i + Radius] = Math.Exp(-0.5 * i * i / (Sigma * Sigma));
        for (int i = 0; i < kernel.Length; i++) kernel[i] /= sum;
        var ua = Filter(a, w, h, kernel);
        var ub = Filter(b, w, h, kernel);
        var uaa = Filter(aa, w, h, kernel);
        var ubb = Filter(bb, w, h, kernel);
        var uab = Filter(ab, w, h, kernel);
        double c1 = (K1 * range) * (K1 * range), c2 = (K2 * range) * (K2 * range);
        double total = 0;
        long count = 0;
        for (int y = Radius; y < h - Radius; y++)
        {
            for (int x = Radius; x < w - Radius; x++)
            {
                int i = y * w + x;
                double va = uaa[i] - ua[i] * ua[i], vb = ubb[i] - ub[i] * ub[i], vab = uab[i] - ua[i] * ub[i];
                double s = (2 * ua[i] * ub[i] + c1) * (2 * vab + c2) / ((ua[i] * ua[i] + ub[i] * ub[i] + c1) * (va + vb + c2));
                total += s;
                count++;
            }
        }
        if (count == 0) throw new ArgumentException($"SSIM needs images of at least {2 * Radius + 1}x{2 * Radius + 1} pixels; these are {w}x{h}.");
        return total / count;
    }

    // scipy.ndimage.gaussian_filter with mode 'reflect' (half-sample symmetric): rows, then columns.
    private static double[] Filter(double[] src, int w, int h, double[] kernel)
    {
        var tmp = new double[src.Length];
        var dst = new double[src.Length];
        int r = kernel.Length / 2;
        Parallel.For(0, h, y =>
        {
            int row = y * w;
            for (int x = 0; x < w; x++)
            {
                double s = 0;
                if (x >= r && x < w - r)
                    for (int k = -r; k <= r; k++) s += kernel[k + r] * src[row + x + k];
                else
                    for (int k = -r; k <= r; k++) s += kernel[k + r] * src[row + Reflect(x + k, w)];
                tmp[row + x] = s;
            }
        });
        Parallel.For(0, h, y =>
        {
            Span<int> rows = stackalloc int[2 * r + 1];
            for (int k = -r; k <= r; k++) rows[k + r] = Reflect(y + k, h) * w;
            for (int x = 0; x < w; x++)
            {
                double s = 0;
                for (int k = 0; k <= 2 * r; k++) s += kernel[k] * tmp[rows[k] + x];
                dst[y * w + x] = s;
            }
        });
        return dst;
    }

    private static int Reflect(int p, int length)
    {
        int period = 2 * length;
        p %= period;
        if (p < 0) p += period;
        return p < length ? p : period - 1 - p;
    }
}
