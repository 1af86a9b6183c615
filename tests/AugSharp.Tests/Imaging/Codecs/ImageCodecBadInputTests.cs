using System.Buffers.Binary;

namespace AugSharp.Tests.Imaging.Codecs;

public sealed class ImageCodecBadInputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ImageFormatException ReadFails(string path, ImageErrorReason reason, ImageReadOptions? options = null)
    {
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(path, options));
        Assert.Equal(reason, ex.Reason);
        Assert.Equal(path, ex.FileName);
        Assert.Contains(path, ex.Message);
        return ex;
    }

    [Fact]
    public void ZeroByteFileIsEmpty()
    {
        string path = _temp.File("empty.png");
        File.WriteAllBytes(path, []);
        ReadFails(path, ImageErrorReason.Empty);
        Assert.Equal(ImageErrorReason.Empty, Assert.Throws<ImageFormatException>(() => ImageCodec.Identify(path)).Reason);
    }

    [Fact]
    public void EmptyStreamIsEmptyAndNamed()
    {
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(new MemoryStream(), name: "upload-17"));
        Assert.Equal(ImageErrorReason.Empty, ex.Reason);
        Assert.Contains("upload-17", ex.Message);
    }

    [Theory]
    [InlineData("rocket.jpg", 0.5)]
    [InlineData("rocket.jpg", 0.95)]
    [InlineData("chelsea.png", 0.5)]
    [InlineData("chelsea.png", 0.99)]
    public void TruncatedFilesAreRefused(string photo, double keep)
    {
        var bytes = File.ReadAllBytes(TestPaths.Image(photo));
        string path = _temp.File("cut-" + photo);
        File.WriteAllBytes(path, bytes.AsSpan(0, (int)(bytes.Length * keep)).ToArray());
        var ex = ReadFails(path, ImageErrorReason.Truncated);
        Assert.Contains("ends", ex.Message);
    }

    [Theory]
    [InlineData(".png")]
    [InlineData(".tif")]
    [InlineData(".ppm")]
    public void TruncatedSixteenBitFilesAreRefused(string extension)
    {
        using var image = CodecTestImages.Photo16(3);
        using var stream = new MemoryStream();
        ImageCodec.Write(image, stream, ImageCodec.FormatFromExtension(extension));
        string path = _temp.File("cut16" + extension);
        File.WriteAllBytes(path, stream.ToArray().AsSpan(0, (int)(stream.Length * 0.6)).ToArray());
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(path));
        Assert.Contains(path, ex.Message);
        Assert.True(ex.Reason is ImageErrorReason.Truncated or ImageErrorReason.Corrupt, ex.Message);
        if (extension != ".tif") Assert.Equal(ImageErrorReason.Truncated, ex.Reason);
    }

    [Fact]
    public void TextFileNamedJpgIsAnUnknownFormat()
    {
        string path = _temp.File("notes.jpg");
        File.WriteAllText(path, "These are not the pixels you are looking for.\n");
        var ex = ReadFails(path, ImageErrorReason.UnknownFormat);
        Assert.Contains("Jpeg", ex.Message);
    }

    [Fact]
    public void UnknownBinaryFormatIsRefused()
    {
        string path = _temp.File("data.bin");
        File.WriteAllBytes(path, [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C]);
        ReadFails(path, ImageErrorReason.UnknownFormat);
    }

    [Fact]
    public void MissingFileIsNotReadable()
    {
        string path = _temp.File("missing.png");
        var ex = ReadFails(path, ImageErrorReason.NotReadable);
        Assert.Contains("does not exist", ex.Message);
        Assert.Equal(ImageErrorReason.NotReadable, Assert.Throws<ImageFormatException>(() => ImageCodec.Identify(path)).Reason);
    }

    [Fact]
    public void AsciiNetpbmIsUnsupported()
    {
        string path = _temp.File("ascii.pgm");
        File.WriteAllText(path, "P2\n2 1\n255\n0 255\n");
        ReadFails(path, ImageErrorReason.Unsupported);
    }

    private static byte[] PngHeaderDeclaring(uint width, uint height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR"u8, ihdr);
        WriteChunk(png, "IDAT"u8, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream s, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var word = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        s.Write(word);
        s.Write(type);
        s.Write(data);
        var all = new byte[4 + data.Length];
        type.CopyTo(all);
        data.CopyTo(all.AsSpan(4));
        uint crc = 0xFFFFFFFF;
        foreach (byte b in all)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        BinaryPrimitives.WriteUInt32BigEndian(word, ~crc);
        s.Write(word);
    }

    [Fact]
    public void DecompressionBombIsRefusedFromItsHeader()
    {
        string path = _temp.File("bomb.png");
        File.WriteAllBytes(path, PngHeaderDeclaring(100_000, 100_000));
        var info = ImageCodec.Identify(path);
        Assert.Equal((100_000, 100_000), (info.Width, info.Height));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = ReadFails(path, ImageErrorReason.TooLarge);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1 << 20, $"{allocated} bytes were allocated before refusing.");
        Assert.Contains("10,000,000,000", ex.Message);
    }

    [Theory]
    [InlineData(".jpg")]
    [InlineData(".png")]
    [InlineData(".webp")]
    [InlineData(".bmp")]
    [InlineData(".tif")]
    [InlineData(".ppm")]
    public void ImagesOverMaxPixelsAreRefused(string extension)
    {
        using var image = CodecTestImages.Photo8(3);
        string path = _temp.File("photo" + extension);
        ImageCodec.Write(image, path);
        var options = new ImageReadOptions { MaxPixels = image.Width * image.Height - 1 };
        ReadFails(path, ImageErrorReason.TooLarge, options);
        using var fits = ImageCodec.Read(path, new ImageReadOptions { MaxPixels = image.Width * image.Height });
        Assert.Equal(image.Shape, fits.Shape);
    }

    [Fact]
    public void RealJpegOverMaxPixelsIsRefused()
    {
        string path = TestPaths.Image("rocket.jpg");
        var ex = ReadFails(path, ImageErrorReason.TooLarge, new ImageReadOptions { MaxPixels = 100_000 });
        Assert.Contains("640x427", ex.Message);
    }

    [Fact]
    public void CorruptPngChunkIsReported()
    {
        var bytes = File.ReadAllBytes(TestPaths.Image("chelsea.png"));
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5A;
        string path = _temp.File("corrupt.png");
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(path));
        Assert.True(ex.Reason is ImageErrorReason.Corrupt or ImageErrorReason.Truncated, ex.Message);
        Assert.Contains(path, ex.Message);
    }
}
