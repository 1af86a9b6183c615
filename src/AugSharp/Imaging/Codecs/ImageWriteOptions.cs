namespace AugSharp;

/// <summary>Options for encoding.</summary>
public sealed record ImageWriteOptions
{
    /// <summary>JPEG and lossy WebP quality, 1..100. Default 90.</summary>
    public int Quality { get; init; } = 90;

    /// <summary>Lossless WebP (VP8L). Default false: lossy WebP at <see cref="Quality"/>. Other formats ignore it (PNG, BMP, TIFF and PGM/PPM are always lossless; JPEG always lossy).</summary>
    public bool Lossless { get; init; }

    /// <summary>
    /// The write options that keep what an input had: <see cref="Lossless"/> when the input was
    /// stored without loss (<see cref="ImageFileInfo.IsLossless"/>: PNG, TIFF, BMP, GIF, PGM/PPM or
    /// lossless WebP), so that an image read from a lossless file is never written back lossy
    /// unless asked; the default quality otherwise.
    /// </summary>
    /// <param name="input">What <see cref="ImageCodec.Identify(string)"/> reported for the input file.</param>
    public static ImageWriteOptions Preserving(ImageFileInfo input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ImageWriteOptions { Lossless = input.IsLossless };
    }
}
