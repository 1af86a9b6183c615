using AugSharp.Datasets;
using AugSharp.Pictures;
using AugSharp.Tests.Datasets;

namespace AugSharp.Tests.Pictures;

public class GenerationReportTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "augsharp-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void TheReportShowsCountsSamplesWithTheirOperationsAndErrorsWithoutNetwork()
    {
        GenerationTestData.WriteClassFolders(Path.Combine(_root, "in"));
        File.WriteAllText(Path.Combine(_root, "in", "dogs", "broken.png"), "not an image");
        new DatasetGenerator(new DatasetGeneratorOptions { Pipeline = GenerationTestData.Pipeline(), Copies = 3, Seed = 1 }).Run(Path.Combine(_root, "in"), Path.Combine(_root, "out"));
        string path = GenerationReport.Write(Path.Combine(_root, "out"));
        string html = File.ReadAllText(path);
        Assert.Equal(Path.Combine(_root, "out", "report.html"), path);
        Assert.Contains("<h3>cats (9)</h3>", html);
        Assert.Contains("<h3>dogs (6)</h3>", html);
        // Eight samples of cats at most, each with its operations on hover.
        Assert.Equal(8 + 6, System.Text.RegularExpressions.Regex.Matches(html, "src=\"data:image/jpeg;base64,").Count);
        Assert.Matches("title=\"[^\"]*(HorizontalFlip|Affine|RandomBrightnessContrast|no operation applied)", html);
        Assert.Contains("dogs/broken.png", html);
        Assert.Contains("<section id=\"run\">", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain(Path.Combine(_root, "out"), html);
    }

    [Fact]
    public void TheSamplesOfADetectionSetHaveTheirBoxesDrawn()
    {
        GenerationTestData.WritePhoto(Path.Combine(_root, "in", "images", "a.png"), 2);
        Directory.CreateDirectory(Path.Combine(_root, "in", "labels"));
        File.WriteAllText(Path.Combine(_root, "in", "labels", "a.txt"), "0 0.5 0.5 0.5 0.5\n");
        File.WriteAllText(Path.Combine(_root, "in", "data.yaml"), "names: [cat]\n");
        var flip = PipelineFile.Parse("transforms:\n  - HorizontalFlip: {p: 1}\nbbox_params: {format: yolo}\n", "flip.yaml");
        new DatasetGenerator(new DatasetGeneratorOptions { Pipeline = flip, Copies = 1, Layout = "yolo" }).Run(Path.Combine(_root, "in"), Path.Combine(_root, "out"));
        string html = File.ReadAllText(GenerationReport.Write(Path.Combine(_root, "out")));
        var thumbnail = System.Text.RegularExpressions.Regex.Match(html, "src=\"data:image/jpeg;base64,([^\"]+)\"").Groups[1].Value;
        // The drawn picture is not the plain output's thumbnail: the box is outlined on it.
        string plain = ReportThumbnail.JpegBase64(Path.Combine(_root, "out", "images", "a_aug0.png"), GenerationReport.ThumbnailSide)!;
        Assert.NotEqual(plain, thumbnail);
        using var drawn = ImageCodec.Read(new MemoryStream(Convert.FromBase64String(thumbnail)));
        using var undrawn = ImageCodec.Read(new MemoryStream(Convert.FromBase64String(plain)));
        Assert.Equal((undrawn.Width, undrawn.Height), (drawn.Width, drawn.Height));
    }

    [Fact]
    public void TheSamplesOfACocoSetHaveTheirMasksKeypointsAndRotatedBoxesDrawn()
    {
        string json = GenerationTestData.WriteCocoWithTargets(Path.Combine(_root, "in"));
        var flip = PipelineFile.Parse("transforms:\n  - HorizontalFlip: {p: 1}\n", "flip.yaml");
        new DatasetGenerator(new DatasetGeneratorOptions { Pipeline = flip, Copies = 1, Layout = "coco" }).Run(json, Path.Combine(_root, "out"));
        string html = File.ReadAllText(GenerationReport.Write(Path.Combine(_root, "out")));
        var thumbnails = System.Text.RegularExpressions.Regex.Matches(html, "src=\"data:image/jpeg;base64,([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        // Both samples are drawn over: a.png's masks, keypoints and rotated box, b.png's rotated box.
        foreach (string name in new[] { "a_aug0.png", "b_aug0.png" })
            Assert.DoesNotContain(ReportThumbnail.JpegBase64(Path.Combine(_root, "out", name), GenerationReport.ThumbnailSide)!, thumbnails);
        Assert.Equal(2, thumbnails.Length);
    }
}
