using AugSharp.Kernels;
using Xunit.Abstractions;

namespace AugSharp.Tests.Enhancement;

/// <summary>Upscaling on the sample photos: each 256x256 centre crop shrunk by 2 (area) and enlarged by 2, measured against the crop.</summary>
public sealed class UpscaleTests(ITestOutputHelper output)
{
    [Fact]
    public void LanczosMatchesOpenCvAndEdgeDirectedBeatsIt()
    {
        int psnrWins = 0, ssimWins = 0;
        output.WriteLine("photo          lanczos (OpenCV)          bicubic (OpenCV)          edge");
        foreach (var entry in EnhanceTestImages.Manifest.GetProperty("upscale").EnumerateArray())
        {
            string photo = entry.GetProperty("photo").GetString()!;
            using var crop = EnhanceTestImages.Crop(photo, 256, 256);
            Assert.Equal(entry.GetProperty("x").GetInt32(), (PixelConversion.ToBytes(ImageCodec.Read(TestPaths.Image(photo))).Width - 256) / 2);
            using var small = ImageBuffer<byte>.CreateUninitialized(128, 128, crop.Channels);
            ResizeKernel.Apply(crop, small, Interpolation.Area);
            var figures = new Dictionary<UpscaleMethod, QualityFigures>();
            foreach (var method in new[] { UpscaleMethod.Lanczos, UpscaleMethod.Bicubic, UpscaleMethod.Edge })
            {
                using var big = Enhance.Upscale(small, 2, method);
                Assert.Equal((256, 256, crop.Channels, PixelType.UInt8), (big.Width, big.Height, big.Channels, big.PixelType));
                figures[method] = ImageComparison.Compare(crop, big).Overall;
            }
            double cvLanczos = entry.GetProperty("lanczos").GetProperty("psnr").GetDouble();
            double cvLanczosSsim = entry.GetProperty("lanczos").GetProperty("ssim").GetDouble();
            double cvCubic = entry.GetProperty("bicubic").GetProperty("psnr").GetDouble();
            var l = figures[UpscaleMethod.Lanczos];
            var c = figures[UpscaleMethod.Bicubic];
            var e = figures[UpscaleMethod.Edge];
            output.WriteLine($"{photo,-14} {l.Psnr:F2} dB ({cvLanczos:F2}) {l.Ssim:F4}  {c.Psnr:F2} dB ({cvCubic:F2}) {c.Ssim:F4}  {e.Psnr:F2} dB {e.Ssim:F4}");
            Assert.True(Math.Abs(l.Psnr - cvLanczos) <= 0.1, $"{photo}: Lanczos {l.Psnr:F3} dB, OpenCV INTER_LANCZOS4 {cvLanczos:F3} dB");
            Assert.True(Math.Abs(c.Psnr - cvCubic) <= 0.1, $"{photo}: bicubic {c.Psnr:F3} dB, OpenCV INTER_CUBIC {cvCubic:F3} dB");
            // The same pixels through scikit-image's SSIM give the committed figure.
            Assert.True(Math.Abs(l.Ssim - cvLanczosSsim) <= 2e-3, $"{photo}: SSIM {l.Ssim:F5}, scikit-image on OpenCV's output {cvLanczosSsim:F5}");
            if (e.Psnr > l.Psnr) psnrWins++;
            if (e.Ssim > l.Ssim) ssimWins++;
        }
        output.WriteLine($"edge-directed beats Lanczos on {psnrWins} of 6 photos in PSNR and {ssimWins} of 6 in SSIM");
        Assert.True(psnrWins >= 4, $"edge-directed beats Lanczos in PSNR on {psnrWins} photos only");
        Assert.True(ssimWins >= 4, $"edge-directed beats Lanczos in SSIM on {ssimWins} photos only");
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    public void EdgeDirectedKeepsConstantsAndShrinksBackToItsInput(int factor, int channels)
    {
        using var flat = new ImageBuffer<float>(9, 7, channels);
        flat.Fill(77);
        using var big = EdgeDirectedUpscale.Apply(flat, factor);
        Assert.Equal((9 * factor, 7 * factor), (big.Width, big.Height));
        Assert.All(big.ToArray(), v => Assert.Equal(77, v, 3));

        using var crop = EnhanceTestImages.Crop("coffee.png", 40, 32);
        using var values = crop.ConvertTo<float>();
        using var small = ImageBuffer<float>.CreateUninitialized(40 / factor, 32 / factor, 3);
        ResizeKernel.Apply(values.Crop(0, 0, 40 / factor * factor, 32 / factor * factor), small, Interpolation.Area);
        using var lanczos = EdgeDirectedUpscale.Apply(small, factor, iterations: 0);
        using var edge = EdgeDirectedUpscale.Apply(small, factor);
        double Consistency(ImageBuffer<float> image)
        {
            using var back = ImageBuffer<float>.CreateUninitialized(small.Width, small.Height, 3);
            ResizeKernel.Apply(image, back, Interpolation.Area);
            return back.ToArray().Zip(small.ToArray(), (a, b) => Math.Abs(a - b)).Max();
        }
        Assert.True(Consistency(edge) < Consistency(lanczos) / 4, $"area-shrunk result differs from the input by {Consistency(edge)} (Lanczos: {Consistency(lanczos)})");
    }

    [Fact]
    public void SixteenBitUpscaleKeepsDepth()
    {
        using var image = new ImageBuffer<ushort>(10, 8, 1);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 10; x++) image[y, x, 0] = (ushort)(x * 6000 + y * 100);
        foreach (var method in Enum.GetValues<UpscaleMethod>())
        {
            using var big = Enhance.Upscale(image, 3, method);
            Assert.Equal((30, 24, PixelType.UInt16), (big.Width, big.Height, big.PixelType));
        }
    }
}
