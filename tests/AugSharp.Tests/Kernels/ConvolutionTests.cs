using AugSharp.Kernels;

namespace AugSharp.Tests.Kernels;

/// <summary>Properties of the convolution kernels that need no reference: constants stay, the fixed-point and float paths agree.</summary>
public sealed class ConvolutionTests
{
    private static ImageBuffer<T> Noise<T>(int w, int h, int cn, double max, int seed) where T : unmanaged
    {
        var rng = new Random(seed);
        var image = new ImageBuffer<T>(w, h, cn);
        for (int y = 0; y < h; y++)
        {
            var row = image.GetRow(y);
            for (int i = 0; i < row.Length; i++) row[i] = KernelCommon.FromDouble<T>(rng.NextDouble() * max);
        }
        return image;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void ConstantImageStaysConstant(int channels)
    {
        using var image = new ImageBuffer<byte>(23, 17, channels);
        image.Fill(200);
        using var result = new ImageBuffer<byte>(23, 17, channels);
        var k = Convolution.GaussianKernel(11, 2.3);
        Convolution.Separable(image, result, k, k);
        Assert.All(result.ToArray(), v => Assert.Equal(200, v));
        Convolution.Median(image, result, 5);
        Assert.All(result.ToArray(), v => Assert.Equal(200, v));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 7)]
    [InlineData(4, 13)]
    [InlineData(5, 5)]
    public void FixedPointAgreesWithFloat(int channels, int size)
    {
        using var image = Noise<byte>(41, 19, channels, 255, size * 10 + channels);
        using var fixedResult = new ImageBuffer<byte>(41, 19, channels);
        var k = Convolution.GaussianKernel(size, size / 4.0);
        Convolution.Separable(image, fixedResult, k, k);
        using var asFloat = image.ConvertTo<float>();
        using var floatResult = new ImageBuffer<float>(41, 19, channels);
        Convolution.Separable(asFloat, floatResult, k, k);
        var a = fixedResult.ToArray();
        var b = floatResult.ToArray();
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1, $"element {i}: {a[i]} against {b[i]}");
    }

    [Fact]
    public void GaussianInPlaceEqualsOutOfPlace()
    {
        using var image = Noise<byte>(30, 21, 3, 255, 9);
        using var result = new ImageBuffer<byte>(30, 21, 3);
        Convolution.Gaussian(image, result, 9, 1.6);
        Convolution.Gaussian(image, image, 9, 1.6);
        Assert.Equal(result.ToArray(), image.ToArray());
    }

    [Fact]
    public void AsymmetricKernelAgreesWithFloat()
    {
        using var image = Noise<byte>(33, 17, 3, 255, 4);
        float[] kx = [0.1f, 0.5f, 0.4f], ky = [0.6f, 0.1f, 0.1f, 0.1f, 0.1f];
        using var fixedResult = new ImageBuffer<byte>(33, 17, 3);
        Convolution.Separable(image, fixedResult, kx, ky);
        using var asFloat = image.ConvertTo<float>();
        using var floatResult = new ImageBuffer<float>(33, 17, 3);
        Convolution.Separable(asFloat, floatResult, kx, ky);
        var a = fixedResult.ToArray();
        var b = floatResult.ToArray();
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1, $"element {i}: {a[i]} against {b[i]}");
    }

    [Fact]
    public void ImageSmallerThanKernelReflects()
    {
        using var image = Noise<byte>(2, 3, 3, 255, 1);
        using var result = new ImageBuffer<byte>(2, 3, 3);
        var k = Convolution.GaussianKernel(13, 2);
        Convolution.Separable(image, result, k, k);
        using var one = Noise<byte>(1, 1, 2, 255, 2);
        using var oneResult = new ImageBuffer<byte>(1, 1, 2);
        Convolution.Separable(one, oneResult, k, k);
        Assert.Equal(one.ToArray(), oneResult.ToArray());
    }

    [Fact]
    public void MedianOfIsolatedSpikeIsRemoved()
    {
        using var image = new ImageBuffer<ushort>(9, 9, 2);
        image[4, 4, 1] = 60000;
        using var result = new ImageBuffer<ushort>(9, 9, 2);
        Convolution.Median(image, result, 3);
        Assert.All(result.ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Filter2DWithCentreTapCopies()
    {
        using var image = Noise<float>(12, 7, 4, 1, 3);
        using var result = new ImageBuffer<float>(12, 7, 4);
        var k = new float[9];
        k[4] = 1;
        Convolution.Filter2D(image, result, k, 3, 3);
        Assert.Equal(image.ToArray(), result.ToArray());
    }
}
