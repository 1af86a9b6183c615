using AugSharp.Datasets;
using System.Text.Json;

namespace AugSharp.Cli.Tests;

public class BatchTests
{
    private static string[] FilesUnder(string folder)
        => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void AugmentIntoTheInputFolderIsRefusedAndTouchesNothing()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/a.png"]);
        byte[] before = File.ReadAllBytes(dir["in/a.png"]);
        var result = CliRunner.Run("augment", dir["in"], dir["in"], "--rotation-range", "10");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: the output folder {dir["in"]} is the input's folder: the outputs would be mixed with the inputs; choose another output folder", Assert.Single(result.ErrLines));
        Assert.Equal(["a.png"], FilesUnder(dir["in"]));
        Assert.Equal(before, File.ReadAllBytes(dir["in/a.png"]));
    }

    [Fact]
    public void AugmentIntoAFolderInsideTheInputNeverReadsItsOwnOutputs()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/a.png"]);
        TestImages.WriteGradient(dir["in/b.png"], seed: 1);
        for (int run = 0; run < 2; run++)
        {
            var result = CliRunner.Run("augment", dir["in"], dir["in/aug"], "--rotation-range", "10");
            Assert.True(result.ExitCode == 0, result.Err);
            Assert.StartsWith("Wrote 2 images from 2 inputs", result.Out);
        }
        Assert.Equal(["a.png", "aug/a_aug0.png", "aug/b_aug0.png", "b.png"], FilesUnder(dir["in"]).Where(ImageFolder.IsImageFile));
        Assert.True(File.Exists(dir["in/aug/manifest.jsonl"]));
    }

    [Fact]
    public void AnOutputThatIsAFileIsOneErrorBeforeAnyWork()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/a.png"]);
        File.WriteAllText(dir["out"], "x");
        var result = CliRunner.Run("augment", dir["in"], dir["out"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: cannot write to the output folder {dir["out"]}: it is a file, not a folder", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void OneImageIsSingular()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["cat.png"]);
        var result = CliRunner.Run("augment", dir["cat.png"], dir["out"]);
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.StartsWith($"Wrote 1 image from 1 input to {dir["out"]} ", result.Out);
    }

    [Fact]
    public void ACancelledRunExitsWith130AndLeavesNoTemporaryFile()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/a.png"]);
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = AugSharpCli.Run(["augment", dir["in"], dir["out"]], output, error, new CancellationToken(canceled: true));
        Assert.Equal(130, code);
        Assert.Equal(["Stopped. The outputs written so far are kept: run the same command again to resume.", "error: cancelled"], error.ToString().Trim().Split('\n').Select(l => l.TrimEnd('\r')));
        // Nothing half-written: no image and no temporary file (the run's state is kept for a resume).
        Assert.True(!Directory.Exists(dir["out"]) || !FilesUnder(dir["out"]).Any(f => ImageFolder.IsImageFile(f) || ImageFolder.IsTemporaryFile(f)));
    }

    [Fact]
    public void JobsDoNotChangeTheFiles()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 6; i++) TestImages.WriteGradient(dir[$"in/img{i}.png"], 20 + i, 16, i);
        string[] options = ["--rotation-range", "30", "--zoom-range", "0.8,1.2", "--copies", "2", "--seed", "9"];
        Assert.Equal(0, CliRunner.Run(["augment", dir["in"], dir["one"], "--jobs", "1", .. options]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["augment", dir["in"], dir["four"], "--jobs", "4", .. options]).ExitCode);
        var files = FilesUnder(dir["one"]).Where(ImageFolder.IsImageFile).ToArray();
        Assert.Equal(12, files.Length);
        Assert.Equal(files, FilesUnder(dir["four"]).Where(ImageFolder.IsImageFile));
        foreach (string f in files) Assert.Equal(File.ReadAllBytes(Path.Combine(dir["one"], f)), File.ReadAllBytes(Path.Combine(dir["four"], f)));
    }

    [Fact]
    public void AugmentIsGenerateOnAFolderOfImages()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/cats/a.png"], 40, 30);
        TestImages.WriteGradient(dir["in/dogs/b.png"], 30, 40, seed: 1);
        TestImages.WriteGradient(dir["in/c.png"], 32, 32, seed: 2);
        string[] options = ["--rotation-range", "20", "--copies", "2", "--seed", "5"];
        Assert.Equal(0, CliRunner.Run(["augment", dir["in"], dir["augment"], .. options]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["generate", dir["in"], dir["generate"], "--layout", "folders", .. options]).ExitCode);
        var files = FilesUnder(dir["augment"]).Where(f => ImageFolder.IsImageFile(f) || f == "manifest.jsonl").ToArray();
        Assert.Equal(7, files.Length);
        foreach (string f in files) Assert.Equal(File.ReadAllBytes(Path.Combine(dir["generate"], f)), File.ReadAllBytes(Path.Combine(dir["augment"], f)));
    }

    [Fact]
    public void AugmentReportsABadImageSkipsItAndFailsFastWhenAsked()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/a.png"]);
        File.WriteAllText(dir["in/b.png"], "this is not a PNG file");
        TestImages.WriteGradient(dir["in/c.png"], seed: 1);

        var result = CliRunner.Run("augment", dir["in"], dir["out"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.ErrLines, l => l.StartsWith($"error: {dir["in/b.png"]}: ", StringComparison.Ordinal) && l.EndsWith("(skipped)", StringComparison.Ordinal));
        Assert.Equal(["a_aug0.png", "c_aug0.png"], FilesUnder(dir["out"]).Where(ImageFolder.IsImageFile));
        Assert.Contains("b.png", File.ReadAllText(dir["out/errors.jsonl"]));

        var fast = CliRunner.Run("augment", dir["in"], dir["fast"], "--fail-fast", "--jobs", "1");
        Assert.Equal(1, fast.ExitCode);
        Assert.Contains("--fail-fast", fast.Err);
        // Fixed and run again: the same command resumes and finishes.
        TestImages.WriteGradient(dir["in/b.png"], seed: 3);
        var resumed = CliRunner.Run("augment", dir["in"], dir["fast"], "--fail-fast", "--jobs", "1");
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        Assert.Equal(["a_aug0.png", "b_aug0.png", "c_aug0.png"], FilesUnder(dir["fast"]).Where(ImageFolder.IsImageFile));
    }

    [Fact]
    public void AugmentRefusesAFolderHoldingOtherFilesUnlessForced()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/a.png"]);
        Directory.CreateDirectory(dir["out"]);
        File.WriteAllText(dir["out/notes.txt"], "mine");
        var refused = CliRunner.Run("augment", dir["in"], dir["out"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.Err);
        Assert.Equal(0, CliRunner.Run("augment", dir["in"], dir["out"], "--force").ExitCode);
        Assert.Equal("mine", File.ReadAllText(dir["out/notes.txt"]));
        Assert.True(File.Exists(dir["out/a_aug0.png"]));
    }

    [Fact]
    public void FormatAndQualityChooseTheEncoding()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/a.png"], 64, 48);
        Assert.Equal(0, CliRunner.Run("augment", dir["in"], dir["high"], "--format", "jpg", "--quality", "95").ExitCode);
        Assert.Equal(0, CliRunner.Run("augment", dir["in"], dir["low"], "--format", "jpg", "--quality", "10").ExitCode);
        Assert.Equal(0, CliRunner.Run("augment", dir["in"], dir["webp"], "--format", "webp").ExitCode);
        Assert.Equal(0, CliRunner.Run("augment", dir["in"], dir["same"], "--format", "same").ExitCode);
        Assert.Equal(ImageFormat.Jpeg, ImageCodec.Identify(dir["high/a_aug0.jpg"]).Format);
        Assert.True(new FileInfo(dir["low/a_aug0.jpg"]).Length < new FileInfo(dir["high/a_aug0.jpg"]).Length);
        Assert.Equal(ImageFormat.WebP, ImageCodec.Identify(dir["webp/a_aug0.webp"]).Format);
        Assert.Equal(ImageFormat.Png, ImageCodec.Identify(dir["same/a_aug0.png"]).Format);
    }

    [Theory]
    [InlineData("--format", "gif", "--format must be same, jpg, png, webp or tiff, got 'gif'")]
    [InlineData("--quality", "0", "--quality must be from 1 to 100, got 0")]
    [InlineData("--jobs", "0", "--jobs must be from 1 to 256, got 0")]
    [InlineData("--geometry", "fancy", "--geometry must be keras or corrected, got 'fancy'")]
    public void BadAugmentValuesAreUsageErrors(string option, string value, string message)
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/a.png"]);
        var result = CliRunner.Run("augment", dir["in"], dir["out"], option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: " + message, Assert.Single(result.ErrLines));
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public void ProgressShowsCountRateAndEta()
    {
        Assert.Equal("10/40 images, 2.0 images/s, ETA 0:15", Commands.AugmentProgressText.Describe(10, 40, TimeSpan.FromSeconds(5)));
        Assert.Equal("1/1 image, 4.0 images/s, ETA 0:00", Commands.AugmentProgressText.Describe(1, 1, TimeSpan.FromSeconds(0.25)));
        Assert.Equal("0/3 images, -- images/s, ETA --", Commands.AugmentProgressText.Describe(0, 3, TimeSpan.Zero));
        Assert.Equal("5/3605 images, 1.0 images/s, ETA 1:00:00", Commands.AugmentProgressText.Describe(5, 3605, TimeSpan.FromSeconds(5)));
    }
}

public class PolishTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("0.0")]
    public void ZoomOfZeroMeansNoZoomAsInKeras(string zoom)
    {
        using var dir = new TempDir();
        var result = CliRunner.Run("preview", "--zoom-range", zoom, "--rotation-range", "10", "--cell-size", "16", "--out", dir["g.png"]);
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.DoesNotContain("zoom_range", result.Out);
    }

    [Fact]
    public void GeometryIsAnOptionAndAPipelineKey()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in.png"], 30, 16);
        File.WriteAllText(dir["p.yaml"], "width_shift_range: 0.3\ngeometry: corrected\n");
        Assert.Equal(0, CliRunner.Run("augment", dir["in.png"], dir["keras"], "--width-shift-range", "0.3", "--seed", "4").ExitCode);
        Assert.Equal(0, CliRunner.Run("augment", dir["in.png"], dir["corrected"], "--width-shift-range", "0.3", "--geometry", "corrected", "--seed", "4").ExitCode);
        Assert.Equal(0, CliRunner.Run("augment", dir["in.png"], dir["file"], "--pipeline", dir["p.yaml"], "--seed", "4").ExitCode);
        Assert.Equal(0, CliRunner.Run("augment", dir["in.png"], dir["override"], "--pipeline", dir["p.yaml"], "--geometry", "keras", "--seed", "4").ExitCode);
        byte[] keras = File.ReadAllBytes(dir["keras/in_aug0.png"]);
        byte[] corrected = File.ReadAllBytes(dir["corrected/in_aug0.png"]);
        Assert.NotEqual(keras, corrected);
        Assert.Equal(corrected, File.ReadAllBytes(dir["file/in_aug0.png"]));
        Assert.Equal(keras, File.ReadAllBytes(dir["override/in_aug0.png"]));
    }

    [Fact]
    public void AnUnsupportedOutputExtensionIsAUsageError()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["x.png"]);
        var result = CliRunner.Run("preview", dir["x.png"], "--out", dir["grid.xyz"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --out {dir["grid.xyz"]}: unsupported extension '.xyz'; use .png, .jpg, .jpeg, .webp, .bmp, .tif, .tiff, .ppm, .pgm or .pnm", Assert.Single(result.ErrLines));
        Assert.False(File.Exists(dir["grid.xyz"]));
    }

    [Fact]
    public void AMistypedCommandGetsASuggestion()
    {
        var result = CliRunner.Run("previw", "cat.jpg");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: unknown command 'previw'; did you mean 'preview'? (see 'augsharp --help')", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void NoCommandPrintsHelpAndIsAUsageError()
    {
        var result = CliRunner.Run();
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Commands:", result.Out);
    }

    [Fact]
    public void InfoJsonDescribesAnImage()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["g.png"], 24, 16);
        var result = CliRunner.Run("info", dir["g.png"], "--json");
        Assert.True(result.ExitCode == 0, result.Err);
        using var json = JsonDocument.Parse(result.Out);
        var image = json.RootElement;
        Assert.Equal(dir["g.png"], image.GetProperty("path").GetString());
        Assert.Equal("png", image.GetProperty("format").GetString());
        Assert.Equal(24, image.GetProperty("width").GetInt32());
        Assert.Equal(16, image.GetProperty("height").GetInt32());
        Assert.Equal(3, image.GetProperty("channels").GetInt32());
        Assert.Equal(8, image.GetProperty("bit_depth").GetInt32());
        var channels = image.GetProperty("channel_statistics");
        Assert.Equal(3, channels.GetArrayLength());
        Assert.Equal("R", channels[0].GetProperty("channel").GetString());
        Assert.Equal(0, channels[0].GetProperty("min").GetDouble());
        Assert.Equal(255, channels[0].GetProperty("max").GetDouble());
        Assert.InRange(channels[0].GetProperty("mean").GetDouble(), 100, 155);
    }

    [Fact]
    public void InfoOnAFolderListsEveryImageAndReportsBadFiles()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["d/a.png"], 24, 16);
        TestImages.WriteGradient(dir["d/sub/b.png"], 8, 8);
        File.WriteAllText(dir["d/bad.png"], "not a png");
        File.WriteAllText(dir["d/notes.txt"], "ignored");

        var json = CliRunner.Run("info", dir["d"], "--json");
        Assert.Equal(1, json.ExitCode);
        Assert.Equal($"error: {dir["d/bad.png"]}: the content is not a known image format, although its name suggests Png (JPEG, PNG, WebP, BMP, GIF, TIFF or PGM/PPM expected) (skipped)", Assert.Single(json.ErrLines));
        using var doc = JsonDocument.Parse(json.Out);
        var entries = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal([dir["d/a.png"], dir["d/bad.png"], dir["d/sub/b.png"]], entries.Select(e => e.GetProperty("path").GetString()));
        Assert.Equal(24, entries[0].GetProperty("width").GetInt32());
        Assert.Contains("not a known image format", entries[1].GetProperty("error").GetString());
        Assert.Equal(8, entries[2].GetProperty("width").GetInt32());

        var text = CliRunner.Run("info", dir["d"]);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("a.png", text.Out);
        Assert.Contains("sub/b.png", text.Out.Replace('\\', '/'));
        Assert.Single(text.ErrLines);
    }

    [Fact]
    public void InfoPrintsPlainTextWhenRedirected()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["g.png"], 24, 16);
        var result = CliRunner.Run("info", dir["g.png"]);
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.DoesNotContain('\u001b', result.Out);
        Assert.DoesNotMatch("[\u2500-\u257f]", result.Out);
        Assert.Contains("Format: Png", result.Out);
        Assert.Contains("Size: 24 x 16", result.Out);
    }
}
