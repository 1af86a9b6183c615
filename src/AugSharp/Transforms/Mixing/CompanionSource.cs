using System.Collections.Concurrent;

namespace AugSharp;

/// <summary>
/// A folder of images that several-image transforms draw companions from (their
/// <c>companion_source</c> parameter): every image file under it, searched recursively, listed by
/// its path relative to the folder (with '/') in ordinal order, so that the listing and the drawn
/// files do not depend on the file system's order. A file is read when an operation applies, as
/// an annotated image without targets.
/// </summary>
internal sealed class CompanionSource
{
    private static readonly ConcurrentDictionary<string, CompanionSource> Opened = new(StringComparer.Ordinal);
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".webp", ".gif", ".tif", ".tiff", ".ppm", ".pgm", ".pnm" };

    private readonly string _root;

    private CompanionSource(string root)
    {
        _root = root;
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"companion_source: no folder {root}");
        Entries = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The image files, relative to the folder, in ordinal order.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>The source of the folder <paramref name="path"/> (listed once per process).</summary>
    public static CompanionSource Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Opened.GetOrAdd(path, p => new CompanionSource(p));
    }

    /// <summary>Reads <paramref name="entry"/> (a path relative to the folder).</summary>
    public AnnotatedImage Read(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AnnotatedImage(ImageCodec.Read(Path.Combine(_root, entry)));
    }
}
