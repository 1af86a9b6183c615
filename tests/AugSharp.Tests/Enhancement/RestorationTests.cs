using AugSharp.Kernels;
using Xunit.Abstractions;

namespace AugSharp.Tests.Enhancement;

/// <summary>Denoising and deblurring measured on 128x128 centre crops of the sample photos.</summary>
public sealed class RestorationTests(ITestOutputHelper output)
{
    private const int Size = 128;

    [Fact]
    public void DenoisingRaisesPsnrOnSigma15Noise()
    {
        output.WriteLine("photo          noisy     median    bilateral nlmeans");
        int seed = 0;
        foreach (string photo in EnhanceTestImages.Photos)
        {
            using var clean = EnhanceTestImages.Crop(photo, Size, Size);
            using var noisy = EnhanceTestImages.AddNoise(clean, 15, seed++);
            double before = ImageComparison.Psnr(clean, noisy);
            var after = new Dictionary<DenoiseMethod, double>();
            foreach (var method in Enum.GetValues<DenoiseMethod>())
            {
                using var denoised = Enhance.Denoise(noisy, method);
                after[method] = ImageComparison.Psnr(clean, denoised);
            }
            output.WriteLine($"{photo,-14} {before,6:F2}   {after[DenoiseMethod.Median],6:F2}    {after[DenoiseMethod.Bilateral],6:F2}    {after[DenoiseMethod.NlMeans],6:F2}");
            foreach (var (method, psnr) in after) Assert.True(psnr > before, $"{photo}: {method} gives {psnr:F2} dB from {before:F2} dB");
            Assert.True(after[DenoiseMethod.NlMeans] >= before + 4, $"{photo}: nlmeans gains {after[DenoiseMethod.NlMeans] - before:F2} dB only");
        }
    }

    [Fact]
    public void DeblurGainsOnAKnownGaussian()
    {
        output.WriteLine("photo          blurred   deblurred (gaussian:2, 30 iterations)");
        var psf = Deconvolution.GaussianPsf(2);
        int twoDecibels = 0;
        foreach (string photo in EnhanceTestImages.Photos)
        {
            using var clean = EnhanceTestImages.Crop(photo, Size, Size);
            using var values = clean.ConvertTo<float>();
            using var blurredValues = Deconvolution.Blur(values, psf);
            using var blurred = blurredValues.ConvertTo<byte>();
            using var restored = Enhance.Deblur(blurred, BlurModel.Gaussian(2));
            double before = ImageComparison.Psnr(clean, blurred), after = ImageComparison.Psnr(clean, restored);
            output.WriteLine($"{photo,-14} {before,6:F2}    {after,6:F2}");
            Assert.True(after >= before + 0.5, $"{photo}: deblurring gains {after - before:F2} dB only ({before:F2} to {after:F2})");
            if (after >= before + 2) twoDecibels++;
        }
        output.WriteLine($"{twoDecibels} of 6 photos gain 2 dB or more");
        Assert.True(twoDecibels >= 3, $"{twoDecibels} of 6 photos gain 2 dB or more");
    }

    [Fact]
    public void MotionDeblurGains()
    {
        using var clean = EnhanceTestImages.Crop("camera.png", 128, 128);
        var blur = BlurModel.Motion(9, 30);
        using var values = clean.ConvertTo<float>();
        using var blurredValues = Deconvolution.Blur(values, blur.Psf());
        using var blurred = blurredValues.ConvertTo<byte>();
        using var restored = Enhance.Deblur(blurred, blur, 40);
        double before = ImageComparison.Psnr(clean, blurred), after = ImageComparison.Psnr(clean, restored);
        output.WriteLine($"motion:9,30 on camera.png: {before:F2} dB blurred, {after:F2} dB deblurred");
        Assert.True(after > before + 1, $"{before:F2} to {after:F2}");
    }

    [Fact]
    public void PointSpreadFunctionsAreNormalisedAndCentred()
    {
        foreach (var psf in new[] { Deconvolution.GaussianPsf(1.3), Deconvolution.MotionPsf(7, 0), Deconvolution.MotionPsf(12.5, 117) })
        {
            double sum = 0, mx = 0, my = 0;
            for (int y = 0; y < psf.GetLength(0); y++)
                for (int x = 0; x < psf.GetLength(1); x++)
                {
                    sum += psf[y, x];
                    mx += psf[y, x] * x;
                    my += psf[y, x] * y;
                }
            Assert.Equal(1, sum, 5);
            Assert.Equal(psf.GetLength(1) / 2, mx, 3);
            Assert.Equal(psf.GetLength(0) / 2, my, 3);
        }
        var horizontal = Deconvolution.MotionPsf(7, 0);
        int centre = horizontal.GetLength(0) / 2;
        for (int x = 0; x < horizontal.GetLength(1); x++)
            for (int y = 0; y < horizontal.GetLength(0); y++)
                if (y != centre) Assert.Equal(0, horizontal[y, x], 6);
    }

    [Fact]
    public void FiltersKeepConstantImages()
    {
        using var flat = new ImageBuffer<float>(20, 14, 3);
        flat.Fill(123);
        using var bilateral = Denoising.Bilateral(flat, 10, 2);
        using var nlm = Denoising.NonLocalMeans(flat, 5, 3);
        using var deblurred = Deconvolution.RichardsonLucy(flat, Deconvolution.MotionPsf(5, 45), 5);
        foreach (var result in new[] { bilateral, nlm, deblurred }) Assert.All(result.ToArray(), v => Assert.Equal(123, v, 2));
        Assert.Equal(0, Denoising.EstimateNoiseSigma(flat), 6);
    }

    [Fact]
    public void NoiseEstimateFindsTheNoise()
    {
        using var flat = new ImageBuffer<byte>(200, 150, 1);
        flat.Fill(120);
        using var noisy = EnhanceTestImages.AddNoise(flat, 15, 3);
        using var values = noisy.ConvertTo<float>();
        Assert.InRange(Denoising.EstimateNoiseSigma(values), 14, 16);
    }
}
