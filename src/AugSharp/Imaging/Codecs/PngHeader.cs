using System.Buffers.Binary;

namespace AugSharp.Imaging.Codecs;

/// <summary>The IHDR of a PNG file and whether it has a tRNS chunk, read without decoding.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, int ColorType, int Interlace, bool HasTransparency)
{
    /// <summary>Channels as decoded: gray 1, gray+alpha 2, RGB 3, RGBA 4, palette 3 (4 with tRNS).</summary>
    public int Channels => ColorType switch
    {
        0 => 1,
        2 => 3,
        3 => HasTransparency ? 4 : 3,
        4 => 2,
        _ => 4,
    };

    public static PngHeader Parse(ReadOnlySpan<byte> data, string? name)
    {
        if (data.Length < 33)
            throw new ImageFormatException(name, ImageErrorReason.Truncated, "the PNG file ends inside its header.");
        if (!data.Slice(12, 4).SequenceEqual("IHDR"u8))
            throw new ImageFormatException(name, ImageErrorReason.Corrupt, "the PNG file does not start with an IHDR chunk.");
        long width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        long height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        int depth = data[24], colorType = data[25], interlace = data[28];
        bool valid = colorType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!valid || interlace > 1 || width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
            throw new ImageFormatException(name, ImageErrorReason.Corrupt, $"the PNG header is invalid (size {width}x{height}, bit depth {depth}, colour type {colorType}, interlace {interlace}).");

        bool trns = false;
        long pos = 8;
        while (pos + 8 <= data.Length)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(data[(int)pos..]);
            var type = data.Slice((int)pos + 4, 4);
            if (type.SequenceEqual("tRNS"u8)) { trns = true; break; }
            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8)) break;
            pos += 12 + length;
        }
        return new PngHeader((int)width, (int)height, depth, colorType, interlace, trns);
    }

    /// <summary>
    /// Walks the chunks: a chunk whose CRC does not match is a corrupt chunk (named in the
    /// error); a file that ends inside a chunk is truncated. Returns the bytes of all IDAT chunks
    /// and whether the file is cut short, so that the caller can compare them with the size the
    /// header claims before any pixel memory is allocated.
    /// </summary>
    public static (long IdatBytes, bool Truncated) CheckChunks(ReadOnlySpan<byte> data, string? name)
    {
        long idat = 0;
        int pos = 8;
        while (true)
        {
            if (pos + 12 > data.Length) return (idat, true);
            long length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            var type = data.Slice(pos + 4, 4);
            string typeName = System.Text.Encoding.ASCII.GetString(type);
            if (length > int.MaxValue)
                throw new ImageFormatException(name, ImageErrorReason.Corrupt, $"the PNG file has a corrupt chunk ({typeName} at byte {pos:N0} declares {length:N0} bytes).");
            if (pos + 12 + length > data.Length) return (idat + (type.SequenceEqual("IDAT"u8) ? data.Length - pos - 8 : 0), true);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(data[(int)(pos + 8 + length)..]);
            if (Crc32.Compute(data.Slice(pos + 4, (int)length + 4)) != stored)
                throw new ImageFormatException(name, ImageErrorReason.Corrupt, $"the PNG file has a corrupt chunk: {typeName} at byte {pos:N0} fails its CRC check.");
            if (type.SequenceEqual("IDAT"u8)) idat += length;
            if (type.SequenceEqual("IEND"u8)) return (idat, false);
            pos += 12 + (int)length;
        }
    }

    /// <summary>The bytes of filtered rows before compression (without interlacing, which only adds filter bytes).</summary>
    public long RawBytes
    {
        get
        {
            int samples = ColorType switch { 0 or 3 => 1, 4 => 2, 2 => 3, _ => 4 };
            return (long)Height * (1 + ((long)Width * samples * BitDepth + 7) / 8);
        }
    }

    /// <summary>The EXIF orientation of an eXIf chunk before the image data, or 1.</summary>
    public static int ExifOrientationOf(ReadOnlySpan<byte> data)
    {
        long pos = 8;
        while (pos + 8 <= data.Length)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(data[(int)pos..]);
            var type = data.Slice((int)pos + 4, 4);
            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8) || pos + 8 + length > data.Length) break;
            if (type.SequenceEqual("eXIf"u8)) return ExifOrientation.FromExif(data.Slice((int)pos + 8, (int)length));
            pos += 12 + length;
        }
        return 1;
    }

    /// <summary>True when the chunks before the image data (IHDR, PLTE, tRNS, eXIf...) all lie within <paramref name="prefix"/>.</summary>
    public static bool ReachesImageData(ReadOnlySpan<byte> prefix)
    {
        long pos = 8;
        while (pos + 8 <= prefix.Length)
        {
            var type = prefix.Slice((int)pos + 4, 4);
            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8)) return true;
            pos += 12 + BinaryPrimitives.ReadUInt32BigEndian(prefix[(int)pos..]);
        }
        return false;
    }
}
