using AugSharp.Cleaning;
using Xunit.Abstractions;

namespace AugSharp.Tests.Cleaning;

/// <summary>Constructed cases from the sample photos, measured and judged with the default thresholds.</summary>
public class ImageChecksTests(ITestOutputHelper output)
{
    public static readonly string[] Photos = ["astronaut.png", "camera.png", "chelsea.png", "coffee.png", "retina.jpg", "rocket.jpg"];

    /// <summary>The kind of augmentations people run: flips, moderate affine maps with a constant border, brightness and contrast.</summary>
    public static Compose Ordinary() => new([
        new HorizontalFlip(),
        new Affine { Rotate = new(-20, 20), Scale = AxisRange.Both(new(0.9, 1.1)), TranslatePercent = AxisRange.Both(new(-0.1, 0.1)), P = 1 },
        new RandomBrightnessContrast { P = 0.8 },
    ]);

    /// <summary>A rotation of 45° with the image shrunk to 0.3: about 90% of the result is border fill.</summary>
    public static Affine MostlyFill() => new() { Rotate = ValueRange.Fixed(45), Scale = AxisRange.Fixed(0.3), P = 1 };

    public static ImageBuffer<byte> Read(string name)
    {
        using var image = ImageCodec.Read(TestPaths.Image(name));
        using var bytes = PixelConversion.ToBytes(image);
        // 256 px on the longest side keeps the tests fast; the measures work on at most 512.
        return AugSharp.Pictures.PictureResize.Fit(bytes, 256);
    }

    [Fact]
    public void RealPhotosAndTheirOrdinaryAugmentationsAreKept()
    {
        var thresholds = new CleanThresholds();
        foreach (string name in Photos)
        {
            using var photo = Read(name);
            var m = ImageMetrics.Measure(photo);
            output.WriteLine($"{name,-14} entropy {m.Entropy:F2} std {m.StdDev,5:F1} dark {m.DarkFraction:P0} bright {m.BrightFraction:P0} sharpness {m.Sharpness,7:F1} fill {m.EstimatedFill:P1}");
            Assert.Empty(ImageChecks.Judge(m, thresholds));
            for (int copy = 0; copy < 8; copy++)
            {
                var (result, recipe) = Ordinary().Run(new AnnotatedImage(photo), RandomStream.For(5, RandomStream.ItemKey(name), copy));
                using var image = result.Image;
                var a = ImageMetrics.Measure(image);
                double? exact = FillFraction.FromOperations(recipe, photo.Width, photo.Height);
                var reasons = ImageChecks.Judge(a, thresholds, source: m, exactFill: exact);
                output.WriteLine($"  copy {copy}: fill {exact:P1} (estimated {a.EstimatedFill:P1}) sharpness {a.Sharpness / m.Sharpness:F2} of the source's, entropy {a.Entropy:F2}");
                Assert.True(reasons.Count == 0, $"{name} copy {copy}: {string.Join("; ", reasons.Select(r => r.Text))}");
            }
        }
    }

    [Fact]
    public void ANinetyPercentFillRotationIsRejectedExactlyAndByTheEstimate()
    {
        foreach (string name in Photos)
        {
            using var photo = Read(name);
            var (result, recipe) = new Compose([MostlyFill()]).Run(new AnnotatedImage(photo), RandomStream.For(1, 0, 0));
            using var image = result.Image;
            double exact = FillFraction.FromOperations(recipe, photo.Width, photo.Height)!.Value;
            var m = ImageMetrics.Measure(image);
            output.WriteLine($"{name,-14} fill {exact:P1}, estimated {m.EstimatedFill:P1}");
            Assert.InRange(exact, 0.85, 0.95);
            // The estimate also counts a real black background touching the fill (retina.jpg).
            Assert.InRange(m.EstimatedFill, exact - 0.05, exact + 0.05);
            Assert.Contains(ImageChecks.Judge(m, new CleanThresholds(), exactFill: exact), r => r.Check == CleanCheck.Fill && r.Text.StartsWith("fill 0.", StringComparison.Ordinal));
            Assert.Contains(ImageChecks.Judge(m, new CleanThresholds()), r => r.Check == CleanCheck.Fill && r.Text.StartsWith("estimated fill", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheExactFillOfAnIdentityIsZeroAndOfAHalfShiftIsAHalf()
    {
        var identity = new Compose([new Affine { P = 1 }]).Run(new AnnotatedImage(new ImageBuffer<byte>(40, 30, 3)), RandomStream.For(0, 0, 0)).Recipe;
        Assert.Equal(0, FillFraction.FromOperations(identity, 40, 30));
        var half = new Compose([new Affine { TranslatePx = new AxisRange(ValueRange.Fixed(20), ValueRange.Fixed(0)), P = 1 }]).Run(new AnnotatedImage(new ImageBuffer<byte>(40, 30, 3)), RandomStream.For(0, 0, 0)).Recipe;
        Assert.Equal(0.5, FillFraction.FromOperations(half, 40, 30));
    }

    [Fact]
    public void BlackWhiteAndFlatImagesAreRejectedForTheirReason()
    {
        var thresholds = new CleanThresholds();
        using var black = new ImageBuffer<byte>(200, 150, 3);
        var reasons = ImageChecks.Judge(ImageMetrics.Measure(black), thresholds);
        Assert.Contains(reasons, r => r.Check == CleanCheck.Information);
        Assert.Contains(reasons, r => r.Check == CleanCheck.Exposure && r.Text.StartsWith("black", StringComparison.Ordinal));

        using var white = new ImageBuffer<byte>(200, 150, 1);
        white.Fill(250);
        Assert.Contains(ImageChecks.Judge(ImageMetrics.Measure(white), thresholds), r => r.Check == CleanCheck.Exposure && r.Text.StartsWith("white", StringComparison.Ordinal));

        // Mid-gray with faint noise: no clipping, but no information either.
        using var flat = new ImageBuffer<byte>(200, 150, 3);
        var random = new Random(3);
        var span = flat.GetSpan();
        for (int i = 0; i < span.Length; i++) span[i] = (byte)(128 + random.Next(-1, 2));
        var flatReasons = ImageChecks.Judge(ImageMetrics.Measure(flat), thresholds);
        Assert.Contains(flatReasons, r => r.Check == CleanCheck.Information);
        Assert.DoesNotContain(flatReasons, r => r.Check == CleanCheck.Exposure);

        // A dark but real photo (exposure lowered a lot) keeps its information.
        using var photo = Read("rocket.jpg");
        using var dark = photo.Clone();
        var d = dark.GetSpan();
        for (int i = 0; i < d.Length; i++) d[i] = (byte)(d[i] / 4);
        Assert.DoesNotContain(ImageChecks.Judge(ImageMetrics.Measure(dark), thresholds), r => r.Check == CleanCheck.Information);
    }

    [Fact]
    public void ABlurredCopyIsRejectedAloneAndAgainstItsSource()
    {
        var thresholds = new CleanThresholds();
        foreach (string name in Photos)
        {
            using var photo = Read(name);
            var source = ImageMetrics.Measure(photo);
            var blur = new GaussianBlur { SigmaLimit = [3, 3], BlurLimit = [0, 0], P = 1 };
            using var blurred = new Compose([blur]).Apply(new AnnotatedImage(photo), 1).Image;
            var m = ImageMetrics.Measure(blurred);
            output.WriteLine($"{name,-14} sharpness {source.Sharpness,7:F1} -> {m.Sharpness,6:F2} ({m.Sharpness / source.Sharpness:F3} of the source's)");
            Assert.Contains(ImageChecks.Judge(m, thresholds, source: source), r => r.Check == CleanCheck.Blur);
            Assert.Contains(ImageChecks.Judge(m, thresholds), r => r.Check == CleanCheck.Blur);
        }
    }

    [Fact]
    public void ExactAndNearDuplicatesShareAHashOthersDoNot()
    {
        var hashes = new Dictionary<string, ulong>();
        foreach (string name in Photos)
        {
            using var photo = Read(name);
            hashes[name] = ImageMetrics.Measure(photo).PerceptualHash;
            // Near duplicate: re-encoded as JPEG at quality 60 and 2 levels brighter.
            using var jpeg = new MemoryStream();
            using (var brighter = photo.Clone())
            {
                var s = brighter.GetSpan();
                for (int i = 0; i < s.Length; i++) s[i] = (byte)Math.Min(255, s[i] + 2);
                ImageCodec.Write(brighter, jpeg, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 60 });
            }
            using var near = ImageCodec.Read(new MemoryStream(jpeg.ToArray()));
            int distance = ImageMetrics.HammingDistance(hashes[name], ImageMetrics.Measure(near).PerceptualHash);
            output.WriteLine($"{name,-14} near duplicate: {distance} bits");
            Assert.True(distance <= new CleanThresholds().MaxDuplicateDistance, $"{name}: {distance}");
        }
        foreach (var a in Photos)
            foreach (var b in Photos.Where(b => string.CompareOrdinal(a, b) < 0))
            {
                int distance = ImageMetrics.HammingDistance(hashes[a], hashes[b]);
                Assert.True(distance > 16, $"{a} and {b}: {distance} bits");
            }
    }

    [Fact]
    public void ADetectionSampleWhoseBoxesLeftTheFrameLostItsObjects()
    {
        using var photo = Read("rocket.jpg");
        var box = new BoundingBox(10, 10, 40, 60, "rocket");
        var source = new AnnotatedImage(photo, boxes: [box]);
        var pipeline = new Compose([new Affine { TranslatePx = new AxisRange(ValueRange.Fixed(300), ValueRange.Fixed(0)), P = 1 }], new BoxParams { Format = BoxFormat.PascalVoc });
        var (moved, _) = pipeline.Run(source, RandomStream.For(0, 0, 0));
        Assert.Empty(moved.Boxes);
        Assert.NotNull(ImageChecks.ObjectsLost(source, moved));
        var (kept, _) = new Compose([new HorizontalFlip { P = 1 }], new BoxParams { Format = BoxFormat.PascalVoc }).Run(source, RandomStream.For(0, 0, 0));
        Assert.Null(ImageChecks.ObjectsLost(source, kept));

        using var mask = new ImageBuffer<byte>(photo.Width, photo.Height, 1);
        mask[5, 5, 0] = 1;
        var segmentation = new AnnotatedImage(photo, masks: [mask]);
        var (shifted, _) = new Compose([new Affine { TranslatePx = new AxisRange(ValueRange.Fixed(300), ValueRange.Fixed(0)), P = 1 }]).Run(segmentation, RandomStream.For(0, 0, 0));
        Assert.Equal(CleanCheck.ObjectsLost, ImageChecks.ObjectsLost(segmentation, shifted)!.Check);
    }
}
