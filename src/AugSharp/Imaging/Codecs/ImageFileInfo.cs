namespace AugSharp;

/// <summary>What a file holds, read without decoding the pixels.</summary>
/// <param name="Format">File format.</param>
/// <param name="Width">Columns, as stored in the file (before any EXIF orientation).</param>
/// <param name="Height">Rows, as stored in the file (before any EXIF orientation).</param>
/// <param name="Channels">Channels as decoded by <see cref="ImageCodec.Read(string, ImageReadOptions?)"/>.</param>
/// <param name="BitDepth">Bits per channel: 8, 16, or 32 for float TIFF.</param>
public sealed record ImageFileInfo(ImageFormat Format, int Width, int Height, int Channels, int BitDepth)
{
    /// <summary>
    /// True when the file stores its pixels without loss: PNG, BMP, GIF, TIFF, PGM/PPM, and WebP
    /// in its lossless (VP8L) mode; false for JPEG and lossy WebP. A writer that must keep what the
    /// input had uses <see cref="ImageWriteOptions.Preserving"/>.
    /// </summary>
    public bool IsLossless { get; init; }

    /// <summary>
    /// The EXIF orientation tag, 1 to 8 (1, the default, when absent): 1 as stored, 2 mirrored,
    /// 3 rotated 180 degrees, 4 flipped, 5 transposed, 6 to be rotated 90 degrees clockwise,
    /// 7 transversed, 8 to be rotated 90 degrees counter-clockwise. <see cref="ImageCodec.Read(string, ImageReadOptions?)"/>
    /// applies it unless <see cref="ImageReadOptions.ApplyExifOrientation"/> is false.
    /// </summary>
    public int Orientation { get; init; } = 1;

    /// <summary>True for orientations 5 to 8, which swap width and height when applied.</summary>
    public bool SwapsWidthAndHeight => Orientation is >= 5 and <= 8;
}
