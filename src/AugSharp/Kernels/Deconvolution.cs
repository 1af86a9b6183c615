namespace AugSharp.Kernels;

/// <summary>
/// Richardson–Lucy deconvolution with a known blur (point spread function), on float images in any
/// scale, and the two blurs it is usually given: a Gaussian and a straight motion streak.
/// </summary>
public static class Deconvolution
{
    /// <summary>
    /// A normalised Gaussian point spread function of standard deviation <paramref name="sigma"/>
    /// pixels, <c>2·ceil(3σ)+1</c> taps square.
    /// </summary>
    public static float[,] GaussianPsf(double sigma)
    {
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The Gaussian's sigma must be above 0.");
        int radius = (int)Math.Ceiling(3 * sigma), size = 2 * radius + 1;
        var g = Convolution.GaussianKernel(size, sigma);
        var psf = new float[size, size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++) psf[y, x] = g[y] * g[x];
        return Normalise(psf);
    }

    /// <summary>
    /// A normalised motion point spread function: a line of <paramref name="length"/> pixels through
    /// the centre, at <paramref name="angleDegrees"/> anticlockwise from the x axis (as seen on the
    /// screen, y pointing down), drawn with anti-aliasing (each of 8 samples per pixel of length
    /// spread bilinearly over its four pixels).
    /// </summary>
    public static float[,] MotionPsf(double length, double angleDegrees)
    {
        if (!(length >= 1)) throw new ArgumentOutOfRangeException(nameof(length), length, "The motion length must be at least 1 pixel.");
        if (!double.IsFinite(angleDegrees)) throw new ArgumentOutOfRangeException(nameof(angleDegrees), angleDegrees, "The motion angle must be a number.");
        int radius = (int)Math.Ceiling(length / 2) + 1, size = 2 * radius + 1;
        var psf = new float[size, size];
        double angle = angleDegrees * Math.PI / 180, cos = Math.Cos(angle), sin = -Math.Sin(angle);
        int samples = Math.Max(2, (int)Math.Ceiling(length * 8));
        for (int i = 0; i < samples; i++)
        {
            double t = (i + 0.5) / samples - 0.5;
            double x = radius + t * (length - 1) * cos, y = radius + t * (length - 1) * sin;
            int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
            double ax = x - x0, ay = y - y0;
            psf[y0, x0] += (float)((1 - ax) * (1 - ay));
            psf[y0, x0 + 1] += (float)(ax * (1 - ay));
            psf[y0 + 1, x0] += (float)((1 - ax) * ay);
            psf[y0 + 1, x0 + 1] += (float)(ax * ay);
        }
        return Normalise(psf);
    }

    /// <summary>
    /// Blurs <paramref name="src"/> by <paramref name="psf"/> (odd-sized, centred; the blur model
    /// that <see cref="RichardsonLucy"/> undoes), edges mirrored (reflect101).
    /// </summary>
    public static ImageBuffer<float> Blur(ImageBuffer<float> src, float[,] psf)
    {
        ArgumentNullException.ThrowIfNull(src);
        var dst = ImageBuffer<float>.CreateUninitialized(src.Width, src.Height, src.Channels);
        Convolve(src, dst, psf, flipped: false);
        return dst;
    }

    /// <summary>
    /// Richardson–Lucy deconvolution: starting from the blurred image u₀ = b, each iteration
    /// multiplies u by the correlation of b / (u ⊛ psf) with the psf. Values must be 0 or more (any
    /// scale); the result keeps the image's mean and is not clamped.
    /// </summary>
    /// <param name="blurred">The blurred image (any number of channels).</param>
    /// <param name="psf">The blur, odd-sized and centred (see <see cref="GaussianPsf"/>, <see cref="MotionPsf"/>).</param>
    /// <param name="iterations">Iterations (1 or more; more recovers more detail and more noise).</param>
    public static ImageBuffer<float> RichardsonLucy(ImageBuffer<float> blurred, float[,] psf, int iterations)
    {
        ArgumentNullException.ThrowIfNull(blurred);
        ArgumentNullException.ThrowIfNull(psf);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        int w = blurred.Width, h = blurred.Height, cn = blurred.Channels;
        // A floor that keeps the ratio finite on black pixels: a millionth of the brightest value.
        float peak = 0;
        for (int y = 0; y < h; y++)
            foreach (float v in blurred.GetRow(y)) peak = Math.Max(peak, v);
        float floor = Math.Max(peak, 1e-6f) * 1e-6f;
        var estimate = ImageBuffer<float>.CreateUninitialized(w, h, cn);
        for (int y = 0; y < h; y++)
        {
            var s = blurred.GetRow(y);
            var d = estimate.GetRow(y);
            for (int i = 0; i < s.Length; i++) d[i] = Math.Max(s[i], floor);
        }
        using var reblurred = ImageBuffer<float>.CreateUninitialized(w, h, cn);
        using var correction = ImageBuffer<float>.CreateUninitialized(w, h, cn);
        for (int k = 0; k < iterations; k++)
        {
            Convolve(estimate, reblurred, psf, flipped: false);
            for (int y = 0; y < h; y++)
            {
                var b = blurred.GetRow(y);
                var r = reblurred.GetRow(y);
                for (int i = 0; i < r.Length; i++) r[i] = Math.Max(b[i], 0) / Math.Max(r[i], floor);
            }
            Convolve(reblurred, correction, psf, flipped: true);
            for (int y = 0; y < h; y++)
            {
                var c = correction.GetRow(y);
                var d = estimate.GetRow(y);
                for (int i = 0; i < d.Length; i++) d[i] *= c[i];
            }
        }
        return estimate;
    }

    private static void Convolve(ImageBuffer<float> src, ImageBuffer<float> dst, float[,] psf, bool flipped)
    {
        int rows = psf.GetLength(0), cols = psf.GetLength(1);
        if (rows % 2 == 0 || cols % 2 == 0) throw new ArgumentException($"The point spread function must have odd sides; it is {cols}x{rows}.", nameof(psf));
        // Filter2D correlates: the blur is the correlation with the psf, its adjoint the correlation with the psf turned half a turn.
        var kernel = new float[rows * cols];
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < cols; x++)
                kernel[y * cols + x] = flipped ? psf[rows - 1 - y, cols - 1 - x] : psf[y, x];
        if (IsSeparable(psf, out var kx, out var ky))
            Convolution.Separable(src, dst, flipped ? kx.Reverse().ToArray() : kx, flipped ? ky.Reverse().ToArray() : ky, BorderMode.Reflect101);
        else
            Convolution.Filter2D(src, dst, kernel, cols, rows, BorderMode.Reflect101);
    }

    /// <summary>True when the psf is the outer product of its middle column and middle row (a Gaussian), giving the two factors.</summary>
    private static bool IsSeparable(float[,] psf, out float[] kx, out float[] ky)
    {
        int rows = psf.GetLength(0), cols = psf.GetLength(1);
        double centre = psf[rows / 2, cols / 2];
        kx = new float[cols];
        ky = new float[rows];
        if (centre <= 0) return false;
        for (int x = 0; x < cols; x++) kx[x] = psf[rows / 2, x];
        for (int y = 0; y < rows; y++) ky[y] = (float)(psf[y, cols / 2] / centre);
        float peak = psf[rows / 2, cols / 2];
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < cols; x++)
                if (Math.Abs(ky[y] * kx[x] - psf[y, x]) > 1e-6f * peak) return false;
        return true;
    }

    private static float[,] Normalise(float[,] psf)
    {
        double sum = 0;
        foreach (float v in psf) sum += v;
        for (int y = 0; y < psf.GetLength(0); y++)
            for (int x = 0; x < psf.GetLength(1); x++) psf[y, x] = (float)(psf[y, x] / sum);
        return psf;
    }
}
