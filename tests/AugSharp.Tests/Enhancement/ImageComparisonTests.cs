namespace AugSharp.Tests.Enhancement;

/// <summary>PSNR and SSIM on cases with known answers (the photos' figures against scikit-image are in <see cref="UpscaleTests"/>).</summary>
public sealed class ImageComparisonTests
{
    [Fact]
    public void IdenticalImagesAreInfiniteAndOne()
    {
        using var a = EnhanceTestImages.Crop("chelsea.png", 40, 30);
        var result = ImageComparison.Compare(a, a.Clone());
        Assert.True(double.IsPositiveInfinity(result.Overall.Psnr));
        Assert.Equal(1, result.Overall.Ssim, 12);
        Assert.Equal(3, result.Channels.Count);
    }

    [Fact]
    public void PsnrFollowsTheMeanSquaredError()
    {
        using var a = new ImageBuffer<byte>(20, 20, 2);
        a.Fill(100);
        using var b = a.Clone();
        for (int y = 0; y < 20; y++) for (int x = 0; x < 20; x++) b[y, x, 1] = 110;
        var result = ImageComparison.Compare(a, b);
        Assert.Equal(50, result.Overall.MeanSquaredError, 9);
        Assert.Equal(10 * Math.Log10(255.0 * 255 / 50), result.Overall.Psnr, 9);
        Assert.True(double.IsPositiveInfinity(result.Channels[0].Psnr));
        Assert.Equal(10 * Math.Log10(255.0 * 255 / 100), result.Channels[1].Psnr, 9);
        using var a16 = a.ConvertTo<ushort>();
        using var b16 = b.ConvertTo<ushort>();
        Assert.Equal(65535.0, ImageComparison.Compare(a16, b16).DataRange);
    }

    [Fact]
    public void SsimFallsWithDistortionAndRefusesOtherShapes()
    {
        using var clean = EnhanceTestImages.Crop("camera.png", 64, 64);
        using var slight = EnhanceTestImages.AddNoise(clean, 5, 1);
        using var strong = EnhanceTestImages.AddNoise(clean, 30, 1);
        double s1 = ImageComparison.Ssim(clean, slight), s2 = ImageComparison.Ssim(clean, strong);
        Assert.InRange(s1, 0, 1);
        Assert.True(s2 < s1);
        using var other = new ImageBuffer<byte>(64, 63, 1);
        Assert.Throws<ArgumentException>(() => ImageComparison.Compare(clean, other));
    }
}
