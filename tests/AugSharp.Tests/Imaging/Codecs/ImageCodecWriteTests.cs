namespace AugSharp.Tests.Imaging.Codecs;

public sealed class ImageCodecWriteTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WriteLeavesNoTemporaryFile()
    {
        using var image = CodecTestImages.Photo8(3);
        string path = _temp.File("out.png");
        ImageCodec.Write(image, path);
        ImageCodec.Write(image, path);
        Assert.Equal(["out.png"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void FailedEncodingKeepsTheExistingFileAndRemovesTheTemporaryOne()
    {
        string path = _temp.File("keep.png");
        using (var original = CodecTestImages.Photo8(3))
        {
            ImageCodec.Write(original, path);
        }
        var before = File.ReadAllBytes(path);

        var broken = CodecTestImages.Photo8(3);
        broken.Dispose();
        Assert.Throws<ObjectDisposedException>(() => ImageCodec.Write(broken, path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["keep.png"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void UnknownExtensionIsRefused()
    {
        using var image = CodecTestImages.Photo8(3);
        var ex = Assert.Throws<ArgumentException>(() => ImageCodec.Write(image, _temp.File("out.xyz")));
        Assert.Contains(".xyz", ex.Message);
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void JpegRefusesAlpha()
    {
        using var image = CodecTestImages.Photo8(4);
        var ex = Assert.Throws<ArgumentException>(() => ImageCodec.Write(image, _temp.File("out.jpg")));
        Assert.Contains("alpha", ex.Message);
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void FloatImagesMustBeConvertedFirst()
    {
        using var image = new ImageBuffer<float>(4, 4, 3);
        var ex = Assert.Throws<ArgumentException>(() => ImageCodec.Write(image, _temp.File("out.png")));
        Assert.Contains("ConvertTo", ex.Message);
    }

    [Fact]
    public void GifCannotBeWritten()
    {
        using var image = CodecTestImages.Photo8(3);
        Assert.Throws<NotSupportedException>(() => ImageCodec.Write(image, _temp.File("out.gif")));
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void QualityOutsideItsRangeIsRefused()
    {
        using var image = CodecTestImages.Photo8(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageCodec.Write(image, new MemoryStream(), ImageFormat.Jpeg, new ImageWriteOptions { Quality = 0 }));
    }

    [Theory]
    [InlineData("a.jpg", ImageFormat.Jpeg)]
    [InlineData("a.JPEG", ImageFormat.Jpeg)]
    [InlineData("a.png", ImageFormat.Png)]
    [InlineData("a.webp", ImageFormat.WebP)]
    [InlineData("a.bmp", ImageFormat.Bmp)]
    [InlineData("a.gif", ImageFormat.Gif)]
    [InlineData("a.tif", ImageFormat.Tiff)]
    [InlineData("a.tiff", ImageFormat.Tiff)]
    [InlineData("a.ppm", ImageFormat.Pnm)]
    [InlineData("a.pgm", ImageFormat.Pnm)]
    [InlineData("a.txt", ImageFormat.Unknown)]
    [InlineData("noextension", ImageFormat.Unknown)]
    public void FormatFromExtension(string path, ImageFormat expected) => Assert.Equal(expected, ImageCodec.FormatFromExtension(path));

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, ImageFormat.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, ImageFormat.Png)]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, ImageFormat.Gif)]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0 }, ImageFormat.Tiff)]
    [InlineData(new byte[] { (byte)'M', (byte)'M', 0, 42 }, ImageFormat.Tiff)]
    [InlineData(new byte[] { (byte)'P', (byte)'6', (byte)'\n' }, ImageFormat.Pnm)]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, ImageFormat.WebP)]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' }, ImageFormat.Unknown)]
    [InlineData(new byte[0], ImageFormat.Unknown)]
    public void DetectFormatFromMagicNumbers(byte[] header, ImageFormat expected) => Assert.Equal(expected, ImageCodec.DetectFormat(header));
}

public sealed class VipsJpegEncoderTests
{
    [Fact]
    public void LibVipsLoadsFromItsNuGetPackage()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS()) return;
        Assert.True(AugSharp.Imaging.Codecs.VipsJpegEncoder.IsAvailable);
    }
}
