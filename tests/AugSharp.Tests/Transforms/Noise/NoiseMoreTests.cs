namespace AugSharp.Tests.Transforms.Noise;

/// <summary>What ISONoise and AdditiveNoise draw and do.</summary>
public sealed class NoiseMoreTests
{
    private static ImageBuffer<byte> Flat(int w, int h, int cn, byte value)
    {
        var image = new ImageBuffer<byte>(w, h, cn);
        image.Fill(value);
        return image;
    }

    private static TransformContext Context(ImageBuffer image) => new(new AnnotatedImage(image));

    private static double MeanAbsDifference(ImageBuffer a, ImageBuffer b)
        => TestImages.Values(a).Zip(TestImages.Values(b)).Average(p => Math.Abs(p.First - p.Second));

    [Fact]
    public void HlsRoundTripsRgb()
    {
        var rng = new RandomStream(3);
        for (int i = 0; i < 1000; i++)
        {
            double r = rng.NextDouble(), g = rng.NextDouble(), b = rng.NextDouble();
            var (h, l, s) = Hls.FromRgb(r, g, b);
            var (r2, g2, b2) = Hls.ToRgb(h, l, s);
            Assert.Equal(r, r2, 9);
            Assert.Equal(g, g2, 9);
            Assert.Equal(b, b2, 9);
        }
        Assert.Equal((0.0, 0.5, 1.0), Hls.FromRgb(1, 0, 0));
        Assert.Equal(120, Hls.FromRgb(0, 1, 0).H, 9);
    }

    [Fact]
    public void IsoNoiseGrowsWithIntensityAndKeepsAlpha()
    {
        using var image = (ImageBuffer<byte>)TestImages.Make(PixelType.UInt8, 4, 64, 48);
        double Change(double intensity)
        {
            var r = new IsoNoiseOperation { ColorShift = 0.05, Intensity = intensity, Seed = 11 }.Apply(new AnnotatedImage(image)).Image;
            for (int y = 0; y < image.Height; y++)
                for (int x = 0; x < image.Width; x++)
                    Assert.Equal(image[y, x, 3], r.As<byte>()[y, x, 3]);
            return MeanAbsDifference(image, r);
        }
        double none = Change(0), weak = Change(0.1), strong = Change(0.6);
        Assert.True(none < 0.6, $"no intensity changes {none}");
        Assert.True(weak < strong, $"weak {weak}, strong {strong}");
        Assert.True(strong > 2);
    }

    [Fact]
    public void IsoNoiseOnlyBrightensLightness()
    {
        using var image = Flat(40, 30, 3, 100);
        var r = new IsoNoiseOperation { ColorShift = 0, Intensity = 0.5, Seed = 2 }.Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.All(r.ToArray(), v => Assert.True(v >= 100));
    }

    [Fact]
    public void IsoNoiseRefusesGrayImagesByName()
    {
        using var gray = Flat(8, 8, 1, 10);
        var e = Assert.Throws<NotSupportedException>(() => new ISONoise { P = 1 }.Sample(new RandomStream(1), Context(gray)));
        Assert.Contains("ISONoise", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantUniformNoiseShiftsEachChannelWithinItsRange()
    {
        using var image = Flat(10, 10, 3, 128);
        var t = new AdditiveNoise
        {
            NoiseParams = new NoiseParams { Ranges = [new(0.1, 0.1), new(-0.2, -0.2), new(0, 0)] },
            P = 1,
        };
        var result = new Compose([t]).Run(new AnnotatedImage(image), new RandomStream(4)).Result.Image.As<byte>();
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal([(byte)154, (byte)77, (byte)128], result.ToArray().Skip(i * 3).Take(3)));
        var e = Assert.Throws<ArgumentException>(() => new AdditiveNoise { NoiseParams = new NoiseParams { Ranges = [new(0, 0.1), new(0, 0.1)] }, P = 1 }.Sample(new RandomStream(1), Context(image)));
        Assert.Contains("AdditiveNoise", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AdditiveNoiseType.Gaussian, 0.1)]
    [InlineData(AdditiveNoiseType.Laplace, 0.1)]
    public void SpatialNoiseHasTheDrawnSpread(AdditiveNoiseType type, double spread)
    {
        using var image = new ImageBuffer<float>(200, 200, 1);
        image.Fill(0.5f);
        var op = new AdditiveNoiseOperation { NoiseType = type, SpatialMode = NoiseSpatialMode.PerPixel, Mean = 0.05, Std = spread, Scale = spread, Seed = 8 };
        var values = op.Apply(new AnnotatedImage(image)).Image.As<float>().ToArray().Select(v => (double)v).ToArray();
        double mean = values.Average(), sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.Equal(0.55, mean, 2);
        // Laplace(b) has standard deviation b·√2.
        Assert.Equal(type == AdditiveNoiseType.Laplace ? spread * Math.Sqrt(2) : spread, sd, 2);
    }

    [Fact]
    public void BetaNoiseStaysWithinItsScale()
    {
        using var image = new ImageBuffer<float>(100, 100, 1);
        image.Fill(0.5f);
        var op = new AdditiveNoiseOperation { NoiseType = AdditiveNoiseType.Beta, SpatialMode = NoiseSpatialMode.PerPixel, Alpha = 0.5, Beta = 2, Scale = 0.2, Seed = 8 };
        var values = op.Apply(new AnnotatedImage(image)).Image.As<float>().ToArray();
        Assert.All(values, v => Assert.InRange(v, 0.3f - 1e-6f, 0.7f + 1e-6f));
        // Beta(0.5, 2) has mean 0.2: the noise has mean (2·0.2 − 1)·0.2 = −0.12.
        Assert.Equal(0.38, values.Average(), 2);
    }

    [Fact]
    public void SharedNoiseIsTheSameInEveryChannel()
    {
        using var image = Flat(30, 20, 3, 128);
        var op = new AdditiveNoiseOperation { NoiseType = AdditiveNoiseType.Uniform, SpatialMode = NoiseSpatialMode.Shared, Low = -0.2, High = 0.2, Seed = 3 };
        var r = op.Apply(new AnnotatedImage(image)).Image.As<byte>();
        var values = new HashSet<byte>();
        for (int y = 0; y < 20; y++)
            for (int x = 0; x < 30; x++)
            {
                Assert.Equal(r[y, x, 0], r[y, x, 1]);
                Assert.Equal(r[y, x, 0], r[y, x, 2]);
                values.Add(r[y, x, 0]);
            }
        Assert.True(values.Count > 20);
    }

    [Fact]
    public void ApproximationSmoothsTheNoise()
    {
        using var image = new ImageBuffer<float>(64, 64, 1);
        image.Fill(0.5f);
        double Step(double approximation)
        {
            var op = new AdditiveNoiseOperation { NoiseType = AdditiveNoiseType.Uniform, SpatialMode = NoiseSpatialMode.PerPixel, Low = -0.3, High = 0.3, Approximation = approximation, Seed = 1 };
            var v = op.Apply(new AnnotatedImage(image)).Image.As<float>().ToArray();
            return Enumerable.Range(0, v.Length - 1).Where(i => (i + 1) % 64 != 0).Average(i => Math.Abs(v[i + 1] - v[i]));
        }
        Assert.True(Step(0.25) < Step(1) / 2);
    }

    [Fact]
    public void NoiseParamsReadFromAFileAndRefuseKeysOfOtherTypes()
    {
        var t = (AdditiveNoise)TransformRegistry.Create("AdditiveNoise", new Dictionary<string, object?>
        {
            ["noise_type"] = "gaussian",
            ["noise_params"] = new Dictionary<string, object?> { ["mean_range"] = new List<object?> { 0.0, 0.0 }, ["std_range"] = new List<object?> { 0.05, 0.15 } },
        });
        Assert.Equal(new ValueRange(0.05, 0.15), t.NoiseParams!.StdRange);
        Assert.Equal(t.NoiseParams.ToFileValue(), TransformRegistry.ParametersOf(t)["noise_params"]);
        using var image = Flat(8, 8, 3, 10);
        var wrong = new AdditiveNoise { NoiseType = AdditiveNoiseType.Uniform, NoiseParams = new NoiseParams { StdRange = new(0, 0.1) }, P = 1 };
        var e = Assert.Throws<ArgumentException>(() => wrong.Sample(new RandomStream(1), Context(image)));
        Assert.Contains("std_range", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<FormatException>(() => TransformRegistry.Create("AdditiveNoise", new Dictionary<string, object?> { ["noise_params"] = new Dictionary<string, object?> { ["sigma"] = 1.0 } }));
    }
}
