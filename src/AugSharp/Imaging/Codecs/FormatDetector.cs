namespace AugSharp.Imaging.Codecs;

/// <summary>Recognises image formats from magic numbers and from file extensions.</summary>
internal static class FormatDetector
{
    /// <summary>Bytes needed at most to recognise any supported format.</summary>
    public const int HeaderLength = 12;

    public static ImageFormat Detect(ReadOnlySpan<byte> h)
    {
        if (h.Length >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF) return ImageFormat.Jpeg;
        if (h.Length >= 8 && h[..8].SequenceEqual(PngSignature)) return ImageFormat.Png;
        if (h.Length >= 6 && (h[..6].SequenceEqual("GIF87a"u8) || h[..6].SequenceEqual("GIF89a"u8))) return ImageFormat.Gif;
        if (h.Length >= 12 && h[..4].SequenceEqual("RIFF"u8) && h.Slice(8, 4).SequenceEqual("WEBP"u8)) return ImageFormat.WebP;
        if (h.Length >= 4 && ((h[0] == 'I' && h[1] == 'I' && (h[2] == 42 || h[2] == 43) && h[3] == 0)
                              || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && (h[3] == 42 || h[3] == 43)))) return ImageFormat.Tiff;
        if (h.Length >= 14 && h[0] == 'B' && h[1] == 'M') return ImageFormat.Bmp;
        if (h.Length >= 3 && h[0] == 'P' && h[1] >= '1' && h[1] <= '7' && IsPnmSpace(h[2])) return ImageFormat.Pnm;
        return ImageFormat.Unknown;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    internal static bool IsPnmSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;

    public static ImageFormat FromExtension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" or ".jpe" or ".jfif" => ImageFormat.Jpeg,
            ".png" => ImageFormat.Png,
            ".webp" => ImageFormat.WebP,
            ".bmp" or ".dib" => ImageFormat.Bmp,
            ".gif" => ImageFormat.Gif,
            ".tif" or ".tiff" => ImageFormat.Tiff,
            ".ppm" or ".pgm" or ".pnm" => ImageFormat.Pnm,
            _ => ImageFormat.Unknown,
        };
    }
}
