namespace AugSharp.Pictures;

/// <summary>Thumbnails embedded in the HTML reports.</summary>
public static class ReportThumbnail
{
    /// <summary>
    /// The image at <paramref name="path"/> as a JPEG of at most <paramref name="side"/> pixels on its
    /// longest side, in base64 (for a <c>data:image/jpeg;base64,</c> URL), or null when it cannot be read.
    /// </summary>
    public static string? JpegBase64(string path, int side, ImageReadOptions? readOptions = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var image = ImageCodec.Read(path, readOptions);
            return JpegBase64(image, side);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary><paramref name="image"/> as a JPEG of at most <paramref name="side"/> pixels on its longest side, in base64.</summary>
    public static string JpegBase64(ImageBuffer image, int side)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bytes = DisplayPixels.ToBytes(image);
        using var rgb = PixelConversion.ToRgb(bytes);
        using var small = Math.Max(rgb.Width, rgb.Height) > side ? PictureResize.Fit(rgb, side) : rgb.Clone();
        using var stream = new MemoryStream();
        ImageCodec.Write(small, stream, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 80 });
        return Convert.ToBase64String(stream.ToArray());
    }
}
