namespace AugSharp.Imaging.Codecs;

/// <summary>Checks shared by all decoders.</summary>
internal static class CodecGuard
{
    /// <summary>Refuses sizes that are not positive or exceed <see cref="ImageReadOptions.MaxPixels"/>; called before any pixel memory is allocated.</summary>
    public static void CheckSize(long width, long height, int channels, ImageReadOptions options, string? name)
    {
        if (width <= 0 || height <= 0)
            throw new ImageFormatException(name, ImageErrorReason.Corrupt, $"the header declares an invalid size of {width}x{height} pixels.");
        long pixels = width * height;
        if (pixels > options.MaxPixels)
            throw new ImageFormatException(name, ImageErrorReason.TooLarge,
                $"the image is {width}x{height} = {pixels:N0} pixels, more than the limit of {options.MaxPixels:N0} (ImageReadOptions.MaxPixels); it was refused before decoding.");
        if (pixels * channels > Array.MaxLength)
            throw new ImageFormatException(name, ImageErrorReason.TooLarge,
                $"the image is {width}x{height}x{channels}, too large for one buffer.");
    }
}
