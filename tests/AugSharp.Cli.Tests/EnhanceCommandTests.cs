using System.Text.Json;
using Xunit;

namespace AugSharp.Cli.Tests;

public class EnhanceCommandTests
{
    private static string Photo(string name) => Path.Combine(RepositoryRoot.Path, "tests", "AugSharp.Tests", "TestData", "Images", name);

    /// <summary>A crop of a sample photo written as PNG.</summary>
    private static string Crop(TempDir dir, string photo, string name, int x, int y, int size)
    {
        using var image = ImageCodec.Read(Photo(photo));
        using var bytes = PixelConversion.ToBytes(image);
        using var crop = bytes.Crop(x, y, size, size).Clone();
        string path = dir[name];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ImageCodec.Write(crop, path);
        return path;
    }

    [Fact]
    public void StepsRunInTheOrderGiven()
    {
        using var dir = new TempDir();
        string input = Crop(dir, "chelsea.png", "cat.png", 150, 60, 48);
        var first = CliRunner.Run("enhance", input, dir["a.png"], "--gamma", "0.7", "--upscale", "2");
        var second = CliRunner.Run("enhance", input, dir["b.png"], "--upscale", "2", "--gamma", "0.7");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("--gamma 0.7 --upscale 2 --method lanczos", first.Out);
        Assert.Contains("--upscale 2 --method lanczos --gamma 0.7", second.Out);
        using var source = ImageCodec.Read(input);
        using var expectedA = Enhance.Apply(source, [new GammaStep(0.7), new UpscaleStep(2)]);
        using var expectedB = Enhance.Apply(source, [new UpscaleStep(2), new GammaStep(0.7)]);
        using var a = ImageCodec.Read(dir["a.png"]);
        using var b = ImageCodec.Read(dir["b.png"]);
        Assert.Equal(expectedA.As<byte>().ToArray(), a.As<byte>().ToArray());
        Assert.Equal(expectedB.As<byte>().ToArray(), b.As<byte>().ToArray());
        Assert.NotEqual(a.As<byte>().ToArray(), b.As<byte>().ToArray());
        Assert.Equal((96, 96), (a.Width, a.Height));
    }

    [Fact]
    public void FolderRunKeepsNamesSkipsBadFilesAndWritesNothingPartial()
    {
        using var dir = new TempDir();
        Crop(dir, "camera.png", "in/one.png", 100, 100, 40);
        Crop(dir, "coffee.png", "in/sub/two.png", 200, 100, 40);
        File.WriteAllText(dir["in/broken.png"], "not an image");
        var result = CliRunner.Run("enhance", dir["in"], dir["out"], "--denoise", "median", "--clahe", "2,4", "--sharpen", "0.5,1,2", "--jobs", "2");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken.png", result.Err);
        Assert.Contains("(skipped)", result.Err);
        Assert.True(File.Exists(dir["out/one.png"]));
        Assert.True(File.Exists(dir["out/sub/two.png"]));
        Assert.False(File.Exists(dir["out/broken.png"]));
        Assert.Empty(Directory.GetFiles(dir["out"], "*augsharp-tmp*", SearchOption.AllDirectories));
        using var source = ImageCodec.Read(dir["in/one.png"]);
        using var expected = Enhance.Apply(source, [new DenoiseStep(DenoiseMethod.Median), new ClaheStep(2, 4), new SharpenStep(0.5, 1, 2)]);
        using var written = ImageCodec.Read(dir["out/one.png"]);
        Assert.Equal(expected.As<byte>().ToArray(), written.As<byte>().ToArray());
    }

    [Fact]
    public void SixteenBitStaysSixteenBitWhereAsked()
    {
        using var dir = new TempDir();
        using var scan = new ImageBuffer<ushort>(40, 30, 1);
        for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) scan[y, x, 0] = (ushort)(1000 + x * 50 + y * 20);
        ImageCodec.Write(scan, dir["scan.tif"]);
        Assert.Equal(0, CliRunner.Run("enhance", dir["scan.tif"], dir["clahe.tif"], "--clahe", "0,4").ExitCode);
        using (var clahe = ImageCodec.Read(dir["clahe.tif"])) Assert.Equal(PixelType.UInt16, clahe.PixelType);
        Assert.Equal(0, CliRunner.Run("enhance", dir["scan.tif"], dir["window.png"], "--window", "1800,1000").ExitCode);
        using (var windowed = ImageCodec.Read(dir["window.png"])) Assert.Equal(PixelType.UInt8, windowed.PixelType);
        Assert.Equal(0, CliRunner.Run("enhance", dir["scan.tif"], dir["kept.png"], "--window", "1800,1000,keep", "--clahe").ExitCode);
        using (var kept = ImageCodec.Read(dir["kept.png"])) Assert.Equal(PixelType.UInt16, kept.PixelType);
    }

    [Theory]
    [InlineData("--upscale", "5")]
    [InlineData("--denoise", "wavelet")]
    [InlineData("--deblur", "box:3")]
    [InlineData("--sharpen", "1,2,3,4")]
    [InlineData("--preset", "cinema")]
    [InlineData("--window", "100")]
    public void BadStepsAreUsageErrors(string option, string value)
    {
        using var dir = new TempDir();
        string input = Crop(dir, "camera.png", "in.png", 0, 0, 16);
        var result = CliRunner.Run("enhance", input, dir["out.png"], option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Err);
        Assert.False(File.Exists(dir["out.png"]));
    }

    [Fact]
    public void OutputOverAnInputIsRefused()
    {
        using var dir = new TempDir();
        string input = Crop(dir, "camera.png", "in.png", 0, 0, 16);
        byte[] before = File.ReadAllBytes(input);
        Assert.Equal(2, CliRunner.Run("enhance", input, input, "--gamma", "0.8").ExitCode);
        Assert.Equal(2, CliRunner.Run("enhance", dir.Path, dir.Path, "--gamma", "0.8").ExitCode);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void CompareGivesPsnrAndSsimAndPerChannelJson()
    {
        using var dir = new TempDir();
        string input = Crop(dir, "chelsea.png", "cat.png", 150, 60, 64);
        Assert.Equal(0, CliRunner.Run("enhance", input, dir["blurred.png"], "--denoise", "median", "5").ExitCode);
        var text = CliRunner.Run("compare", input, dir["blurred.png"]);
        Assert.Equal(0, text.ExitCode);
        using var a = ImageCodec.Read(input);
        using var b = ImageCodec.Read(dir["blurred.png"]);
        var expected = ImageComparison.Compare(a, b);
        Assert.Contains($"PSNR: {expected.Overall.Psnr.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} dB", text.Out);
        Assert.Contains($"SSIM: {expected.Overall.Ssim.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}", text.Out);
        var json = CliRunner.Run("compare", input, dir["blurred.png"], "--json");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        var channels = doc.RootElement.GetProperty("channels");
        Assert.Equal(3, channels.GetArrayLength());
        Assert.Equal("G", channels[1].GetProperty("channel").GetString());
        Assert.Equal(expected.Channels[1].Psnr, channels[1].GetProperty("psnr").GetDouble(), 3);
        Assert.Equal(expected.Channels[2].Ssim, channels[2].GetProperty("ssim").GetDouble(), 5);
        var same = CliRunner.Run("compare", input, input, "--json");
        using var sameDoc = JsonDocument.Parse(same.Out);
        Assert.Equal(JsonValueKind.Null, sameDoc.RootElement.GetProperty("psnr").ValueKind);
        string small = Crop(dir, "chelsea.png", "small.png", 0, 0, 32);
        var mismatch = CliRunner.Run("compare", input, small);
        Assert.Equal(2, mismatch.ExitCode);
        Assert.Contains("same size", mismatch.Err);
    }
}

public class EnhanceModelCommandTests
{
    private static string Model => Path.Combine(RepositoryRoot.Path, "tests", "AugSharp.Tests", "TestData", "Onnx", "tiny_sr_x2.onnx");

    [Fact]
    public void ModelUpscalesEndToEndTiledAsUntiled()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["in/a.png"], 50, 40);
        TestImages.WriteGradient(dir["in/b.png"], 30, 20, seed: 2);
        var tiled = CliRunner.Run("enhance", dir["in"], dir["tiled"], "--upscale", "2", "--model", Model, "--tile", "16", "--sharpen", "0.3");
        Assert.Equal(0, tiled.ExitCode);
        Assert.Contains("--upscale 2 --model", tiled.Out);
        var whole = CliRunner.Run("enhance", dir["in"], dir["whole"], "--model", Model, "--method", "model", "--sharpen", "0.3");
        Assert.Equal(0, whole.ExitCode);
        foreach (string name in new[] { "a.png", "b.png" })
        {
            using var t = ImageCodec.Read(Path.Combine(dir["tiled"], name));
            using var w = ImageCodec.Read(Path.Combine(dir["whole"], name));
            using var source = ImageCodec.Read(Path.Combine(dir["in"], name));
            Assert.Equal((source.Width * 2, source.Height * 2), (t.Width, t.Height));
            Assert.Equal(w.As<byte>().ToArray(), t.As<byte>().ToArray());
        }
    }

    [Fact]
    public void WrongFactorMissingModelAndMethodWithoutModelAreErrors()
    {
        using var dir = new TempDir();
        TestImages.WriteGradient(dir["a.png"]);
        var wrong = CliRunner.Run("enhance", dir["a.png"], dir["out.png"], "--upscale", "3", "--model", Model);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("enlarges by 2, not by 3", wrong.Err);
        Assert.False(File.Exists(dir["out.png"]));
        Assert.Equal(1, CliRunner.Run("enhance", dir["a.png"], dir["out.png"], "--model", dir["none.onnx"]).ExitCode);
        Assert.Equal(2, CliRunner.Run("enhance", dir["a.png"], dir["out.png"], "--upscale", "2", "--method", "model").ExitCode);
    }
}
