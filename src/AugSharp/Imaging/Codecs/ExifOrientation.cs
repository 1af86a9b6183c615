using System.Buffers.Binary;

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

    /// <summary>The orientation tag (0x0112) of IFD0 of an EXIF TIFF structure ("II*\0" or "MM\0*"), or 1 when absent or unreadable.</summary>
    public static int FromExif(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length >= 6 && tiff[..6].SequenceEqual("Exif\0\0"u8)) tiff = tiff[6..];
        if (tiff.Length < 8) return 1;
        bool little = tiff[0] == 'I' && tiff[1] == 'I';
        if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) return 1;
        uint ifd = little ? BinaryPrimitives.ReadUInt32LittleEndian(tiff[4..]) : BinaryPrimitives.ReadUInt32BigEndian(tiff[4..]);
        if (ifd > tiff.Length - 2) return 1;
        int count = U16(tiff, (int)ifd, little);
        for (int i = 0; i < count; i++)
        {
            int entry = (int)ifd + 2 + 12 * i;
            if (entry + 12 > tiff.Length) return 1;
            if (U16(tiff, entry, little) != 0x0112) continue;
            int value = U16(tiff, entry + 2, little) == 3 ? U16(tiff, entry + 8, little) : 1;
            return value is >= 1 and <= 8 ? value : 1;
        }
        return 1;
    }

    private static int U16(ReadOnlySpan<byte> data, int at, bool little)
        => little ? BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
}
