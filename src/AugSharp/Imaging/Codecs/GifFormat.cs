namespace AugSharp.Imaging.Codecs;

/// <summary>
/// The part of GIF that Skia does not give: the palette colour of the transparent index. Skia
/// decodes transparent pixels as (0, 0, 0, 0); Pillow keeps the palette's RGB with alpha 0, so
/// converting to RGB gives that colour, not black.
/// </summary>
internal static class GifFormat
{
    /// <summary>Sets the RGB of the fully transparent pixels of the decoded first frame to the palette colour of the transparent index.</summary>
    public static void KeepTransparentColour(ReadOnlySpan<byte> data, ImageBuffer<byte> image)
    {
        if (image.Channels != 4 || !FindTransparentColour(data, out byte r, out byte g, out byte b)) return;
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.GetRow(y);
            for (int i = 0; i < row.Length; i += 4)
            {
                if (row[i + 3] != 0) continue;
                row[i] = r;
                row[i + 1] = g;
                row[i + 2] = b;
            }
        }
    }

    // Reads the logical screen, the global colour table, the graphic control extension before the
    // first image and that image's local colour table.
    private static bool FindTransparentColour(ReadOnlySpan<byte> data, out byte r, out byte g, out byte b)
    {
        r = g = b = 0;
        if (data.Length < 13) return false;
        int pos = 13;
        ReadOnlySpan<byte> palette = default;
        if ((data[10] & 0x80) != 0)
        {
            int size = 3 << ((data[10] & 7) + 1);
            if (pos + size > data.Length) return false;
            palette = data.Slice(pos, size);
            pos += size;
        }
        int transparent = -1;
        while (pos < data.Length)
        {
            byte block = data[pos];
            if (block == 0x21)
            {
                if (pos + 2 >= data.Length) return false;
                if (data[pos + 1] == 0xF9 && data[pos + 2] == 4 && pos + 7 <= data.Length)
                    transparent = (data[pos + 3] & 1) != 0 ? data[pos + 6] : -1;
                pos += 2;
                while (pos < data.Length && data[pos] != 0) pos += data[pos] + 1;
                pos++;
            }
            else if (block == 0x2C)
            {
                if (pos + 10 > data.Length) return false;
                byte flags = data[pos + 9];
                if ((flags & 0x80) != 0)
                {
                    int size = 3 << ((flags & 7) + 1);
                    if (pos + 10 + size > data.Length) return false;
                    palette = data.Slice(pos + 10, size);
                }
                break;
            }
            else
            {
                return false;
            }
        }
        if (transparent < 0 || 3 * transparent + 3 > palette.Length) return false;
        r = palette[3 * transparent];
        g = palette[3 * transparent + 1];
        b = palette[3 * transparent + 2];
        return true;
    }
}
