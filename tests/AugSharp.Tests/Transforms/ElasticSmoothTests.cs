namespace AugSharp.Tests.Transforms;

/// <summary>The elastic field smoothing equals the plain convolution (in float), and the map built from the node grid its plain formula bit for bit, vector rows included.</summary>
public class ElasticSmoothTests
{
    /// <summary>The field smoothed as the transform smooths it (the library's float separable convolution), as doubles.</summary>
    internal static double[] Smooth(double[] field, int width, int height, double[] kernel)
    {
        using var image = ImageBuffer<float>.CreateUninitialized(width, height, 1);
        var values = image.GetSpan();
        for (int i = 0; i < values.Length; i++) values[i] = (float)field[i];
        using var smooth = ImageBuffer<float>.CreateUninitialized(width, height, 1);
        ElasticTransform.Smooth(image, smooth, Array.ConvertAll(kernel, v => (float)v));
        return Array.ConvertAll(smooth.GetSpan().ToArray(), v => (double)v);
    }

    private static double[] Reference(double[] field, int width, int height, double[] kernel)
    {
        int r = kernel.Length / 2;
        static int Reflect101(int p, int n)
        {
            if (n == 1) return 0;
            int period = 2 * (n - 1);
            p %= period;
            if (p < 0) p += period;
            return p < n ? p : period - p;
        }
        var rows = new double[field.Length];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            double s = 0;
            for (int t = 0; t < kernel.Length; t++) s += kernel[t] * field[y * width + Reflect101(x + t - r, width)];
            rows[y * width + x] = s;
        }
        var result = new double[field.Length];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            double s = 0;
            for (int t = 0; t < kernel.Length; t++) s += kernel[t] * rows[Reflect101(y + t - r, height) * width + x];
            result[y * width + x] = s;
        }
        return result;
    }

    [Theory]
    [InlineData(1, 1, 5)]
    [InlineData(3, 9, 7)]
    [InlineData(17, 5, 11)]
    [InlineData(22, 13, 21)]
    [InlineData(101, 37, 21)]
    [InlineData(326, 151, 21)]
    public void SmoothEqualsThePlainConvolutionInSinglePrecision(int width, int height, int taps)
    {
        var rng = new Random(width * 31 + height);
        var field = new double[width * height];
        for (int i = 0; i < field.Length; i++) field[i] = rng.NextDouble() * 2 - 1;
        var kernel = ElasticTransform.GaussianKernel(taps, taps / 6.0);
        var expected = Reference(field, width, height, kernel);
        var actual = Smooth(field, width, height, kernel);
        // Single precision: a few units in the last place of values below 1.
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-6, $"element {i}: {actual[i]} against {expected[i]}");
    }

    [Theory]
    [InlineData(37, 23, 2, false, true)]
    [InlineData(40, 31, 3, true, true)]
    [InlineData(9, 5, 4, false, true)]
    [InlineData(3, 3, 2, false, true)]
    [InlineData(37, 23, 2, false, false)]
    [InlineData(40, 31, 3, true, false)]
    public void MapEqualsThePlainBilinearFormula(int width, int height, int step, bool sameDxdy, bool vectors)
    {
        ElasticTransformOperation.UseVectors = vectors;
        try
        {
            CheckMap(width, height, step, sameDxdy);
        }
        finally
        {
            ElasticTransformOperation.UseVectors = true;
        }
    }

    private static void CheckMap(int width, int height, int step, bool sameDxdy)
    {
        int gw = ElasticTransformOperation.GridSize(width, step), gh = ElasticTransformOperation.GridSize(height, step);
        var rng = new Random(width + step);
        var dx = new float[gw * gh];
        var dy = new float[gw * gh];
        for (int i = 0; i < dx.Length; i++) { dx[i] = (float)(rng.NextDouble() * 20 - 10); dy[i] = (float)(rng.NextDouble() * 20 - 10); }
        if (sameDxdy) dy = dx;
        var op = new ElasticTransformOperation(width, height, step, dx, sameDxdy ? [] : dy);
        using var map = op.GetMap(new ImageShape(height, width, 3));
        for (int y = 0; y < height; y++)
        {
            int i = Math.Min(y / step, gh - 2);
            double fy = (double)(y - i * step) / step;
            for (int x = 0; x < width; x++)
            {
                int j = Math.Min(x / step, gw - 2);
                double f = (double)(x - j * step) / step;
                int a = i * gw + j, b = a + gw;
                double ddx = (dx[a] * (1 - f) + dx[a + 1] * f) * (1 - fy) + (dx[b] * (1 - f) + dx[b + 1] * f) * fy;
                double ddy = (dy[a] * (1 - f) + dy[a + 1] * f) * (1 - fy) + (dy[b] * (1 - f) + dy[b + 1] * f) * fy;
                Assert.Equal((float)(x + ddx), map[y, x, 0]);
                Assert.Equal((float)(y + ddy), map[y, x, 1]);
            }
        }
    }
}
