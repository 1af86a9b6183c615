namespace AugSharp;

/// <summary>
/// The plasma fractal of PlasmaBrightnessContrast and PlasmaShadow: a diamond-square pattern,
/// regenerated from a 64-bit seed, stretched to 0..1.
/// </summary>
internal static class PlasmaFractal
{
    /// <summary>
    /// A pattern of <paramref name="width"/> x <paramref name="height"/> values in 0..1 (row by
    /// row). The fractal is built by diamond-square on a square grid of 2^k + 1 points whose side
    /// covers min(<paramref name="plasmaSize"/>, the image's larger side); the random offset
    /// halves its range every 1/<paramref name="roughness"/> levels (at level i, 0 the coarsest,
    /// it is uniform in ±2^(−i/roughness): a fractal of Hurst exponent 1/roughness), so small
    /// values give smooth patterns and large ones noisy, grainy ones. The image's share of the grid is enlarged bilinearly when the grid is smaller
    /// than the image, then stretched to 0..1 (a flat pattern becomes 0).
    /// </summary>
    public static float[] Generate(ulong seed, int width, int height, int plasmaSize, double roughness)
    {
        int larger = Math.Max(width, height);
        int target = Math.Clamp(Math.Min(plasmaSize, larger), 2, larger < 2 ? 2 : larger);
        int n = 1;
        while (n < target - 1) n *= 2;
        int side = n + 1;
        var grid = new double[side * side];
        var rng = new RandomStream(seed);
        double Noise(double amplitude) => amplitude * (2 * rng.NextDouble() - 1);
        grid[0] = Noise(1);
        grid[n] = Noise(1);
        grid[n * side] = Noise(1);
        grid[n * side + n] = Noise(1);
        double amp = 1, factor = Math.Pow(2, -1 / roughness);
        for (int step = n; step > 1; step /= 2)
        {
            amp *= factor;
            int half = step / 2;
            // Diamond: the centre of every square is the mean of its four corners plus noise.
            for (int y = half; y < side; y += step)
                for (int x = half; x < side; x += step)
                    grid[y * side + x] = (grid[(y - half) * side + x - half] + grid[(y - half) * side + x + half]
                        + grid[(y + half) * side + x - half] + grid[(y + half) * side + x + half]) / 4 + Noise(amp);
            // Square: every edge midpoint is the mean of its (three or four) neighbours plus noise.
            for (int y = 0; y < side; y += half)
            {
                for (int x = (y / half) % 2 == 0 ? half : 0; x < side; x += step)
                {
                    double sum = 0;
                    int count = 0;
                    if (y >= half) { sum += grid[(y - half) * side + x]; count++; }
                    if (y + half < side) { sum += grid[(y + half) * side + x]; count++; }
                    if (x >= half) { sum += grid[y * side + x - half]; count++; }
                    if (x + half < side) { sum += grid[y * side + x + half]; count++; }
                    grid[y * side + x] = sum / count + Noise(amp);
                }
            }
        }
        // The image's share of the grid: the grid's side stands for the image's larger side.
        double scale = (double)target / larger;
        int pw = Math.Clamp((int)Math.Round(width * scale), 1, side), ph = Math.Clamp((int)Math.Round(height * scale), 1, side);
        var share = new ImageBuffer<float>(pw, ph, 1);
        for (int y = 0; y < ph; y++)
            for (int x = 0; x < pw; x++)
                share[y, x, 0] = (float)grid[y * side + x];
        var pattern = share;
        if (pw != width || ph != height)
        {
            pattern = ImageBuffer<float>.CreateUninitialized(width, height, 1);
            Kernels.ResizeKernel.Apply(share, pattern, Interpolation.Linear);
            share.Dispose();
        }
        var result = new float[width * height];
        float lo = float.MaxValue, hi = float.MinValue;
        for (int y = 0; y < height; y++)
        {
            var row = pattern.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                float v = row[x];
                result[y * width + x] = v;
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }
        pattern.Dispose();
        float range = hi - lo;
        for (int i = 0; i < result.Length; i++) result[i] = range > 0 ? Math.Clamp((result[i] - lo) / range, 0f, 1f) : 0f;
        return result;
    }
}
