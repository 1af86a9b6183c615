namespace AugSharp.Training;

/// <summary>
/// The items a training loop reads: a stable key per item (its path relative to the data set's
/// root, with <c>/</c>, which seeds its random stream), its class index, and a reader that loads it
/// as an annotated image. Items are read when they are needed, never all at once.
/// </summary>
public sealed class TrainingSet
{
    private readonly Func<int, AnnotatedImage> _read;

    /// <summary>A set of <paramref name="keys"/>.Count items.</summary>
    /// <param name="keys">Each item's stable key (for example its relative path).</param>
    /// <param name="labels">Each item's class index, or null for unlabelled items (-1).</param>
    /// <param name="classNames">The class names, by index.</param>
    /// <param name="read">Loads item i.</param>
    public TrainingSet(IReadOnlyList<string> keys, IReadOnlyList<int>? labels, IReadOnlyList<string> classNames, Func<int, AnnotatedImage> read)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(read);
        if (labels is not null && labels.Count != keys.Count) throw new ArgumentException($"{labels.Count} labels for {keys.Count} items.", nameof(labels));
        Keys = keys;
        Labels = labels ?? Enumerable.Repeat(-1, keys.Count).ToArray();
        ClassNames = classNames;
        _read = read;
    }

    /// <summary>Each item's stable key.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Each item's class index (-1 when unlabelled).</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The class names, by index.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Items in the set.</summary>
    public int Count => Keys.Count;

    /// <summary>Loads item <paramref name="index"/>.</summary>
    public AnnotatedImage Read(int index) => _read(index);

    /// <summary>
    /// A class-folder data set (Keras' <c>flow_from_directory</c>): every image under each
    /// subfolder of <paramref name="root"/>, the subfolders being the classes in ordinal order, as
    /// Keras numbers them. Images directly in the root are left out.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static TrainingSet FromClassFolders(string root, ImageReadOptions? readOptions = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var listing = Datasets.ImageFolder.List(root);
        var files = listing.Files.Select(f => f.Replace(Path.DirectorySeparatorChar, '/')).Where(f => f.Contains('/')).ToList();
        var classes = files.Select(f => f[..f.IndexOf('/')]).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = classes.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var labels = files.Select(f => index[f[..f.IndexOf('/')]]).ToArray();
        string full = listing.Root;
        return new TrainingSet(files, labels, classes, i => new AnnotatedImage(ImageCodec.Read(Path.Combine(full, files[i]), readOptions)));
    }
}
