using System.Text.Json;

namespace AugSharp.Cli.Tests;

public class BenchCommandTests
{
    private static readonly string[] Quick = ["--runs", "1", "--min-time", "0"];

    [Fact]
    public void A_run_writes_sane_json_with_the_unavailable_rows()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["img/a.png"], 24, 16);
        TestImages.WriteGradient(dir["img/b.png"], 17, 21, seed: 1);
        var result = CliRunner.Run(["bench", "--images", dir["img"], "--json", dir["out.json"], .. Quick]);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir["out.json"]));
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(
            ["HorizontalFlip", "VerticalFlip", "Rotate", "Affine", "Perspective", "Resize", "ResizeArea", "RandomResizedCrop", "Brightness", "Contrast", "Gamma", "Grayscale",
             "HSVShift", "GaussianBlur", "MedianBlur", "Equalize", "CLAHE", "Normalize", "Elastic", "KerasPipeline", "Memcpy"],
            results.Select(r => r.GetProperty("transform").GetString()));
        Assert.All(results, r =>
        {
            Assert.True(r.GetProperty("img_per_s").GetDouble() > 0);
            Assert.True(r.GetProperty("median_ms").GetDouble() >= 0);
            Assert.Equal(2, r.GetProperty("images").GetInt32());
            Assert.Equal(1, r.GetProperty("threads").GetInt32());
        });
        Assert.Empty(doc.RootElement.GetProperty("unavailable").EnumerateArray());
        Assert.True(doc.RootElement.GetProperty("machine").GetProperty("cores").GetInt32() > 0);
        Assert.Contains("CLAHE", result.Out);
        Assert.DoesNotContain("not available", result.Out);
    }

    [Fact]
    public void Transforms_filters_the_rows_and_threads_are_reported()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["img/a.png"]);
        var result = CliRunner.Run(["bench", "--images", dir["img"], "--transforms", "memcpy,Rotate,Gamma", "--threads", "2", "--json", dir["out.json"], .. Quick]);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir["out.json"]));
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["Rotate", "Gamma", "Memcpy"], results.Select(r => r.GetProperty("transform").GetString()));
        Assert.All(results, r => Assert.Equal(2, r.GetProperty("threads").GetInt32()));
        Assert.Empty(doc.RootElement.GetProperty("unavailable").EnumerateArray());
    }

    [Fact]
    public void An_unknown_transform_is_a_usage_error_with_a_suggestion()
    {
        var result = CliRunner.Run(["bench", "--transforms", "Rotat", .. Quick]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean 'Rotate'?", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void Bad_counts_are_usage_errors()
    {
        Assert.Equal(2, CliRunner.Run("bench", "--threads", "0").ExitCode);
        Assert.Equal(2, CliRunner.Run("bench", "--runs", "0").ExitCode);
    }

    [Fact]
    public void Compare_prints_the_peer_and_the_ratio()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["img/a.png"]);
        File.WriteAllText(dir["peer.json"], """
            {"library": "OpenCV", "results": [{"transform": "VerticalFlip", "img_per_s": 1000.0, "median_ms": 1.0, "images": 1, "threads": 1}], "unavailable": []}
            """);
        var result = CliRunner.Run(["bench", "--images", dir["img"], "--transforms", "VerticalFlip,HorizontalFlip", "--compare", dir["peer.json"], .. Quick]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("OpenCV img/s", result.Out);
        string line = result.Out.Split('\n').Single(l => l.StartsWith("VerticalFlip", StringComparison.Ordinal));
        Assert.Contains("1,000", line);
        Assert.Matches(@"\d+\.\d\dx", line);
    }

    [Fact]
    public void The_default_images_are_built_into_the_tool()
    {
        var result = CliRunner.Run(["bench", "--transforms", "Memcpy", .. Quick]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 image(s)", result.Out);
    }

    [Fact]
    public void End_to_end_runs_on_files()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["img/a.png"]);
        var result = CliRunner.Run(["bench", "--images", dir["img"], "--end-to-end", "--json", dir["e.json"], .. Quick]);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir["e.json"]));
        Assert.Equal("EndToEnd", doc.RootElement.GetProperty("results")[0].GetProperty("transform").GetString());
    }
}
