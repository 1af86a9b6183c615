namespace AugSharp.Tests.Transforms.Domain;

/// <summary>What HistogramMatching, FDA and PixelDistributionAdaptation do with their references.</summary>
public sealed class DomainAdaptationTests
{
    private static ImageBuffer<byte> Gradient(int w, int h, int cn)
    {
        var image = new ImageBuffer<byte>(w, h, cn);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < cn; c++) image[y, x, c] = (byte)((x * 255 / (w - 1) + c * 20) % 256);
        return image;
    }

    private static ImageBuffer<byte> Noise(int w, int h, int cn, int low, int high, ulong seed)
    {
        var rng = new RandomStream(seed);
        var image = new ImageBuffer<byte>(w, h, cn);
        var span = image.GetSpan();
        for (int i = 0; i < span.Length; i++) span[i] = (byte)rng.NextInt(low, high + 1);
        return image;
    }

    private static ImageBuffer Run(ITransform transform, ImageBuffer image, ulong seed = 1)
        => new Compose([transform]).Run(new AnnotatedImage(image), new RandomStream(seed)).Result.Image;

    private static (double Mean, double Std) Stats(ImageBuffer image, int channel)
    {
        var values = TestImages.Values(image).Where((_, i) => i % image.Channels == channel).ToArray();
        double mean = values.Average();
        return (mean, Math.Sqrt(values.Average(v => (v - mean) * (v - mean))));
    }

    [Fact]
    public void FullHistogramMatchingTakesTheReferenceRangeAndKeepsTheOrder()
    {
        using var image = Gradient(64, 8, 3);
        using var reference = Noise(30, 30, 3, 100, 150, 4);
        var t = new HistogramMatching { ReferenceBuffers = [reference], BlendRatio = ValueRange.Fixed(1), P = 1 };
        var result = Run(t, image).As<byte>();
        for (int c = 0; c < 3; c++)
        {
            for (int x = 0; x < 64; x++) Assert.InRange(result[3, x, c], 100, 150);
            Assert.Equal(Stats(reference, c).Mean, Stats(result, c).Mean, 0);
        }
        for (int x = 1; x < 64; x++) Assert.True(result[3, x, 0] >= result[3, x - 1, 0]);
    }

    [Fact]
    public void HistogramMatchingBlendRatioZeroKeepsTheImage()
    {
        using var image = Gradient(32, 8, 3);
        using var reference = Noise(30, 30, 3, 0, 50, 4);
        var op = new HistogramMatchingOperation { BlendRatio = 0, ReferenceBuffer = reference };
        Assert.Equal(TestImages.Values(image), TestImages.Values(op.Apply(new AnnotatedImage(image)).Image));
        var half = new HistogramMatchingOperation { BlendRatio = 0.5, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image;
        var full = new HistogramMatchingOperation { BlendRatio = 1, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image;
        Assert.Equal((Stats(image, 0).Mean + Stats(full, 0).Mean) / 2, Stats(half, 0).Mean, 0);
    }

    [Fact]
    public void HistogramMatchingOfFloatImagesUsesFineLevels()
    {
        using var image = new ImageBuffer<float>(100, 1, 1);
        for (int x = 0; x < 100; x++) image[0, x, 0] = x / 99f;
        using var reference = new ImageBuffer<float>(2, 1, 1);
        reference[0, 0, 0] = 0.2f;
        reference[0, 1, 0] = 0.4f;
        var result = new HistogramMatchingOperation { BlendRatio = 1, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image.As<float>();
        Assert.All(result.ToArray(), v => Assert.InRange(v, 0.2f - 1e-4f, 0.4f + 1e-4f));
        Assert.Equal(0.2f, result[0, 0, 0], 4);
        Assert.Equal(0.4f, result[0, 99, 0], 4);
    }

    [Fact]
    public void AGrayReferenceServesEveryColourChannelAndAlphaIsKept()
    {
        using var image = Gradient(40, 10, 4);
        using var reference = Noise(20, 20, 1, 200, 220, 3);
        var result = new HistogramMatchingOperation { BlendRatio = 1, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image.As<byte>();
        for (int x = 0; x < 40; x++)
        {
            for (int c = 0; c < 3; c++) Assert.InRange(result[5, x, c], 200, 220);
            Assert.Equal(image[5, x, 3], result[5, x, 3]);
        }
        Assert.Equal(3, DomainAdaptationOperation.AdaptedChannels(4, 3));
        Assert.Equal(1, DomainAdaptationOperation.AdaptedChannels(1, 3));
        Assert.Equal(3, DomainAdaptationOperation.AdaptedChannels(5, 3));
    }

    [Fact]
    public void ReferenceFilesAreRecordedByPathAndReplayThroughJson()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3, 48, 32);
        string path = TestPaths.Image("coffee.png");
        var t = new HistogramMatching { ReferenceImages = [path], P = 1 };
        var (result, recipe) = new Compose([t]).Run(new AnnotatedImage(image), new RandomStream(5));
        string json = OperationJson.Serialize(recipe);
        Assert.Contains("coffee.png", json, StringComparison.Ordinal);
        var replayed = OperationJson.Deserialize(json).Apply(new AnnotatedImage(image));
        Assert.Equal(TestImages.Values(result.Image), TestImages.Values(replayed.Image));
    }

    [Fact]
    public void RelativeReferencePathsAreResolvedAgainstTheCurrentDirectory()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        string relativePath = Path.GetRelativePath(Environment.CurrentDirectory, TestPaths.Image("chelsea.png"));
        Assert.False(Path.IsPathRooted(relativePath));
        var relative = Run(new FDA { ReferenceImages = [relativePath], BetaLimit = ValueRange.Fixed(0.2), P = 1 }, image);
        var absolute = Run(new FDA { ReferenceImages = [TestPaths.Image("chelsea.png")], BetaLimit = ValueRange.Fixed(0.2), P = 1 }, image);
        Assert.Equal(TestImages.Values(absolute), TestImages.Values(relative));
    }

    [Fact]
    public void AnUnreadableReferenceIsReportedByName()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var t = new PixelDistributionAdaptation { ReferenceImages = ["/no/such/folder/target-domain.png"], P = 1 };
        var e = Assert.ThrowsAny<IOException>(() => Run(t, image));
        Assert.Contains("target-domain.png", e.Message, StringComparison.Ordinal);
        Assert.Contains("PixelDistributionAdaptation", e.Message, StringComparison.Ordinal);
        var none = Assert.Throws<InvalidOperationException>(() => Run(new FDA { P = 1 }, image));
        Assert.Contains("FDA", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuffersAreRecordedByIndexAndAreNoFileParameter()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        using var a = Noise(10, 10, 3, 0, 20, 1);
        using var b = Noise(10, 10, 3, 200, 255, 2);
        var t = new HistogramMatching { ReferenceBuffers = [a, b], P = 1 };
        var indices = Enumerable.Range(0, 40).Select(i => ((HistogramMatchingOperation)t.Sample(new RandomStream((ulong)i), new TransformContext(new AnnotatedImage(image)))).ReferenceIndex).ToHashSet();
        Assert.Equal(new HashSet<int?> { 0, 1 }, indices);
        var op = (HistogramMatchingOperation)t.Sample(new RandomStream(3), new TransformContext(new AnnotatedImage(image)));
        var read = (HistogramMatchingOperation)OperationJson.Deserialize(OperationJson.Serialize(op));
        Assert.Equal(op.ReferenceIndex, read.ReferenceIndex);
        Assert.Throws<InvalidOperationException>(() => read.Apply(new AnnotatedImage(image)));
        var restored = read with { ReferenceBuffer = op.ReferenceIndex == 0 ? a : b };
        Assert.Equal(TestImages.Values(op.Apply(new AnnotatedImage(image)).Image), TestImages.Values(restored.Apply(new AnnotatedImage(image)).Image));
        Assert.DoesNotContain(TransformRegistry.Find("HistogramMatching").Parameters, p => p.Name == "reference_buffers");
        Assert.Contains(TransformRegistry.Find("HistogramMatching").Parameters, p => p.Name == "reference_images");
    }

    [Fact]
    public void FdaTakesTheReferencesOverallLevelAndKeepsTheContent()
    {
        using var image = new ImageBuffer<float>(64, 48, 1);
        for (int y = 0; y < 48; y++)
            for (int x = 0; x < 64; x++) image[y, x, 0] = 0.2f + 0.6f * x / 63f;
        using var reference = new ImageBuffer<byte>(64, 48, 1);
        reference.Fill(40);
        var kept = new FdaOperation { Beta = 0, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image;
        Assert.Equal(TestImages.Values(image), TestImages.Values(kept));
        Assert.Equal(TestImages.Values(image), TestImages.Values(new FdaOperation { Beta = 0.01, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image)); // floor(48 · 0.01) = 0
        var adapted = new FdaOperation { Beta = 0.03, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image.As<float>();
        // The window holds the lowest frequencies: the mean becomes the reference's, the finer content stays.
        Assert.Equal(40 / 255.0, Stats(adapted, 0).Mean, 2);
        var a = TestImages.Values(adapted);
        var o = TestImages.Values(image);
        double ma = a.Average(), mo = o.Average();
        double correlation = a.Zip(o).Sum(p => (p.First - ma) * (p.Second - mo)) / Math.Sqrt(a.Sum(v => (v - ma) * (v - ma)) * o.Sum(v => (v - mo) * (v - mo)));
        Assert.True(correlation > 0.5, $"correlation {correlation}");
        // A larger window takes more of the reference's (flat) spectrum: less of the gradient is left.
        var wide = new FdaOperation { Beta = 0.3, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image;
        Assert.True(Stats(wide, 0).Std < Stats(adapted, 0).Std);
    }

    [Fact]
    public void FdaResizesTheReferenceToTheImage()
    {
        using var image = Gradient(40, 30, 3);
        using var reference = new ImageBuffer<byte>(97, 13, 3);
        reference.Fill(180);
        var adapted = new FdaOperation { Beta = 0.05, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image;
        Assert.Equal((40, 30, 3), (adapted.Width, adapted.Height, adapted.Channels));
        Assert.InRange(Stats(adapted, 1).Mean, 175, 185); // 180, less what clamping at 255 cuts off
    }

    [Theory]
    [InlineData(PixelDistributionTransformType.Standard)]
    [InlineData(PixelDistributionTransformType.Pca)]
    public void PixelDistributionAdaptationTakesTheReferenceMean(PixelDistributionTransformType type)
    {
        using var image = Noise(50, 40, 3, 20, 120, 7);
        using var reference = Noise(30, 30, 3, 140, 200, 8);
        var result = new PixelDistributionAdaptationOperation { TransformType = type, BlendRatio = 1, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image;
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(Stats(reference, c).Mean, Stats(result, c).Mean, 0);
            if (type == PixelDistributionTransformType.Standard) Assert.Equal(Stats(reference, c).Std, Stats(result, c).Std, 0);
        }
    }

    [Fact]
    public void MinMaxAdaptationStretchesToTheReferenceRangeAndBlends()
    {
        using var image = Gradient(64, 4, 1);
        using var reference = Noise(20, 20, 1, 100, 140, 9);
        var full = new PixelDistributionAdaptationOperation { TransformType = PixelDistributionTransformType.Minmax, BlendRatio = 1, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.Equal(100, full.ToArray().Min());
        Assert.Equal(140, full.ToArray().Max());
        var none = new PixelDistributionAdaptationOperation { TransformType = PixelDistributionTransformType.Minmax, BlendRatio = 0, ReferenceBuffer = reference }.Apply(new AnnotatedImage(image)).Image;
        Assert.Equal(TestImages.Values(image), TestImages.Values(none));
    }
}
