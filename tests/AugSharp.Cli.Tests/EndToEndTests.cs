using System.Diagnostics;
using AugSharp.Cli;

namespace AugSharp.Cli.Tests;

/// <summary>The built tool as a user runs it: <c>dotnet AugSharp.Cli.dll ...</c> in its own process.</summary>
public class EndToEndTests
{
    private static (int Code, string Out, string Err) RunTool(string workingDirectory, params string[] args)
    {
        string dll = typeof(AugSharpCli).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "the tool did not finish in time");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void TheBuiltToolRunsTheDemoAndReportsErrorsWithExitCodes()
    {
        using var dir = new TempDir();
        var (code, output, error) = RunTool(dir.Path, "demo", "--cell-size", "32");
        Assert.True(code == 0, error);
        string demo = dir["augsharp-demo"];
        Assert.Contains(demo, output);
        Assert.Equal(7, Directory.GetFiles(demo, "*.png").Length);
        Assert.True(File.Exists(Path.Combine(demo, "index.html")));

        var usage = RunTool(dir.Path, "preview", "--rotation-range", "-5");
        Assert.Equal(2, usage.Code);
        Assert.Equal("error: --rotation-range must be 0 or more, got -5", usage.Err.Trim());

        var failure = RunTool(dir.Path, "info", "missing.png");
        Assert.Equal(1, failure.Code);
        Assert.Single(failure.Err.Trim().Split('\n'));

        var version = RunTool(dir.Path, "--version");
        Assert.Equal(0, version.Code);
        Assert.Matches(@"^\d+\.\d+\.\d+\s*$", version.Out);
    }
}
