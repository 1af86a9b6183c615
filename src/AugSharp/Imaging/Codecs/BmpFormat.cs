using System.Buffers.Binary;

namespace AugSharp.Imaging.Codecs;

/// <summary>
/// The parts of BMP that Skia does not cover: recognising a gray palette (decoded as one channel,
/// as Pillow does) and writing BMP files, which Skia cannot encode.
/// </summary>
internal static class BmpFormat
{
    /// <summary>True for a palette image whose palette is the identity gray ramp (entry i is (i,i,i), or black and white for two colours).</summary>
    public static bool HasGrayPalette(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30) return false;
        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(data[14..]);
        bool core = headerSize == 12;
        int bpp = core ? BinaryPrimitives.ReadUInt16LittleEndian(data[24..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
        if (bpp is not (1 or 2 or 4 or 8)) return false;
        int colors = 1 << bpp;
        if (!core && data.Length >= 50)
        {
            int used = BinaryPrimitives.ReadInt32LittleEndian(data[46..]);
            if (used > 0 && used < colors) colors = used;
        }
        int entry = core ? 3 : 4;
        long start = 14L + headerSize;
        if (start + (long)colors * entry > data.Length) return false;
        for (int i = 0; i < colors; i++)
        {
            int expected = colors == 2 ? i * 255 : i;
            var rgb = data.Slice((int)start + i * entry, 3);
            if (rgb[0] != expected || rgb[1] != expected || rgb[2] != expected) return false;
        }
        return true;
    }

    /// <summary>Writes 8-bit gray (palette), 24-bit BGR, or 32-bit BGRA (gray+alpha is widened to RGBA).</summary>
    public static void Write(ImageBuffer<byte> image, Stream stream)
    {
        int channels = image.Channels;
        int bpp = channels switch
        {
            1 => 8,
            3 => 24,
            2 or 4 => 32,
            _ => throw new ArgumentException($"BMP holds 1 to 4 channels, not {channels}.", nameof(image)),
        };
        int headerSize = bpp == 32 ? 108 : 40;
        int paletteBytes = bpp == 8 ? 256 * 4 : 0;
        int rowBytes = ((image.Width * bpp + 31) / 32) * 4;
        long imageBytes = (long)rowBytes * image.Height;
        long offset = 14 + headerSize + paletteBytes;
        if (offset + imageBytes > uint.MaxValue)
            throw new ArgumentException($"A {image.Width}x{image.Height} image is too large for a BMP file.", nameof(image));

        var header = new byte[offset];
        var h = header.AsSpan();
        h[0] = (byte)'B';
        h[1] = (byte)'M';
        BinaryPrimitives.WriteUInt32LittleEndian(h[2..], (uint)(offset + imageBytes));
        BinaryPrimitives.WriteUInt32LittleEndian(h[10..], (uint)offset);
        BinaryPrimitives.WriteInt32LittleEndian(h[14..], headerSize);
        BinaryPrimitives.WriteInt32LittleEndian(h[18..], image.Width);
        BinaryPrimitives.WriteInt32LittleEndian(h[22..], image.Height);
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)bpp);
        BinaryPrimitives.WriteUInt32LittleEndian(h[30..], bpp == 32 ? 3u : 0u);
        BinaryPrimitives.WriteUInt32LittleEndian(h[34..], (uint)imageBytes);
        BinaryPrimitives.WriteInt32LittleEndian(h[38..], 2835);
        BinaryPrimitives.WriteInt32LittleEndian(h[42..], 2835);
        if (bpp == 8) BinaryPrimitives.WriteUInt32LittleEndian(h[46..], 256);
        if (bpp == 32)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h[54..], 0x00FF0000u);
            BinaryPrimitives.WriteUInt32LittleEndian(h[58..], 0x0000FF00u);
            BinaryPrimitives.WriteUInt32LittleEndian(h[62..], 0x000000FFu);
            BinaryPrimitives.WriteUInt32LittleEndian(h[66..], 0xFF000000u);
            "sRGB"u8.CopyTo(h[70..]);
            h[70..74].Reverse();
        }
        for (int i = 0; i < paletteBytes / 4; i++)
        {
            int p = 14 + headerSize + 4 * i;
            h[p] = h[p + 1] = h[p + 2] = (byte)i;
        }
        stream.Write(header);

        var line = new byte[rowBytes];
        for (int y = image.Height - 1; y >= 0; y--)
        {
            var row = image.GetRow(y);
            switch (channels)
            {
                case 1:
                    row.CopyTo(line);
                    break;
                case 3:
                    for (int x = 0, s = 0; x < image.Width; x++, s += 3)
                    {
                        line[s] = row[s + 2];
                        line[s + 1] = row[s + 1];
                        line[s + 2] = row[s];
                    }
                    break;
                case 2:
                    for (int x = 0; x < image.Width; x++)
                    {
                        byte g = row[2 * x];
                        line[4 * x] = line[4 * x + 1] = line[4 * x + 2] = g;
                        line[4 * x + 3] = row[2 * x + 1];
                    }
                    break;
                default:
                    for (int x = 0, s = 0; x < image.Width; x++, s += 4)
                    {
                        line[s] = row[s + 2];
                        line[s + 1] = row[s + 1];
                        line[s + 2] = row[s];
                        line[s + 3] = row[s + 3];
                    }
                    break;
            }
            stream.Write(line);
        }
    }
}
