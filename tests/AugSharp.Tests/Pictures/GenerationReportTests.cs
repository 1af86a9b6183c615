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
}
