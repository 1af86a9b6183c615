using AugSharp.Cleaning;
using AugSharp.Datasets;
using AugSharp.Tests.Datasets;
using Xunit.Abstractions;

namespace AugSharp.Tests.Cleaning;

public class GeneratedSetCleaningTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "augsharp-clean-generated-" + Guid.NewGuid().ToString("N"));

    private string P(string relative) => Path.Combine(_root, relative);

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private const string Aggressive = """
        transforms:
          - Affine: {rotate: [-90, 90], scale: [0.2, 1.0], p: 1}
          - GaussianBlur: {blur_limit: 0, sigma_limit: [6, 6], p: 0.3}
        """;

    private void Generate()
    {
        string csv = GenerationTestData.WriteCsv(P("in"));
        new DatasetGenerator(new DatasetGeneratorOptions
        {
            Pipeline = PipelineFile.Parse(Aggressive, "aggressive.yaml"),
            Copies = 5,
            Seed = 3,
            MaxDegreeOfParallelism = 2,
        }).Run(csv, P("out"));
    }

    [Fact]
    public void TheManifestMakesTheFillExactAndTheBlurRelativeAndFollowsTheCleanUpBothWays()
    {
        Generate();
        var before = GenerationTestData.Files(P("out"));
        var summary = DatasetCleaner.Run(P("out"), new CleanOptions { MoveTo = P("quarantine"), ReportDirectory = P("report") });
        foreach (var image in summary.Images)
            output.WriteLine($"{image.Path,-26} from {image.Source,-16} {(image.Rejected ? "REJECT " + string.Join("; ", image.Reasons.Select(r => r.Text)) : "keep")}");

        // Every output was judged against its source; the fill is the exact one, never an estimate.
        Assert.All(summary.Images, i => Assert.NotNull(i.Source));
        var reasons = summary.Images.SelectMany(i => i.Reasons).ToList();
        Assert.Contains(reasons, r => r.Check == CleanCheck.Fill);
        Assert.DoesNotContain(reasons, r => r.Text.StartsWith("estimated", StringComparison.Ordinal));
        Assert.All(reasons.Where(r => r.Check == CleanCheck.Blur), r => Assert.Contains("of the source's", r.Text));
        var fillRejected = summary.Images.First(i => i.Reasons.Any(r => r.Check == CleanCheck.Fill));
        var record = GenerationRecord.Parse(File.ReadAllLines(P("quarantine/manifest.jsonl")).First(l => GenerationRecord.OutputOf(l) == fillRejected.Path));
        using (var source = ImageCodec.Read(P("in/" + record.Source)))
            Assert.Equal(FillFraction.FromOperations(record.ReadRecipe()!, source.Width, source.Height, source.Channels), fillRejected.Reasons.First(r => r.Check == CleanCheck.Fill).Score);

        // The rejected outputs left the manifest, labels.csv and the counts; the kept ones are all there.
        var rejected = summary.Images.Where(i => i.Rejected).Select(i => i.Path).ToHashSet();
        Assert.NotEmpty(rejected);
        Assert.True(rejected.Count < summary.Images.Count);
        var manifest = File.ReadAllLines(P("out/manifest.jsonl")).Select(GenerationRecord.OutputOf).ToList();
        Assert.Equal(summary.Images.Where(i => !i.Rejected).Select(i => i.Path).Order(StringComparer.Ordinal), manifest);
        string csv = File.ReadAllText(P("out/labels.csv"));
        foreach (string path in rejected) Assert.DoesNotContain(path, csv);
        Assert.Equal(summary.Images.Count - rejected.Count, csv.Trim().Split('\n').Length - 1);
        Assert.Contains($"\"outputs\": {summary.Images.Count - rejected.Count}", File.ReadAllText(P("out/summary.json")));
        Assert.Equal(rejected.Order(StringComparer.Ordinal), File.ReadAllLines(P("quarantine/manifest.jsonl")).Select(GenerationRecord.OutputOf));

        // Putting the quarantine back restores the data set byte for byte, annotations included.
        var back = DatasetCleaner.Restore(P("out"), P("quarantine"));
        Assert.Equal(rejected.Count, back.Count);
        GenerationTestData.AssertSameFiles(before, GenerationTestData.Files(P("out")));
    }

    [Fact]
    public void DeletingFromAGeneratedSetKeepsItsFilesConsistent()
    {
        Generate();
        var summary = DatasetCleaner.Run(P("out"), new CleanOptions { Delete = true, ReportDirectory = P("report") });
        int kept = summary.Images.Count - summary.Rejected;
        Assert.Equal(kept, File.ReadAllLines(P("out/manifest.jsonl")).Length);
        Assert.Equal(kept, Directory.EnumerateFiles(P("out"), "*.png", SearchOption.AllDirectories).Count());
        // A second clean-up finds nothing more.
        Assert.Equal(0, DatasetCleaner.Run(P("out"), new CleanOptions { ReportDirectory = P("report") }).Rejected);
    }

    [Fact]
    public void GenerateWithTheChecksKeepsTheCountAndLeavesNothingToClean()
    {
        string csv = GenerationTestData.WriteCsv(P("in"));
        var pipeline = (Compose)PipelineFile.Parse("""
            transforms:
              - Affine: {rotate: [-60, 60], scale: [0.4, 1.0], p: 1}
            """, "moderate.yaml");
        var options = new DatasetGeneratorOptions { Pipeline = pipeline, Copies = 5, Seed = 3, MaxDegreeOfParallelism = 2 };
        new DatasetGenerator(options).Run(csv, P("plain"));
        new DatasetGenerator(options with { Augmenter = new CleanFilter(pipeline) }).Run(csv, P("checked"));

        var plain = DatasetCleaner.Run(P("plain"), new CleanOptions { ReportDirectory = P("report1") });
        var checkedSet = DatasetCleaner.Run(P("checked"), new CleanOptions { ReportDirectory = P("report2") });
        output.WriteLine($"without the checks: {plain.Rejected} of {plain.Images.Count} rejected; with them: {checkedSet.Rejected} of {checkedSet.Images.Count}");
        Assert.True(plain.Rejected > 0);
        Assert.Equal(0, checkedSet.Rejected);
        Assert.Equal(plain.Images.Count, checkedSet.Images.Count);
        // Copies the checks accepted at the first draw are the plain run's, byte for byte.
        var same = plain.Images.Where(i => !i.Rejected).Count(i => File.ReadAllBytes(P("plain/" + i.Path)).AsSpan().SequenceEqual(File.ReadAllBytes(P("checked/" + i.Path))));
        Assert.Equal(plain.Images.Count - plain.Rejected, same);
        // The manifest replays every checked copy.
        foreach (var record in File.ReadAllLines(P("checked/manifest.jsonl")).Select(GenerationRecord.Parse))
        {
            using var source = ImageCodec.Read(P("in/" + record.Source));
            using var again = record.ReadRecipe()!.Apply(new AnnotatedImage(source)).Image;
            using var written = ImageCodec.Read(P("checked/" + record.Output));
            Assert.Equal(written.As<byte>().ToArray(), again.As<byte>().ToArray());
        }
        Assert.Contains("CleanFilter(max_attempts 10, max_fill 0.5", File.ReadAllText(P("checked/summary.json")));
    }

    [Fact]
    public void AGeneratedDetectionSampleWhoseBoxesAllLeftTheImageIsRejected()
    {
        // A YOLO set: a.png with a box on the right edge, b.png with one on the left.
        GenerationTestData.WritePhoto(P("in/images/a.png"), 0);
        GenerationTestData.WritePhoto(P("in/images/b.png"), 1);
        Directory.CreateDirectory(P("in/labels"));
        File.WriteAllText(P("in/labels/a.txt"), "0 0.85 0.5 0.1 0.2\n");
        File.WriteAllText(P("in/labels/b.txt"), "0 0.15 0.5 0.1 0.2\n");
        File.WriteAllText(P("in/data.yaml"), "names: [rocket]\n");
        // Keep the left 40%: a's box leaves the image, b's stays.
        var crop = PipelineFile.Parse("""
            transforms:
              - Crop: {x_min: 0, y_min: 0, x_max: 25, y_max: 30}
            bbox_params: {format: yolo}
            """, "crop.yaml");
        new DatasetGenerator(new DatasetGeneratorOptions { Pipeline = crop, Copies = 1, Layout = "yolo" }).Run(P("in"), P("out"));
        var summary = DatasetCleaner.Run(P("out"), new CleanOptions { ReportDirectory = P("report") });
        var a = summary.Images.Single(i => i.Path.EndsWith("a_aug0.png", StringComparison.Ordinal));
        var b = summary.Images.Single(i => i.Path.EndsWith("b_aug0.png", StringComparison.Ordinal));
        Assert.Contains(a.Reasons, r => r.Check == CleanCheck.ObjectsLost && r.Text == "all 1 boxes left the image");
        Assert.DoesNotContain(b.Reasons, r => r.Check == CleanCheck.ObjectsLost);
    }

    [Fact]
    public void AGeneratedCocoSampleWhoseRotatedBoxesAllLeftTheImageIsRejected()
    {
        // b.png has one object, a rotated box at x 7..17; a.png has objects across the image.
        string json = GenerationTestData.WriteCocoWithTargets(P("in"));
        var crop = PipelineFile.Parse("transforms:\n  - Crop: {x_min: 32, y_min: 0, x_max: 64, y_max: 64}\n", "crop.yaml");
        new DatasetGenerator(new DatasetGeneratorOptions { Pipeline = crop, Copies = 1, Layout = "coco" }).Run(json, P("out"));
        var summary = DatasetCleaner.Run(P("out"), new CleanOptions { ReportDirectory = P("report"), MoveTo = P("quarantine") });
        var a = summary.Images.Single(i => i.Path.EndsWith("a_aug0.png", StringComparison.Ordinal));
        var b = summary.Images.Single(i => i.Path.EndsWith("b_aug0.png", StringComparison.Ordinal));
        Assert.Contains(b.Reasons, r => r.Check == CleanCheck.ObjectsLost && r.Text == "all 1 oriented boxes left the image");
        Assert.DoesNotContain(a.Reasons, r => r.Check == CleanCheck.ObjectsLost);
        // The COCO file written again without the quarantined sample still carries the kept one's rotated box.
        var coco = CocoDataset.Load(P("out/set.json"));
        Assert.Equal(["a_aug0.png"], coco.Images.Select(i => i.FileName));
        Assert.Contains(coco.Objects, o => o.RotatedBox is not null);
    }
}
