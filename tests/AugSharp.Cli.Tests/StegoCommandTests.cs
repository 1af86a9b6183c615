using System.Security.Cryptography;
using Xunit;

namespace AugSharp.Cli.Tests;

public class StegoCommandTests
{
    private static string Photo(string name) => Path.Combine(RepositoryRoot.Path, "tests", "AugSharp.Tests", "TestData", "Images", name);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>A small cover cut from a sample photo.</summary>
    private static string Cover(TempDir dir, string name = "cover.png", int size = 96)
    {
        using var photo = ImageCodec.Read(Photo("astronaut.png")).As<byte>();
        using var crop = photo.Crop(150, 80, size, size).Clone();
        string path = dir[name];
        ImageCodec.Write(crop, path);
        return path;
    }

    private static string PasswordFile(TempDir dir, string password = "tr0ub4dor&3")
    {
        string path = dir["pw.txt"];
        File.WriteAllText(path, password + "\n");
        return path;
    }

    [Fact]
    public void CapacityInTextAndJson()
    {
        using var dir = new TempDir();
        string cover = Cover(dir);
        long expected;
        using (var image = ImageCodec.Read(cover).As<byte>()) expected = image.ToArray().Count(v => v is not (0 or 255)) / 8 - 70;
        var text = CliRunner.Run("stego", "capacity", cover);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"can hide {expected:N0} bytes", text.Out);
        var json = CliRunner.Run("stego", "capacity", cover, "--json");
        Assert.Equal(0, json.ExitCode);
        Assert.Equal($"{{\"capacity_bytes\": {expected}}}", json.Out.Trim());
        var jpeg = CliRunner.Run("stego", "capacity", Photo("rocket.jpg"), "--json");
        Assert.Equal(0, jpeg.ExitCode);
        Assert.Matches("^\\{\"capacity_bytes\": [1-9][0-9]+\\}$", jpeg.Out.Trim());
    }

    [Fact]
    public void MessageRoundTripLeavesTheCoverUntouched()
    {
        using var dir = new TempDir();
        string cover = Cover(dir), stego = dir["stego.png"], pw = PasswordFile(dir);
        string before = Hash(cover);
        var hide = CliRunner.Run("stego", "hide", cover, stego, "--message", "meet at the old mill at six", "--password-file", pw);
        Assert.Equal(0, hide.ExitCode);
        Assert.Contains("hid a message", hide.Out);
        Assert.Equal(before, Hash(cover));
        Assert.Equal(["cover.png", "pw.txt", "stego.png"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());

        var reveal = CliRunner.Run("stego", "reveal", stego, "--password-file", pw);
        Assert.Equal(0, reveal.ExitCode);
        Assert.Equal("meet at the old mill at six", reveal.Out.TrimEnd('\n', '\r'));
    }

    [Fact]
    public void FilesAndImagesComeBackUnderTheirNames()
    {
        using var dir = new TempDir();
        string cover = Cover(dir), stego = dir["stego.tiff"], inner = Cover(dir, "inner photo.png", size: 24);
        Environment.SetEnvironmentVariable("AUGSHARP_STEGO_TEST_PW", "env password");
        var hide = CliRunner.Run("stego", "hide", cover, stego, "--file", inner, "--password-env", "AUGSHARP_STEGO_TEST_PW", "--argon2-memory", "1024");
        Assert.Equal(0, hide.ExitCode);
        Directory.CreateDirectory(dir["out"]);
        var reveal = CliRunner.Run("stego", "reveal", stego, "--out", dir["out"], "--password-env", "AUGSHARP_STEGO_TEST_PW", "--argon2-memory", "1024");
        Assert.Equal(0, reveal.ExitCode);
        Assert.Equal(Hash(inner), Hash(dir["out/inner photo.png"]));
        Assert.Contains("revealed 'inner photo.png'", reveal.Out);

        // The same options are needed to reveal: other Argon2 settings are another key.
        var other = CliRunner.Run("stego", "reveal", stego, "--out", dir["out2.bin"], "--password-env", "AUGSHARP_STEGO_TEST_PW");
        Assert.Equal(1, other.ExitCode);
        Assert.False(File.Exists(dir["out2.bin"]));
    }

    [Fact]
    public void WrongPasswordAndNoPayloadGiveTheSameErrorAndWriteNothing()
    {
        using var dir = new TempDir();
        string cover = Cover(dir), stego = dir["stego.png"], pw = PasswordFile(dir);
        Assert.Equal(0, CliRunner.Run("stego", "hide", cover, stego, "--message", "x", "--password-file", pw, "--argon2-memory", "256").ExitCode);
        File.WriteAllText(dir["wrong.txt"], "tr0ub4dor&4\n");
        var wrong = CliRunner.Run("stego", "reveal", stego, "--password-file", dir["wrong.txt"], "--out", dir["a.txt"], "--argon2-memory", "256");
        var none = CliRunner.Run("stego", "reveal", cover, "--password-file", pw, "--out", dir["b.txt"], "--argon2-memory", "256");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Equal(1, none.ExitCode);
        Assert.Equal($"error: {stego}: no payload for this password", wrong.Err.Trim());
        Assert.Equal($"error: {cover}: no payload for this password", none.Err.Trim());
        Assert.False(File.Exists(dir["a.txt"]));
        Assert.False(File.Exists(dir["b.txt"]));
    }

    [Fact]
    public void OverCapacityNamesBothSizesAndWritesNothing()
    {
        using var dir = new TempDir();
        string cover = Cover(dir, size: 32), pw = PasswordFile(dir), big = dir["big.bin"];
        var bytes = new byte[1000];
        new Random(2).NextBytes(bytes);
        File.WriteAllBytes(big, bytes);
        var result = CliRunner.Run("stego", "hide", cover, dir["stego.png"], "--file", big, "--password-file", pw, "--argon2-memory", "256");
        Assert.Equal(1, result.ExitCode);
        long capacity;
        using (var image = ImageCodec.Read(cover).As<byte>()) capacity = image.ToArray().Count(v => v is not (0 or 255)) / 8 - 70;
        Assert.Matches($@"needs 1,0\d\d bytes .* holds {capacity:N0}", result.Err);
        Assert.False(File.Exists(dir["stego.png"]));
        Assert.Empty(Directory.GetFiles(dir.Path, ".*"));
    }

    [Fact]
    public void PasswordsAreNeverArguments()
    {
        using var dir = new TempDir();
        string cover = Cover(dir);
        var plain = CliRunner.Run("stego", "hide", cover, dir["s.png"], "--message", "x", "--password", "secret");
        Assert.Equal(2, plain.ExitCode);
        Assert.Contains("unknown option '--password' for 'augsharp stego hide'", plain.Err);
        var none = CliRunner.Run("stego", "hide", cover, dir["s.png"], "--message", "x");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no password", none.Err);
        Assert.Equal(2, CliRunner.Run("stego", "hide", cover, dir["s.png"], "--message", "x", "--password-env", "AUGSHARP_SURELY_UNSET_VARIABLE").ExitCode);
        Assert.False(File.Exists(dir["s.png"]));
    }

    [Fact]
    public void UsageErrors()
    {
        using var dir = new TempDir();
        string cover = Cover(dir), pw = PasswordFile(dir);
        string before = Hash(cover);
        Assert.Equal(2, CliRunner.Run("stego", "hide", cover, cover, "--message", "x", "--password-file", pw).ExitCode);
        Assert.Equal(2, CliRunner.Run("stego", "hide", cover, dir["s.png"], "--password-file", pw).ExitCode);
        Assert.Equal(2, CliRunner.Run("stego", "hide", cover, dir["s.png"], "--message", "x", "--file", pw, "--password-file", pw).ExitCode);
        Assert.Equal(2, CliRunner.Run("stego", "hide", cover, dir["s.gif"], "--message", "x", "--password-file", pw).ExitCode);
        var jpeg = CliRunner.Run("stego", "hide", cover, dir["s.jpg"], "--message", "x", "--password-file", pw, "--argon2-memory", "256");
        Assert.Equal(2, jpeg.ExitCode);
        Assert.Contains("needs a JPEG cover", jpeg.Err);
        Assert.Equal(1, CliRunner.Run("stego", "reveal", dir["missing.png"], "--password-file", pw).ExitCode);
        Assert.Equal(before, Hash(cover));
        Assert.Equal(["cover.png", "pw.txt"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void JpegCoversAndALosslessStegoReencodedAsJpeg()
    {
        using var dir = new TempDir();
        string pw = PasswordFile(dir), stego = dir["stego.jpg"], cover = Photo("rocket.jpg");
        Assert.Equal(0, CliRunner.Run("stego", "hide", cover, stego, "--message", "jpeg carries it", "--password-file", pw, "--argon2-memory", "256").ExitCode);
        long coverSize = new FileInfo(cover).Length, stegoSize = new FileInfo(stego).Length;
        Assert.InRange(stegoSize, coverSize * 0.8, coverSize * 1.1);
        var reveal = CliRunner.Run("stego", "reveal", stego, "--password-file", pw, "--argon2-memory", "256");
        Assert.Equal(0, reveal.ExitCode);
        Assert.Equal("jpeg carries it", reveal.Out.Trim());

        string lossless = Cover(dir), losslessStego = dir["stego.png"];
        Assert.Equal(0, CliRunner.Run("stego", "hide", lossless, losslessStego, "--message", "lost", "--password-file", pw, "--argon2-memory", "256").ExitCode);
        using (var pixels = ImageCodec.Read(losslessStego)) ImageCodec.Write(pixels, dir["reencoded.jpg"], new ImageWriteOptions { Quality = 95 });
        var damaged = CliRunner.Run("stego", "reveal", dir["reencoded.jpg"], "--password-file", pw, "--argon2-memory", "256");
        Assert.Equal(1, damaged.ExitCode);
        Assert.Contains("no payload for this password", damaged.Err);
        Assert.Contains("payload is damaged", damaged.Err);
    }

    [Fact]
    public void TruncatedImagesAreNamedAndRefused()
    {
        using var dir = new TempDir();
        string pw = PasswordFile(dir);
        byte[] jpeg = File.ReadAllBytes(Photo("rocket.jpg"));
        File.WriteAllBytes(dir["cut.jpg"], jpeg[..(jpeg.Length / 2)]);
        var result = CliRunner.Run("stego", "reveal", dir["cut.jpg"], "--password-file", pw, "--argon2-memory", "256");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {dir["cut.jpg"]}: ", result.Err);
        Assert.Contains("truncated", result.Err);
        Assert.Equal(1, CliRunner.Run("stego", "hide", dir["cut.jpg"], dir["s.jpg"], "--message", "x", "--password-file", pw).ExitCode);
        Assert.False(File.Exists(dir["s.jpg"]));
    }
}
