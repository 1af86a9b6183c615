using System.Diagnostics;
using AugSharp.Cleaning;
using Xunit.Abstractions;

namespace AugSharp.Tests.Cleaning;

/// <summary>
/// The estimate of mirrored and replicated border fills, on outputs of the library's own transforms
/// whose exact fill is known from their operations (<see cref="FillFraction.FromOperations"/>).
/// </summary>
public class BorderFillEstimateTests(ITestOutputHelper output)
{
    /// <summary>A named geometric augmentation with a non-constant border.</summary>
    public sealed record Case(string Name, ITransform Transform);

    private static AxisRange Px(double x, double y) => new(ValueRange.Fixed(x), ValueRange.Fixed(y));

    public static IEnumerable<Case> Cases() =>
    [
        new("shift 30% reflect101", new Affine { TranslatePercent = Px(0.3, 0), BorderMode = BorderMode.Reflect101, P = 1 }),
        new("shift -25%,20% reflect", new Affine { TranslatePercent = Px(-0.25, 0.2), BorderMode = BorderMode.Reflect, P = 1 }),
        new("shift 45%,45% reflect", new Affine { TranslatePercent = Px(0.45, 0.45), BorderMode = BorderMode.Reflect, P = 1 }),
        new("zoom 0.55 reflect", new Affine { Scale = AxisRange.Fixed(0.55), BorderMode = BorderMode.Reflect, P = 1 }),
        new("zoom 0.6 reflect101", new Affine { Scale = AxisRange.Fixed(0.6), BorderMode = BorderMode.Reflect101, P = 1 }),
        new("rotate 30 reflect101", new Affine { Rotate = ValueRange.Fixed(30), BorderMode = BorderMode.Reflect101, P = 1 }),
        new("rotate -50 zoom 0.7 reflect", new Affine { Rotate = ValueRange.Fixed(-50), Scale = AxisRange.Fixed(0.7), BorderMode = BorderMode.Reflect, P = 1 }),
        new("Rotate 20 reflect", new Rotate { Limit = ValueRange.Fixed(20), BorderMode = BorderMode.Reflect, P = 1 }),
        new("ssr shift .2 zoom .75 rot 15 reflect101", new ShiftScaleRotate { ShiftLimit = ValueRange.Fixed(0.2), ScaleLimit = ValueRange.Fixed(-0.25), RotateLimit = ValueRange.Fixed(15), BorderMode = BorderMode.Reflect101, P = 1 }),
        new("shift 40% replicate", new Affine { TranslatePercent = Px(0, 0.4), BorderMode = BorderMode.Replicate, P = 1 }),
        new("shift -20%,-30% replicate", new Affine { TranslatePercent = Px(-0.2, -0.3), BorderMode = BorderMode.Replicate, P = 1 }),
        new("zoom 0.5 replicate", new Affine { Scale = AxisRange.Fixed(0.5), BorderMode = BorderMode.Replicate, P = 1 }),
        new("Rotate 25 replicate", new Rotate { Limit = ValueRange.Fixed(25), BorderMode = BorderMode.Replicate, P = 1 }),
        new("ssr shift .15 zoom .6 rot -35 replicate", new ShiftScaleRotate { ShiftLimit = ValueRange.Fixed(0.15), ScaleLimit = ValueRange.Fixed(-0.4), RotateLimit = ValueRange.Fixed(-35), BorderMode = BorderMode.Replicate, P = 1 }),
    ];

    private static ImageBuffer<byte> ThroughJpeg(ImageBuffer image)
    {
        using var stream = new MemoryStream();
        ImageCodec.Write(image, stream, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 90 });
        stream.Position = 0;
        using var decoded = ImageCodec.Read(stream);
        return PixelConversion.ToBytes(decoded);
    }

    private static ImageBuffer<byte> Photo(string name, int side)
    {
        using var image = ImageCodec.Read(TestPaths.Image(name));
        using var bytes = PixelConversion.ToBytes(image);
        return AugSharp.Pictures.PictureResize.Fit(bytes, side);
    }

    /// <summary>Each case on each sample photo: the exact fill, the estimate on the PNG and on a JPEG (quality 90) of the output.</summary>
    private List<(Case Case, string Photo, double Exact, double Png, double Jpeg)> Measure(IEnumerable<Case> cases)
    {
        var rows = new List<(Case, string, double, double, double)>();
        foreach (var c in cases)
            foreach (string name in ImageChecksTests.Photos)
            {
                using var photo = Photo(name, 320);
                var (result, recipe) = new Compose([c.Transform]).Run(new AnnotatedImage(photo), RandomStream.For(3, 0, 0));
                using var image = (ImageBuffer<byte>)result.Image;
                double exact = FillFraction.FromOperations(recipe, photo.Width, photo.Height)!.Value;
                using var gray = ImageMetrics.Luminance(image);
                double png = BorderFillEstimate.Estimate(gray);
                using var jpeg = ThroughJpeg(image);
                using var jpegGray = ImageMetrics.Luminance(jpeg);
                double lossy = BorderFillEstimate.Estimate(jpegGray);
                rows.Add((c, name, exact, png, lossy));
                output.WriteLine($"{c.Name,-40} {name,-14} exact {exact:F3} png {png:F3} ({png - exact:+0.000;-0.000}) jpeg {lossy:F3} ({lossy - exact:+0.000;-0.000})");
            }
        output.WriteLine($"mean |error|: png {rows.Average(r => Math.Abs(r.Item4 - r.Item3)):F3}, jpeg {rows.Average(r => Math.Abs(r.Item5 - r.Item3)):F3}");
        return rows;
    }

    private static bool Mirrored(Case c) => c.Transform is WarpingTransform<AffineOperation> { BorderMode: BorderMode.Reflect or BorderMode.Reflect101 };

    [Fact]
    public void MirroredBordersAreEstimatedWithinATenthOfTheExactFill()
    {
        var rows = Measure(Cases().Where(Mirrored));
        // The exact figures are those of the operations replayed with a constant border (the recorded border would hide the fill).
        Assert.All(rows, r => Assert.True(r.Exact > 0.1, $"{r.Case.Name}: exact {r.Exact}"));
        Assert.True(rows.Count(r => Math.Abs(r.Png - r.Exact) <= 0.1) >= 0.9 * rows.Count, "PNG: fewer than 90% of the cases within 0.1");
        Assert.True(rows.Count(r => Math.Abs(r.Jpeg - r.Exact) <= 0.15) >= 0.85 * rows.Count, "JPEG 90: fewer than 85% of the cases within 0.15");
        // Conservative: a miss makes the estimate smaller, it never grows much beyond the exact figure.
        Assert.All(rows, r => Assert.True(r.Png <= r.Exact + 0.1 && r.Jpeg <= r.Exact + 0.15, $"{r.Case.Name} on {r.Photo}: {r.Png:F3} / {r.Jpeg:F3} for {r.Exact:F3}"));
    }

    [Fact]
    public void ReplicatedBordersAreEstimatedWhereTheirStreaksHaveTexture()
    {
        var rows = Measure(Cases().Where(c => !Mirrored(c)));
        // A flat edge (a sky, the black surround of a fundus photo) replicates into flat streaks that
        // cannot be told from a flat background: on those the estimate stays low.
        var textured = rows.Where(r => r.Photo is "astronaut.png" or "chelsea.png" or "coffee.png").ToList();
        Assert.True(textured.Count(r => Math.Abs(r.Png - r.Exact) <= 0.1) >= 0.75 * textured.Count, "PNG: fewer than 75% of the textured cases within 0.1");
        Assert.True(textured.Count(r => Math.Abs(r.Jpeg - r.Exact) <= 0.15) >= 0.7 * textured.Count, "JPEG 90: fewer than 70% of the textured cases within 0.15");
        Assert.All(rows, r => Assert.True(r.Png <= r.Exact + 0.1 && r.Jpeg <= r.Exact + 0.15, $"{r.Case.Name} on {r.Photo}: {r.Png:F3} / {r.Jpeg:F3} for {r.Exact:F3}"));
    }

    [Fact]
    public void ASeventyPercentReflectFillIsRejectedByTheEstimate()
    {
        foreach (string name in ImageChecksTests.Photos)
        {
            using var photo = Photo(name, 320);
            var (result, recipe) = new Compose([new Affine { Scale = AxisRange.Fixed(0.55), BorderMode = BorderMode.Reflect, P = 1 }]).Run(new AnnotatedImage(photo), RandomStream.For(1, 0, 0));
            using var image = result.Image;
            var m = ImageMetrics.Measure(image);
            output.WriteLine($"{name,-14} exact {FillFraction.FromOperations(recipe, photo.Width, photo.Height):F3} estimated {m.EstimatedFill:F3}");
            Assert.Contains(ImageChecks.Judge(m, new CleanThresholds()), r => r.Check == CleanCheck.Fill && r.Text.StartsWith("estimated fill", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void RealPhotosAndMildReflectedAugmentationsStayBelowTheThreshold()
    {
        var mild = new Compose([new Affine { Rotate = new(-10, 10), TranslatePercent = AxisRange.Both(new(-0.06, 0.06)), Scale = AxisRange.Both(new(0.95, 1.1)), BorderMode = BorderMode.Reflect101, P = 1 }]);
        var thresholds = new CleanThresholds();
        foreach (string name in ImageChecksTests.Photos)
            foreach (int side in new[] { 256, 640 })
            {
                using var photo = Photo(name, side);
                using var gray = ImageMetrics.Luminance(photo);
                BorderFillEstimate.Estimate(gray);
                // Wall time and processor time (the machine may be shared), over 5 runs.
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                double fill = 0;
                for (int run = 0; run < 5; run++) fill = BorderFillEstimate.Estimate(gray);
                watch.Stop();
                double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 5;
                output.WriteLine($"{name,-14} {photo.Width}x{photo.Height} estimate {fill:F3} in {watch.Elapsed.TotalMilliseconds / 5:F1} ms ({cpuMs:F1} ms of processor time)");
                // Skies, the black surround of the fundus photo and the symmetric fundus itself: no mirror or streak line.
                Assert.True(fill < 0.1, $"{name} at {side}: {fill:F3}");
                Assert.DoesNotContain(ImageChecks.Judge(ImageMetrics.Measure(photo), thresholds), r => r.Check == CleanCheck.Fill);
                for (int copy = 0; copy < 4; copy++)
                {
                    var (result, recipe) = mild.Run(new AnnotatedImage(photo), RandomStream.For(11, RandomStream.ItemKey(name), copy));
                    using var image = result.Image;
                    var m = ImageMetrics.Measure(image);
                    double exact = FillFraction.FromOperations(recipe, photo.Width, photo.Height)!.Value;
                    using var augmentedGray = ImageMetrics.Luminance(image);
                    double estimate = BorderFillEstimate.Estimate(augmentedGray);
                    Assert.True(estimate <= exact + 0.1, $"{name} copy {copy}: estimated {estimate:F3}, exact {exact:F3}");
                    Assert.DoesNotContain(ImageChecks.Judge(m, thresholds), r => r.Check == CleanCheck.Fill);
                }
            }
    }
}
