using System.Buffers.Binary;

namespace AugSharp.Imaging.Codecs;

/// <summary>
/// Binary Netpbm: PGM (P5, gray) and PPM (P6, RGB), 8-bit (maxval up to 255) and 16-bit
/// big-endian (maxval up to 65535). A maxval other than 255 or 65535 is rescaled to the full
/// range with rounding, as Pillow does.
/// </summary>
internal static class PnmCodec
{
    private readonly record struct Header(char Kind, int Width, int Height, int MaxVal, int DataOffset)
    {
        public int Channels => Kind == '6' ? 3 : 1;

        public int Bits => MaxVal > 255 ? 16 : 8;
    }

    private static Header Parse(ReadOnlySpan<byte> data, string? name)
    {
        char kind = (char)data[1];
        if (kind is not ('5' or '6'))
            throw new ImageFormatException(name, ImageErrorReason.Unsupported,
                $"Netpbm P{kind} is not supported; only binary PGM (P5) and PPM (P6) are read.");
        int pos = 2;
        Span<long> values = stackalloc long[3];
        for (int i = 0; i < 3; i++)
        {
            SkipSpaceAndComments(data, ref pos, name);
            long v = 0;
            int start = pos;
            while (pos < data.Length && data[pos] >= '0' && data[pos] <= '9')
            {
                v = v * 10 + (data[pos] - '0');
                if (v > int.MaxValue) throw new ImageFormatException(name, ImageErrorReason.Corrupt, "a Netpbm header number is too large.");
                pos++;
            }
            if (pos == start)
            {
                throw pos >= data.Length
                    ? new ImageFormatException(name, ImageErrorReason.Truncated, "the Netpbm file ends inside its header.")
                    : new ImageFormatException(name, ImageErrorReason.Corrupt, "the Netpbm header holds a character that is not a number.");
            }
            values[i] = v;
        }
        if (pos >= data.Length)
            throw new ImageFormatException(name, ImageErrorReason.Truncated, "the Netpbm file ends inside its header.");
        if (!FormatDetector.IsPnmSpace(data[pos]))
            throw new ImageFormatException(name, ImageErrorReason.Corrupt, "the Netpbm header is not followed by a white-space character.");
        pos++;
        if (values[2] is < 1 or > 65535)
            throw new ImageFormatException(name, ImageErrorReason.Corrupt, $"the Netpbm maxval {values[2]} is outside 1..65535.");
        return new Header(kind, (int)values[0], (int)values[1], (int)values[2], pos);
    }

    private static void SkipSpaceAndComments(ReadOnlySpan<byte> data, ref int pos, string? name)
    {
        while (pos < data.Length)
        {
            if (FormatDetector.IsPnmSpace(data[pos])) pos++;
            else if (data[pos] == '#')
            {
                while (pos < data.Length && data[pos] != '\n' && data[pos] != '\r') pos++;
            }
            else return;
        }
        throw new ImageFormatException(name, ImageErrorReason.Truncated, "the Netpbm file ends inside its header.");
    }

    public static ImageFileInfo Identify(byte[] data, string? name)
    {
        var h = Parse(data, name);
        return new ImageFileInfo(ImageFormat.Pnm, h.Width, h.Height, h.Channels, h.Bits);
    }

    public static ImageBuffer Decode(byte[] data, ImageReadOptions options, string? name)
    {
        var h = Parse(data, name);
        CodecGuard.CheckSize(h.Width, h.Height, h.Channels, options, name);
        long samples = (long)h.Width * h.Height * h.Channels;
        long needed = samples * (h.Bits / 8);
        if (data.Length - h.DataOffset < needed)
            throw new ImageFormatException(name, ImageErrorReason.Truncated,
                $"the Netpbm pixel data has {data.Length - h.DataOffset} bytes, {needed} are needed for {h.Width}x{h.Height}x{h.Channels}.");
        var src = data.AsSpan(h.DataOffset, (int)needed);
        if (h.Bits == 8)
        {
            var image = new ImageBuffer<byte>(h.Width, h.Height, h.Channels);
            var dst = image.GetSpan();
            if (h.MaxVal == 255)
            {
                src.CopyTo(dst);
            }
            else
            {
                for (int i = 0; i < dst.Length; i++) dst[i] = Rescale(src[i], h.MaxVal, 255);
            }
            return image;
        }
        var image16 = new ImageBuffer<ushort>(h.Width, h.Height, h.Channels);
        var d16 = image16.GetSpan();
        for (int i = 0; i < d16.Length; i++)
        {
            int v = BinaryPrimitives.ReadUInt16BigEndian(src[(2 * i)..]);
            d16[i] = h.MaxVal == 65535 ? (ushort)v : (ushort)Rescale16(v, h.MaxVal);
        }
        return image16;
    }

    // Pillow's formula: min(outMax, round(v / maxVal * outMax)), rounding half to even.
    private static byte Rescale(int v, int maxVal, int outMax) => (byte)Rescale16(v, maxVal, outMax);

    private static int Rescale16(int v, int maxVal, int outMax = 65535)
        => (int)Math.Min(outMax, Math.Round((double)v / maxVal * outMax, MidpointRounding.ToEven));

    /// <summary>Writes P5 (1 channel) or P6 (3 channels), maxval 255 or 65535.</summary>
    public static void Encode<T>(ImageBuffer<T> image, Stream stream) where T : unmanaged
    {
        if (image.Channels is not (1 or 3))
            throw new ArgumentException($"Netpbm PGM/PPM holds 1 (gray) or 3 (RGB) channels, not {image.Channels}; drop the alpha channel first.", nameof(image));
        bool wide = typeof(T) == typeof(ushort);
        string header = $"P{(image.Channels == 1 ? 5 : 6)}\n{image.Width} {image.Height}\n{(wide ? 65535 : 255)}\n";
        stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
        var line = new byte[image.RowLength * (wide ? 2 : 1)];
        for (int y = 0; y < image.Height; y++)
        {
            PngWriter.ToBigEndian(image, y, line);
            stream.Write(line);
        }
    }
}
