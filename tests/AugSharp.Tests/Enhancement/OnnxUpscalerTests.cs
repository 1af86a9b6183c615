using Xunit.Abstractions;

namespace AugSharp.Tests.Enhancement;

/// <summary>
/// The ONNX path end to end with the tiny network of <c>tools/make_tiny_sr_model.py</c>
/// (<c>TestData/Onnx/tiny_sr_x2.onnx</c>): reflect padding, a 3x3 convolution whose weights are
/// quarter-pixel bilinear plus a small Laplacian, ReLU and DepthToSpace by 2.
/// </summary>
public sealed class OnnxUpscalerTests(ITestOutputHelper output)
{
    private static string Model => TestPaths.TestData("Onnx", "tiny_sr_x2.onnx");

    [Fact]
    public void ScaleAndChannelsComeFromTheNetwork()
    {
        using var upscaler = new OnnxUpscaler(Model);
        Assert.Equal(2, upscaler.Scale);
        Assert.Equal(3, upscaler.Channels);
        Assert.True(new FileInfo(Model).Length < 8192);
    }

    [Fact]
    public void OutputIsTheNetworksArithmetic()
    {
        using var image = EnhanceTestImages.Crop("coffee.png", 23, 17);
        using var upscaler = new OnnxUpscaler(Model);
        using var big = upscaler.Upscale(image).As<byte>();
        Assert.Equal((46, 34, 3), (big.Width, big.Height, big.Channels));
        double[] Taps(int b) => b == 0 ? [0.25, 0.75, 0] : [0, 0.75, 0.25];
        double[,] sharpen = { { 0, -0.05, 0 }, { -0.05, 0.2, -0.05 }, { 0, -0.05, 0 } };
        int Mirror(int p, int n) => p < 0 ? -p : p >= n ? 2 * n - 2 - p : p;
        int worst = 0;
        for (int y = 0; y < 17; y++)
            for (int x = 0; x < 23; x++)
                for (int by = 0; by < 2; by++)
                    for (int bx = 0; bx < 2; bx++)
                        for (int c = 0; c < 3; c++)
                        {
                            double sum = 0;
                            for (int dy = -1; dy <= 1; dy++)
                                for (int dx = -1; dx <= 1; dx++)
                                    sum += (Taps(by)[dy + 1] * Taps(bx)[dx + 1] + sharpen[dy + 1, dx + 1]) * image[Mirror(y + dy, 17), Mirror(x + dx, 23), c] / 255.0;
                            int expected = (int)Math.Round(Math.Clamp(sum, 0, 1) * 255);
                            worst = Math.Max(worst, Math.Abs(expected - big[2 * y + by, 2 * x + bx, c]));
                        }
        Assert.True(worst <= 1, $"largest difference {worst}");
    }

    [Theory]
    [InlineData(16, 2)]
    [InlineData(20, 1)]
    [InlineData(33, 5)]
    public void TiledEqualsUntiled(int tileSize, int overlap)
    {
        using var image = EnhanceTestImages.Crop("astronaut.png", 70, 45);
        using var whole = new OnnxUpscaler(Model, tileSize: 1024, overlap: 0);
        using var tiled = new OnnxUpscaler(Model, tileSize, overlap);
        using var a = whole.Upscale(image);
        using var b = tiled.Upscale(image);
        Assert.Equal(a.As<byte>().ToArray(), b.As<byte>().ToArray());
        // Without overlap, the tile borders show: the overlap is what makes them equal.
        using var seams = new OnnxUpscaler(Model, tileSize, 0);
        using var c = seams.Upscale(image);
        Assert.NotEqual(a.As<byte>().ToArray(), c.As<byte>().ToArray());
    }

    [Fact]
    public void SixteenBitGrayAndAlphaKeepTheirShape()
    {
        using var gray = new ImageBuffer<ushort>(30, 20, 1);
        for (int y = 0; y < 20; y++) for (int x = 0; x < 30; x++) gray[y, x, 0] = (ushort)(x * 2000 + y * 300);
        using var upscaler = new OnnxUpscaler(Model, tileSize: 16, overlap: 2);
        using var big = upscaler.Upscale(gray);
        Assert.Equal((60, 40, 1, PixelType.UInt16), (big.Width, big.Height, big.Channels, big.PixelType));
        using var rgba = new ImageBuffer<byte>(20, 20, 4);
        rgba.Fill(200);
        using var bigRgba = upscaler.Upscale(rgba).As<byte>();
        Assert.All(bigRgba.ToArray(), v => Assert.Equal(200, v));
    }

    [Fact]
    public void StepChecksTheFactorAndReportsTheFigures()
    {
        using var crop = EnhanceTestImages.Crop("chelsea.png", 128, 128);
        using var small = ImageBuffer<byte>.CreateUninitialized(64, 64, 3);
        AugSharp.Kernels.ResizeKernel.Apply(crop, small, Interpolation.Area);
        using var viaModel = Enhance.Apply(small, [new ModelUpscaleStep(Model, 2, TileSize: 32)]);
        using var lanczos = Enhance.Upscale(small, 2);
        output.WriteLine($"chelsea 128x128 from 64x64: tiny network {ImageComparison.Psnr(crop, viaModel):F2} dB, Lanczos {ImageComparison.Psnr(crop, lanczos):F2} dB");
        Assert.Equal((128, 128), (viaModel.Width, viaModel.Height));
        Assert.Throws<ArgumentException>(() => Enhance.Apply(small, [new ModelUpscaleStep(Model, 3)]));
        Assert.Throws<FileNotFoundException>(() => new OnnxUpscaler(TestPaths.TestData("Onnx", "missing.onnx")));
        Assert.Throws<InvalidDataException>(() => new OnnxUpscaler(TestPaths.Image("README.md")));
    }
}
