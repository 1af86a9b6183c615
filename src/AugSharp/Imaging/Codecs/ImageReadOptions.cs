namespace AugSharp;

/// <summary>Options for decoding.</summary>
public sealed record ImageReadOptions
{
    /// <summary>The default <see cref="MaxPixels"/>: 178,956,970 pixels (about 13,377x13,377), the size at which Pillow raises <c>DecompressionBombError</c>.</summary>
    public const long DefaultMaxPixels = 178_956_970;

    /// <summary>
    /// Largest accepted width*height. A larger image is refused from its header, before its
    /// pixels are allocated (decompression bombs), with <see cref="ImageErrorReason.TooLarge"/>.
    /// Default <see cref="DefaultMaxPixels"/> (178,956,970, as Pillow's <c>MAX_IMAGE_PIXELS</c> times two);
    /// raise it to read larger images (the CLI's <c>--max-pixels</c>).
    /// </summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>
    /// When true, a file whose data ends before its image does (a cut download, or a JPEG whose
    /// scan ends early with an end marker) is returned with the rows that could be decoded (the
    /// rest as the decoder fills it, usually gray for JPEG) and reported through <see cref="Warning"/>,
    /// instead of raising <see cref="ImageFormatException"/> with <see cref="ImageErrorReason.Truncated"/>.
    /// Default false. A file far too short for the size its header claims is refused even so.
    /// </summary>
    public bool AllowTruncated { get; init; }

    /// <summary>
    /// When true (the default), a JPEG, WebP or PNG with an EXIF orientation tag is returned the way
    /// it is meant to be shown (rotated and/or mirrored, as browsers and Pillow's
    /// <c>ImageOps.exif_transpose</c> do), so an orientation of 5 to 8 swaps width and height. When false
    /// the pixels are returned as stored. <see cref="ImageFileInfo.Orientation"/> reports the tag.
    /// Keras' <c>load_img</c> (<see cref="Keras.KerasImage.LoadImg"/>) ignores it, as Keras does.
    /// </summary>
    public bool ApplyExifOrientation { get; init; } = true;

    /// <summary>Receives what was accepted but is worth telling (a truncated file read with <see cref="AllowTruncated"/>). Null: warnings are dropped.</summary>
    public Action<ImageReadWarning>? Warning { get; init; }
}

/// <summary>Something wrong with a file that was read anyway (see <see cref="ImageReadOptions.AllowTruncated"/>).</summary>
/// <param name="FileName">The file (or stream name), when known.</param>
/// <param name="Reason">What is wrong, for example <see cref="ImageErrorReason.Truncated"/>.</param>
/// <param name="Message">A sentence saying what happened.</param>
public sealed record ImageReadWarning(string? FileName, ImageErrorReason Reason, string Message)
{
    /// <summary>"file: message", as one line for a log or the console.</summary>
    public override string ToString() => FileName is null ? Message : $"{FileName}: {Message}";
}
