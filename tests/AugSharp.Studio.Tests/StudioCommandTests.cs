using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AugSharp.Cli;
using AugSharp.Studio;
using Xunit.Abstractions;

namespace AugSharp.Studio.Tests;

/// <summary><c>augsharp studio</c> as a user runs it: its own process, the printed address, Ctrl-C.</summary>
public sealed class StudioCommandTests(ITestOutputHelper output)
{
    private static (int Code, string Out, string Err) RunInProcess(params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        int code = AugSharpCli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void BadArgumentsAreReportedBeforeAnythingListens()
    {
        using var folder = new StudioTestFolder();
        Assert.Equal((1, "error: file or folder not found: nowhere-to-be-found"), Trimmed(RunInProcess("studio", "nowhere-to-be-found", "--no-browser")));
        Assert.Equal((2, "error: --port must be 0 to 65535, got 70000"), Trimmed(RunInProcess("studio", folder.Images, "--port", "70000", "--no-browser")));
        var host = RunInProcess("studio", folder.Images, "--host", "example.org", "--no-browser");
        Assert.Equal(2, host.Code);
        Assert.Contains("the host must be an IP address", host.Err);
        File.WriteAllText(Path.Combine(folder.Root, "bad.yaml"), "transforms:\n  - Rotat: {}\n");
        var pipeline = RunInProcess("studio", folder.Images, "--pipeline", Path.Combine(folder.Root, "bad.yaml"), "--no-browser");
        Assert.Equal(2, pipeline.Code);
        Assert.Contains("bad.yaml: unknown transform 'Rotat'; did you mean 'Rotate'?", pipeline.Err);
    }

    [Fact]
    public void AnotherHostIsAllowedWithAWarningAndCancellationStopsTheStudio()
    {
        using var folder = new StudioTestFolder();
        using var o = new StringWriter();
        using var e = new StringWriter();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        int code = AugSharpCli.Run(["studio", folder.Images, "--host", "0.0.0.0", "--no-browser"], o, e, cancel.Token);
        Assert.True(code == 0, e.ToString());
        Assert.StartsWith("warning: --host 0.0.0.0 makes the studio reachable from other machines", e.ToString());
        Assert.Matches(@"Open http://[^/]+:\d+/\?token=[0-9a-f]{48}", o.ToString());
        Assert.EndsWith("Stopped.", o.ToString().Trim());
    }

    [Fact]
    public async Task TheToolStopsCleanlyOnSigterm()
    {
        using var folder = new StudioTestFolder();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { typeof(AugSharpCli).Assembly.Location, "studio", folder.Images, "--no-browser" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            string? line;
            do line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            while (line is not null && !line.StartsWith("Open http://", StringComparison.Ordinal));
            Assert.NotNull(line);
            using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) await signal.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Stopped.", await process.StandardOutput.ReadToEndAsync());
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>User plus system CPU time of a process so far (from /proc, in clock ticks of 10 ms), or NaN off Linux.</summary>
    private static double CpuMilliseconds(int pid)
    {
        string stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return double.NaN;
        string text = File.ReadAllText(stat);
        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static (int, string) Trimmed((int Code, string Out, string Err) run) => (run.Code, run.Err.Trim());

    /// <summary>
    /// Starts the built tool on one core (taskset, where the system has it), renders the 3x3 grid
    /// of a 640x480 image as the page does, prints the server's render time and the round trip,
    /// and stops the tool with Ctrl-C (SIGINT). Prints the figures; asserts no speed.
    /// </summary>
    [Fact]
    public async Task TheToolPrintsItsAddressServesAGridOnOneCoreAndStopsOnCtrlC()
    {
        using var folder = new StudioTestFolder();
        string dll = typeof(AugSharpCli).Assembly.Location;
        bool pinned = File.Exists("/usr/bin/taskset");
        var start = new ProcessStartInfo(pinned ? "/usr/bin/taskset" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (pinned) foreach (string a in new[] { "-c", "0", "dotnet" }) start.ArgumentList.Add(a);
        foreach (string a in new[] { dll, "studio", folder.Images, "--no-browser" }) start.ArgumentList.Add(a);
        start.Environment["DOTNET_PROCESSOR_COUNT"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            string? url = null;
            var printed = new StringBuilder();
            while (url is null && await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line)
            {
                printed.AppendLine(line);
                if (Regex.Match(line, @"^Open (http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{48})$") is { Success: true } m) url = m.Groups[1].Value;
            }
            Assert.True(url is not null, $"no address printed:\n{printed}\n{(process.HasExited ? await stderr : "")}");
            Assert.Contains($"augsharp studio: {folder.Images}", printed.ToString());
            var baseAddress = new Uri(url);
            string token = url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..];

            using var client = new HttpClient { BaseAddress = baseAddress };
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/images")).StatusCode);
            const string Body = """{"pipeline":{"transforms":[{"HorizontalFlip":{"p":0.5}},{"Affine":{"rotate":[-30,30],"scale":[0.8,1.2],"p":1}},{"RandomBrightnessContrast":{"p":1}}]},"image":"scene.png","seed":SEED,"columns":3,"rows":3CELL}""";
            const int Warmup = 15;
            // The image's own size (640x480 cells), then the page's default cells (longest side 320).
            foreach (string cell in new[] { "", ",\"cell_size\":320" })
            {
                var server = new List<double>();
                var roundTrip = new List<double>();
                string parts = "";
                double cpuBefore = 0;
                for (int i = 0; i < Warmup + 10; i++)
                {
                    if (i == Warmup) cpuBefore = CpuMilliseconds(process.Id);
                    string body = Body.Replace("SEED", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("CELL", cell, StringComparison.Ordinal);
                    var watch = Stopwatch.StartNew();
                    var response = await client.PostAsync("/api/render?token=" + token, new StringContent(body, Encoding.UTF8, "application/json"));
                    await response.Content.ReadAsByteArrayAsync();
                    watch.Stop();
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    if (i < Warmup) continue; // the first requests also compile the code (tiered compilation)
                    server.Add(double.Parse(response.Headers.GetValues(StudioServer.RenderTimeHeader).Single(), CultureInfo.InvariantCulture));
                    roundTrip.Add(watch.Elapsed.TotalMilliseconds);
                    parts = response.Headers.GetValues("Server-Timing").Single();
                }
                double cpuPerRender = (CpuMilliseconds(process.Id) - cpuBefore) / server.Count;
                output.WriteLine($"3x3 grid of a 640x480 image, {(cell.Length == 0 ? "640x480 cells" : "cells of 320x240")} (HorizontalFlip, Affine, RandomBrightnessContrast; JPEG response), {(pinned ? "pinned to one core" : "not pinned")}, 10 renders: " +
                                 $"server median {Median(server):F0} ms (min {server.Min():F0}, max {server.Max():F0}), request round trip median {Median(roundTrip):F0} ms, CPU time of the tool {cpuPerRender:F0} ms per render; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; last render's parts: {parts}");
            }

            // Ctrl-C: a clean stop.
            using (var signal = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])) await signal.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Stopped.", await process.StandardOutput.ReadToEndAsync());
            Assert.DoesNotContain("Exception", await stderr);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
