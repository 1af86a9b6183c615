namespace AugSharp;

/// <summary>Reads and writes image files. (Interface fixed; implementation in progress.)</summary>
public static class ImageCodec
{
    /// <summary>Decodes the image file at <paramref name="path"/> with the file's own channels (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA) and depth (byte, or ushort for 16-bit files).</summary>
    public static ImageBuffer Read(string path, ImageReadOptions? options = null) => throw new NotImplementedException();

    /// <summary>Decodes an image from a stream; <paramref name="name"/> names it in errors.</summary>
    public static ImageBuffer Read(Stream stream, ImageReadOptions? options = null, string? name = null) => throw new NotImplementedException();

    /// <summary>Reads format, size, channels and bit depth without decoding the pixels.</summary>
    public static ImageFileInfo Identify(string path) => throw new NotImplementedException();

    /// <summary>Encodes <paramref name="image"/> to <paramref name="path"/> (format from the extension), through a temporary file renamed into place.</summary>
    public static void Write(ImageBuffer image, string path, ImageWriteOptions? options = null) => throw new NotImplementedException();

    /// <summary>Encodes <paramref name="image"/> to <paramref name="stream"/> in <paramref name="format"/>.</summary>
    public static void Write(ImageBuffer image, Stream stream, ImageFormat format, ImageWriteOptions? options = null) => throw new NotImplementedException();

    /// <summary>Recognises the format from the first bytes of a file (magic numbers), or <see cref="ImageFormat.Unknown"/>.</summary>
    public static ImageFormat DetectFormat(ReadOnlySpan<byte> header) => throw new NotImplementedException();

    /// <summary>The format implied by a file extension such as ".jpg", or <see cref="ImageFormat.Unknown"/>.</summary>
    public static ImageFormat FormatFromExtension(string path) => throw new NotImplementedException();
}

/// <summary>Options for decoding.</summary>
public sealed record ImageReadOptions
{
    /// <summary>Largest accepted width*height; larger images are refused before their pixels are allocated (decompression bombs). Default 178,956,970 pixels, as Pillow's warning limit times two.</summary>
    public long MaxPixels { get; init; } = 178_956_970;
}

/// <summary>Options for encoding.</summary>
public sealed record ImageWriteOptions
{
    /// <summary>JPEG and lossy WebP quality, 1..100. Default 90.</summary>
    public int Quality { get; init; } = 90;

    /// <summary>Lossless WebP.</summary>
    public bool Lossless { get; init; }
}

/// <summary>What a file holds, read without decoding the pixels.</summary>
/// <param name="Format">File format.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">Channels as decoded by <see cref="ImageCodec.Read(string, ImageReadOptions?)"/>.</param>
/// <param name="BitDepth">Bits per channel: 8 or 16.</param>
public sealed record ImageFileInfo(ImageFormat Format, int Width, int Height, int Channels, int BitDepth);

/// <summary>Why an image could not be read.</summary>
public enum ImageErrorReason
{
    /// <summary>The file or stream has no bytes.</summary>
    Empty,

    /// <summary>The data ends before the image does.</summary>
    Truncated,

    /// <summary>The bytes are not an image of any known format (for example a text file named .jpg).</summary>
    UnknownFormat,

    /// <summary>The image is recognised but damaged.</summary>
    Corrupt,

    /// <summary>Width*height exceeds <see cref="ImageReadOptions.MaxPixels"/>.</summary>
    TooLarge,

    /// <summary>A valid image of a kind this codec cannot handle (for example a pixel layout or a bit depth).</summary>
    Unsupported,

    /// <summary>The file cannot be opened (missing, or no permission).</summary>
    NotReadable,
}

/// <summary>An image could not be decoded or encoded; the message names the file and the reason.</summary>
public sealed class ImageFormatException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ImageFormatException(string? fileName, ImageErrorReason reason, string message, Exception? inner = null)
        : base(fileName is null ? message : $"{fileName}: {message}", inner)
    {
        FileName = fileName;
        Reason = reason;
    }

    /// <summary>The file (or stream name) concerned, when known.</summary>
    public string? FileName { get; }

    /// <summary>The reason, for programs that react to it.</summary>
    public ImageErrorReason Reason { get; }
}
