namespace AugSharp;

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
