using System.Buffers.Binary;
using System.IO.Compression;

namespace AugSharp.Imaging.Codecs;

/// <summary>
/// A managed decoder for 16-bit PNG files (gray, gray+alpha, RGB, RGBA; interlaced or not), which
/// Skia only decodes to 8 bits. Values are returned exactly as stored.
/// </summary>
internal static class PngDecoder16
{
    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    public static ImageBuffer<ushort> Decode(byte[] data, PngHeader header, ImageReadOptions options, string? name)
    {
        int channels = header.Channels;
        CodecGuard.CheckSize(header.Width, header.Height, channels, options, name);
        byte[] compressed = CollectIdat(data, name);

        var image = new ImageBuffer<ushort>(header.Width, header.Height, channels);
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
            int bpp = channels * 2;
            if (header.Interlace == 0)
            {
                DecodePass(zlib, image, 0, 0, 1, 1, bpp, name);
            }
            else
            {
                foreach (var (x0, y0, dx, dy) in Adam7)
                    DecodePass(zlib, image, x0, y0, dx, dy, bpp, name);
            }
            return image;
        }
        catch (InvalidDataException ex)
        {
            image.Dispose();
            throw new ImageFormatException(name, ImageErrorReason.Corrupt, "the PNG pixel data is damaged (" + ex.Message + ").", ex);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static byte[] CollectIdat(byte[] data, string? name)
    {
        using var idat = new MemoryStream();
        long pos = 8;
        bool seenIdat = false;
        while (true)
        {
            if (pos + 12 > data.Length)
                throw new ImageFormatException(name, ImageErrorReason.Truncated, "the PNG file ends before its IEND chunk.");
            long length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan((int)pos));
            if (pos + 12 + length > data.Length)
                throw new ImageFormatException(name, ImageErrorReason.Truncated, "the PNG file ends inside a chunk.");
            var chunk = data.AsSpan((int)pos + 4, (int)length + 4);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan((int)(pos + 8 + length)));
            if (Crc32.Compute(chunk) != crc)
                throw new ImageFormatException(name, ImageErrorReason.Corrupt, $"the PNG file has a corrupt chunk: {System.Text.Encoding.ASCII.GetString(chunk[..4])} fails its CRC check.");
            var type = chunk[..4];
            if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(chunk[4..]);
                seenIdat = true;
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }
            pos += 12 + length;
        }
        if (!seenIdat)
            throw new ImageFormatException(name, ImageErrorReason.Corrupt, "the PNG file has no IDAT chunk.");
        return idat.ToArray();
    }

    private static void DecodePass(Stream zlib, ImageBuffer<ushort> image, int x0, int y0, int dx, int dy, int bpp, string? name)
    {
        int passWidth = image.Width > x0 ? (image.Width - x0 + dx - 1) / dx : 0;
        int passHeight = image.Height > y0 ? (image.Height - y0 + dy - 1) / dy : 0;
        if (passWidth == 0 || passHeight == 0) return;
        int rowBytes = passWidth * bpp;
        var previous = new byte[rowBytes];
        var current = new byte[rowBytes];
        Span<byte> filter = stackalloc byte[1];
        int channels = image.Channels;
        for (int py = 0; py < passHeight; py++)
        {
            ReadExactly(zlib, filter, name);
            ReadExactly(zlib, current, name);
            Unfilter(filter[0], current, previous, bpp, name);
            var row = image.GetRow(y0 + py * dy);
            for (int px = 0; px < passWidth; px++)
            {
                int dst = (x0 + px * dx) * channels;
                int src = px * bpp;
                for (int c = 0; c < channels; c++)
                    row[dst + c] = (ushort)((current[src + 2 * c] << 8) | current[src + 2 * c + 1]);
            }
            (previous, current) = (current, previous);
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string? name)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
                throw new ImageFormatException(name, ImageErrorReason.Truncated, "the PNG pixel data ends before the last row.");
            total += n;
        }
    }

    private static void Unfilter(byte filter, Span<byte> cur, ReadOnlySpan<byte> prev, int bpp, string? name)
    {
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (int i = bpp; i < cur.Length; i++) cur[i] += cur[i - bpp];
                break;
            case 2:
                for (int i = 0; i < cur.Length; i++) cur[i] += prev[i];
                break;
            case 3:
                for (int i = 0; i < cur.Length; i++)
                {
                    int left = i >= bpp ? cur[i - bpp] : 0;
                    cur[i] += (byte)((left + prev[i]) >> 1);
                }
                break;
            case 4:
                for (int i = 0; i < cur.Length; i++)
                {
                    int a = i >= bpp ? cur[i - bpp] : 0;
                    int b = prev[i];
                    int c = i >= bpp ? prev[i - bpp] : 0;
                    cur[i] += (byte)Paeth(a, b, c);
                }
                break;
            default:
                throw new ImageFormatException(name, ImageErrorReason.Corrupt, $"the PNG file uses an unknown row filter {filter}.");
        }
    }

    internal static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }
}
