using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace AugSharp.Imaging.Codecs;

/// <summary>
/// JPEG, 8-bit PNG, WebP, BMP and GIF through Skia. Pixels are decoded with no colour-space
/// conversion (a null colour space) and unpremultiplied alpha, so the values are the file's.
/// </summary>
internal static class SkiaCodec
{
    public static ImageFileInfo Identify(byte[] data, ImageFormat format, string? name)
    {
        bool lossless = format switch
        {
            ImageFormat.Jpeg => false,
            ImageFormat.WebP => WebPFormat.IsLossless(data),
            _ => true,
        };
        if (format == ImageFormat.Png)
        {
            var png = PngHeader.Parse(data, name);
            return new ImageFileInfo(format, png.Width, png.Height, png.Channels, png.BitDepth == 16 ? 16 : 8)
            {
                IsLossless = true,
                Orientation = PngHeader.ExifOrientationOf(data),
            };
        }
        using var codec = Open(data, format, name);
        var info = codec.Info;
        return new ImageFileInfo(format, info.Width, info.Height, ChannelsOf(codec, data, format), 8)
        {
            IsLossless = lossless,
            Orientation = OrientationOf(codec),
        };
    }

    private static int OrientationOf(SKCodec codec)
    {
        int origin = (int)codec.EncodedOrigin;
        return origin is >= 1 and <= 8 ? origin : 1;
    }

    /// <summary>
    /// Decodes any format this class reads. A plain JPEG (see <see cref="VipsJpegDecoder"/>) is
    /// decoded by libvips, with the same pixels and faster, unless <paramref name="jpegThroughVips"/>
    /// is false; the structure checks (size, plausible length, a scan that stops early) come first either way.
    /// </summary>
    public static ImageBuffer Decode(byte[] data, ImageFormat format, ImageReadOptions options, string? name, bool jpegThroughVips = true)
    {
        int channels = -1;
        bool reportedTruncation = false;
        if (format == ImageFormat.Png)
        {
            var png = PngHeader.Parse(data, name);
            CodecGuard.CheckSize(png.Width, png.Height, png.Channels, options, name);
            var (idat, cut) = PngHeader.CheckChunks(data, name);
            // Deflate cannot compress more than 1032:1 (a 258-byte match in two 1-bit codes).
            CodecGuard.CheckPlausibleLength(idat, png.RawBytes / 1032, png.Width, png.Height, format, name);
            if (cut)
            {
                if (png.BitDepth == 16)
                    throw new ImageFormatException(name, ImageErrorReason.Truncated, "the data ends before the image does (truncated: the PNG file ends inside a chunk).");
                CodecGuard.Truncated(options, name, "the PNG file ends inside a chunk");
                reportedTruncation = true;
            }
            if (png.BitDepth == 16)
            {
                var wide = PngDecoder16.Decode(data, png, options, name);
                return options.ApplyExifOrientation ? ExifOrientation.Apply(wide, PngHeader.ExifOrientationOf(data)) : wide;
            }
            channels = png.Channels;
        }
        else if (format == ImageFormat.Jpeg && JpegStructure.ReadFrame(data) is { } frame)
        {
            CodecGuard.CheckSize(frame.Width, frame.Height, frame.Components.Length == 1 ? 1 : 3, options, name);
            CodecGuard.CheckPlausibleLength(data.Length, frame.MinimumEntropyBytes, frame.Width, frame.Height, format, name);
            // libvips refuses a file on any libjpeg warning, an early end of the scan (a cut file, an
            // end marker inside the scan) among them: a file it decodes needs no walk through the scan.
            // Anything it refuses is walked (for the truncation's message) and decoded by Skia.
            if (jpegThroughVips && VipsJpegDecoder.TryDecode(data, frame) is { } decoded)
            {
                if (!options.ApplyExifOrientation || !JpegStructure.MayHaveExif(data)) return decoded;
                try
                {
                    using var header = Open(data, format, name);
                    return ExifOrientation.Apply(decoded, OrientationOf(header));
                }
                catch
                {
                    decoded.Dispose();
                    throw;
                }
            }
            if (JpegStructure.FindTruncation(data, frame) is { } where)
            {
                CodecGuard.Truncated(options, name, where);
                reportedTruncation = true;
            }
        }

        using var codec = Open(data, format, name);
        var info = codec.Info;
        if (channels < 0) channels = ChannelsOf(codec, data, format);
        CodecGuard.CheckSize(info.Width, info.Height, channels, options, name);

        var image = new ImageBuffer<byte>(info.Width, info.Height, channels);
        try
        {
            var pixels = image.GetSpan();
            SKCodecResult result;
            if (channels == 1 && info.ColorType == SKColorType.Gray8)
            {
                var gray = new SKImageInfo(info.Width, info.Height, SKColorType.Gray8, SKAlphaType.Opaque, null);
                result = GetPixels(codec, gray, pixels, info.Width);
            }
            else if (channels == 4)
            {
                result = GetPixels(codec, Rgba(info.Width, info.Height), pixels, info.Width * 4);
            }
            else
            {
                long length = (long)info.Width * info.Height * 4;
                if (length > Array.MaxLength)
                    throw new ImageFormatException(name, ImageErrorReason.TooLarge, $"the image is {info.Width}x{info.Height}, too large to decode in one buffer.");
                var rgba = ArrayPool<byte>.Shared.Rent((int)length);
                try
                {
                    result = GetPixels(codec, Rgba(info.Width, info.Height), rgba.AsSpan(0, (int)length), info.Width * 4);
                    if (result is SKCodecResult.Success or SKCodecResult.IncompleteInput) Pack(rgba, pixels, channels);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rgba);
                }
            }
            if (result == SKCodecResult.IncompleteInput)
            {
                if (!reportedTruncation) CodecGuard.Truncated(options, name, $"the {format} decoder ran out of data");
            }
            else if (result != SKCodecResult.Success)
            {
                throw Error(result, name, "the pixels could not be decoded");
            }
            if (format == ImageFormat.Gif && channels == 4) GifFormat.KeepTransparentColour(data, image);
            if (!options.ApplyExifOrientation) return image;
            return ExifOrientation.Apply(image, format == ImageFormat.Png ? PngHeader.ExifOrientationOf(data) : OrientationOf(codec));
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static SKImageInfo Rgba(int width, int height)
        => new(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul, null);

    private static SKCodec Open(byte[] data, ImageFormat format, string? name)
    {
        var codec = SKCodec.Create(new SKMemoryStream(data), out var result);
        if (codec is null)
            throw Error(result, name, $"Skia could not read the {format} header");
        return codec;
    }

    private static int ChannelsOf(SKCodec codec, byte[] data, ImageFormat format)
    {
        var info = codec.Info;
        if (info.ColorType == SKColorType.Gray8) return 1;
        if (format == ImageFormat.Bmp && BmpFormat.HasGrayPalette(data)) return 1;
        if (format == ImageFormat.Jpeg) return 3;
        return info.AlphaType == SKAlphaType.Opaque ? 3 : 4;
    }

    private static unsafe SKCodecResult GetPixels(SKCodec codec, SKImageInfo info, Span<byte> destination, int rowBytes)
    {
        fixed (byte* p = destination)
        {
            return codec.GetPixels(info, (IntPtr)p, rowBytes, new SKCodecOptions(0));
        }
    }

    private static void Pack(ReadOnlySpan<byte> rgba, Span<byte> output, int channels)
    {
        int count = output.Length / channels;
        switch (channels)
        {
            case 1:
                for (int i = 0; i < count; i++) output[i] = rgba[4 * i];
                break;
            case 2:
                for (int i = 0; i < count; i++)
                {
                    output[2 * i] = rgba[4 * i];
                    output[2 * i + 1] = rgba[4 * i + 3];
                }
                break;
            default:
                for (int i = VectorConversion.RgbaToRgb(rgba, output); i < count; i++)
                {
                    output[3 * i] = rgba[4 * i];
                    output[3 * i + 1] = rgba[4 * i + 1];
                    output[3 * i + 2] = rgba[4 * i + 2];
                }
                break;
        }
    }

    private static ImageFormatException Error(SKCodecResult result, string? name, string what) => result switch
    {
        SKCodecResult.IncompleteInput => new ImageFormatException(name, ImageErrorReason.Truncated, $"the data ends before the image does ({what}: {result})."),
        SKCodecResult.Unimplemented or SKCodecResult.InvalidConversion => new ImageFormatException(name, ImageErrorReason.Unsupported, $"{what} ({result})."),
        _ => new ImageFormatException(name, ImageErrorReason.Corrupt, $"the image data is damaged ({what}: {result})."),
    };

    /// <summary>Encodes JPEG, 8-bit PNG (1, 3 or 4 channels) and WebP.</summary>
    public static unsafe void Encode(ImageBuffer<byte> image, ImageFormat format, Stream stream, ImageWriteOptions options)
    {
        int w = image.Width, h = image.Height, channels = image.Channels;
        byte[]? rented = null;
        try
        {
            SKImageInfo info;
            ReadOnlySpan<byte> pixels;
            int rowBytes;
            if (channels == 1 && format != ImageFormat.WebP)
            {
                info = new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque, null);
                if (image.IsContiguous)
                {
                    pixels = image.GetSpan();
                }
                else
                {
                    rented = ArrayPool<byte>.Shared.Rent(w * h);
                    image.CopyTo(rented);
                    pixels = rented.AsSpan(0, w * h);
                }
                rowBytes = w;
            }
            else
            {
                bool alpha = channels is 2 or 4;
                info = new SKImageInfo(w, h, alpha ? SKColorType.Rgba8888 : SKColorType.Rgb888x, alpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque, null);
                rowBytes = w * 4;
                rented = ArrayPool<byte>.Shared.Rent(rowBytes * h);
                Expand(image, rented);
                pixels = rented.AsSpan(0, rowBytes * h);
            }

            bool ok;
            fixed (byte* p = pixels)
            {
                using var pixmap = new SKPixmap(info, (IntPtr)p, rowBytes);
                ok = format switch
                {
                    ImageFormat.Jpeg => pixmap.Encode(stream, new SKJpegEncoderOptions(options.Quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
                    ImageFormat.Png => pixmap.Encode(stream, new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 6)),
                    ImageFormat.WebP => pixmap.Encode(stream, options.Lossless
                        ? new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 75)
                        : new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, options.Quality)),
                    _ => throw new NotSupportedException($"Skia does not encode {format}."),
                };
            }
            if (!ok) throw new IOException($"Skia failed to encode the {w}x{h}x{channels} image as {format}.");
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // Widens 1, 2, 3 or 4 channels to 4 bytes per pixel (RGBX or RGBA).
    private static void Expand(ImageBuffer<byte> image, Span<byte> output)
    {
        int w = image.Width;
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.GetRow(y);
            var o = output.Slice(y * w * 4, w * 4);
            switch (image.Channels)
            {
                case 4:
                    row.CopyTo(o);
                    break;
                case 3:
                    for (int x = 0; x < w; x++)
                    {
                        o[4 * x] = row[3 * x];
                        o[4 * x + 1] = row[3 * x + 1];
                        o[4 * x + 2] = row[3 * x + 2];
                        o[4 * x + 3] = 255;
                    }
                    break;
                case 2:
                    for (int x = 0; x < w; x++)
                    {
                        o[4 * x] = o[4 * x + 1] = o[4 * x + 2] = row[2 * x];
                        o[4 * x + 3] = row[2 * x + 1];
                    }
                    break;
                default:
                    for (int x = 0; x < w; x++)
                    {
                        o[4 * x] = o[4 * x + 1] = o[4 * x + 2] = row[x];
                        o[4 * x + 3] = 255;
                    }
                    break;
            }
        }
    }
}
