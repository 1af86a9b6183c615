using System.Buffers.Binary;
using AugSharp.Imaging.Codecs;
using SkiaSharp;

namespace AugSharp.Tests.Imaging.Codecs;

/// <summary>
/// libvips (VipsJpegDecoder) and Skia decode every JPEG to the same pixels: the sample
/// photographs (whose Skia decode equals Pillow's, see <see cref="PillowExactnessTests"/>) and
/// files made here at 4:2:0, 4:2:2 and 4:4:4, gray, progressive, with restart markers, Adobe
/// markers and odd sizes. Files libvips must not take (CMYK) go to Skia.
/// </summary>
public sealed class JpegDecoderIdentityTests
{
    public static TheoryData<string> Files => new()
    {
        "photo rocket.jpg", "photo retina.jpg",
        "skia 420 97x61", "skia 444 97x61", "skia 422 33x17", "skia gray 97x61", "skia 420 1x1", "skia 444 5x3",
        "vips 420 q90 451x300", "vips 444 q95 512x512", "vips 420 q75 333x211", "vips gray 333x211",
        "vips progressive 420 451x300", "vips progressive 444 97x61", "vips progressive gray 97x61",
        "vips progressive rocket", "vips restart 420 333x211", "vips optimized 420 640x427",
        "vips 420 q100 17x9", "vips 420 2x2", "vips progressive 420 1x1",
        "adobe ycbcr 97x61", "adobe rgb 97x61", "skia 420 q20 451x300",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void LibvipsAndSkiaDecodeTheSamePixels(string file)
    {
        byte[] jpeg = Make(file);
        var frame = JpegStructure.ReadFrame(jpeg);
        Assert.NotNull(frame);
        Assert.True(VipsJpegEncoder.IsAvailable, "libvips is bundled and must load in the tests.");

        using var skia = SkiaCodec.Decode(jpeg, ImageFormat.Jpeg, new ImageReadOptions(), file, jpegThroughVips: false).As<byte>();
        using var vips = VipsJpegDecoder.TryDecode(jpeg, frame);
        Assert.NotNull(vips);
        CodecTestImages.AssertEqual(skia, vips);
        using var read = ImageCodec.Decode(jpeg, name: file);
        CodecTestImages.AssertEqual(skia, read);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    public void TheExifOrientationIsAppliedAsBefore(int orientation)
    {
        byte[] jpeg = WithSegment(Make("vips 420 q90 451x300"), ExifSegment(orientation));
        using var skia = SkiaCodec.Decode(jpeg, ImageFormat.Jpeg, new ImageReadOptions(), null, jpegThroughVips: false).As<byte>();
        using var read = ImageCodec.Decode(jpeg);
        Assert.Equal(orientation >= 5 ? (300, 451) : (451, 300), (read.Width, read.Height));
        CodecTestImages.AssertEqual(skia, read);
        using var stored = ImageCodec.Decode(jpeg, new ImageReadOptions { ApplyExifOrientation = false });
        Assert.Equal((451, 300), (stored.Width, stored.Height));
    }

    [Fact]
    public void CmykGoesToSkia()
    {
        using var photo = CodecTestImages.Photo8(3);
        var cmyk = new byte[photo.Width * photo.Height * 4];
        var rgb = photo.GetSpan();
        for (int i = 0; i < photo.Width * photo.Height; i++)
        {
            for (int c = 0; c < 3; c++) cmyk[4 * i + c] = (byte)(255 - rgb[3 * i + c]);
            cmyk[4 * i + 3] = (byte)(i % 7 * 20);
        }
        using var image = NetVips.Image.NewFromMemory(cmyk, photo.Width, photo.Height, 4, NetVips.Enums.BandFormat.Uchar)
            .Copy(interpretation: NetVips.Enums.Interpretation.Cmyk);
        byte[] jpeg = image.JpegsaveBuffer(q: 90, keep: NetVips.Enums.ForeignKeep.None);
        var frame = JpegStructure.ReadFrame(jpeg);
        Assert.Equal(4, frame!.Components.Length);
        Assert.Null(VipsJpegDecoder.TryDecode(jpeg, frame));
        using var skia = SkiaCodec.Decode(jpeg, ImageFormat.Jpeg, new ImageReadOptions(), null, jpegThroughVips: false).As<byte>();
        using var read = ImageCodec.Decode(jpeg);
        CodecTestImages.AssertEqual(skia, read);
    }

    [Fact]
    public void DecodingLeavesNothingInLibvipsCache()
    {
        byte[] jpeg = File.ReadAllBytes(TestPaths.Image("rocket.jpg"));
        for (int i = 0; i < 3; i++)
        {
            using var image = ImageCodec.Decode((byte[])jpeg.Clone());
        }
        Assert.Equal(0, NetVips.Cache.Size);
    }

    private static byte[] Make(string file)
    {
        var words = file.Split(' ');
        if (words[0] == "photo") return File.ReadAllBytes(TestPaths.Image(words[1]));
        if (words[^1] == "rocket")
        {
            using var rocket = NetVips.Image.NewFromFile(TestPaths.Image("rocket.jpg"));
            return rocket.JpegsaveBuffer(q: 85, interlace: true, keep: NetVips.Enums.ForeignKeep.None);
        }
        var size = words[^1].Split('x');
        int width = int.Parse(size[0]), height = int.Parse(size[1]);
        bool gray = words.Contains("gray");
        int quality = words.FirstOrDefault(w => w.StartsWith('q')) is { } q ? int.Parse(q[1..]) : 90;
        using var photo = Photo(width, height, gray ? 1 : 3);
        switch (words[0])
        {
            case "skia":
                return SkiaJpeg(photo, quality, words.Contains("444") ? SKJpegEncoderDownsample.Downsample444
                    : words.Contains("422") ? SKJpegEncoderDownsample.Downsample422 : SKJpegEncoderDownsample.Downsample420);
            case "adobe":
                return WithSegment(VipsJpeg(photo, quality, subsample: true, progressive: false, restart: 0),
                    [0xFF, 0xEE, 0x00, 0x0E, (byte)'A', (byte)'d', (byte)'o', (byte)'b', (byte)'e', 0x00, 0x64, 0x00, 0x00, 0x00, 0x00,
                     words[1] == "rgb" ? (byte)0 : (byte)1]);
            default:
                return VipsJpeg(photo, quality, subsample: !words.Contains("444"), progressive: words.Contains("progressive"),
                    restart: words.Contains("restart") ? 3 : 0, optimize: words.Contains("optimized"));
        }
    }

    // A crop of a photograph (tiled when larger than the photograph).
    private static ImageBuffer<byte> Photo(int width, int height, int channels)
    {
        using var source = ImageCodec.Read(TestPaths.Image(channels == 1 ? "camera.png" : "astronaut.png")).As<byte>();
        var image = new ImageBuffer<byte>(width, height, channels);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < channels; c++)
                    image[y, x, c] = source[(y * 3 + 40) % source.Height, (x * 2 + 70) % source.Width, c];
            }
        }
        return image;
    }

    private static byte[] VipsJpeg(ImageBuffer<byte> image, int quality, bool subsample, bool progressive, int restart, bool optimize = false)
    {
        using var vips = NetVips.Image.NewFromMemory(image.ToArray(), image.Width, image.Height, image.Channels, NetVips.Enums.BandFormat.Uchar);
        return vips.JpegsaveBuffer(q: quality, interlace: progressive, optimizeCoding: optimize, restartInterval: restart,
            subsampleMode: subsample ? NetVips.Enums.ForeignSubsample.On : NetVips.Enums.ForeignSubsample.Off, keep: NetVips.Enums.ForeignKeep.None);
    }

    private static unsafe byte[] SkiaJpeg(ImageBuffer<byte> image, int quality, SKJpegEncoderDownsample downsample)
    {
        int w = image.Width, h = image.Height;
        var rgba = new byte[w * h * 4];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++) rgba[4 * (y * w + x) + c] = image[y, x, image.Channels == 1 ? 0 : c];
                rgba[4 * (y * w + x) + 3] = 255;
            }
        }
        using var stream = new MemoryStream();
        fixed (byte* p = rgba)
        {
            var info = image.Channels == 1
                ? new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque, null)
                : new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque, null);
            byte[] gray = image.Channels == 1 ? image.ToArray() : [];
            fixed (byte* g = gray)
            {
                using var pixmap = new SKPixmap(info, image.Channels == 1 ? (IntPtr)g : (IntPtr)p, image.Channels == 1 ? w : w * 4);
                Assert.True(pixmap.Encode(stream, new SKJpegEncoderOptions(quality, downsample, SKJpegEncoderAlphaOption.Ignore)));
            }
        }
        return stream.ToArray();
    }

    // Inserts a marker segment right after SOI.
    private static byte[] WithSegment(byte[] jpeg, byte[] segment) => [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];

    // An APP1 EXIF segment (big-endian TIFF) whose IFD0 holds only the orientation tag.
    private static byte[] ExifSegment(int orientation)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), (ushort)orientation);
        byte[] body = [.. "Exif\0\0"u8, .. tiff];
        byte[] segment = [0xFF, 0xE1, 0, 0, .. body];
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(body.Length + 2));
        return segment;
    }
}
