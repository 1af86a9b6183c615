namespace AugSharp.Cli.Tests;

public class GenerateLayoutCommandTests
{
    private static string Example(string name) => Path.Combine(RepositoryRoot.Path, "docs", "examples", "dota", name);

    [Fact]
    public void The_readme_dota_example_runs_from_the_command_line()
    {
        using var dir = new TempDir();
        var result = CliRunner.Run("generate", Example(""), dir["out"], "--layout", "dota", "--pipeline", Example("pipeline.yaml"), "--copies", "3", "--seed", "3");
        Assert.True(result.ExitCode == 0, result.Err);
        foreach (int k in new[] { 0, 1, 2 })
        {
            Assert.True(File.Exists(dir[$"out/images/towers_aug{k}.jpg"]));
            var lines = File.ReadAllLines(dir[$"out/labelTxt/towers_aug{k}.txt"]);
            Assert.Equal(["imagesource:rocket.jpg", "gsd:null"], lines[..2]);
            Assert.NotEmpty(lines[2..]);
        }

        // Auto detection recognises the DOTA folder and gives the same files.
        var auto = CliRunner.Run("generate", Example(""), dir["auto"], "--pipeline", Example("pipeline.yaml"), "--copies", "3", "--seed", "3");
        Assert.True(auto.ExitCode == 0, auto.Err);
        Assert.Equal(File.ReadAllBytes(dir["out/labelTxt/towers_aug1.txt"]), File.ReadAllBytes(dir["auto/labelTxt/towers_aug1.txt"]));
    }

    [Fact]
    public void Every_layout_is_named_in_the_help()
    {
        var result = CliRunner.Run("generate", "--help");
        foreach (string layout in new[] { "yolo", "yolo-seg", "yolo-obb", "dota", "voc", "masks" })
            Assert.Contains(layout, result.Out);
    }

    [Fact]
    public void Generate_writes_a_coco_set_back_with_its_polygons_keypoints_and_rotated_boxes()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in"]);
        File.Copy(Path.Combine(RepositoryRoot.Path, "tests", "AugSharp.Tests", "TestData", "Images", "astronaut.png"), dir["in/astronaut.png"]);
        File.WriteAllText(dir["in/instances.json"], """
            {"images": [{"id": 1, "file_name": "astronaut.png", "width": 512, "height": 512}],
             "annotations": [
              {"id": 1, "image_id": 1, "category_id": 1, "bbox": [100, 80, 200, 120], "iscrowd": 0,
               "segmentation": [[100, 80, 300, 80, 300, 200, 100, 200]], "keypoints": [150, 120, 2, 250, 120, 2], "num_keypoints": 2},
              {"id": 2, "image_id": 1, "category_id": 2, "bbox": [0, 0, 1, 1], "iscrowd": 0, "rbox": [256, 256, 100, 40, 30]}],
             "categories": [{"id": 1, "name": "person", "keypoints": ["left_eye", "right_eye"]}, {"id": 2, "name": "patch"}]}
            """);
        File.WriteAllText(dir["flip.yaml"], "transforms:\n  - HorizontalFlip: {p: 1}\n");
        var result = CliRunner.Run("generate", dir["in/instances.json"], dir["out"], "--pipeline", dir["flip.yaml"], "--layout", "coco", "--copies", "1");
        Assert.True(result.ExitCode == 0, result.Err);

        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir["out/instances.json"]));
        var annotations = doc.RootElement.GetProperty("annotations").EnumerateArray().ToArray();
        Assert.Equal(2, annotations.Length);
        static double[] Numbers(System.Text.Json.JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        // Mirrored: polygon x becomes 512 - x, keypoint x becomes 511 - x (pixel indexes), the rotated box turns to 150 degrees, canonically 60 with its sides swapped.
        Assert.Equal([212.0, 80, 412, 80, 412, 200, 212, 200], Numbers(annotations[0].GetProperty("segmentation")[0]));
        Assert.Equal([361.0, 120, 2, 261, 120, 2], Numbers(annotations[0].GetProperty("keypoints")));
        Assert.Equal(2, annotations[0].GetProperty("num_keypoints").GetInt32());
        Assert.Equal(200 * 120, annotations[0].GetProperty("area").GetDouble());
        var rbox = Numbers(annotations[1].GetProperty("rbox"));
        double[] expected = [256, 256, 40, 100, 60];
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i], rbox[i], 1e-9);
        var bbox = Numbers(annotations[1].GetProperty("bbox"));
        double half = 50 * Math.Cos(Math.PI / 6) + 20 * Math.Sin(Math.PI / 6);
        Assert.Equal(256 - half, bbox[0], 1e-9);
        Assert.Equal(2 * half, bbox[2], 1e-9);
    }
}
