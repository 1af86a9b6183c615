using System.Collections.Concurrent;

namespace AugSharp;

/// <summary>
/// A source on disk that several-image transforms draw companions from (their
/// <c>companion_source</c> parameter). A folder gives every image file under it, searched
/// recursively, listed by its path relative to the folder (with '/') in ordinal order, so that the
/// listing and the drawn files do not depend on the file system's order; each is read as an
/// annotated image without targets. A file is opened by the reader registered for its extension
/// (a COCO <c>.json</c> file by the data-set layer: its images with their boxes, masks and
/// keypoints). An entry is read when an operation applies.
/// </summary>
internal sealed class CompanionSource
{
    private static readonly ConcurrentDictionary<string, CompanionSource> Opened = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Func<string, CompanionSource>> FileReaders = new(StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".webp", ".gif", ".tif", ".tiff", ".ppm", ".pgm", ".pnm" };

    private readonly Func<string, AnnotatedImage> _read;

    /// <summary>A source of <paramref name="entries"/>, each read by <paramref name="read"/>.</summary>
    public CompanionSource(IReadOnlyList<string> entries, Func<string, AnnotatedImage> read)
    {
        Entries = entries;
        _read = read;
    }

    /// <summary>The entries (file paths relative to a folder, or a file's image names), in a fixed order.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>Registers how files with <paramref name="extension"/> (".json") are opened as sources.</summary>
    public static void RegisterFileReader(string extension, Func<string, CompanionSource> open) => FileReaders[extension] = open;

    /// <summary>The source at <paramref name="path"/>: a folder of images, or a file of a registered kind (opened once per process).</summary>
    public static CompanionSource Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Opened.GetOrAdd(path, p =>
        {
            if (Directory.Exists(p)) return Folder(p);
            if (File.Exists(p) && FileReaders.TryGetValue(Path.GetExtension(p), out var open)) return open(p);
            throw new FileNotFoundException($"companion_source: {p} is neither a folder of images nor a file of a known kind ({string.Join(", ", FileReaders.Keys.Order())}).", p);
        });
    }

    /// <summary>Reads <paramref name="entry"/>; the buffers are the caller's.</summary>
    public AnnotatedImage Read(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _read(entry);
    }

    private static CompanionSource Folder(string root)
    {
        var entries = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
        return new CompanionSource(entries, entry => new AnnotatedImage(ImageCodec.Read(Path.Combine(root, entry))));
    }
}
