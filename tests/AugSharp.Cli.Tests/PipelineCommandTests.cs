using AugSharp.Datasets;
using System.Text.Json;

namespace AugSharp.Cli.Tests;

/// <summary>Pipeline files of catalogue transforms on the command line, and the catalogue itself.</summary>
public class PipelineCommandTests
{
    private const string Yaml = """
        seed: 7
        bbox_params: {format: coco, min_visibility: 0.3}
        transforms:
          - HorizontalFlip: {p: 0.5}
          - Affine: {rotate: [-30, 30], scale: [0.9, 1.1], border_mode: reflect101, p: 0.7}
          - OneOf:
              p: 0.5
              transforms:
                - RandomResizedCrop: {size: [224, 224], scale: [0.5, 1.0]}
                - LongestMaxSize: {max_size: 224}
        """;

    [Fact]
    public void Transforms_lists_the_catalogue_as_text_and_json()
    {
        var text = CliRunner.Run("transforms");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("RandomResizedCrop", text.Out);
        Assert.Contains("border_mode", text.Out);
        var json = CliRunner.Run("transforms", "--json");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        var names = doc.RootElement.GetProperty("transforms").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToArray();
        Assert.Contains("HorizontalFlip", names);
        Assert.Contains("Affine", names);
        var affine = doc.RootElement.GetProperty("transforms").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Affine");
        Assert.Equal("geometric", affine.GetProperty("category").GetString());
        Assert.Contains(affine.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "rotate");
    }

    [Fact]
    public void Augment_and_preview_run_a_yaml_pipeline_of_transforms_with_its_seed()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["pipeline.yaml"], Yaml);
        TestImages.WriteGradient(dir["in/a.png"], 64, 48);
        TestImages.WriteGradient(dir["in/b.png"], 40, 60, seed: 1);
        var first = CliRunner.Run("augment", dir["in"], dir["out1"], "--pipeline", dir["pipeline.yaml"], "--copies", "3");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(6, Directory.GetFiles(dir["out1"]).Count(ImageFolder.IsImageFile));
        var again = CliRunner.Run("augment", dir["in"], dir["out2"], "--pipeline", dir["pipeline.yaml"], "--copies", "3", "--seed", "7");
        Assert.Equal(0, again.ExitCode);
        foreach (var file in Directory.GetFiles(dir["out1"]).Where(f => ImageFolder.IsImageFile(f) || f.EndsWith("manifest.jsonl", StringComparison.Ordinal)))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(dir["out2"], Path.GetFileName(file))));
        var preview = CliRunner.Run("preview", dir["in/a.png"], "--pipeline", dir["pipeline.yaml"], "--captions", "--out", dir["grid.png"]);
        Assert.Equal(0, preview.ExitCode);
        Assert.True(File.Exists(dir["grid.png"]));
    }

    [Fact]
    public void A_bad_pipeline_file_is_a_usage_error_naming_the_transform()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["p.yaml"], "transforms:\n  - Rotat: {limit: 10}\n");
        TestImages.WriteGradient(dir["a.png"]);
        var r = CliRunner.Run("preview", dir["a.png"], "--pipeline", dir["p.yaml"], "--out", dir["g.png"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("did you mean 'Rotate'", r.Err);
        File.WriteAllText(dir["q.yaml"], "transforms:\n  - Rotate: {limit: 10}\n");
        r = CliRunner.Run("preview", dir["a.png"], "--pipeline", dir["q.yaml"], "--zoom-range", "0.2", "--out", dir["g.png"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--zoom-range", r.Err);
    }
}

public class AnnotationPreviewTests
{
    private static string Example(string name) => Path.Combine(AugSharp.Cli.Tests.RepositoryRoot.Path, "docs", "examples", "detection", name);

    [Fact]
    public void Preview_draws_the_coco_annotations_of_the_built_in_photo()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("preview", "--annotations", Example("chelsea.json"), "--pipeline", Example("pipeline.yaml"), "--with-original", "--cell-size", "120", "--out", dir["grid.png"]);
        Assert.Equal(0, r.ExitCode);
        using var grid = ImageCodec.Read(dir["grid.png"]).As<byte>();
        // The boxes and masks are drawn in saturated colours the photo does not have.
        int coloured = 0;
        for (int y = 0; y < grid.Height; y++)
            for (int x = 0; x < grid.Width; x++)
                if (grid[y, x, 0] == 230 && grid[y, x, 1] == 25 && grid[y, x, 2] == 75 || grid[y, x, 0] == 70 && grid[y, x, 1] == 240 && grid[y, x, 2] == 240) coloured++;
        Assert.True(coloured > 100, $"{coloured} box pixels");
    }

    [Fact]
    public void Annotations_without_the_image_are_a_usage_error()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["other.png"]);
        var r = CliRunner.Run("preview", dir["other.png"], "--annotations", Example("chelsea.json"), "--out", dir["g.png"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no image named other.png", r.Err);
    }
}

public class AlbumentationsFileCommandTests
{
    [Theory]
    [InlineData("detection.json")]
    [InlineData("keypoints.yaml")]
    [InlineData("nested.json")]
    [InlineData("full-detection.json")]
    [InlineData("full-keypoints.yaml")]
    [InlineData("full-nested.json")]
    public void Saved_albumentations_pipelines_run_from_the_command_line(string name)
    {
        using var dir = new TempDir();
        string file = Path.Combine(RepositoryRoot.Path, "tests", "AugSharp.Tests", "TestData", "Albumentations", name);
        var preview = CliRunner.Run("preview", "--pipeline", file, "--out", dir["grid.png"], "--cell-size", "300");
        Assert.Equal(0, preview.ExitCode);
        TestImages.WriteGradient(dir["in/a.png"], 240, 220);
        // A pipeline that ends in float pixels (Normalize, ToTensorV2) is written as float TIFF.
        string format = name == "full-nested.json" ? "tiff" : "same";
        var augment = CliRunner.Run("augment", dir["in"], dir["out"], "--pipeline", file, "--copies", "2", "--format", format);
        Assert.Equal(0, augment.ExitCode);
        Assert.Equal(2, Directory.GetFiles(dir["out"]).Count(ImageFolder.IsImageFile));
    }
}

public class TransformSweepTests
{
    [Fact]
    public void Preview_sweeps_one_transforms_range_across_the_cells()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("preview", "--transform", "Rotate", "--grid", "3x1", "--cell-size", "60", "--out", dir["sweep.png"]);
        Assert.Equal(0, r.ExitCode);
        using var source = ImageCodec.Read(Path.Combine(RepositoryRoot.Path, "src", "AugSharp.Cli", "Assets", "chelsea.png"));
        var picture = AugSharp.Pictures.TransformSweep.Render(new AnnotatedImage(source), "Rotate", "limit", new AugSharp.Pictures.PreviewOptions { Columns = 3, Rows = 1, CellSize = 60 });
        var angles = picture.Operations.Select(o => ((AffineOperation)o.Operations[0]).Angle).ToArray();
        Assert.Equal([-90.0, 0.0, 90.0], angles);
    }

    [Fact]
    public void Set_gives_every_cell_a_parameter_and_whole_number_ranges_sweep()
    {
        using var dir = new TempDir();
        string images = Path.Combine(RepositoryRoot.Path, "tests", "AugSharp.Tests", "TestData", "Images");
        var r = CliRunner.Run("preview", Path.Combine(images, "rocket.jpg"), "--transform", "HistogramMatching", "--set", $"reference_images=[{Path.Combine(images, "coffee.png")}]",
            "--grid", "3x1", "--cell-size", "60", "--out", dir["domain.png"]);
        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(dir["domain.png"]));
        using var source = ImageCodec.Read(Path.Combine(RepositoryRoot.Path, "src", "AugSharp.Cli", "Assets", "chelsea.png"));
        var picture = AugSharp.Pictures.TransformSweep.Render(new AnnotatedImage(source), "ImageCompression", "quality_range",
            new AugSharp.Pictures.PreviewOptions { Columns = 3, Rows = 1, CellSize = 60 }, new Dictionary<string, object?> { ["quality_range"] = new List<object?> { 10L, 90L } });
        Assert.Equal(3, picture.Operations.Count);
        var missing = CliRunner.Run("preview", "--transform", "HistogramMatching", "--out", dir["x.png"]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("reference_images", missing.Err);
        Assert.Equal(2, CliRunner.Run("preview", "--set", "a=1", "--out", dir["y.png"]).ExitCode);
        Assert.Equal(2, CliRunner.Run("preview", "--transform", "Rotate", "--set", "limit", "--out", dir["y.png"]).ExitCode);
    }

    [Fact]
    public void A_bad_sweep_is_a_usage_error()
    {
        using var dir = new TempDir();
        Assert.Equal(2, CliRunner.Run("preview", "--transform", "Rotat", "--out", dir["a.png"]).ExitCode);
        var r = CliRunner.Run("preview", "--transform", "Rotate", "--sweep", "interpolation", "--out", dir["a.png"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a range", r.Err);
        Assert.Equal(2, CliRunner.Run("preview", "--sweep", "limit", "--out", dir["a.png"]).ExitCode);
        Assert.Equal(2, CliRunner.Run("preview", "--transform", "Rotate", "--rotation-range", "3", "--out", dir["a.png"]).ExitCode);
    }
}

public class SweepCaptionTests
{
    [Fact]
    public void Whole_number_ranges_are_swept_in_whole_numbers_and_captions_stay_short()
    {
        using var source = ImageCodec.Read(Path.Combine(RepositoryRoot.Path, "src", "AugSharp.Cli", "Assets", "chelsea.png"));
        var picture = AugSharp.Pictures.TransformSweep.Render(new AnnotatedImage(source), "CoarseDropout", "num_holes_range", new AugSharp.Pictures.PreviewOptions { Columns = 4, Rows = 1, CellSize = 80, Captions = true });
        foreach (var recipe in picture.Operations)
        {
            string caption = AugSharp.Pictures.TransformCaption.Format(recipe);
            Assert.DoesNotContain("{", caption);
            Assert.DoesNotContain("seed", caption);
        }
    }
}
