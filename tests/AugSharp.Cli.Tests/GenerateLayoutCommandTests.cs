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
}
