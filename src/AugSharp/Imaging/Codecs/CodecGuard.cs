using System.Globalization;

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
            throw new ImageFormatException(name, ImageErrorReason.TooLarge, string.Create(CultureInfo.InvariantCulture,
                $"the image claims {width}x{height} = {pixels:N0} pixels, more than the limit of {options.MaxPixels:N0}; it was refused from its header, before decoding (a possible decompression bomb). To read it, raise ImageReadOptions.MaxPixels (augsharp: --max-pixels {pixels})."));
        if (pixels * channels > Array.MaxLength)
            throw new ImageFormatException(name, ImageErrorReason.TooLarge,
                $"the image is {width}x{height}x{channels}, too large for one buffer.");
    }

    /// <summary>
    /// Refuses a file whose compressed data is far too short for the size its header claims
    /// (<paramref name="available"/> below <paramref name="minimum"/>, the fewest bytes any encoder could
    /// produce), before the pixel buffer is allocated: such a file is cut or forged, and is refused
    /// even with <see cref="ImageReadOptions.AllowTruncated"/>.
    /// </summary>
    public static void CheckPlausibleLength(long available, long minimum, long width, long height, ImageFormat format, string? name)
    {
        if (available >= minimum) return;
        throw new ImageFormatException(name, ImageErrorReason.Truncated, string.Create(CultureInfo.InvariantCulture,
            $"the file is truncated or its header is forged: {available:N0} bytes of {format.ToString().ToUpperInvariant()} data are far too few for the {width}x{height} pixels the header claims (any encoder needs at least {minimum:N0})."));
    }

    /// <summary>Data that ends before the image does: an error, or with <see cref="ImageReadOptions.AllowTruncated"/> a warning.</summary>
    public static void Truncated(ImageReadOptions options, string? name, string what)
    {
        string message = $"the data ends before the image does (truncated: {what}).";
        if (!options.AllowTruncated)
            throw new ImageFormatException(name, ImageErrorReason.Truncated, message + " ImageReadOptions.AllowTruncated (augsharp: --allow-truncated) reads what is there.");
        options.Warning?.Invoke(new ImageReadWarning(name, ImageErrorReason.Truncated, message + " The missing part was filled by the decoder."));
    }
}
