namespace AugSharp;

/// <summary>Image file formats AugSharp reads and writes.</summary>
public enum ImageFormat
{
    /// <summary>Not recognised.</summary>
    Unknown,

    /// <summary>JPEG (8-bit).</summary>
    Jpeg,

    /// <summary>PNG (8- and 16-bit).</summary>
    Png,

    /// <summary>WebP (8-bit, lossy or lossless).</summary>
    WebP,

    /// <summary>Windows bitmap.</summary>
    Bmp,

    /// <summary>GIF (first frame).</summary>
    Gif,

    /// <summary>TIFF (8- and 16-bit, and 32-bit float).</summary>
    Tiff,

    /// <summary>Netpbm PGM/PPM (binary P5/P6, 8- and 16-bit).</summary>
    Pnm,
}
