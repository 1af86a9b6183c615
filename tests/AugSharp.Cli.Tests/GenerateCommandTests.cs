using System.Diagnostics;
using AugSharp.Cli;
using AugSharp.Kernels;

namespace AugSharp.Cli.Tests;

public class GenerateCommandTests
{
    private const string Pipeline = """
        transforms:
          - HorizontalFlip: {p: 0.5}
          - Affine: {rotate: [-30, 30], scale: [0.9, 1.1], border_mode: reflect101, p: 0.8}
          - RandomBrightnessContrast: {p: 0.5}
        """;

    private static readonly string[] Photos = ["astronaut.png", "camera.png", "chelsea.png", "coffee.png", "retina.jpg", "rocket.jpg"];

    private static readonly Lazy<ImageBuffer<byte>[]> Small = new(() => Photos.Select(photo =>
    {
        using var full = (ImageBuffer<byte>)ImageCodec.Read(Path.Combine(RepositoryRoot.Path, "tests", "AugSharp.Tests", "TestData", "Images", photo));
        var small = new ImageBuffer<byte>(64, Math.Max(1, full.Height * 64 / full.Width), full.Channels);
        ResizeKernel.Apply(full, small, Interpolation.Linear);
        return small;
    }).ToArray());

    /// <summary>Class folders from the sample photos (64 pixels wide): cats a..c, dogs d..f; and the pipeline file.</summary>
    private static string MakeDataSet(TempDir dir, string name = "in")
    {
        string[] names = ["cats/a.png", "cats/b.png", "cats/c.png", "dogs/d.jpg", "dogs/e.png", "dogs/f.jpg"];
        for (int i = 0; i < names.Length; i++)
        {
            string path = dir[Path.Combine(name, names[i])];
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ImageCodec.Write(Small.Value[i], path);
        }
        File.WriteAllText(dir["pipeline.yaml"], Pipeline);
        return dir[name];
    }

    /// <summary>Every file under a folder, summary.json and report.html without their time-dependent run sections.</summary>
    private static SortedDictionary<string, byte[]> Snapshot(string root)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative == "summary.json")
            {
                var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!.AsObject();
                Assert.NotNull(summary["run"]);
                summary.Remove("run");
                files[relative] = System.Text.Encoding.UTF8.GetBytes(summary.ToJsonString());
            }
            else if (relative == "report.html")
            {
                // Its run section shows the time, as summary.json's does.
                string html = File.ReadAllText(file);
                Assert.Contains("<section id=\"run\">", html);
                files[relative] = System.Text.Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(html, "<section id=\"run\">.*?</section>", "", System.Text.RegularExpressions.RegexOptions.Singleline));
            }
            else
            {
                files[relative] = File.ReadAllBytes(file);
            }
        }
        return files;
    }

    private static void AssertSameFiles(string expectedRoot, string actualRoot)
    {
        var expected = Snapshot(expectedRoot);
        var actual = Snapshot(actualRoot);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, bytes) in expected) Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs");
    }

    [Fact]
    public void Generate_writes_the_data_set_and_replay_makes_an_output_again()
    {
        using var dir = new TempDir();
        string input = MakeDataSet(dir);
        var result = CliRunner.Run("generate", input, dir["out"], "--pipeline", dir["pipeline.yaml"], "--copies", "2", "--seed", "3", "--jobs", "2");
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("Wrote 12 images from 6 inputs", result.Out);
        Assert.Contains("progress: 12/12 images", result.Err);
        Assert.True(File.Exists(dir["out/dogs/f_aug1.jpg"]));

        byte[] original = File.ReadAllBytes(dir["out/dogs/f_aug1.jpg"]);
        File.Delete(dir["out/dogs/f_aug1.jpg"]);
        var replay = CliRunner.Run("replay", dir["out/dogs/f_aug1.jpg"]);
        Assert.True(replay.ExitCode == 0, replay.Err);
        Assert.Equal(original, File.ReadAllBytes(dir["out/dogs/f_aug1.jpg"]));

        string line = File.ReadLines(dir["out/manifest.jsonl"]).First(l => l.Contains("\"cats/b_aug0.png\""));
        var fromLine = CliRunner.Run("replay", line, "--manifest", dir["out/manifest.jsonl"], "--to", dir["check.png"]);
        Assert.True(fromLine.ExitCode == 0, fromLine.Err);
        Assert.Equal(File.ReadAllBytes(dir["out/cats/b_aug0.png"]), File.ReadAllBytes(dir["check.png"]));
    }

    [Fact]
    public void Bad_inputs_give_exit_code_1_and_usage_errors_exit_code_2()
    {
        using var dir = new TempDir();
        string input = MakeDataSet(dir);
        File.WriteAllText(dir["in/cats/broken.png"], "not an image");
        var result = CliRunner.Run("generate", input, dir["out"], "--pipeline", dir["pipeline.yaml"], "--jobs", "1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.ErrLines, l => l.StartsWith("error: ") && l.Contains("broken.png") && l.EndsWith("(skipped)"));
        Assert.Single(File.ReadAllLines(dir["out/errors.jsonl"]));
        Assert.Equal(6, File.ReadAllLines(dir["out/manifest.jsonl"]).Length);

        var failFast = CliRunner.Run("generate", input, dir["out2"], "--pipeline", dir["pipeline.yaml"], "--jobs", "1", "--fail-fast");
        Assert.Equal(1, failFast.ExitCode);
        Assert.Contains("--fail-fast", failFast.Err);

        Assert.Equal(2, CliRunner.Run("generate", input, dir["o3"], "--pipeline", dir["pipeline.yaml"], "--copies", "2", "--per-class", "4").ExitCode);
        Assert.Equal(2, CliRunner.Run("generate", input, dir["o3"], "--pipeline", dir["pipeline.yaml"], "--split", "train=x").ExitCode);
        Assert.Equal(2, CliRunner.Run("generate", input, dir["o3"], "--pipeline", dir["pipeline.yaml"], "--shard", "2/2").ExitCode);
        Assert.Equal(2, CliRunner.Run("generate", input, dir["o3"], "--pipeline", dir["pipeline.yaml"], "--layout", "yolo9").ExitCode);
        Assert.Equal(2, CliRunner.Run("generate", input, dir["out"], "--pipeline", dir["pipeline.yaml"], "--seed", "5").ExitCode);
    }

    [Fact]
    public void Two_shards_merged_equal_a_single_run()
    {
        using var dir = new TempDir();
        string input = MakeDataSet(dir);
        string[] common = ["--pipeline", dir["pipeline.yaml"], "--copies", "2", "--seed", "11", "--split", "train=0.5,val=0.5", "--format", "jpg", "--quality", "85"];
        Assert.Equal(0, CliRunner.Run(["generate", input, dir["single"], .. common]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["generate", input, dir["shard0"], "--shard", "0/2", .. common]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["generate", input, dir["shard1"], "--shard", "1/2", .. common]).ExitCode);
        var merge = CliRunner.Run("merge", dir["merged"], dir["shard0"], dir["shard1"]);
        Assert.True(merge.ExitCode == 0, merge.Err);
        AssertSameFiles(dir["single"], dir["merged"]);
        Assert.Equal(2, CliRunner.Run("merge", dir["merged2"], dir["shard0"]).ExitCode); // shard 1/2 missing
    }

    [Fact]
    public void A_killed_run_started_again_ends_with_the_files_of_an_uninterrupted_run()
    {
        using var dir = new TempDir();
        string input = MakeDataSet(dir);
        string[] args = ["generate", input, dir["out"], "--pipeline", dir["pipeline.yaml"], "--copies", "60", "--seed", "5", "--jobs", "1"];

        string dll = typeof(AugSharpCli).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (string a in args) start.ArgumentList.Add(a);
        string journal = dir["out/.augsharp-run/journal.jsonl"];
        using (var process = Process.Start(start)!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60) && JournalLines(journal) < 20) Thread.Sleep(5);
            Assert.False(process.HasExited, "the run finished before it could be killed");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Assert.False(File.Exists(dir["out/manifest.jsonl"]));
        int before = JournalLines(journal);
        Assert.InRange(before, 20, 359);

        var resumed = CliRunner.Run(args);
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        Assert.Contains("already there from a previous run", resumed.Out);
        Assert.False(Directory.Exists(dir["out/.augsharp-run"]));

        var single = CliRunner.Run(["generate", input, dir["single"], .. args[3..]]);
        Assert.True(single.ExitCode == 0, single.Err);
        AssertSameFiles(dir["single"], dir["out"]);
    }

    private static int JournalLines(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            int lines = 0, b;
            while ((b = stream.ReadByte()) >= 0) if (b == '\n') lines++;
            return lines;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

public class GenerateCancelTests
{
    [Fact]
    public async Task Ctrl_c_stops_with_exit_code_130_a_resume_hint_and_no_temporary_file()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 4; i++) TestImages.WriteGradient(dir[$"in/c{i % 2}/{i}.png"], 48, 32, i);
        File.WriteAllText(dir["p.yaml"], "transforms:\n  - Affine: {rotate: [-30, 30], p: 1}\n");
        // Enough outputs that the run is still going when the first lines reach the journal, however
        // fast the machine; the journal is watched from this thread (not a pool continuation that a
        // busy test run could delay).
        string[] args = ["generate", dir["in"], dir["out"], "--pipeline", dir["p.yaml"], "--copies", "200", "--jobs", "1"];
        using var cancel = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var run = Task.Run(() => AugSharpCli.Run(args, output, error, cancel.Token));
        string journal = dir["out/.augsharp-run/journal.jsonl"];
        while (!run.IsCompleted && !(File.Exists(journal) && new FileInfo(journal).Length > 2000)) Thread.Sleep(1);
        Assert.False(run.IsCompleted, "the run finished before it could be stopped");
        cancel.Cancel();
        Assert.Equal(AugSharpCli.Cancelled, await run);
        Assert.Contains("run the same command again to resume", error.ToString());
        Assert.Empty(Directory.GetFiles(dir["out"], "*augsharp-tmp*", SearchOption.AllDirectories));

        var resumed = CliRunner.Run(args);
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        Assert.Equal(800, File.ReadAllLines(dir["out/manifest.jsonl"]).Length);
        Assert.False(Directory.Exists(dir["out/.augsharp-run"]));
    }
}
