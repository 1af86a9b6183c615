namespace AugSharp.Tests.Imaging.Codecs;

public sealed class ImageCodecRoundTripTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(".png", 1)]
    [InlineData(".png", 2)]
    [InlineData(".png", 3)]
    [InlineData(".png", 4)]
    [InlineData(".tif", 1)]
    [InlineData(".tiff", 2)]
    [InlineData(".tif", 3)]
    [InlineData(".tif", 4)]
    [InlineData(".pgm", 1)]
    [InlineData(".ppm", 3)]
    [InlineData(".bmp", 1)]
    [InlineData(".bmp", 3)]
    [InlineData(".bmp", 4)]
    public void Lossless8BitFilesRoundTripExactly(string extension, int channels)
    {
        using var image = CodecTestImages.Photo8(channels);
        string path = _temp.File("image" + extension);
        ImageCodec.Write(image, path);
        using var back = ImageCodec.Read(path);
        Assert.Equal(PixelType.UInt8, back.PixelType);
        CodecTestImages.AssertEqual(image, back);
        var info = ImageCodec.Identify(path);
        Assert.Equal((image.Width, image.Height, channels, 8), (info.Width, info.Height, info.Channels, info.BitDepth));
    }

    [Theory]
    [InlineData(".png", 1)]
    [InlineData(".png", 2)]
    [InlineData(".png", 3)]
    [InlineData(".png", 4)]
    [InlineData(".tif", 1)]
    [InlineData(".tif", 2)]
    [InlineData(".tif", 3)]
    [InlineData(".tif", 4)]
    [InlineData(".pgm", 1)]
    [InlineData(".ppm", 3)]
    public void SixteenBitFilesRoundTripExactly(string extension, int channels)
    {
        using var image = CodecTestImages.Photo16(channels);
        string path = _temp.File("image16" + extension);
        ImageCodec.Write(image, path);
        using var back = ImageCodec.Read(path);
        Assert.Equal(PixelType.UInt16, back.PixelType);
        CodecTestImages.AssertEqual(image, back);
        Assert.Equal(16, ImageCodec.Identify(path).BitDepth);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void LosslessWebPRoundTripsExactly(int channels)
    {
        using var image = CodecTestImages.Photo8(channels);
        string path = _temp.File("image.webp");
        ImageCodec.Write(image, path, new ImageWriteOptions { Lossless = true });
        using var back = ImageCodec.Read(path).As<byte>();
        Assert.Equal(image.Shape, back.Shape);
        // libwebp may replace the colour of fully transparent pixels; every other value is exact.
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                for (int c = 0; c < channels; c++)
                    if (channels == 3 || image[y, x, 3] != 0)
                        Assert.Equal(image[y, x, c], back[y, x, c]);
    }

    [Fact]
    public void GrayWebPReadsBackAsRgbWithEqualChannels()
    {
        using var image = CodecTestImages.Photo8(1);
        using var stream = new MemoryStream();
        ImageCodec.Write(image, stream, ImageFormat.WebP, new ImageWriteOptions { Lossless = true });
        stream.Position = 0;
        using var back = ImageCodec.Read(stream).As<byte>();
        Assert.Equal(3, back.Channels);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                for (int c = 0; c < 3; c++)
                    Assert.Equal(image[y, x, 0], back[y, x, c]);
    }

    [Theory]
    [InlineData(1, 36.0)]
    [InlineData(3, 34.0)]
    public void JpegAtQuality90KeepsAHighPsnr(int channels, double minimumPsnr)
    {
        using var image = CodecTestImages.Photo8(channels, 256, 160);
        string path = _temp.File("image.jpg");
        ImageCodec.Write(image, path, new ImageWriteOptions { Quality = 90 });
        using var back = ImageCodec.Read(path).As<byte>();
        Assert.Equal(channels, back.Channels);
        Assert.True(CodecTestImages.Psnr(image, back) >= minimumPsnr, $"PSNR {CodecTestImages.Psnr(image, back):F2} dB");
    }

    [Fact]
    public void JpegQualityChangesTheFileSize()
    {
        using var image = CodecTestImages.Photo8(3, 256, 160);
        using var low = new MemoryStream();
        using var high = new MemoryStream();
        ImageCodec.Write(image, low, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 30 });
        ImageCodec.Write(image, high, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 95 });
        Assert.True(low.Length < high.Length);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void LossyWebPKeepsAReasonablePsnr(int channels)
    {
        using var image = CodecTestImages.Photo8(channels, 256, 160);
        using var stream = new MemoryStream();
        ImageCodec.Write(image, stream, ImageFormat.WebP, new ImageWriteOptions { Quality = 90 });
        stream.Position = 0;
        using var back = ImageCodec.Read(stream).As<byte>();
        Assert.Equal(channels, back.Channels);
        Assert.True(CodecTestImages.Psnr(image, back) >= 30, $"PSNR {CodecTestImages.Psnr(image, back):F2} dB");
    }

    [Theory]
    [InlineData(ImageFormat.Png, 3)]
    [InlineData(ImageFormat.Png, 4)]
    [InlineData(ImageFormat.Tiff, 3)]
    [InlineData(ImageFormat.Pnm, 1)]
    [InlineData(ImageFormat.Bmp, 3)]
    public void StreamsRoundTrip(ImageFormat format, int channels)
    {
        using var image = CodecTestImages.Photo8(channels);
        using var stream = new MemoryStream();
        ImageCodec.Write(image, stream, format);
        Assert.Equal(format, ImageCodec.DetectFormat(stream.ToArray()));
        stream.Position = 0;
        using var back = ImageCodec.Read(stream, name: "memory");
        CodecTestImages.AssertEqual(image, back);
        stream.Position = 0;
        Assert.Equal(format, ImageCodec.Identify(stream).Format);
    }

    [Fact]
    public void SixteenBitStreamRoundTrip()
    {
        using var image = CodecTestImages.Photo16(3);
        using var stream = new MemoryStream();
        ImageCodec.Write(image, stream, ImageFormat.Png);
        stream.Position = 0;
        using var back = ImageCodec.Read(stream);
        CodecTestImages.AssertEqual(image, back);
    }

    [Fact]
    public void StridedViewsAreWrittenRowByRow()
    {
        using var image = CodecTestImages.Photo8(3);
        using var view = image.Crop(10, 5, 40, 30);
        string path = _temp.File("view.png");
        ImageCodec.Write(view, path);
        using var back = ImageCodec.Read(path);
        CodecTestImages.AssertEqual(view, back);
        string jpeg = _temp.File("gray-view.jpg");
        using var gray = CodecTestImages.Photo8(1);
        using var grayView = gray.Crop(3, 2, 50, 40);
        ImageCodec.Write(grayView, jpeg, new ImageWriteOptions { Quality = 100 });
        using var grayBack = ImageCodec.Read(jpeg).As<byte>();
        Assert.True(CodecTestImages.Psnr(grayView.Clone(), grayBack) > 40);
    }

    [Fact]
    public void SixteenBitImagesAreNarrowedForEightBitFormats()
    {
        using var image = CodecTestImages.Photo16(3);
        using var expected = image.ConvertTo<byte>();
        using var stream = new MemoryStream();
        ImageCodec.Write(image, stream, ImageFormat.Bmp);
        stream.Position = 0;
        using var back = ImageCodec.Read(stream);
        CodecTestImages.AssertEqual(expected, back);
    }

    [Fact]
    public void GifFirstFrameIsRead()
    {
        string gif = Path.Combine(TestPaths.KerasPublic, "dirtree", "dogs", "w.gif");
        using var image = ImageCodec.Read(gif);
        Assert.Equal(new ImageShape(6, 8, 3), image.Shape);
        Assert.Equal(ImageFormat.Gif, ImageCodec.Identify(gif).Format);
    }

    [Fact]
    public void RealJpegPhotographDecodesWithItsSize()
    {
        using var image = ImageCodec.Read(TestPaths.Image("rocket.jpg"));
        Assert.Equal(new ImageShape(427, 640, 3), image.Shape);
        Assert.Equal(PixelType.UInt8, image.PixelType);
    }

    [Fact]
    public void GrayPngDecodesAsOneChannel()
    {
        using var image = ImageCodec.Read(TestPaths.Image("camera.png"));
        Assert.Equal(new ImageShape(512, 512, 1), image.Shape);
    }
}
