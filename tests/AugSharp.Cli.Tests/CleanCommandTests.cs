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

    [Fact]
    public void CocoAndCsvFilesAtTheRootFollowTheMoveAndTheRestore()
    {
        using var dir = new TempDir();
        string set = MakeSet(dir);
        string coco = """
            {"images":[{"id":7,"file_name":"cats/black.png","width":120,"height":90},{"id":8,"file_name":"cats/chelsea.png","width":200,"height":150}],
             "annotations":[{"id":70,"image_id":7,"category_id":1,"bbox":[1,1,5,5]},{"id":80,"image_id":8,"category_id":1,"bbox":[2,2,6,6]}],
             "categories":[{"id":1,"name":"cat"}]}
            """;
        File.WriteAllText(Path.Combine(set, "instances.json"), coco);
        string csv = "path,label\ncats/chelsea.png,cat\ncats/black.png,cat\ncats/coffee.png,cat\n";
        File.WriteAllText(Path.Combine(set, "labels.csv"), csv);

        var moved = CliRunner.Run("clean", set, "--move-to", dir["quarantine"], "--report", dir["report"]);
        Assert.Equal(0, moved.ExitCode);
        Assert.Contains("Updated instances.json: removed 1 image and 1 annotation (kept in ", moved.Out);
        Assert.Contains("Updated labels.csv: removed 1 row (kept in ", moved.Out);
        Assert.Equal("path,label\ncats/chelsea.png,cat\ncats/coffee.png,cat\n", File.ReadAllText(Path.Combine(set, "labels.csv")));
        Assert.DoesNotContain("cats/black.png", File.ReadAllText(Path.Combine(set, "instances.json")));
        Assert.Contains("\"id\": 70", File.ReadAllText(Path.Combine(dir["quarantine"], "instances.json")));

        var back = CliRunner.Run("clean", set, "--restore", dir["quarantine"]);
        Assert.Equal(0, back.ExitCode);
        Assert.Contains("Moved 6 files back", back.Out);
        Assert.Empty(Files(dir["quarantine"]));
        Assert.Equal("path,label\ncats/chelsea.png,cat\ncats/coffee.png,cat\ncats/black.png,cat\n", File.ReadAllText(Path.Combine(set, "labels.csv")));
        using var restored = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(set, "instances.json")));
        Assert.Equal([7, 8], restored.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal([70, 80], restored.RootElement.GetProperty("annotations").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
    }

    [Fact]
    public void AnImageSeventyPercentReflectedBorderIsRejectedForItsFill()
    {
        using var dir = new TempDir();
        string set = dir["set"];
        Directory.CreateDirectory(set);
        foreach (string name in new[] { "astronaut.png", "coffee.png" })
        {
            using var photo = ImageCodec.Read(Photo(name)).As<byte>();
            ImageCodec.Write(photo, Path.Combine(set, name));
        }
        // Zoomed out to 0.55 with a mirrored border: 70% of the pixels are the border's, and no manifest says so.
        using (var chelsea = ImageCodec.Read(Photo("chelsea.png")).As<byte>())
        using (var zoomed = new Compose([new Affine { Scale = AxisRange.Fixed(0.55), BorderMode = BorderMode.Reflect, P = 1 }]).Apply(new AnnotatedImage(chelsea), 4).Image)
            ImageCodec.Write(zoomed, Path.Combine(set, "chelsea_zoomed.jpg"));

        var result = CliRunner.Run("clean", set, "--report", dir["report"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Checked 3 images: 2 kept, 1 rejected (fill 1)", result.Out);
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir["report"], "report.json")));
        var zoomedEntry = report.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "chelsea_zoomed.jpg");
        var reason = zoomedEntry.GetProperty("reasons").EnumerateArray().Single();
        Assert.Equal("fill", reason.GetProperty("check").GetString());
        Assert.InRange(reason.GetProperty("score").GetDouble(), 0.6, 0.8);
        Assert.StartsWith("estimated fill", reason.GetProperty("text").GetString());
    }
}
