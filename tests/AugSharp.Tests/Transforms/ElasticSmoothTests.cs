namespace AugSharp.Tests.Transforms;

/// <summary>The elastic field smoothing equals the plain separable convolution bit for bit, vector rows included.</summary>
public class ElasticSmoothTests
{
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
    public void SmoothEqualsThePlainConvolution(int width, int height, int taps)
    {
        var rng = new Random(width * 31 + height);
        var field = new double[width * height];
        for (int i = 0; i < field.Length; i++) field[i] = rng.NextDouble() * 2 - 1;
        var kernel = ElasticTransform.GaussianKernel(taps, taps / 6.0);
        var expected = Reference(field, width, height, kernel);
        var actual = ElasticTransform.Smooth(field, width, height, kernel);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(actual[i]));
    }
}
