using AugSharp.Datasets;
using AugSharp.Pictures;

namespace AugSharp.Cli.Tests;

public class CommandTests
{
    private static readonly string[] DemoGrids =
    [
        "rotation_range", "height_shift_range", "width_shift_range", "brightness_range", "zoom_range", "horizontal_flip", "vertical_flip",
    ];

    [Fact]
    public void DemoWritesSevenGridsAndAnIndex()
    {
        using var dir = new TempDir();
        string outDir = dir["demo"];
        var result = CliRunner.Run("demo", "--out", outDir, "--cell-size", "48", "--seed", "3");
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains(outDir, result.Out);
        Assert.Contains("index.html", result.Out);

        var (cellW, cellH) = PictureResize.FitSize(451, 300, 48);
        string html = File.ReadAllText(Path.Combine(outDir, "index.html"));
        Assert.Contains("<!DOCTYPE html>", html);
        foreach (string name in DemoGrids)
        {
            string file = Path.Combine(outDir, name + ".png");
            Assert.True(File.Exists(file), file);
            Assert.Contains($"src=\"{name}.png\"", html);
            Assert.Contains(name + "=", html);
            var info = ImageCodec.Identify(file);
            Assert.Equal(ImageFormat.Png, info.Format);
            using var grid = ImageCodec.Read(file);
            Assert.Equal(PreviewGrid.CanvasSize(cellW, cellH, 3, 3, 4).Width, grid.Width);
            Assert.True(grid.Height > 3 * cellH + 4 * 4, "the grid holds three rows of cells and captions");
        }
        Assert.Equal(DemoGrids.Length, Directory.GetFiles(outDir, "*.png").Length);
    }

    [Fact]
    public void DemoIsDeterministic()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.Run("demo", "--out", dir["a"], "--cell-size", "24").ExitCode);
        Assert.Equal(0, CliRunner.Run("demo", "--out", dir["b"], "--cell-size", "24").ExitCode);
        foreach (string name in DemoGrids)
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir["a"], name + ".png")), File.ReadAllBytes(Path.Combine(dir["b"], name + ".png")));
    }

    [Fact]
    public void PreviewFromAYamlPipeline()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["pipeline.yaml"], """
            # the tutorial's settings, Keras names
            rotation_range: 40
            width_shift_range: 0.2
            zoom_range: [0.8, 1.2]
            fill_mode: reflect
            horizontal_flip: true
            """);
        var result = CliRunner.Run("preview", "--pipeline", dir["pipeline.yaml"], "--cell-size", "40", "--out", dir["grid.png"], "--seed", "5");
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("rotation_range=40.0", result.Out);
        Assert.Contains("fill_mode='reflect'", result.Out);
        using var grid = ImageCodec.Read(dir["grid.png"]);
        var (cellW, cellH) = PictureResize.FitSize(451, 300, 40);
        Assert.Equal(PreviewGrid.CanvasSize(cellW, cellH, 3, 3, 4), (grid.Width, grid.Height));
    }

    [Fact]
    public void PreviewOfAnImageWithOptionsCaptionsAndTheOriginal()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in.png"], 30, 20);
        var result = CliRunner.Run("preview", dir["in.png"], "--rotation-range", "40", "--zoom-range", "0.8,1.2", "--horizontal-flip",
            "--grid", "4x2", "--captions", "--with-original", "--out", dir["grid.png"]);
        Assert.True(result.ExitCode == 0, result.Err);
        using var grid = ImageCodec.Read(dir["grid.png"]);
        Assert.Equal(PreviewGrid.CanvasSize(30, 20, 4, 2, 4).Width, grid.Width);
        Assert.True(grid.Height > PreviewGrid.CanvasSize(30, 20, 4, 2, 4).Height, "captions add a band under each row");
        // The first cell is the original, unchanged.
        using var original = ImageCodec.Read(dir["in.png"]);
        var g = grid.As<byte>();
        var o = original.As<byte>();
        Assert.Equal(o[0, 0, 0], g[4, 4, 0]);
        Assert.Equal(o[19, 29, 1], g[4 + 19, 4 + 29, 1]);
    }

    [Fact]
    public void PipelineOptionsCanBeOverriddenOnTheCommandLine()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["p.json"], "{\"rotation_range\": 10}");
        var result = CliRunner.Run("preview", "--pipeline", dir["p.json"], "--rotation-range", "20", "--cell-size", "16", "--out", dir["g.png"]);
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("rotation_range=20.0", result.Out);
    }

    [Fact]
    public void AugmentAFolderTwiceWithTheSameSeedGivesIdenticalFiles()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/a.png"], 20, 14, 0);
        TestImages.WriteGradient(dir["in/cats/b.png"], 16, 16, 1);
        TestImages.WriteGradient(dir["in/c.jpg"], 18, 12, 2);
        File.WriteAllText(dir["in/notes.txt"], "not an image, ignored");
        string[] options = ["--rotation-range", "30", "--width-shift-range", "0.1", "--horizontal-flip", "--copies", "3", "--seed", "42"];

        var first = CliRunner.Run(["augment", dir["in"], dir["out1"], .. options]);
        var second = CliRunner.Run(["augment", dir["in"], dir["out2"], .. options]);
        Assert.True(first.ExitCode == 0, first.Err);
        Assert.True(second.ExitCode == 0, second.Err);
        Assert.Contains("Wrote 9 images", first.Out);

        string[] expected =
        [
            "a_aug0.png", "a_aug1.png", "a_aug2.png", "c_aug0.jpg", "c_aug1.jpg", "c_aug2.jpg",
            "cats/b_aug0.png", "cats/b_aug1.png", "cats/b_aug2.png",
        ];
        var files = Directory.GetFiles(dir["out1"], "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir["out1"], f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, files.Where(ImageFolder.IsImageFile));
        // The same engine as generate: its manifest, summary, errors and report beside the images.
        Assert.Equal(["errors.jsonl", "manifest.jsonl", "report.html", "summary.json"], files.Where(f => !ImageFolder.IsImageFile(f)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir["out1"], "manifest.jsonl")), File.ReadAllBytes(Path.Combine(dir["out2"], "manifest.jsonl")));
        foreach (string file in expected)
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir["out1"], file)), File.ReadAllBytes(Path.Combine(dir["out2"], file)));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(dir["out1"], "a_aug0.png")), File.ReadAllBytes(Path.Combine(dir["out1"], "a_aug1.png")));
    }

    [Fact]
    public void AugmentReportsABadFileSkipsItAndExitsOne()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/a.png"]);
        File.WriteAllText(dir["in/b.png"], "this is not a PNG file");
        TestImages.WriteGradient(dir["in/c.png"]);
        var result = CliRunner.Run("augment", dir["in"], dir["out"], "--copies", "2", "--rotation-range", "10");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("b.png", result.Err);
        Assert.DoesNotContain(" at ", result.Err);
        Assert.True(File.Exists(dir["out/a_aug1.png"]));
        Assert.True(File.Exists(dir["out/c_aug1.png"]));
        Assert.False(File.Exists(dir["out/b_aug0.png"]));
        Assert.Empty(Directory.GetFiles(dir["out"], "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void AugmentASingleImage()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["cat.png"]);
        var result = CliRunner.Run("augment", dir["cat.png"], dir["out"], "--copies", "2", "--vertical-flip");
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.True(File.Exists(dir["out/cat_aug0.png"]));
        Assert.True(File.Exists(dir["out/cat_aug1.png"]));
    }

    [Fact]
    public void InfoShowsFormatSizeAndChannelStatistics()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["g.png"], 24, 16);
        var result = CliRunner.Run("info", dir["g.png"]);
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("Png", result.Out);
        Assert.Contains("24 x 16", result.Out);
        Assert.Contains("3 (R,G,B)", result.Out);
        Assert.Contains("Bit depth", result.Out);
        Assert.Contains("Mean", result.Out);
        Assert.Contains("255", result.Out);
    }
}
