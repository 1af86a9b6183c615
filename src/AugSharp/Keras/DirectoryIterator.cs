namespace AugSharp.Keras;

/// <summary>
/// Keras' <c>DirectoryIterator</c>: one class per sub-directory (sorted by code point), files
/// walked as Keras walks them, loaded with <see cref="KerasImage.LoadImg"/>, augmented and
/// standardised. A file that cannot be decoded raises an <see cref="ImageFormatException"/>
/// naming it, as Keras does at load time.
/// </summary>
public sealed class DirectoryIterator : KerasIterator
{
    private readonly ImageDataGenerator _generator;
    private readonly string[] _filepaths;
    private readonly (int Height, int Width) _targetSize;
    private readonly string _colorMode;
    private readonly string? _classMode;
    private readonly string _interpolation;
    private readonly bool _keepAspectRatio;
    private readonly string? _saveToDir;
    private readonly string _savePrefix;
    private readonly string _saveFormat;

    private DirectoryIterator(ImageDataGenerator generator, string directory, Listing listing, (int, int) targetSize, string colorMode,
        string? classMode, int batchSize, bool shuffle, int? seed, string? saveToDir, string savePrefix, string saveFormat,
        string interpolation, bool keepAspectRatio)
        : base(listing.Filenames.Count, batchSize, shuffle, seed)
    {
        _generator = generator;
        Directory = directory;
        ClassIndices = listing.ClassIndices;
        Filenames = listing.Filenames;
        Classes = listing.Classes;
        _filepaths = [.. listing.Filenames.Select(f => Path.Combine(directory, f))];
        _targetSize = targetSize;
        _colorMode = colorMode;
        _classMode = classMode;
        _interpolation = interpolation;
        _keepAspectRatio = keepAspectRatio;
        _saveToDir = saveToDir;
        _savePrefix = savePrefix;
        _saveFormat = saveFormat;
    }

    /// <summary>The class modes Keras accepts (null means none).</summary>
    public static IReadOnlyList<string?> AllowedClassModes { get; } = ["categorical", "binary", "sparse", "input", null];

    /// <summary>The root directory.</summary>
    public string Directory { get; }

    /// <summary>Class name to index.</summary>
    public IReadOnlyDictionary<string, int> ClassIndices { get; }

    /// <summary>Number of classes.</summary>
    public int NumClasses => ClassIndices.Count;

    /// <summary>Number of images.</summary>
    public int Samples => Filenames.Count;

    /// <summary>Paths relative to <see cref="Directory"/>, "/"-separated, in Keras' order.</summary>
    public IReadOnlyList<string> Filenames { get; }

    /// <summary>The class index of each file.</summary>
    public IReadOnlyList<int> Classes { get; }

    /// <summary>Absolute paths of the files.</summary>
    public IReadOnlyList<string> Filepaths => _filepaths;

    /// <summary>Keras' summary line: "Found N images belonging to K classes."</summary>
    public string Summary => $"Found {Samples} images belonging to {NumClasses} classes.";

    internal static DirectoryIterator Create(ImageDataGenerator generator, string directory, (int Height, int Width) targetSize, string colorMode,
        IReadOnlyList<string>? classes, string? classMode, int batchSize, bool shuffle, int? seed, string? saveToDir, string savePrefix,
        string saveFormat, bool followLinks, string? subset, string interpolation, bool keepAspectRatio)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (colorMode is not ("rgb" or "rgba" or "grayscale"))
            throw new ArgumentException($"Invalid color mode: {colorMode}; expected \"rgb\", \"rgba\", or \"grayscale\".", nameof(colorMode));
        (double, double)? split = subset switch
        {
            null => null,
            "validation" => (0, generator.ValidationSplit),
            "training" => (generator.ValidationSplit, 1),
            _ => throw new ArgumentException($"Invalid subset name: {subset};expected \"training\" or \"validation\"", nameof(subset)),
        };
        if (!AllowedClassModes.Contains(classMode))
            throw new ArgumentException($"Invalid class_mode: {classMode}; expected one of: categorical, binary, sparse, input, None", nameof(classMode));
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{directory}: no such directory.");
        var listing = List(directory, classes, split, followLinks);
        return new DirectoryIterator(generator, directory, listing, targetSize, colorMode, classMode, batchSize, shuffle, seed,
            saveToDir, savePrefix, saveFormat, interpolation, keepAspectRatio);
    }

    /// <inheritdoc />
    protected override KerasBatch GetBatch(int[] indexArray, int epoch)
    {
        var items = new List<NdArray>(indexArray.Length);
        var streams = new RandomStream[indexArray.Length];
        for (int i = 0; i < indexArray.Length; i++)
        {
            int j = indexArray[i];
            streams[i] = StreamFor(j, epoch);
            using var image = KerasImage.LoadImg(_filepaths[j], _colorMode, _targetSize, _interpolation, _keepAspectRatio);
            var x = KerasImage.ImgToArray(image, _generator.DataFormat);
            var parameters = _generator.Sample(streams[i], x.Shape);
            items.Add(_generator.Standardize(_generator.ApplyTransform(x, parameters)));
        }
        var batchX = NdArray.Stack(items);
        if (_saveToDir is not null)
        {
            for (int i = 0; i < indexArray.Length; i++)
            {
                string name = $"{_savePrefix}_{indexArray[i]}_{streams[i].NextInt(10_000_000)}.{_saveFormat}";
                KerasImage.SaveImg(Path.Combine(_saveToDir, name), batchX.GetItem(i), _generator.DataFormat, scale: true);
            }
        }
        NdArray? batchY = _classMode switch
        {
            "input" => batchX.Copy(),
            "binary" or "sparse" => new NdArray([.. indexArray.Select(j => (float)Classes[j])], indexArray.Length),
            "categorical" => OneHot(indexArray),
            _ => null,
        };
        return new KerasBatch(batchX, batchY, null);
    }

    private NdArray OneHot(int[] indexArray)
    {
        var y = new NdArray(indexArray.Length, NumClasses);
        for (int i = 0; i < indexArray.Length; i++) y.Data[i * NumClasses + Classes[indexArray[i]]] = 1f;
        return y;
    }

    private sealed record Listing(IReadOnlyDictionary<string, int> ClassIndices, IReadOnlyList<string> Filenames, IReadOnlyList<int> Classes);

    private static Listing List(string directory, IReadOnlyList<string>? classes, (double Start, double Stop)? split, bool followLinks)
    {
        List<string> classNames;
        if (classes is null || classes.Count == 0)
        {
            classNames = [.. new DirectoryInfo(directory).EnumerateFileSystemInfos()
                .Where(IsDirectory)
                .Select(d => d.Name)
                .OrderBy(n => n, StringComparer.Ordinal)];
        }
        else
        {
            classNames = [.. classes];
        }
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classNames.Count; i++) indices[classNames[i]] = i;

        var filenames = new List<string>();
        var labels = new List<int>();
        foreach (var className in classNames)
        {
            string classDir = Path.Combine(directory, className);
            var files = ValidFiles(classDir, followLinks).ToList();
            if (split is { } s)
            {
                int start = (int)(s.Start * files.Count);
                int stop = (int)(s.Stop * files.Count);
                files = files.Skip(start).Take(Math.Max(0, stop - start)).ToList();
            }
            string dirname = Path.GetFileName(classDir.TrimEnd(Path.DirectorySeparatorChar, '/'));
            foreach (var (root, name) in files)
            {
                string relative = Path.GetRelativePath(classDir, Path.Combine(root, name)).Replace(Path.DirectorySeparatorChar, '/');
                filenames.Add(dirname + "/" + relative);
                labels.Add(indices[dirname]);
            }
        }
        return new Listing(indices, filenames, labels);
    }

    /// <summary>Keras' <c>_iter_valid_files</c>: os.walk roots sorted by path string, then sorted names, whitelisted without a dot.</summary>
    private static IEnumerable<(string Root, string Name)> ValidFiles(string classDir, bool followLinks)
    {
        if (!System.IO.Directory.Exists(classDir)) yield break;
        var roots = new List<(string Root, List<string> Files)>();
        Walk(classDir, followLinks, roots);
        roots.Sort((a, b) => string.CompareOrdinal(a.Root, b.Root));
        foreach (var (root, files) in roots)
        {
            files.Sort(StringComparer.Ordinal);
            foreach (var name in files)
            {
                string lower = name.ToLowerInvariant();
                if (KerasImage.WhiteListFormats.Any(ext => lower.EndsWith(ext, StringComparison.Ordinal))) yield return (root, name);
            }
        }
    }

    /// <summary>os.walk: each directory listed once, its non-directory entries kept with it; linked subdirectories entered only with <paramref name="followLinks"/>.</summary>
    private static void Walk(string dir, bool followLinks, List<(string Root, List<string> Files)> roots)
    {
        var files = new List<string>();
        roots.Add((dir, files));
        List<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // os.walk ignores directories it cannot list
        }
        foreach (var entry in entries)
        {
            if (!IsDirectory(entry)) files.Add(entry.Name);
            else if (entry.LinkTarget is null || followLinks) Walk(entry.FullName, followLinks, roots);
        }
    }

    private static bool IsDirectory(FileSystemInfo entry)
    {
        if (entry is DirectoryInfo) return entry.LinkTarget is null || System.IO.Directory.Exists(entry.FullName);
        return false;
    }
}
