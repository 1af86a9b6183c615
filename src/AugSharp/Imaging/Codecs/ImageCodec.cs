using AugSharp.Imaging.Codecs;

namespace AugSharp;

/// <summary>
/// Reads and writes image files: JPEG, PNG (8- and 16-bit), WebP (lossy and lossless), BMP, GIF
/// (first frame; read only), TIFF (8- and 16-bit, and 32-bit float) and binary Netpbm PGM/PPM
/// (8- and 16-bit).
/// </summary>
/// <remarks>
/// <para>The format is recognised from the content (magic numbers in the first 16 bytes, read
/// before anything else), never from the file name, so a PNG named <c>.jpeg</c> is read as PNG and
/// an endless stream such as <c>/dev/zero</c> is refused at once. Decoded pixels are the values
/// stored in the file: no colour management, no gamma, unpremultiplied alpha. The EXIF orientation
/// of JPEG, WebP and PNG files is applied by default (<see cref="ImageReadOptions.ApplyExifOrientation"/>,
/// as browsers and Pillow's <c>exif_transpose</c>); Keras' <c>load_img</c> ignores it, as Keras does.
/// Plain 8-bit JPEG files (gray or colour, sequential or progressive) are decoded by libvips, which
/// gives the same pixels as Skia and Pillow in less time; other JPEG files and every other format
/// go to Skia, LibTiff.NET or AugSharp's own readers.</para>
/// <para>Decoding keeps the file's channels: gray 1, gray+alpha 2, RGB 3, RGBA 4; palette images
/// give 3 channels, or 4 when they have transparency (transparent pixels keep their palette colour,
/// with alpha 0, as Pillow's <c>convert("RGBA")</c>; a BMP whose palette is the identity gray
/// ramp gives 1, as in Pillow). 8-bit files give <see cref="ImageBuffer{T}"/> of <see cref="byte"/>,
/// 16-bit PNG, TIFF and PGM/PPM give <see cref="ImageBuffer{T}"/> of <see cref="ushort"/>, 32-bit
/// float TIFF gives <see cref="ImageBuffer{T}"/> of <see cref="float"/> with the values unchanged.</para>
/// <para>Every reading error is an <see cref="ImageFormatException"/> whose message names the file
/// and whose <see cref="ImageFormatException.Reason"/> says why. An image larger than
/// <see cref="ImageReadOptions.MaxPixels"/> is refused from its header; a PNG or JPEG whose data is
/// far too short for the size its header claims is refused before its pixels are allocated.
/// Truncated files (including a JPEG whose scan stops early at an end marker) are refused rather
/// than returned partly filled, unless <see cref="ImageReadOptions.AllowTruncated"/> is set, which
/// returns them with an <see cref="ImageReadWarning"/>.</para>
/// </remarks>
public static class ImageCodec
{
    /// <summary>Decodes the image file at <paramref name="path"/> with the file's own channels (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA) and depth (byte, or ushort for 16-bit files).</summary>
    /// <exception cref="ImageFormatException">The file is missing or unreadable, empty, truncated, damaged, of an unknown or unsupported kind, or larger than <see cref="ImageReadOptions.MaxPixels"/>.</exception>
    public static ImageBuffer Read(string path, ImageReadOptions? options = null)
    {
        options ??= Defaults.Read;
        var (data, format, _) = ReadEncoded(path, options, identifying: false);
        return Decode(data, format, options, path);
    }

    /// <summary>Decodes an image from a stream (read to its end); <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="ImageFormatException">The data is empty, truncated, damaged, of an unknown or unsupported kind, or larger than <see cref="ImageReadOptions.MaxPixels"/>.</exception>
    public static ImageBuffer Read(Stream stream, ImageReadOptions? options = null, string? name = null)
    {
        options ??= Defaults.Read;
        var (data, format, _) = ReadEncoded(stream, name, options, identifying: false);
        return Decode(data, format, options, name);
    }

    /// <summary>
    /// Decodes a whole encoded file held in memory, reading the array in place (no copy is made);
    /// <paramref name="name"/> names it in errors.
    /// </summary>
    /// <exception cref="ImageFormatException">The data is empty, truncated, damaged, of an unknown or unsupported kind, or larger than <see cref="ImageReadOptions.MaxPixels"/>.</exception>
    public static ImageBuffer Decode(byte[] data, ImageReadOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var format = DetectOrThrow(data.AsSpan(0, Math.Min(SignatureLength, data.Length)), name);
        return Decode(data, format, options ?? Defaults.Read, name);
    }

    /// <summary>Reads format, size (as stored), channels, bit depth, whether the file is lossless and its EXIF orientation, without decoding the pixels.</summary>
    /// <exception cref="ImageFormatException">The file cannot be read or is not a supported image.</exception>
    public static ImageFileInfo Identify(string path)
    {
        var (data, format, info) = ReadEncoded(path, null, identifying: true);
        return info ?? Identify(data, format, path);
    }

    /// <summary>Reads format, size (as stored), channels, bit depth, whether the data is lossless and its EXIF orientation from a stream without decoding the pixels; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="ImageFormatException">The data is not a supported image.</exception>
    public static ImageFileInfo Identify(Stream stream, string? name = null)
    {
        var (data, format, info) = ReadEncoded(stream, name, null, identifying: true);
        return info ?? Identify(data, format, name);
    }

    /// <summary>
    /// Encodes <paramref name="image"/> to <paramref name="path"/> (format from the extension: .jpg, .jpeg,
    /// .png, .webp, .bmp, .tif, .tiff, .ppm, .pgm, .pnm), through a temporary file in the same folder
    /// that is renamed into place: an existing file is replaced only by a complete new one, and
    /// the temporary file never stays behind.
    /// </summary>
    /// <remarks>See <see cref="Write(ImageBuffer, Stream, ImageFormat, ImageWriteOptions?)"/> for what each format accepts.</remarks>
    /// <exception cref="ArgumentException">The extension is not a known image format, or the format cannot hold this image.</exception>
    /// <exception cref="NotSupportedException">GIF, which cannot be written.</exception>
    public static void Write(ImageBuffer image, string path, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var format = FormatFromExtension(path);
        if (format == ImageFormat.Unknown)
            throw new ArgumentException($"Cannot tell the image format from the extension of '{path}'; use .jpg, .jpeg, .png, .webp, .bmp, .tif, .tiff, .ppm, .pgm or .pnm.", nameof(path));
        options ??= Defaults.Write;
        Validate(image, format, options);

        AtomicFile.Write(path, stream => Encode(image, stream, format, options));
    }

    /// <summary>Encodes <paramref name="image"/> to <paramref name="stream"/> in <paramref name="format"/>.</summary>
    /// <remarks>
    /// <para>Byte and ushort images with 1 to 4 channels are accepted; float images are refused
    /// (convert them first with <see cref="ImageBuffer{T}.ConvertTo{TOut}"/>, choosing the scale yourself),
    /// except by TIFF, which writes them as 32-bit float samples, values unchanged.
    /// PNG, TIFF and PGM/PPM keep 16-bit samples; JPEG, WebP and BMP are 8-bit, so ushort images
    /// are converted with <see cref="PixelConversion"/> (<c>round(v/257)</c>).</para>
    /// <para>JPEG holds 1 or 3 channels (images with alpha are refused; drop the alpha channel or use
    /// PNG/WebP). PGM/PPM hold 1 or 3 channels. WebP has no gray mode: gray is written as RGB, and
    /// reads back with 3 channels (gray+alpha as RGBA); lossless WebP may change the colour of fully transparent pixels. BMP writes gray as an 8-bit gray palette,
    /// RGB as 24-bit and gray+alpha or RGBA as 32-bit BGRA. TIFF uses LZW compression.</para>
    /// <para>JPEG is encoded by libvips (bundled through NetVips.Native) with 4:2:0 chroma subsampling and
    /// no metadata; where libvips cannot be loaded, Skia's encoder is used with the same settings.</para>
    /// <para>GIF cannot be written: Skia has no GIF encoder; <see cref="NotSupportedException"/> is thrown.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The format cannot hold this image (channels, element type), or the quality is outside 1..100.</exception>
    /// <exception cref="NotSupportedException">GIF.</exception>
    public static void Write(ImageBuffer image, Stream stream, ImageFormat format, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= Defaults.Write;
        Validate(image, format, options);
        Encode(image, stream, format, options);
    }

    /// <summary>
    /// Encodes <paramref name="image"/> as <see cref="Write(ImageBuffer, Stream, ImageFormat, ImageWriteOptions?)"/>
    /// does and returns the file's bytes (for JPEG, the encoder's own buffer, not a copy).
    /// </summary>
    /// <exception cref="ArgumentException">The format cannot hold this image (channels, element type), or the quality is outside 1..100.</exception>
    /// <exception cref="NotSupportedException">GIF.</exception>
    public static byte[] WriteToArray(ImageBuffer image, ImageFormat format, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= Defaults.Write;
        Validate(image, format, options);
        if (format == ImageFormat.Jpeg && image is ImageBuffer<byte> bytes && VipsJpegEncoder.IsAvailable)
            return VipsJpegEncoder.EncodeToArray(bytes, options.Quality);
        using var stream = new MemoryStream();
        Encode(image, stream, format, options);
        return stream.ToArray();
    }

    /// <summary>Recognises the format from the first bytes of a file (magic numbers), or <see cref="ImageFormat.Unknown"/>. Twelve bytes are enough.</summary>
    public static ImageFormat DetectFormat(ReadOnlySpan<byte> header) => FormatDetector.Detect(header);

    /// <summary>The format implied by a file extension such as ".jpg", or <see cref="ImageFormat.Unknown"/>.</summary>
    public static ImageFormat FormatFromExtension(string path) => FormatDetector.FromExtension(path);

    private static class Defaults
    {
        public static readonly ImageReadOptions Read = new();
        public static readonly ImageWriteOptions Write = new();
    }

    // Bytes read before anything else: enough to recognise every format.
    private const int SignatureLength = 16;

    // Bytes read before the rest of a large file, in which the size of the image is looked for.
    private const int HeaderPrefixLength = 64 * 1024;

    private static (byte[] Data, ImageFormat Format, ImageFileInfo? Info) ReadEncoded(string path, ImageReadOptions? limits, bool identifying)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            throw new ImageFormatException(path, ImageErrorReason.NotReadable, "this is a folder, not an image.");
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return ReadEncoded(file, path, limits, identifying);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException
                                   && ex is not ImageFormatException)
        {
            string why = ex switch
            {
                FileNotFoundException => "the file does not exist.",
                DirectoryNotFoundException => "the folder does not exist.",
                UnauthorizedAccessException => "access is denied.",
                _ => "the file cannot be read (" + ex.Message + ").",
            };
            throw new ImageFormatException(path, ImageErrorReason.NotReadable, why, ex);
        }
    }

    // Recognises the format from the first bytes, and reads the rest only for a known format: an
    // endless or huge stream of something else (/dev/zero) is refused at once. With limits (to
    // decode), an image whose header, within the first 64 KB, claims more than MaxPixels is
    // refused before the rest of the file is read. When identifying, a header found within the
    // first 64 KB answers without reading the rest (Info is then set).
    private static (byte[] Data, ImageFormat Format, ImageFileInfo? Info) ReadEncoded(Stream stream, string? name, ImageReadOptions? limits, bool identifying)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            var prefix = new byte[HeaderPrefixLength];
            int count = stream.ReadAtLeast(prefix.AsSpan(0, SignatureLength), SignatureLength, throwOnEndOfStream: false);
            var format = DetectOrThrow(prefix.AsSpan(0, count), name);
            if (count == SignatureLength)
                count += stream.ReadAtLeast(prefix.AsSpan(count), HeaderPrefixLength - count, throwOnEndOfStream: false);
            if (count < HeaderPrefixLength) return (prefix[..count], format, null);
            if (limits is not null) HeaderCheck.RefuseOversized(prefix, format, limits, name);
            if (identifying && IdentifyFromPrefix(prefix, format, name) is { } info) return (prefix, format, info);

            if (stream.CanSeek)
            {
                long remaining = Math.Max(0, stream.Length - stream.Position);
                if (count + remaining > Array.MaxLength)
                    throw new ImageFormatException(name, ImageErrorReason.TooLarge, $"the file holds {count + remaining:N0} bytes, more than one buffer can hold.");
                var data = new byte[count + remaining];
                prefix.AsSpan(0, count).CopyTo(data);
                int read = stream.ReadAtLeast(data.AsSpan(count), (int)remaining, throwOnEndOfStream: false);
                return (read == remaining ? data : data[..(count + read)], format, null);
            }
            using var memory = new MemoryStream();
            memory.Write(prefix, 0, count);
            stream.CopyTo(memory);
            return (memory.ToArray(), format, null);
        }
        catch (Exception ex) when (ex is IOException or NotSupportedException or ObjectDisposedException && ex is not ImageFormatException)
        {
            throw new ImageFormatException(name, ImageErrorReason.NotReadable, "the stream cannot be read (" + ex.Message + ").", ex);
        }
    }

    private static ImageFormat DetectOrThrow(ReadOnlySpan<byte> signature, string? name)
    {
        if (signature.Length == 0)
            throw new ImageFormatException(name, ImageErrorReason.Empty, "the file is empty (0 bytes).");
        var format = FormatDetector.Detect(signature);
        if (format == ImageFormat.Unknown)
        {
            string hint = name is not null && FormatFromExtension(name) is var claimed && claimed != ImageFormat.Unknown
                ? $", although its name suggests {claimed}" : "";
            throw new ImageFormatException(name, ImageErrorReason.UnknownFormat,
                $"the content is not a known image format{hint} (JPEG, PNG, WebP, BMP, GIF, TIFF or PGM/PPM expected).");
        }
        return format;
    }

    private static ImageBuffer Decode(byte[] data, ImageFormat format, ImageReadOptions options, string? name)
    {
        try
        {
            return format switch
            {
                ImageFormat.Tiff => TiffCodec.Decode(data, options, name),
                ImageFormat.Pnm => PnmCodec.Decode(data, options, name),
                _ => SkiaCodec.Decode(data, format, options, name),
            };
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw new ImageFormatException(name, ImageErrorReason.Corrupt, $"the {format} data is damaged ({ex.Message}).", ex);
        }
    }

    // What the first bytes of a large file say, or null when they are not enough (then the whole
    // file is read). TIFF directories may be anywhere in the file, so TIFF is always read whole.
    private static ImageFileInfo? IdentifyFromPrefix(byte[] prefix, ImageFormat format, string? name)
    {
        if (format == ImageFormat.Tiff) return null;
        if (format == ImageFormat.Png && !PngHeader.ReachesImageData(prefix)) return null;
        try
        {
            return Identify(prefix, format, name);
        }
        catch (ImageFormatException)
        {
            return null;
        }
    }

    private static ImageFileInfo Identify(byte[] data, ImageFormat format, string? name)
    {
        try
        {
            return format switch
            {
                ImageFormat.Tiff => TiffCodec.Identify(data, name),
                ImageFormat.Pnm => PnmCodec.Identify(data, name) with { IsLossless = true },
                _ => SkiaCodec.Identify(data, format, name),
            };
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw new ImageFormatException(name, ImageErrorReason.Corrupt, $"the {format} header is damaged ({ex.Message}).", ex);
        }
    }

    // Exceptions a decoder library may throw on hostile data (not our own, not out-of-memory).
    private static bool IsDecoderFailure(Exception ex)
        => ex is not ImageFormatException and not OutOfMemoryException and not OperationCanceledException
           && ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException or NullReferenceException
               or InvalidDataException or IOException or FormatException or OverflowException or NotSupportedException;

    private static void Validate(ImageBuffer image, ImageFormat format, ImageWriteOptions options)
    {
        if (options.Quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(options), options.Quality, "ImageWriteOptions.Quality must be within 1..100.");
        if (image.PixelType == PixelType.Float32 && format != ImageFormat.Tiff)
            throw new ArgumentException(
                $"Float images can only be written as TIFF ({image}); convert them first, for example with ConvertTo<byte>() for values in 0..255 (rounded and saturated).",
                nameof(image));
        if (image.Channels is < 1 or > 4)
            throw new ArgumentException($"Image files hold 1 to 4 channels; this image has {image.Channels}.", nameof(image));
        switch (format)
        {
            case ImageFormat.Jpeg when image.Channels is 2 or 4:
                throw new ArgumentException(
                    $"JPEG holds 1 (gray) or 3 (RGB) channels and no alpha; this image has {image.Channels}. Drop the alpha channel, or write PNG or WebP.", nameof(image));
            case ImageFormat.Pnm when image.Channels is 2 or 4:
                throw new ArgumentException(
                    $"PGM/PPM hold 1 (gray) or 3 (RGB) channels and no alpha; this image has {image.Channels}. Drop the alpha channel, or write PNG or TIFF.", nameof(image));
            case ImageFormat.Gif:
                throw new NotSupportedException("GIF cannot be written: Skia has no GIF encoder. Write PNG (lossless) or WebP instead.");
            case ImageFormat.Unknown:
                throw new ArgumentException("The image format is Unknown; choose a format to write.", nameof(format));
        }
    }

    private static void Encode(ImageBuffer image, Stream stream, ImageFormat format, ImageWriteOptions options)
    {
        if (image is ImageBuffer<ushort> wide)
        {
            switch (format)
            {
                case ImageFormat.Png:
                    PngWriter.Write(wide, stream);
                    return;
                case ImageFormat.Tiff:
                    TiffCodec.Encode(wide, stream);
                    return;
                case ImageFormat.Pnm:
                    PnmCodec.Encode(wide, stream);
                    return;
            }
            using var narrow = wide.ConvertTo<byte>();
            Encode(narrow, stream, format, options);
            return;
        }

        if (image is ImageBuffer<float> floats)
        {
            TiffCodec.Encode(floats, stream);
            return;
        }

        var bytes = image.As<byte>();
        switch (format)
        {
            case ImageFormat.Png when bytes.Channels == 2:
                PngWriter.Write(bytes, stream);
                break;
            case ImageFormat.Bmp:
                BmpFormat.Write(bytes, stream);
                break;
            case ImageFormat.Tiff:
                TiffCodec.Encode(bytes, stream);
                break;
            case ImageFormat.Pnm:
                PnmCodec.Encode(bytes, stream);
                break;
            case ImageFormat.Jpeg when VipsJpegEncoder.IsAvailable:
                VipsJpegEncoder.Encode(bytes, stream, options.Quality);
                break;
            default:
                SkiaCodec.Encode(bytes, format, stream, options);
                break;
        }
    }
}
