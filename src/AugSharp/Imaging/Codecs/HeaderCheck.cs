using SkiaSharp;

namespace AugSharp.Imaging.Codecs;

/// <summary>
/// Looks for the image size in the first bytes of a large file, so that a file whose header claims
/// more than <see cref="ImageReadOptions.MaxPixels"/> is refused before the rest of it is read.
/// When the size cannot be found in the prefix, nothing is decided here: the decoder checks again.
/// </summary>
internal static class HeaderCheck
{
    public static void RefuseOversized(byte[] prefix, ImageFormat format, ImageReadOptions options, string? name)
    {
        long width, height;
        switch (format)
        {
            case ImageFormat.Png:
                var png = PngHeader.Parse(prefix, name);
                (width, height) = (png.Width, png.Height);
                break;
            case ImageFormat.Jpeg:
                if (JpegStructure.ReadFrame(prefix) is not { } frame) return;
                (width, height) = (frame.Width, frame.Height);
                break;
            case ImageFormat.Gif or ImageFormat.WebP or ImageFormat.Bmp:
                using (var codec = SKCodec.Create(new SKMemoryStream(prefix)))
                {
                    if (codec is null) return;
                    (width, height) = (codec.Info.Width, codec.Info.Height);
                }
                break;
            default:
                return;
        }
        if (width > 0 && height > 0) CodecGuard.CheckSize(width, height, 1, options, name);
    }
}
