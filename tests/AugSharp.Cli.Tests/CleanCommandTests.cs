using Xunit;

namespace AugSharp.Cli.Tests;

public class CleanCommandTests
{
    private static string Photo(string name) => Path.Combine(RepositoryRoot.Path, "tests", "AugSharp.Tests", "TestData", "Images", name);

    /// <summary>A set of two photos, a black image, an exact copy and an unreadable file, with a label file beside the black one.</summary>
    private static string MakeSet(TempDir dir)
    {
        string set = dir["set"];
        Directory.CreateDirectory(Path.Combine(set, "cats"));
        foreach (string name in new[] { "chelsea.png", "coffee.png" })
        {
            using var photo = ImageCodec.Read(Photo(name)).As<byte>();
            using var crop = photo.Crop(0, 0, 200, 150).Clone();
            ImageCodec.Write(crop, Path.Combine(set, "cats", name));
        }
        using (var black = new ImageBuffer<byte>(120, 90, 3)) ImageCodec.Write(black, Path.Combine(set, "cats", "black.png"));
        File.WriteAllText(Path.Combine(set, "cats", "black.txt"), "0 0.5 0.5 0.1 0.1\n");
        File.Copy(Path.Combine(set, "cats", "chelsea.png"), Path.Combine(set, "cats", "chelsea_copy.png"));
        File.WriteAllText(Path.Combine(set, "cats", "broken.png"), "not a picture");
        return set;
    }

    private static string[] Files(string root) => Directory.Exists(root)
        ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray()
        : [];

    [Fact]
    public void ReportOnlyThenQuarantine()
    {
        using var dir = new TempDir();
        string set = MakeSet(dir);
        var before = Files(set);

        var report = CliRunner.Run("clean", set, "--jobs", "2");
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("Checked 5 images: 2 kept, 3 rejected (information 1, exposure 1, duplicate 1, corrupt 1)", report.Out);
        Assert.Contains("Nothing was changed", report.Out);
        Assert.Equal(before, Files(set));
        Assert.True(File.Exists(Path.Combine(set + "-clean-report", "report.html")));
        Assert.True(File.Exists(Path.Combine(set + "-clean-report", "report.json")));

        var moved = CliRunner.Run("clean", set, "--move-to", dir["quarantine"], "--report", dir["report"]);
        Assert.Equal(0, moved.ExitCode);
        Assert.Contains("Moved 4 files to", moved.Out);
        Assert.Equal(["cats/chelsea.png", "cats/coffee.png"], Files(set));
        Assert.Equal(["cats/black.png", "cats/black.txt", "cats/broken.png", "cats/chelsea_copy.png"], Files(dir["quarantine"]));
        Assert.Equal(["report.html", "report.json"], Files(dir["report"]));

        var back = CliRunner.Run("clean", set, "--restore", dir["quarantine"]);
        Assert.Equal(0, back.ExitCode);
        Assert.Contains("Moved 4 files back", back.Out);
        Assert.Equal(before, Files(set));
    }

    [Fact]
    public void BadUsageIsNamed()
    {
        using var dir = new TempDir();
        string set = MakeSet(dir);
        var both = CliRunner.Run("clean", set, "--move-to", dir["q"], "--delete");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--move-to and --delete cannot be used together", both.Err);

        File.WriteAllText(dir["t.yaml"], "max_fill: 2\n");
        var thresholds = CliRunner.Run("clean", set, "--thresholds", dir["t.yaml"]);
        Assert.Equal(2, thresholds.ExitCode);
        Assert.Contains("t.yaml", thresholds.Err);
        Assert.Contains("max_fill must be between 0 and 1", thresholds.Err);

        var missing = CliRunner.Run("clean", dir["nothing-here"]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("folder not found", missing.Err);

        var deleted = CliRunner.Run("clean", set, "--delete");
        Assert.Equal(0, deleted.ExitCode);
        Assert.Contains("Deleted 4 files.", deleted.Out);
        Assert.Equal(["cats/chelsea.png", "cats/coffee.png"], Files(set));
    }
}
