using System.Buffers.Binary;
using System.Diagnostics;

namespace AugSharp.Cli.Tests;

/// <summary>--max-pixels and --allow-truncated on the commands that read images.</summary>
public sealed class ReadOptionTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A sample photograph of the library's test data (tests/AugSharp.Tests/TestData/Images).</summary>
    private static string Photo(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AugSharp.sln")))
                return Path.Combine(dir.FullName, "tests", "AugSharp.Tests", "TestData", "Images", name);
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains AugSharp.sln.");
    }

    /// <summary>A PNG header claiming a size, over a few bytes of data.</summary>
    private static byte[] PngClaiming(uint width, uint height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR"u8, ihdr);
        Chunk(png, "IDAT"u8, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var word = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        s.Write(word);
        s.Write(type);
        s.Write(data);
        uint crc = 0xFFFFFFFF;
        foreach (byte b in type.ToArray().Concat(data.ToArray()))
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        BinaryPrimitives.WriteUInt32BigEndian(word, ~crc);
        s.Write(word);
    }

    /// <summary>rocket.jpg with half of its scan data cut and an end marker appended.</summary>
    private string TruncatedJpeg()
    {
        var bytes = File.ReadAllBytes(Photo("rocket.jpg"));
        int sos = bytes.AsSpan().IndexOf(new byte[] { 0xFF, 0xDA });
        int cut = sos + (bytes.Length - sos) / 2;
        while (bytes[cut - 1] == 0xFF) cut--;
        string path = _temp["cut.jpg"];
        File.WriteAllBytes(path, bytes.AsSpan(0, cut).ToArray().Concat(new byte[] { 0xFF, 0xD9 }).ToArray());
        return path;
    }

    [Fact]
    public void InfoOfABombFailsWithTheLimit()
    {
        string path = _temp["bomb.png"];
        File.WriteAllBytes(path, PngClaiming(20000, 20000));
        var result = CliRunner.Run("info", path);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains("20000x20000", line);
        Assert.Contains("178,956,970", line);
        Assert.Contains("--max-pixels", line);
    }

    [Fact]
    public void MaxPixelsMovesTheLimit()
    {
        string photo = Photo("rocket.jpg");
        var refused = CliRunner.Run("info", photo, "--max-pixels", "1000");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("limit of 1,000", refused.Err);
        Assert.Equal(0, CliRunner.Run("info", photo, "--max-pixels", "273280").ExitCode);

        // Raised over a bomb's claim, the header check passes; its data is then found far too short.
        string bomb = _temp["bomb.png"];
        File.WriteAllBytes(bomb, PngClaiming(20000, 20000));
        var raised = CliRunner.Run("info", bomb, "--max-pixels", "400000000");
        Assert.Equal(1, raised.ExitCode);
        Assert.DoesNotContain("limit", raised.Err);
        Assert.Contains("truncated", raised.Err);
    }

    [Fact]
    public void MaxPixelsMustBePositive()
    {
        var result = CliRunner.Run("info", Photo("rocket.jpg"), "--max-pixels", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--max-pixels", result.Err);
    }

    [Fact]
    public void InfoOfDevZeroFailsAtOnce()
    {
        if (!File.Exists("/dev/zero")) return;
        var watch = Stopwatch.StartNew();
        var result = CliRunner.Run("info", "/dev/zero");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a known image format", result.Err);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void TruncatedFileFailsUnlessAllowed()
    {
        string path = TruncatedJpeg();
        var refused = CliRunner.Run("info", path);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("truncated", refused.Err);
        Assert.Contains("--allow-truncated", refused.Err);

        var allowed = CliRunner.Run("info", path, "--allow-truncated");
        Assert.Equal(0, allowed.ExitCode);
        var warning = Assert.Single(allowed.ErrLines);
        Assert.StartsWith("warning: ", warning);
        Assert.Contains("truncated", warning);
        Assert.Contains("640 x 427", allowed.Out);
    }

    [Fact]
    public void PreviewAndAugmentTakeTheReadOptions()
    {
        string path = TruncatedJpeg();
        string grid = _temp["grid.png"];
        Assert.Equal(1, CliRunner.Run("preview", path, "--out", grid).ExitCode);
        var preview = CliRunner.Run("preview", path, "--out", grid, "--allow-truncated", "--cell-size", "64");
        Assert.Equal(0, preview.ExitCode);
        Assert.StartsWith("warning: ", Assert.Single(preview.ErrLines));
        Assert.True(File.Exists(grid));

        Assert.Equal(1, CliRunner.Run("preview", Photo("rocket.jpg"), "--out", grid, "--max-pixels", "1000").ExitCode);

        string output = _temp["aug"];
        var failed = CliRunner.Run("augment", path, output);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("truncated", failed.Err);
        var augmented = CliRunner.Run("augment", path, output, "--allow-truncated");
        Assert.Equal(0, augmented.ExitCode);
        Assert.StartsWith("warning: ", Assert.Single(augmented.ErrLines, l => !l.StartsWith("progress: ", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(output, "cut_aug0.jpg")));

        var limited = CliRunner.Run("augment", Photo("rocket.jpg"), _temp["aug-limited"], "--max-pixels", "1000");
        Assert.Equal(1, limited.ExitCode);
        Assert.Contains("limit of 1,000", limited.Err);
    }
}
