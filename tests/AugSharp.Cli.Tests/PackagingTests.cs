using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace AugSharp.Cli.Tests;

/// <summary>
/// The `augsharp` tool ships as .NET 10 RID-specific tool packages: a pointer package, one package per
/// supported platform and an <c>any</c> fallback, none of them carrying debug symbols. Packs the
/// linux-x64 package (about 15 s) into a temporary folder, with its own bin/obj, and reads it.
/// </summary>
public class PackagingTests
{
    private static readonly string[] PlatformRids = ["linux-x64", "linux-arm64", "osx-arm64", "win-x64"];
    private static readonly string[] DebugSymbolExtensions = [".pdb", ".dbg", ".debug", ".sym", ".dwarf"];
    private const long MaxPlatformPackageBytes = 50L * 1024 * 1024;

    [Fact]
    public void The_linux_x64_tool_package_is_small_self_sufficient_and_free_of_debug_symbols()
    {
        using var temp = new TempDir();
        string project = Path.Combine(RepoRoot.Value, "src", "AugSharp.Cli", "AugSharp.Cli.csproj");
        string output = temp["packages"];
        var (exitCode, log) = RunDotnet(
            "pack", project, "-p:RuntimeIdentifier=linux-x64", "-o", output, "--artifacts-path", temp["build"],
            "-m:1", "-nodeReuse:false",
            "-getProperty:ToolPackageRuntimeIdentifiers", "-getProperty:RuntimeIdentifiers");
        Assert.True(exitCode == 0, $"dotnet pack failed ({exitCode}):\n{log}");

        // The project declares one package per platform plus the `any` fallback.
        using var properties = JsonDocument.Parse(log[log.IndexOf('{')..(log.LastIndexOf('}') + 1)]);
        var values = properties.RootElement.GetProperty("Properties");
        Assert.Equal(PlatformRids.Append("any"), Split(values.GetProperty("ToolPackageRuntimeIdentifiers").GetString()));
        Assert.Equal(PlatformRids, Split(values.GetProperty("RuntimeIdentifiers").GetString()));

        string[] packages = Directory.GetFiles(output, "*.nupkg");
        string package = Assert.Single(packages, p => Path.GetFileName(p).StartsWith("AugSharp.Cli.linux-x64.", StringComparison.Ordinal));
        long size = new FileInfo(package).Length;
        Assert.True(size < MaxPlatformPackageBytes, $"{Path.GetFileName(package)} is {size / 1e6:F1} MB, more than {MaxPlatformPackageBytes / 1e6:F0} MB.");

        using var zip = ZipFile.OpenRead(package);
        string[] entries = [.. zip.Entries.Select(e => e.FullName)];
        Assert.DoesNotContain(entries, e => DebugSymbolExtensions.Any(ext => e.EndsWith(ext, StringComparison.OrdinalIgnoreCase)));

        // Only linux-x64 native code, flat beside the app, and an apphost the tool runs through.
        const string tools = "tools/net10.0/linux-x64/";
        Assert.Contains(tools + "libSkiaSharp.so", entries);
        Assert.Contains(tools + "libvips.so.42", entries);
        Assert.Contains(tools + "AugSharp.Cli", entries);
        Assert.DoesNotContain(entries, e => e.Contains("/runtimes/", StringComparison.Ordinal)
                                            || e.EndsWith(".dylib", StringComparison.Ordinal)
                                            || e.EndsWith("libSkiaSharp.dll", StringComparison.Ordinal));
        string deps = Read(zip, tools + "AugSharp.Cli.deps.json");
        Assert.DoesNotContain(".pdb\"", deps);

        // The installed tool promotes its hot kernels without the start-up delay (in a one-CPU
        // process the delay kept them slow for seconds).
        using (var runtimeConfig = JsonDocument.Parse(Read(zip, tools + "AugSharp.Cli.runtimeconfig.json")))
        {
            var configProperties = runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
            Assert.Equal(0, configProperties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
        }

        var settings = XDocument.Parse(Read(zip, tools + "DotnetToolSettings.xml"));
        var command = Assert.Single(settings.Descendants("Command"));
        Assert.Equal("augsharp", (string?)command.Attribute("Name"));
        Assert.Equal("executable", (string?)command.Attribute("Runner"));

        var nuspec = XDocument.Parse(Read(zip, zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).FullName));
        var packageType = Assert.Single(nuspec.Descendants(), e => e.Name.LocalName == "packageType");
        Assert.Equal("DotnetToolRidPackage", (string?)packageType.Attribute("name"));
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Read(ZipArchive zip, string entry)
    {
        var found = zip.GetEntry(entry);
        Assert.True(found is not null, $"the package has no {entry}");
        using var reader = new StreamReader(found.Open());
        return reader.ReadToEnd();
    }

    private static (int ExitCode, string Log) RunDotnet(params string[] args)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = RepoRoot.Value,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        // The test host runs under MSBuild's environment; the child pack must find its own SDK.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, "dotnet pack did not finish within 5 minutes.\n" + stdout.Result + stderr.Result);
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static readonly Lazy<string> RepoRoot = new(() => RepositoryRoot.Path);
}
