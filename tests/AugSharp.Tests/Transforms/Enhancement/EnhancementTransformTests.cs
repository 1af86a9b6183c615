using AugSharp.Tests.Enhancement;

namespace AugSharp.Tests.Transforms.Enhancement;

/// <summary>The enhancement transforms: deterministic, readable from pipeline files, and the same numbers as the enhancement steps.</summary>
public sealed class EnhancementTransformTests
{
    private static ImageBuffer Run(ITransform transform, ImageBuffer image, int copy = 0)
        => new Compose([transform]).Run(new AnnotatedImage(image), RandomStream.For(1, 2, copy)).Result.Image;

    [Fact]
    public void PipelineFileRunsTheSameNumbersAsTheSteps()
    {
        using var clean = EnhanceTestImages.Crop("astronaut.png", 48, 40);
        using var noisy = EnhanceTestImages.AddNoise(clean, 12, 5);
        var pipeline = PipelineFile.Parse("transforms:\n  - NonLocalMeans: {sigma: 12}\n  - RichardsonLucy: {psf: gaussian, sigma: 1.2, iterations: 8}\n", "test.yaml");
        using var viaPipeline = Run(pipeline, noisy);
        using var again = Run(pipeline, noisy, copy: 5);
        using var viaSteps = Enhance.Apply(noisy, [new DenoiseStep(DenoiseMethod.NlMeans, 12), new DeblurStep(BlurModel.Gaussian(1.2), 8)]);
        Assert.Equal(viaSteps.As<byte>().ToArray(), viaPipeline.As<byte>().ToArray());
        Assert.Equal(viaPipeline.As<byte>().ToArray(), again.As<byte>().ToArray());
    }

    [Fact]
    public void BilateralTransformEqualsTheStep()
    {
        using var clean = EnhanceTestImages.Crop("coffee.png", 40, 30);
        using var noisy = EnhanceTestImages.AddNoise(clean, 10, 2);
        using var viaTransform = Run(new BilateralFilter { SigmaColor = 20 }, noisy);
        using var viaStep = Enhance.Denoise(noisy, DenoiseMethod.Bilateral, 10);
        Assert.Equal(viaStep.As<byte>().ToArray(), viaTransform.As<byte>().ToArray());
    }

    [Fact]
    public void WindowLevelGivesEightBitsByDefault()
    {
        using var scan = new ImageBuffer<ushort>(8, 2, 1);
        for (int x = 0; x < 8; x++) { scan[0, x, 0] = (ushort)(900 + x * 50); scan[1, x, 0] = 5000; }
        var transform = new WindowLevel { Center = 1000, Width = 201 };
        Assert.Equal(PixelType.UInt8, transform.OutputPixelType(PixelType.UInt16));
        using var result = Run(transform, scan);
        Assert.Equal(PixelType.UInt8, result.PixelType);
        // DICOM's ((v - (c - 0.5)) / (w - 1) + 0.5) * 255: 900 is just inside the window, 1100 and above white.
        Assert.Equal(new byte[] { 1, 64, 128, 192, 255, 255, 255, 255 }, result.As<byte>().ToArray()[..8]);
        using var kept = Run(new WindowLevel { Center = 1000, Width = 201, KeepDepth = true }, scan);
        Assert.Equal(PixelType.UInt16, kept.PixelType);
        Assert.Equal(65535, kept.As<ushort>()[1, 0, 0]);
    }
}
