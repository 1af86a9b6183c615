namespace AugSharp.Imaging.Codecs;

/// <summary>
/// Applies an EXIF orientation (tag 0x0112, values 1 to 8) to decoded pixels, giving the image as
/// it is meant to be shown, as Pillow's <c>ImageOps.exif_transpose</c> does.
/// </summary>
internal static class ExifOrientation
{
    /// <summary>The oriented image; <paramref name="image"/> itself for orientation 1 (or an unknown value), otherwise a new buffer (and <paramref name="image"/> is disposed).</summary>
    public static ImageBuffer Apply(ImageBuffer image, int orientation)
    {
        if (orientation is < 2 or > 8) return image;
        ImageBuffer result = image switch
        {
            ImageBuffer<byte> b => Transform(b, orientation),
            ImageBuffer<ushort> u => Transform(u, orientation),
            ImageBuffer<float> f => Transform(f, orientation),
            _ => throw new NotSupportedException($"Cannot orient {image.PixelType} images."),
        };
        image.Dispose();
        return result;
    }

    private static ImageBuffer<T> Transform<T>(ImageBuffer<T> source, int orientation) where T : unmanaged
    {
        int w = source.Width, h = source.Height, c = source.Channels;
        bool swap = orientation >= 5;
        var result = new ImageBuffer<T>(swap ? h : w, swap ? w : h, c);
        for (int y = 0; y < result.Height; y++)
        {
            var row = result.GetRow(y);
            for (int x = 0; x < result.Width; x++)
            {
                var (sy, sx) = orientation switch
                {
                    2 => (y, w - 1 - x),
                    3 => (h - 1 - y, w - 1 - x),
                    4 => (h - 1 - y, x),
                    5 => (x, y),
                    6 => (h - 1 - x, y),
                    7 => (h - 1 - x, w - 1 - y),
                    _ => (x, w - 1 - y),
                };
                source.GetRow(sy).Slice(sx * c, c).CopyTo(row.Slice(x * c, c));
            }
        }
        return result;
    }
}
