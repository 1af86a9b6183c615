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

/// <summary>Enhancement steps as values: JSON round trips, presets, float images.</summary>
public sealed class EnhanceStepTests
{
    [Fact]
    public void StepsRoundTripThroughJson()
    {
        EnhanceStep[] steps =
        [
            new UpscaleStep(3, UpscaleMethod.Edge), new BrightnessStep(0.1), new ContrastStep(1.2), new GammaStep(0.8),
            new AutoLevelsStep(1, true), new EqualizeStep(), new ClaheStep(3, 4), new SharpenStep(1, 2, 3),
            new DenoiseStep(DenoiseMethod.NlMeans, 12), new DeblurStep(BlurModel.Motion(9, 30), 20), new WindowStep(40, 400, true),
            new ModelUpscaleStep("sr.onnx", 2, 128, 8),
        ];
        string json = System.Text.Json.JsonSerializer.Serialize(steps);
        var back = System.Text.Json.JsonSerializer.Deserialize<EnhanceStep[]>(json)!;
        Assert.Equal(steps, back);
        Assert.Contains("\"step\":\"deblur\"", json);
    }

    [Theory]
    [InlineData(EnhancePreset.Security)]
    [InlineData(EnhancePreset.Medical)]
    [InlineData(EnhancePreset.Document)]
    public void PresetsRunOnEightAndSixteenBits(EnhancePreset preset)
    {
        using var photo = EnhanceTestImages.Crop("rocket.jpg", 48, 40);
        using var result = Enhance.Apply(photo, Enhance.Preset(preset));
        int factor = preset == EnhancePreset.Security ? 2 : 1;
        Assert.Equal((48 * factor, 40 * factor, 3, PixelType.UInt8), (result.Width, result.Height, result.Channels, result.PixelType));
        using var sixteen = photo.ConvertTo<ushort>();
        using var result16 = Enhance.Apply(sixteen, Enhance.Preset(preset));
        Assert.Equal(PixelType.UInt16, result16.PixelType);
    }

    [Fact]
    public void FloatImagesGoThroughEveryStep()
    {
        using var photo = EnhanceTestImages.Crop("coffee.png", 24, 20);
        using var unit = new ImageBuffer<float>(24, 20, 3);
        for (int y = 0; y < 20; y++) for (int x = 0; x < 24; x++) for (int c = 0; c < 3; c++) unit[y, x, c] = photo[y, x, c] / 255f;
        EnhanceStep[] steps =
        [
            new UpscaleStep(2, UpscaleMethod.Edge), new BrightnessStep(0.05), new ContrastStep(1.1), new GammaStep(0.9), new AutoLevelsStep(1, true),
            new EqualizeStep(), new ClaheStep(2, 4), new SharpenStep(0.5), new DenoiseStep(DenoiseMethod.Bilateral), new DenoiseStep(DenoiseMethod.Median),
            new DeblurStep(BlurModel.Gaussian(1), 5), new WindowStep(0.5, 0.8, true),
        ];
        using var result = Enhance.Apply(unit, steps);
        Assert.Equal((48, 40, PixelType.Float32), (result.Width, result.Height, result.PixelType));
        Assert.All(result.As<float>().ToArray(), v => Assert.InRange(v, 0f, 1f));
    }
}
