using AugSharp.Kernels;
using AugSharp.Tests.Transforms;

namespace AugSharp.Tests.Kernels;

/// <summary>
/// The vectorised uint8 kernels (the fixed-point Gaussian, the RGB gray value, the per-channel
/// normalisation) against straightforward scalar formulas, on random images of every odd width
/// from 1 to 69 (so that every vector width meets full blocks, partial tails and rows shorter
/// than one vector) and on images of one or two rows.
/// </summary>
public sealed class RowKernelReferenceTests
{
    /// <summary>OpenCV's fixed-point Gaussian written out: exact integer row sums, then (Σ w·h + 2^15) >> 16 down the columns, reflect101 borders.</summary>
    private static byte[] ReferenceGaussian(ImageBuffer<byte> src, int[] q)
    {
        int w = src.Width, h = src.Height, cn = src.Channels, r = q.Length / 2;
        var rows = new int[h * w * cn];
        for (int y = 0; y < h; y++)
        {
            var s = src.GetRow(y);
            for (int x = 0; x < w; x++)
                for (int c = 0; c < cn; c++)
                {
                    int sum = 0;
                    for (int j = 0; j < q.Length; j++) sum += q[j] * s[KernelCommon.BorderIndex(x + j - r, w, BorderMode.Reflect101) * cn + c];
                    rows[(y * w + x) * cn + c] = sum;
                }
        }
        var result = new byte[h * w * cn];
        for (int y = 0; y < h; y++)
            for (int i = 0; i < w * cn; i++)
            {
                long sum = 0;
                for (int j = 0; j < q.Length; j++) sum += (long)q[j] * rows[KernelCommon.BorderIndex(y + j - r, h, BorderMode.Reflect101) * w * cn + i];
                result[y * w * cn + i] = (byte)Math.Clamp((sum + (1 << 15)) >> 16, 0, 255);
            }
        return result;
    }

    [Theory]
    [InlineData(1, 3, 0.0)]
    [InlineData(1, 13, 2.0)]
    [InlineData(3, 5, 1.1)]
    [InlineData(3, 13, 2.0)]
    [InlineData(4, 7, 0.0)]
    [InlineData(4, 25, 4.0)]
    [InlineData(2, 1, 0.0)]
    [InlineData(3, 151, 25.0)]
    public void GaussianMatchesTheFixedPointFormula(int channels, int size, double sigma)
    {
        var q = Convolution.GaussianWeights8(size, sigma);
        Assert.Equal(256, q.Sum());
        foreach (int h in new[] { 1, 2, 9 })
            for (int w = 1; w < 70; w += 2)
            {
                using var src = TestImages.RandomBytes(w, h, channels, w * 31 + h * 7 + channels);
                using var dst = ImageBuffer<byte>.CreateUninitialized(w, h, channels);
                Convolution.Gaussian(src, dst, size, sigma);
                Assert.True(ReferenceGaussian(src, q).AsSpan().SequenceEqual(dst.ToArray()), $"width {w}, height {h}");
            }
    }

    [Fact]
    public void GaussianOfExtremeValuesStaysExact()
    {
        // All 255 (the largest 16-bit row sums) and a 0/255 checkerboard (the largest swings).
        foreach (int w in new[] { 17, 33, 65, 131 })
        {
            using var src = new ImageBuffer<byte>(w, 5, 3);
            for (int y = 0; y < 5; y++)
            {
                var row = src.GetRow(y);
                for (int i = 0; i < row.Length; i++) row[i] = (byte)(((i / 3 + y) & 1) == 0 || w == 17 ? 255 : 0);
            }
            using var dst = ImageBuffer<byte>.CreateUninitialized(w, 5, 3);
            Convolution.Gaussian(src, dst, 13, 2.0);
            Assert.True(ReferenceGaussian(src, Convolution.GaussianWeights8(13, 2.0)).AsSpan().SequenceEqual(dst.ToArray()), $"width {w}");
        }
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 3)]
    [InlineData(3, 2)]
    [InlineData(4, 1)]
    [InlineData(4, 3)]
    public void GrayMatchesTheFixedPointFormula(int channels, int gray)
    {
        int outChannels = gray + (channels == 4 ? 1 : 0);
        foreach (int h in new[] { 1, 3 })
            for (int w = 1; w < 70; w += 2)
            {
                using var src = TestImages.RandomBytes(w, h, channels, w * 13 + channels * 5 + gray);
                using var dst = ImageBuffer<byte>.CreateUninitialized(w, h, outChannels);
                ColorKernels.RgbToGray(src, dst, gray);
                for (int y = 0; y < h; y++)
                {
                    var s = src.GetRow(y);
                    var d = dst.GetRow(y);
                    for (int x = 0; x < w; x++)
                    {
                        int v = (s[x * channels] * 9798 + s[x * channels + 1] * 19235 + s[x * channels + 2] * 3735 + (1 << 14)) >> 15;
                        for (int c = 0; c < gray; c++) Assert.Equal(v, d[x * outChannels + c]);
                        if (channels == 4) Assert.Equal(s[x * channels + 3], d[x * outChannels + gray]);
                    }
                }
            }
    }

    [Fact]
    public void GrayOfEveryLevelIsExact()
    {
        // Each of the 256 levels in each channel on its own, and the white and black pixels.
        using var src = new ImageBuffer<byte>(256 * 3 + 2, 1, 3);
        var row = src.GetRow(0);
        for (int v = 0; v < 256; v++)
            for (int c = 0; c < 3; c++) row[(c * 256 + v) * 3 + c] = (byte)v;
        row.Slice(256 * 9).Fill(255);
        row[^1] = row[^2] = row[^3] = 0;
        using var dst = ImageBuffer<byte>.CreateUninitialized(src.Width, 1, 1);
        ColorKernels.RgbToGray(src, dst, 1);
        var d = dst.GetRow(0);
        for (int x = 0; x < src.Width; x++)
            Assert.Equal((row[3 * x] * 9798 + row[3 * x + 1] * 19235 + row[3 * x + 2] * 3735 + (1 << 14)) >> 15, d[x]);
        Assert.Equal(255, d[^2]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void NormalizeMatchesTheDoubleFormula(int channels)
    {
        var rng = new Random(channels);
        var offset = new double[channels];
        var scale = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            offset[c] = rng.NextDouble() * 255;
            scale[c] = 1 / ((0.1 + rng.NextDouble()) * 255);
        }
        for (int w = 1; w < 70; w += 2)
        {
            var src = new byte[w * channels];
            rng.NextBytes(src);
            var dst = new float[src.Length];
            ColorKernels.NormalizeRow(src, dst, offset, scale);
            for (int i = 0; i < src.Length; i++)
            {
                float expected = (float)((src[i] - offset[i % channels]) * scale[i % channels]);
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(dst[i]), $"width {w}, element {i}: {dst[i]} against {expected}");
            }
        }
    }

    [Fact]
    public void NormalizeTransformKeepsTheImageNetNumbers()
    {
        using var src = TestImages.RandomBytes(37, 5, 3, 1);
        double[] mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
        var result = new NormalizeOperation(mean, std, 255, Normalization.Standard).Apply(new AnnotatedImage(src)).Image.As<float>();
        for (int y = 0; y < 5; y++)
        {
            var s = src.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i++)
                Assert.Equal((float)((s[i] - mean[i % 3] * 255) * (1 / (std[i % 3] * 255))), d[i]);
        }
    }
}
