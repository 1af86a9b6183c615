using AugSharp.Cli;

namespace AugSharp.Cli.Tests;

/// <summary>Runs the command line in-process and captures its output.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err)
{
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = AugSharpCli.Run(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder deleted at the end of a test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "augsharp-cli-tests-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

internal static class TestImages
{
    /// <summary>A small RGB gradient written with the library's codec.</summary>
    public static void WriteGradient(string path, int width = 24, int height = 16, int seed = 0)
    {
        using var image = new ImageBuffer<byte>(width, height, 3);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                image[y, x, 0] = (byte)(x * 255 / Math.Max(1, width - 1));
                image[y, x, 1] = (byte)(y * 255 / Math.Max(1, height - 1));
                image[y, x, 2] = (byte)((x + y + seed * 40) % 256);
            }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        ImageCodec.Write(image, path);
    }
}

/// <summary>The repository root (the folder holding AugSharp.sln).</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AugSharp.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains AugSharp.sln.");
    });

    public static string Path => Root.Value;
}
