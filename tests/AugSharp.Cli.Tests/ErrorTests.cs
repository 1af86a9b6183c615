namespace AugSharp.Cli.Tests;

public class ErrorTests
{
    private static void AssertOneLine(CliResult result, int exitCode, string mustContain)
    {
        Assert.Equal(exitCode, result.ExitCode);
        var lines = result.ErrLines;
        Assert.Single(lines);
        Assert.Contains(mustContain, lines[0]);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain(" at ", result.Err);
    }

    [Fact]
    public void UnknownOptionIsAUsageErrorWithASuggestion()
    {
        var result = CliRunner.Run("preview", "--rotaton-range", "5");
        AssertOneLine(result, 2, "'--rotaton-range'");
        Assert.Contains("did you mean --rotation-range?", result.Err);
    }

    [Fact]
    public void UnknownCommandIsAUsageError() => AssertOneLine(CliRunner.Run("frobnicate"), 2, "frobnicate");

    [Fact]
    public void UnknownOptionOnAugmentIsAUsageError() => AssertOneLine(CliRunner.Run("augment", "in", "out", "--copys", "3"), 2, "'--copys'");

    [Fact]
    public void NegativeRotationRangeIsOutOfRange()
        => AssertOneLine(CliRunner.Run("preview", "--rotation-range", "-5"), 2, "--rotation-range must be 0 or more, got -5");

    [Theory]
    [InlineData("0,1.2")]
    [InlineData("1")]
    [InlineData("1.5")]
    public void ZeroZoomIsOutOfRange(string zoom)
        => AssertOneLine(CliRunner.Run("preview", "--zoom-range", zoom), 2, "--zoom-range must give zoom factors above 0");

    [Theory]
    [InlineData("--width-shift-range", "abc", "--width-shift-range must be a number")]
    [InlineData("--brightness-range", "0.5", "--brightness-range must be two factors")]
    [InlineData("--brightness-range", "1.0,0.2", "--brightness-range low must not exceed high")]
    [InlineData("--fill-mode", "mirror", "--fill-mode must be one of constant, nearest, reflect, wrap")]
    [InlineData("--interpolation-order", "7", "--interpolation-order must be from 0 to 5")]
    [InlineData("--shear-range", "-1", "--shear-range must be 0 or more")]
    [InlineData("--channel-shift-range", "-3", "--channel-shift-range must be 0 or more")]
    [InlineData("--grid", "3by3", "--grid must be COLUMNSxROWS")]
    [InlineData("--cell-size", "0", "--cell-size must be from 1 to 8192")]
    [InlineData("--seed", "-1", "--seed must be a whole number, 0 or more")]
    public void BadPreviewValuesAreUsageErrors(string option, string value, string message)
        => AssertOneLine(CliRunner.Run("preview", option, value), 2, message);

    [Fact]
    public void ZeroCopiesIsAUsageError()
    {
        using var dir = new TempDir();
        AssertOneLine(CliRunner.Run("augment", dir.Path, dir["out"], "--copies", "0"), 2, "--copies must be from 1 to 10000");
    }

    [Fact]
    public void MissingArgumentsAreAUsageError() => AssertOneLine(CliRunner.Run("augment"), 2, "augsharp augment --help");

    [Fact]
    public void MissingImageIsAFailure() => AssertOneLine(CliRunner.Run("info", "no-such-image.png"), 1, "no-such-image.png");

    [Fact]
    public void MissingPreviewImageIsAFailure() => AssertOneLine(CliRunner.Run("preview", "no-such-image.jpg"), 1, "no-such-image.jpg");

    [Fact]
    public void MissingAugmentInputIsAFailure()
    {
        using var dir = new TempDir();
        AssertOneLine(CliRunner.Run("augment", dir["missing"], dir["out"]), 1, "input not found");
    }

    [Fact]
    public void MissingPipelineIsAFailure() => AssertOneLine(CliRunner.Run("preview", "--pipeline", "no-such-pipeline.yaml"), 1, "no-such-pipeline.yaml");

    [Fact]
    public void PipelineWithAValueOutOfRangeNamesFileAndKey()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["bad.yaml"], "rotation_range: -5\n");
        AssertOneLine(CliRunner.Run("preview", "--pipeline", dir["bad.yaml"]), 2, "bad.yaml: rotation_range must be 0 or more, got -5");
    }

    [Fact]
    public void PipelineWithAnUnknownKeyNamesIt()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["bad.json"], "{\"rotation_rnage\": 5}");
        AssertOneLine(CliRunner.Run("preview", "--pipeline", dir["bad.json"]), 2, "rotation_rnage is not an ImageDataGenerator augmentation argument; did you mean rotation_range?");
    }

    [Fact]
    public void MalformedPipelineIsAUsageError()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["bad.yaml"], "rotation_range: [1, 2\n");
        AssertOneLine(CliRunner.Run("preview", "--pipeline", dir["bad.yaml"]), 2, "bad.yaml: is not valid YAML");
    }

    [Fact]
    public void CorruptImageIsAFailure()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["corrupt.png"], "this is not a PNG file");
        AssertOneLine(CliRunner.Run("info", dir["corrupt.png"]), 1, "corrupt.png");
    }

    [Fact]
    public void CorruptPreviewImageIsAFailure()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["corrupt.jpg"], [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 1, 2, 3]);
        AssertOneLine(CliRunner.Run("preview", dir["corrupt.jpg"], "--out", dir["p.png"]), 1, "corrupt.jpg");
        Assert.False(File.Exists(dir["p.png"]));
    }

    [Fact]
    public void VerboseShowsTheStackTrace()
    {
        var result = CliRunner.Run("info", "no-such-image.png", "--verbose");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.ErrLines[0]);
        Assert.Contains(" at ", result.Err);
    }
}
