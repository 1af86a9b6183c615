using System.Collections.Concurrent;

namespace AugSharp.Studio;

/// <summary>
/// The images the studio may read: the image files directly inside the chosen folder (or the
/// sample photos). A name from a request is only ever looked up in that listing, so no request
/// reaches a file outside the folder: names with separators or <c>..</c> are refused, absolute
/// paths are refused, and a symbolic link whose target lies outside the folder is refused.
/// </summary>
internal sealed class StudioImages
{
    private readonly StudioOptions _options;
    private readonly string? _root;
    private readonly ConcurrentDictionary<string, (string Key, byte[] Jpeg)> _thumbnails = new(StringComparer.Ordinal);
    private readonly object _lastLock = new();
    private (string Key, AnnotatedImage Image)? _last;
    private readonly Datasets.CocoDataset? _coco;

    public StudioImages(StudioOptions options)
    {
        _options = options;
        if (options.Folder is not null)
        {
            var dir = new DirectoryInfo(Path.GetFullPath(options.Folder));
            if (!dir.Exists) throw new DirectoryNotFoundException($"folder not found: {options.Folder}");
            _root = dir.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir.FullName;
            _root = Path.TrimEndingDirectorySeparator(_root);
        }
        else if (options.SampleImages.Count == 0)
        {
            throw new ArgumentException("The studio needs a folder or sample images.", nameof(options));
        }
        // Read now: a bad annotations file stops the start with its message.
        _coco = options.AnnotationsPath is null ? null : Datasets.CocoDataset.Load(options.AnnotationsPath);
        Oriented = _root is null ? null : StudioOrientedSource.Find(_root);
    }

    /// <summary>The DOTA or YOLO-OBB labels of the folder's images (the folder is that layout's <c>images</c> folder), or null.</summary>
    public StudioOrientedSource? Oriented { get; }

    /// <summary>The folder the images come from (resolved), or null for the sample photos.</summary>
    public string? Root => _root;

    /// <summary>The image names, sorted.</summary>
    public IReadOnlyList<string> List()
    {
        if (_root is null) return _options.SampleImages.Select(s => s.Name).ToArray();
        if (_options.OnlyImage is not null) return [_options.OnlyImage];
        return Directory.EnumerateFiles(_root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.StartsWith('.') && ImageCodec.FormatFromExtension(n) is not ImageFormat.Unknown)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The full path of image <paramref name="name"/> inside the folder; refuses any name that <see cref="List"/> would not give.</summary>
    public string ResolvePath(string? name)
    {
        if (_root is null) throw new StudioRequestException(400, "the sample photos are not files");
        CheckName(name);
        string path = Path.Combine(_root, name!);
        // The same rule as the listing, without listing the folder on every request.
        bool listed = _options.OnlyImage is not null
            ? name == _options.OnlyImage
            : !name!.StartsWith('.') && ImageCodec.FormatFromExtension(name) is not ImageFormat.Unknown;
        if (!listed || !File.Exists(path)) throw new StudioRequestException(404, $"no image named '{name}' in {_root}");
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
        if (target is not null && !IsInside(target.FullName))
            throw new StudioRequestException(403, $"'{name}' is a link to a file outside {_root}; the studio serves only the folder's own files");
        return path;
    }

    /// <summary>Refuses names that are not a plain file name (empty, absolute, with a separator or <c>..</c>).</summary>
    public static void CheckName(string? name)
    {
        if (string.IsNullOrEmpty(name)) throw new StudioRequestException(400, "no image name given");
        if (Path.IsPathRooted(name) || name.Contains('/') || name.Contains('\\') || name.Contains("..", StringComparison.Ordinal) || name.Contains('\0'))
            throw new StudioRequestException(403, $"'{name}' is not a file name of the folder; the studio serves only the folder's own files");
    }

    /// <summary>True when <paramref name="fullPath"/> lies inside the folder.</summary>
    public bool IsInside(string fullPath)
    {
        if (_root is null) return false;
        string parent = Path.GetDirectoryName(Path.GetFullPath(fullPath)) ?? "";
        var parentInfo = new DirectoryInfo(parent);
        string resolved = Path.TrimEndingDirectorySeparator(parentInfo.Exists ? parentInfo.ResolveLinkTarget(true)?.FullName ?? parentInfo.FullName : parent);
        return string.Equals(resolved, _root, StringComparison.Ordinal);
    }

    /// <summary>Decodes image <paramref name="name"/> with the studio's read limits, with its COCO annotations when given and its oriented boxes when the folder is a DOTA or YOLO-OBB <c>images</c> folder. The last one is kept for the next render: do not dispose it.</summary>
    public AnnotatedImage Load(string? name)
    {
        var (key, decode) = Source(name);
        lock (_lastLock)
        {
            if (_last is { } last && last.Key == key) return last.Image;
        }
        AnnotatedImage annotated;
        if (_root is not null && Oriented?.Item(ResolvePath(name)) is { } item)
        {
            // The layout's own reader: the pixels with the label file's oriented boxes.
            try
            {
                annotated = Oriented.Reader.Load(item, File.ReadAllBytes(item.SourcePath), _options.ReadOptions);
            }
            catch (FormatException e)
            {
                throw new StudioRequestException(400, e.Message);
            }
            if (_coco is { } c && c.FindImage(name!) is { } cocoEntry)
            {
                var fromCoco = c.Annotate(annotated.Image, cocoEntry);
                annotated = fromCoco.With(orientedBoxes: [.. fromCoco.OrientedBoxes, .. annotated.OrientedBoxes]);
            }
        }
        else
        {
            var pixels = decode();
            annotated = new AnnotatedImage(pixels);
            if (_coco is { } coco && coco.FindImage(name!) is { } entry) annotated = coco.Annotate(pixels, entry);
        }
        lock (_lastLock) _last = (key, annotated);
        return annotated;
    }

    /// <summary>The cache key of image <paramref name="name"/> (its path and time of change) and how to decode it; refuses names outside the folder.</summary>
    private (string Key, Func<ImageBuffer> Decode) Source(string? name)
    {
        if (_root is null)
        {
            CheckName(name);
            var sample = _options.SampleImages.FirstOrDefault(s => s.Name == name) ?? throw new StudioRequestException(404, $"no sample image named '{name}'");
            return (sample.Name, () => ImageCodec.Read(new MemoryStream(sample.Data, writable: false), _options.ReadOptions, sample.Name));
        }
        string path = ResolvePath(name);
        return (path + "|" + File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), () => ImageCodec.Read(path, _options.ReadOptions));
    }

    /// <summary>True when the image has COCO annotations or a DOTA or YOLO-OBB label file.</summary>
    public bool HasAnnotations(string name) => _coco?.FindImage(name) is not null || (_root is not null && Oriented?.Item(Path.Combine(_root, name)) is not null);

    /// <summary>A small JPEG of image <paramref name="name"/> (longest side 160 pixels), cached.</summary>
    public byte[] Thumbnail(string? name)
    {
        var (key, decode) = Source(name);
        if (_thumbnails.TryGetValue(name!, out var cached) && cached.Key == key) return cached.Jpeg;
        using var image = decode();
        using var bytes = PixelConversion.ToBytes(image);
        using var small = Pictures.PictureResize.Fit(bytes, 160);
        using var stream = new MemoryStream();
        ImageCodec.Write(small, stream, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 85 });
        byte[] jpeg = stream.ToArray();
        _thumbnails[name!] = (key, jpeg);
        return jpeg;
    }
}
