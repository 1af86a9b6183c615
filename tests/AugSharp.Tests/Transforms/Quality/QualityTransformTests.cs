using AugSharp.Kernels;

namespace AugSharp.Tests.Transforms.Quality;

/// <summary>What the quality transforms draw and do, beyond the registry's invariants.</summary>
public sealed class QualityTransformTests
{
    private static TransformContext Context(ImageBuffer image) => new(new AnnotatedImage(image));

    private static ImageBuffer<T> Run<T>(IOperation op, ImageBuffer<T> image) where T : unmanaged => op.Apply(new AnnotatedImage(image)).Image.As<T>();

    /// <summary>A vertical step edge: 60 on the left half, 190 on the right, gray.</summary>
    private static ImageBuffer<byte> Step(int w = 20, int h = 8, int channels = 1, byte low = 60, byte high = 190)
    {
        var image = new ImageBuffer<byte>(w, h, channels);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < channels; c++) image[y, x, c] = x < w / 2 ? low : high;
        return image;
    }

    private static ImageBuffer<byte> Flat(int w, int h, int channels, byte value)
    {
        var image = new ImageBuffer<byte>(w, h, channels);
        image.Fill(value);
        return image;
    }

    // Overshoot on the bright side of the edge and undershoot on the dark side.
    private static (int Dark, int Bright) EdgeSides(ImageBuffer<byte> image, int y = 4)
    {
        int x = image.Width / 2;
        return (image[y, x - 1, 0], image[y, x, 0]);
    }

    [Fact]
    public void SharpenKernelIsTheDocumentedBlend()
    {
        var k = new SharpenOperation { Method = SharpenMethod.Kernel, Alpha = 0.5, Lightness = 1 }.BuildKernel();
        Assert.Equal(new[] { -0.5f, -0.5f, -0.5f, -0.5f, 5f, -0.5f, -0.5f, -0.5f, -0.5f }, k);
        Assert.Equal(1f, k.Sum(), 5);
    }

    [Fact]
    public void SharpenKeepsFlatAreasWithLightnessOneAndDarkensThemBelowOne()
    {
        using var flat = Flat(9, 9, 3, 100);
        using var same = Run(new SharpenOperation { Alpha = 0.5, Lightness = 1 }, flat);
        Assert.All(same.ToArray(), v => Assert.Equal(100, v));
        using var darker = Run(new SharpenOperation { Alpha = 0.5, Lightness = 0.5 }, flat);
        Assert.All(darker.ToArray(), v => Assert.Equal(75, v)); // 100 * (1 + 0.5 * (0.5 - 1))
    }

    [Theory]
    [InlineData(SharpenMethod.Kernel)]
    [InlineData(SharpenMethod.Gaussian)]
    public void SharpenOvershootsEdgesMoreWithLargerAlpha(SharpenMethod method)
    {
        using var step = Step(low: 100, high: 140);
        using var weak = Run(new SharpenOperation { Method = method, Alpha = 0.2, Lightness = 1, KernelSize = 5, Sigma = 1 }, step);
        using var strong = Run(new SharpenOperation { Method = method, Alpha = 0.6, Lightness = 1, KernelSize = 5, Sigma = 1 }, step);
        var (wd, wb) = EdgeSides(weak);
        var (sd, sb) = EdgeSides(strong);
        Assert.True(wd < 100 && wb > 140, $"weak: {wd}, {wb}");
        Assert.True(sd < wd && sb > wb, $"strong {sd}, {sb} against weak {wd}, {wb}");
        Assert.Equal(100, strong[4, 2, 0]);
        Assert.Equal(140, strong[4, 17, 0]);
    }

    [Fact]
    public void SharpenClampsFloatImagesToTheUnitRange()
    {
        var image = new ImageBuffer<float>(10, 4, 1);
        for (int y = 0; y < 4; y++) for (int x = 0; x < 10; x++) image[y, x, 0] = x < 5 ? 0.02f : 0.98f;
        using var result = Run(new SharpenOperation { Alpha = 1, Lightness = 1 }, image);
        Assert.All(result.ToArray(), v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(0f, result[1, 4, 0]);
        Assert.Equal(1f, result[1, 5, 0]);
    }

    [Fact]
    public void SharpenGaussianMethodDrawsNoLightnessAndRaisesEvenKernelSizes()
    {
        using var image = Flat(8, 8, 1, 10);
        var op = (SharpenOperation)new Sharpen { Method = SharpenMethod.Gaussian, KernelSize = 4, P = 1 }.Sample(new RandomStream(3), Context(image));
        Assert.Equal(5, op.KernelSize);
        Assert.Equal(0, op.Lightness);
        Assert.InRange(op.Alpha, 0.2, 0.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sharpen { KernelSize = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sharpen { Sigma = 0 });
    }

    [Fact]
    public void EmbossKernelIsTheDocumentedBlendAndKeepsFlatAreas()
    {
        var k = new EmbossOperation { Alpha = 1, Strength = 0.5 }.BuildKernel();
        Assert.Equal(new[] { -1.5f, -0.5f, 0f, -0.5f, 1f, 0.5f, 0f, 0.5f, 1.5f }, k);
        using var flat = Flat(7, 7, 2, 123);
        using var result = Run(new EmbossOperation { Alpha = 0.7, Strength = 0.4 }, flat);
        Assert.All(result.ToArray(), v => Assert.Equal(123, v));
    }

    [Fact]
    public void EmbossLightsEdgesThatFaceTheLightAndDarkensTheOthers()
    {
        // Light comes from the bottom right: a rising edge (dark to bright, left to right) gets a bright rim, a falling one a dark rim.
        using var rising = Step();
        using var r = Run(new EmbossOperation { Alpha = 0.5, Strength = 0.5 }, rising);
        Assert.True(r[4, 9, 0] > 60, $"{r[4, 9, 0]}");
        using var falling = Step(low: 190, high: 60);
        using var f = Run(new EmbossOperation { Alpha = 0.5, Strength = 0.5 }, falling);
        Assert.True(f[4, 9, 0] < 190, $"{f[4, 9, 0]}");
        using var stronger = Run(new EmbossOperation { Alpha = 0.5, Strength = 1.0 }, rising);
        Assert.True(stronger[4, 9, 0] > r[4, 9, 0]);
    }

    [Fact]
    public void UnsharpMaskSharpensEdgesAndLeavesLowContrastAlone()
    {
        using var step = Step();
        using var result = Run(new UnsharpMaskOperation { Kernel = 5, Sigma = 1, Alpha = 0.5, Threshold = 10 }, step);
        var (dark, bright) = EdgeSides(result);
        Assert.True(dark < 60 && bright > 190, $"{dark}, {bright}");
        Assert.Equal(60, result[4, 0, 0]);
        // A step of 5 levels stays below the threshold: nothing changes.
        using var faint = Step(low: 100, high: 105);
        using var same = Run(new UnsharpMaskOperation { Kernel = 5, Sigma = 1, Alpha = 0.5, Threshold = 10 }, faint);
        Assert.Equal(faint.ToArray(), same.ToArray());
        // With threshold 0 it is sharpened.
        using var sharpened = Run(new UnsharpMaskOperation { Kernel = 5, Sigma = 1, Alpha = 1, Threshold = 0 }, faint);
        Assert.NotEqual(faint.ToArray(), sharpened.ToArray());
    }

    [Fact]
    public void UnsharpMaskStrengthFollowsAlpha()
    {
        using var step = Step();
        using var weak = Run(new UnsharpMaskOperation { Kernel = 5, Sigma = 1, Alpha = 0.2 }, step);
        using var strong = Run(new UnsharpMaskOperation { Kernel = 5, Sigma = 1, Alpha = 0.8 }, step);
        Assert.True(EdgeSides(strong).Bright > EdgeSides(weak).Bright);
        Assert.True(EdgeSides(strong).Dark < EdgeSides(weak).Dark);
    }

    [Fact]
    public void UnsharpMaskReadsSingleNumbersAsAlbumentationsDoes()
    {
        var t = (UnsharpMask)TransformRegistry.Create("UnsharpMask", new Dictionary<string, object?> { ["blur_limit"] = 5L, ["sigma_limit"] = 2.0, ["alpha"] = 0.4, ["p"] = 1.0 });
        using var image = Flat(8, 8, 1, 10);
        var ops = Enumerable.Range(0, 100).Select(i => (UnsharpMaskOperation)t.Sample(new RandomStream((ulong)i), Context(image))).ToArray();
        Assert.Equal(new HashSet<int> { 3, 5 }, ops.Select(o => o.Kernel).ToHashSet());
        Assert.All(ops, o => Assert.InRange(o.Sigma, 0, 2));
        Assert.All(ops, o => Assert.InRange(o.Alpha, 0, 0.4));
        Assert.Throws<PipelineFormatException>(() => TransformRegistry.Create("UnsharpMask", new Dictionary<string, object?> { ["threshold"] = 300L }));
        Assert.Throws<PipelineFormatException>(() => TransformRegistry.Create("UnsharpMask", new Dictionary<string, object?> { ["alpha"] = 1.5 }));
    }

    private static ImageBuffer<byte> Photo(int channels)
    {
        using var full = ImageCodec.Read(TestPaths.Image("astronaut.png")).As<byte>();
        var crop = new ImageBuffer<byte>(48, 40, channels);
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 48; x++)
                for (int c = 0; c < channels; c++) crop[y, x, c] = full[150 + y, 200 + x, c % 3];
        return crop;
    }

    private static double MeanError(ImageBuffer<byte> a, ImageBuffer<byte> b) => a.ToArray().Zip(b.ToArray(), (x, y) => Math.Abs(x - y)).Average();

    [Theory]
    [InlineData(ImageCompressionType.Jpeg)]
    [InlineData(ImageCompressionType.Webp)]
    public void CompressionErrorGrowsAsTheQualityFalls(ImageCompressionType type)
    {
        using var photo = Photo(3);
        using var high = Run(new ImageCompressionOperation { CompressionType = type, Quality = 95 }, photo);
        using var low = Run(new ImageCompressionOperation { CompressionType = type, Quality = 10 }, photo);
        double eh = MeanError(photo, high), el = MeanError(photo, low);
        Assert.True(eh > 0 && el > 2 * eh, $"{type}: mean error {eh} at 95, {el} at 10");
        Assert.True(eh < 4, $"{type}: mean error {eh} at quality 95");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public void CompressionKeepsEveryChannelCount(int channels)
    {
        using var photo = Photo(channels);
        foreach (var type in new[] { ImageCompressionType.Jpeg, ImageCompressionType.Webp })
        {
            using var result = Run(new ImageCompressionOperation { CompressionType = type, Quality = 60 }, photo);
            Assert.Equal(channels, result.Channels);
            for (int c = 0; c < channels; c++)
            {
                double error = 0;
                for (int y = 0; y < 40; y++) for (int x = 0; x < 48; x++) error += Math.Abs(result[y, x, c] - photo[y, x, c]);
                Assert.True(error / (40 * 48) < 12, $"{type}, channel {c} of {channels}: mean error {error / (40 * 48)}");
            }
        }
    }

    [Fact]
    public void CompressionOfTheRgbPartAndOfExtraChannelsIsTheSameAsOnTheirOwn()
    {
        using var rgba = Photo(4);
        using var rgb = Photo(3);
        var op = new ImageCompressionOperation { Quality = 50 };
        using var all = Run(op, rgba);
        using var part = Run(op, rgb);
        for (int y = 0; y < 40; y++) for (int x = 0; x < 48; x++) for (int c = 0; c < 3; c++) Assert.Equal(part[y, x, c], all[y, x, c]);
    }

    [Fact]
    public void SixteenBitAndFloatImagesGoThroughEightBits()
    {
        using var photo = Photo(3);
        var op = new ImageCompressionOperation { Quality = 40 };
        using var bytes = Run(op, photo);
        using var wide = photo.ConvertTo<ushort>();
        using var wideResult = Run(op, wide);
        var floats = new ImageBuffer<float>(photo.Width, photo.Height, 3);
        for (int y = 0; y < 40; y++) for (int x = 0; x < 48; x++) for (int c = 0; c < 3; c++) floats[y, x, c] = photo[y, x, c] / 255f;
        using var floatResult = Run(op, floats);
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 48; x++)
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(bytes[y, x, c] * 257, wideResult[y, x, c]);
                    Assert.Equal(bytes[y, x, c] / 255f, floatResult[y, x, c], 6);
                }
        floats.Dispose();
    }

    [Fact]
    public void CompressionIsReportedAsAnEightBitStep()
    {
        Assert.Equal("ImageCompression's JPEG codec", PipelineInspection.EightBitStep(new Compose([new Sharpen(), new ImageCompression()])));
        Assert.Equal("ImageCompression's WebP codec", PipelineInspection.EightBitStep(new ImageCompression { CompressionType = ImageCompressionType.Webp }));
        Assert.Null(PipelineInspection.EightBitStep(new Compose([new Sharpen(), new Downscale()])));
    }

    [Fact]
    public void CompressionQualityIsDrawnWithinTheRange()
    {
        using var image = Flat(8, 8, 3, 10);
        var t = new ImageCompression { QualityRange = [30, 33], P = 1 };
        var qualities = Enumerable.Range(0, 200).Select(i => ((ImageCompressionOperation)t.Sample(new RandomStream((ulong)i), Context(image))).Quality).ToHashSet();
        Assert.Equal(new HashSet<int> { 30, 31, 32, 33 }, qualities);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageCompression { QualityRange = [0, 50] });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageCompression { QualityRange = [60, 50] });
        var webp = (ImageCompression)TransformRegistry.Create("ImageCompression", new Dictionary<string, object?> { ["compression_type"] = "webp", ["quality_range"] = new List<object?> { 50L, 60L } });
        Assert.Equal(ImageCompressionType.Webp, webp.CompressionType);
    }

    [Fact]
    public void DownscaleWithNearestMakesBlocksOfTheScale()
    {
        using var photo = Photo(3);
        using var result = Run(new DownscaleOperation { Scale = 0.25 }, photo);
        Assert.Equal((48, 40, 3), (result.Width, result.Height, result.Channels));
        // 48x40 shrinks to 12x10: every 4x4 block is one source pixel.
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 48; x++)
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(result[y / 4 * 4, x / 4 * 4, c], result[y, x, c]);
                    Assert.Equal(photo[y / 4 * 4, x / 4 * 4, c], result[y, x, c]);
                }
    }

    [Fact]
    public void DownscaleLosesMoreDetailAtSmallerScales()
    {
        using var photo = Photo(3);
        double Error(double scale) => MeanError(photo, Run(new DownscaleOperation { Scale = scale, Downscale = Interpolation.Area, Upscale = Interpolation.Linear }, photo));
        double near = Error(0.9), mid = Error(0.5), far = Error(0.2);
        Assert.True(near < mid && mid < far, $"{near}, {mid}, {far}");
        using var same = Run(new DownscaleOperation { Scale = 1 }, photo);
        Assert.Equal(photo.ToArray(), same.ToArray());
        Assert.Equal((1, 1), new DownscaleOperation { Scale = 0.01 }.ShrunkSize(30, 20));
        Assert.Equal((12, 8), new DownscaleOperation { Scale = 0.25 }.ShrunkSize(48, 30)); // 7.5 rounds to even
    }

    [Fact]
    public void InterpolationPairReadsNamesAndOpenCvCodesAndWritesNames()
    {
        var t = (Downscale)TransformRegistry.Create("Downscale", new Dictionary<string, object?>
        {
            ["interpolation_pair"] = new Dictionary<string, object?> { ["downscale"] = 3L, ["upscale"] = "cv2.INTER_CUBIC" },
        });
        Assert.Equal(new InterpolationPair(Interpolation.Area, Interpolation.Cubic), t.InterpolationPair);
        var written = (Dictionary<string, object?>)TransformRegistry.ParametersOf(t)["interpolation_pair"]!;
        Assert.Equal("area", written["downscale"]);
        Assert.Equal("cubic", written["upscale"]);
        Assert.Equal(new InterpolationPair(Interpolation.Nearest, Interpolation.Nearest), new Downscale().InterpolationPair);
        Assert.Throws<PipelineFormatException>(() => TransformRegistry.Create("Downscale", new Dictionary<string, object?> { ["interpolation_pair"] = new Dictionary<string, object?> { ["downscale"] = 0L } }));
        Assert.Throws<PipelineFormatException>(() => TransformRegistry.Create("Downscale", new Dictionary<string, object?> { ["interpolation_pair"] = new Dictionary<string, object?> { ["down"] = 0L, ["upscale"] = 0L } }));
        using var image = Flat(8, 8, 1, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Downscale { ScaleRange = new(0, 0.5), P = 1 }.Sample(new RandomStream(1), Context(image)));
    }

    [Fact]
    public void BesselJ1MatchesKnownValues()
    {
        Assert.Equal(0, RingingOvershootOperation.BesselJ1(0), 12);
        Assert.Equal(0.44005058574493355, RingingOvershootOperation.BesselJ1(1), 12);
        Assert.Equal(0.5767248077568734, RingingOvershootOperation.BesselJ1(2), 12);
        Assert.Equal(0.04347274616886141, RingingOvershootOperation.BesselJ1(10), 12); // scipy.special.j1(10)
        Assert.Equal(0, RingingOvershootOperation.BesselJ1(3.8317059702075125), 12); // its first zero
    }

    [Fact]
    public void RingingKernelSumsToOneAndRipplesBesideEdges()
    {
        var k = new RingingOvershootOperation { Kernel = 9, Cutoff = Math.PI / 4 }.BuildKernel();
        Assert.Equal(1f, k.Sum(), 4);
        Assert.Contains(k, v => v < 0);
        Assert.Equal(k.Max(), k[4 * 9 + 4]);
        using var step = Step(w: 30, low: 100, high: 140);
        using var result = Run(new RingingOvershootOperation { Kernel = 15, Cutoff = Math.PI / 4 }, step);
        var row = Enumerable.Range(0, 30).Select(x => (int)result[4, x, 0]).ToArray();
        Assert.True(row.Take(15).Min() < 95 && row.Skip(15).Max() > 145, string.Join(", ", row));
        Assert.Equal(100, row[0]);
        Assert.Equal(140, row[29]);
    }

    [Fact]
    public void RingingOvershootDrawsOddSizesAndCutoffsInRange()
    {
        using var image = Flat(8, 8, 1, 3);
        var t = new RingingOvershoot { BlurLimit = [4, 9], Cutoff = new(0.3, 0.6), P = 1 };
        var ops = Enumerable.Range(0, 200).Select(i => (RingingOvershootOperation)t.Sample(new RandomStream((ulong)i), Context(image))).ToArray();
        Assert.Equal(new HashSet<int> { 5, 7, 9 }, ops.Select(o => o.Kernel).ToHashSet());
        Assert.All(ops, o => Assert.InRange(o.Cutoff, 0.3, 0.6));
    }

    [Fact]
    public void ChromaticAberrationMapIsOpenCvsUndistortionMap()
    {
        // cv2.initUndistortRectifyMap(K, [0.3, 0.5, 0, 0], None, K, (9, 7), CV_32FC1) with Albumentations' K = [[9, 0, 4.5], [0, 7, 3.5], [0, 0, 1]].
        using var map = ChromaticAberrationOperation.BuildMap(9, 7, 0.3, 0.5);
        Assert.Equal(-1.2375001f, map[0, 0, 0], 5);
        Assert.Equal(-0.96250004f, map[0, 0, 1], 5);
        Assert.Equal(8.428738f, map[6, 8, 0], 5);
        Assert.Equal(6.306241f, map[6, 8, 1], 5);
        Assert.Equal(3.998755f, map[3, 4, 0], 5);
        Assert.Equal(2.998755f, map[3, 4, 1], 5);
        Assert.Equal(7.1112447f, map[2, 7, 0], 5);
        Assert.Equal(1.9332532f, map[2, 7, 1], 5);
        using var identity = ChromaticAberrationOperation.BuildMap(9, 7, 0, 0);
        for (int y = 0; y < 7; y++) for (int x = 0; x < 9; x++) Assert.Equal((x, y), ((int)identity[y, x, 0], (int)identity[y, x, 1]));
    }

    [Fact]
    public void ChromaticAberrationMovesRedAndBlueAndKeepsGreenAndAlpha()
    {
        using var photo = Photo(4);
        var op = new ChromaticAberrationOperation { PrimaryDistortionRed = 0.2, SecondaryDistortionRed = 0.3, PrimaryDistortionBlue = -0.2, SecondaryDistortionBlue = -0.3 };
        using var result = Run(op, photo);
        double[] change = new double[4];
        for (int y = 0; y < 40; y++) for (int x = 0; x < 48; x++) for (int c = 0; c < 4; c++) change[c] += Math.Abs(result[y, x, c] - photo[y, x, c]);
        Assert.True(change[0] > 0 && change[2] > 0, string.Join(", ", change));
        Assert.Equal(0, change[1]);
        Assert.Equal(0, change[3]);
        // The centre stays where it is; a stronger distortion moves more.
        using var stronger = Run(op with { PrimaryDistortionRed = 0.4, SecondaryDistortionRed = 0.6 }, photo);
        double more = 0;
        for (int y = 0; y < 40; y++) for (int x = 0; x < 48; x++) more += Math.Abs(stronger[y, x, 0] - photo[y, x, 0]);
        Assert.True(more > change[0], $"{more} against {change[0]}");
        using var none = Run(new ChromaticAberrationOperation(), photo);
        Assert.Equal(photo.ToArray(), none.ToArray());
    }

    [Theory]
    [InlineData(ChromaticAberrationMode.GreenPurple)]
    [InlineData(ChromaticAberrationMode.RedBlue)]
    [InlineData(ChromaticAberrationMode.Random)]
    public void ChromaticAberrationModeSetsTheSignsOfBlueAgainstRed(ChromaticAberrationMode mode)
    {
        using var image = Flat(8, 8, 3, 10);
        var t = new ChromaticAberration { Mode = mode, P = 1 };
        var ops = Enumerable.Range(0, 200).Select(i => (ChromaticAberrationOperation)t.Sample(new RandomStream((ulong)i), Context(image))).ToArray();
        Assert.All(ops, o => Assert.True(Math.Sign(o.PrimaryDistortionRed) == Math.Sign(o.SecondaryDistortionRed) && Math.Sign(o.PrimaryDistortionBlue) == Math.Sign(o.SecondaryDistortionBlue)));
        Assert.All(ops, o => Assert.InRange(o.PrimaryDistortionRed, -0.02, 0.02));
        Assert.All(ops, o => Assert.InRange(o.SecondaryDistortionBlue, -0.05, 0.05));
        int same = ops.Count(o => Math.Sign(o.PrimaryDistortionRed) == Math.Sign(o.PrimaryDistortionBlue));
        switch (mode)
        {
            case ChromaticAberrationMode.GreenPurple: Assert.Equal(200, same); break;
            case ChromaticAberrationMode.RedBlue: Assert.Equal(0, same); break;
            default: Assert.InRange(same, 60, 140); break;
        }
    }

    [Fact]
    public void ChromaticAberrationRefusesOtherChannelCountsAndLanczosByName()
    {
        using var gray = Flat(8, 8, 1, 10);
        var e = Assert.Throws<NotSupportedException>(() => new ChromaticAberration { P = 1 }.Sample(new RandomStream(1), Context(gray)));
        Assert.Contains("ChromaticAberration", e.Message, StringComparison.Ordinal);
        var f = Assert.Throws<NotSupportedException>(() => Run(new ChromaticAberrationOperation { PrimaryDistortionRed = 0.1 }, gray));
        Assert.Contains("ChromaticAberration", f.Message, StringComparison.Ordinal);
        Assert.Throws<PipelineFormatException>(() => TransformRegistry.Create("ChromaticAberration", new Dictionary<string, object?> { ["interpolation"] = 4L }));
    }

    /// <summary>Four flat quadrants of different colours.</summary>
    private static ImageBuffer<byte> Quadrants(int w, int h)
    {
        var image = new ImageBuffer<byte>(w, h, 3);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int q = (y < h / 2 ? 0 : 2) + (x < w / 2 ? 0 : 1);
                image[y, x, 0] = (byte)(q * 60 + 20);
                image[y, x, 1] = (byte)(200 - q * 40);
                image[y, x, 2] = (byte)(q % 2 * 150 + 30);
            }
        return image;
    }

    [Fact]
    public void SlicGridFollowsScikitImagesRegularGrid()
    {
        // regular_grid((1, 40, 60), 24): spacing sqrt(100) = 10, starting at 5.
        Assert.Equal((5, 10, 5, 10), Slic.Grid(40, 60, 24));
        // A strip shorter than the spacing: its whole height, and width/points along it.
        Assert.Equal((1, 3, 10, 20), Slic.Grid(3, 200, 10));
        Assert.Equal((0, 1, 0, 1), Slic.Grid(4, 4, 16));
    }

    [Fact]
    public void SlicLabCoversTheKnownColours()
    {
        var white = Slic.Lab(1, 1, 1);
        Assert.Equal(100, white.L, 3);
        Assert.Equal(0, white.A, 2);
        Assert.Equal(0, white.B, 2);
        var red = Slic.Lab(1, 0, 0); // skimage.color.rgb2lab([[[1, 0, 0]]])
        Assert.Equal(53.24, red.L, 1);
        Assert.Equal(80.09, red.A, 1);
        Assert.Equal(67.20, red.B, 1);
    }

    [Fact]
    public void SlicSegmentsAreConnectedAndFollowEdges()
    {
        using var quadrants = Quadrants(40, 40);
        using var unit = QualityPixelsUnit(quadrants);
        var labels = Slic.Segment(unit, 16);
        // No segment crosses a colour edge, and every label is one 4-connected piece.
        var colourOf = new Dictionary<int, (byte, byte, byte)>();
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 40; x++)
            {
                var colour = (quadrants[y, x, 0], quadrants[y, x, 1], quadrants[y, x, 2]);
                int l = labels[y * 40 + x];
                Assert.True(l >= 1);
                if (colourOf.TryGetValue(l, out var seen)) Assert.Equal(seen, colour);
                else colourOf[l] = colour;
            }
        foreach (var l in labels.Distinct())
        {
            int first = Array.IndexOf(labels, l);
            var reached = new HashSet<int> { first };
            var queue = new Queue<int>([first]);
            while (queue.Count > 0)
            {
                int p = queue.Dequeue(), px = p % 40, py = p / 40;
                foreach (var (nx, ny) in new[] { (px + 1, py), (px - 1, py), (px, py + 1), (px, py - 1) })
                    if (nx is >= 0 and < 40 && ny is >= 0 and < 40 && labels[ny * 40 + nx] == l && reached.Add(ny * 40 + nx)) queue.Enqueue(ny * 40 + nx);
            }
            Assert.Equal(labels.Count(v => v == l), reached.Count);
        }
        Assert.InRange(labels.Distinct().Count(), 8, 32);
    }

    private static ImageBuffer<float> QualityPixelsUnit(ImageBuffer<byte> image)
    {
        var unit = new ImageBuffer<float>(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++) for (int x = 0; x < image.Width; x++) for (int c = 0; c < image.Channels; c++) unit[y, x, c] = image[y, x, c] / 255f;
        return unit;
    }

    [Fact]
    public void SuperpixelsWithEveryFlagSetGivesPiecewiseFlatMeans()
    {
        using var photo = Photo(3);
        using var result = Run(new SuperpixelsOperation { NSegments = 12, PReplace = 1, MaxSize = null }, photo);
        int distinct = Enumerable.Range(0, 40 * 48).Select(i => (result[i / 48, i % 48, 0], result[i / 48, i % 48, 1], result[i / 48, i % 48, 2])).Distinct().Count();
        Assert.InRange(distinct, 4, 40);
        // Each segment's mean keeps the image's overall mean close.
        Assert.Equal(photo.ToArray().Average(v => (double)v), result.ToArray().Average(v => (double)v), 0);
    }

    [Fact]
    public void SuperpixelsReplacesAShareOfSegmentsThatFollowsPReplace()
    {
        using var photo = Photo(3);
        int Changed(double p) => Enumerable.Range(0, 6).Sum(seed =>
        {
            var r = Run(new SuperpixelsOperation { NSegments = 40, PReplace = p, MaxSize = null, Seed = (ulong)seed }, photo);
            int changed = r.ToArray().Zip(photo.ToArray()).Count(t => t.First != t.Second);
            if (!ReferenceEquals(r, photo)) r.Dispose();
            return changed;
        });
        int none = Changed(0), some = Changed(0.3), all = Changed(1);
        Assert.Equal(0, none);
        Assert.True(some > 0 && some < all, $"{some} of {all}");
        var kept = Run(new SuperpixelsOperation { NSegments = 40, PReplace = 0, MaxSize = 8 }, photo);
        Assert.Same(photo, kept); // no flag set: nothing is resized either
    }

    [Fact]
    public void SuperpixelsShrinksLargeImagesToMaxSizeAndBack()
    {
        using var photo = Photo(3);
        using var result = Run(new SuperpixelsOperation { NSegments = 10, PReplace = 1, MaxSize = 12, Interpolation = Interpolation.Nearest }, photo);
        Assert.Equal((48, 40, 3), (result.Width, result.Height, result.Channels));
        // 48x40 runs at 12x10: with nearest the result is made of 4x4 blocks.
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 48; x++)
                Assert.Equal(result[y / 4 * 4, x / 4 * 4, 1], result[y, x, 1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void SuperpixelsWorksOnOtherChannelCountsAndTypes(int channels)
    {
        using var photo = Photo(channels);
        using var bytes = Run(new SuperpixelsOperation { NSegments = 15, PReplace = 1, MaxSize = null }, photo);
        using var wide = photo.ConvertTo<ushort>();
        using var wideResult = Run(new SuperpixelsOperation { NSegments = 15, PReplace = 1, MaxSize = null }, wide);
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 48; x++)
                for (int c = 0; c < channels; c++)
                    Assert.InRange(wideResult[y, x, c] / 257.0 - bytes[y, x, c], -1, 1);
    }

    [Fact]
    public void SuperpixelsWithoutMaxSizeRoundTripsThroughPipelineFiles()
    {
        var pipeline = new Compose([new Superpixels { MaxSize = null, Interpolation = Interpolation.Cubic }]);
        foreach (var text in new[] { PipelineFile.ToYaml(pipeline), PipelineFile.ToJson(pipeline) })
        {
            var loaded = (Superpixels)((Compose)PipelineFile.Parse(text, "superpixels")).Transforms[0];
            Assert.Null(loaded.MaxSize);
            Assert.Equal(Interpolation.Cubic, loaded.Interpolation);
        }
    }

    [Fact]
    public void SuperpixelsReadsSingleNumbersAsAlbumentationsDoes()
    {
        var t = (Superpixels)TransformRegistry.Create("Superpixels", new Dictionary<string, object?> { ["p_replace"] = 0.5, ["n_segments"] = 5L, ["max_size"] = null });
        Assert.Null(t.MaxSize);
        using var image = Flat(8, 8, 3, 10);
        var ops = Enumerable.Range(0, 200).Select(i => (SuperpixelsOperation)new Superpixels { PReplace = t.PReplace, NSegments = t.NSegments, P = 1 }.Sample(new RandomStream((ulong)i), Context(image))).ToArray();
        Assert.Equal(new HashSet<int> { 1, 2, 3, 4, 5 }, ops.Select(o => o.NSegments).ToHashSet());
        Assert.All(ops, o => Assert.InRange(o.PReplace, 0, 0.5));
        Assert.Equal(ops[0].Flags(), ops[0].Flags());
    }

    [Fact]
    public void AnAlbumentationsSavedPipelineOfTheQualityTransformsLoads()
    {
        const string saved = """
        {"__version__": "2.0.8", "transform": {"__class_fullname__": "Compose", "p": 1.0, "transforms": [
          {"__class_fullname__": "Sharpen", "p": 0.5, "alpha": [0.2, 0.5], "lightness": [0.5, 1.0], "method": "kernel", "kernel_size": 5, "sigma": 1.0},
          {"__class_fullname__": "UnsharpMask", "p": 0.5, "blur_limit": [3, 7], "sigma_limit": [0.0, 0.0], "alpha": [0.2, 0.5], "threshold": 10},
          {"__class_fullname__": "Emboss", "p": 0.5, "alpha": [0.2, 0.5], "strength": [0.2, 0.7]},
          {"__class_fullname__": "Downscale", "p": 0.5, "scale_range": [0.25, 0.25], "interpolation_pair": {"upscale": 0, "downscale": 0}},
          {"__class_fullname__": "ImageCompression", "p": 0.5, "quality_range": [99, 100], "compression_type": "jpeg"},
          {"__class_fullname__": "RingingOvershoot", "p": 0.5, "blur_limit": [7, 15], "cutoff": [0.7853981633974483, 1.5707963267948966]},
          {"__class_fullname__": "ChromaticAberration", "p": 0.5, "primary_distortion_limit": [-0.02, 0.02], "secondary_distortion_limit": [-0.05, 0.05], "mode": "green_purple", "interpolation": 1},
          {"__class_fullname__": "Superpixels", "p": 0.5, "p_replace": [0.0, 0.1], "n_segments": [100, 100], "max_size": 128, "interpolation": 1}
        ]}}
        """;
        var compose = (Compose)PipelineFile.Parse(saved, "quality.json");
        string yaml = PipelineFile.ToYaml(compose);
        // Every value equals the default: the loaded pipeline is the one built with defaults.
        var defaults = new Compose([new Sharpen(), new UnsharpMask(), new Emboss(), new Downscale(), new ImageCompression(), new RingingOvershoot(), new ChromaticAberration(), new Superpixels()]);
        Assert.Equal(PipelineFile.ToYaml(defaults), yaml);
        using var photo = Photo(3);
        var a = compose.Run(new AnnotatedImage(photo), RandomStream.For(1, 2, 3));
        var b = defaults.Run(new AnnotatedImage(photo), RandomStream.For(1, 2, 3));
        Assert.Equal(OperationJson.Serialize(a.Recipe), OperationJson.Serialize(b.Recipe));
    }
}
