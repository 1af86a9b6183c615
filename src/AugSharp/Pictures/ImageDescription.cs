namespace AugSharp.Pictures;

/// <summary>What an image file holds: its header, its size on disk and per-channel statistics.</summary>
/// <param name="Path">The file.</param>
/// <param name="Info">Format, size, channels and bit depth.</param>
/// <param name="FileSize">Bytes on disk.</param>
/// <param name="Channels">Min, max and mean of each channel, in the file's own value range.</param>
public sealed record ImageDescription(string Path, ImageFileInfo Info, long FileSize, IReadOnlyList<ChannelStatistics> Channels)
{
    /// <summary>Reads and decodes <paramref name="path"/> (with <paramref name="options"/>, or the defaults) and describes it.</summary>
    /// <exception cref="ImageFormatException">The file is missing, unreadable or not a supported image.</exception>
    public static ImageDescription Describe(string path, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = ImageCodec.Identify(path);
        using var image = ImageCodec.Read(path, options);
        return new ImageDescription(path, info, new FileInfo(path).Length, ImageStatistics.Compute(image));
    }

    /// <summary>Conventional channel names: gray; gray, alpha; R, G, B; R, G, B, A; else the indices.</summary>
    public static IReadOnlyList<string> ChannelNames(int channels) => channels switch
    {
        1 => ["gray"],
        2 => ["gray", "alpha"],
        3 => ["R", "G", "B"],
        4 => ["R", "G", "B", "A"],
        _ => Enumerable.Range(0, channels).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
    };
}
