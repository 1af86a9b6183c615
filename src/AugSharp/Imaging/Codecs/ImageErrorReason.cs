namespace AugSharp;

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
