using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>
/// One input image of a data set, as a <see cref="DatasetReader"/> lists it.
/// </summary>
/// <param name="Key">
/// The item's stable name: its path relative to the image root, with <c>/</c> separators. Its
/// hash (<see cref="RandomStream.ItemKey"/>) derives the item's random streams, split and shard,
/// so adding or removing other items never changes its outputs.
/// </param>
/// <param name="SourcePath">The image file (full path).</param>
/// <param name="Label">The item's class, or null when the layout has none.</param>
/// <param name="Data">What the layout's writer needs about the item (the extra CSV columns, the COCO objects...), or null.</param>
public sealed record DatasetItem(string Key, string SourcePath, string? Label, JsonNode? Data = null);

/// <summary>What a <see cref="DatasetReader"/> found in its input.</summary>
/// <param name="ImageRoot">The folder the item keys are relative to (full path).</param>
/// <param name="Items">The items, sorted ordinally by key, keys unique.</param>
/// <param name="Errors">Inputs that were skipped (a malformed row, a path leaving the data set, a folder that cannot be listed).</param>
/// <param name="WriterSettings">What the writer needs to write the data set back (a CSV header, COCO categories), kept with the run's settings so that shards can be merged.</param>
public sealed record DatasetScan(string ImageRoot, IReadOnlyList<DatasetItem> Items, IReadOnlyList<GenerationError> Errors, JsonObject WriterSettings);

/// <summary>
/// The input side of a data set layout: lists the items of an input and reads each as an
/// <see cref="AnnotatedImage"/> (its boxes, masks and keypoints when the layout has them).
/// </summary>
public abstract class DatasetReader
{
    /// <summary>Lists the items of <paramref name="input"/>, never entering <paramref name="excludedFolder"/> (the run's output folder).</summary>
    public abstract DatasetScan Scan(string input, string? excludedFolder);

    /// <summary>
    /// The annotated image of <paramref name="item"/> from its encoded bytes. The default
    /// decodes the image and has no targets.
    /// </summary>
    public virtual AnnotatedImage Load(DatasetItem item, ReadOnlyMemory<byte> encoded, ImageReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(item);
        // The file's bytes are decoded in place when they fill their array (as the generator reads them).
        byte[] data = MemoryMarshal.TryGetArray(encoded, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : encoded.ToArray();
        return new AnnotatedImage(ImageCodec.Decode(data, options, item.SourcePath));
    }
}

/// <summary>
/// The output side of a data set layout: where each output image goes, what is recorded about it
/// (its moved boxes, its CSV columns), the annotation files written beside each image, and the
/// aggregate files (a CSV, a COCO JSON) written once at the end from the sorted records. Every
/// method works from records alone, so that a resumed run and merged shards write the same
/// files as a single run.
/// </summary>
public abstract class DatasetWriter
{
    /// <summary>
    /// The output image's path relative to its split folder (the output folder without splits).
    /// The default keeps the item's folders: <c>dogs/rex.jpg</c> gives <c>dogs/rex_aug3.jpg</c>
    /// for copy 3 and <c>dogs/rex.jpg</c> for the original (copy null).
    /// </summary>
    /// <param name="item">The input item.</param>
    /// <param name="copy">The copy number, or null for the original.</param>
    /// <param name="extension">The output file's extension, with its dot.</param>
    public virtual string ImagePath(DatasetItem item, int? copy, string extension)
    {
        ArgumentNullException.ThrowIfNull(item);
        string dir = item.Key.LastIndexOf('/') is var slash and >= 0 ? item.Key[..(slash + 1)] : "";
        string stem = Path.GetFileNameWithoutExtension(item.Key);
        return copy is { } k ? $"{dir}{stem}_aug{k}{extension}" : $"{dir}{stem}{extension}";
    }

    /// <summary>
    /// What the record of an output keeps for the aggregate files (for example the moved boxes),
    /// or null. <paramref name="output"/> is the augmented image (the original for copy null).
    /// </summary>
    public virtual JsonNode? Annotate(DatasetItem item, AnnotatedImage output) => null;

    /// <summary>
    /// The annotation files written beside an output image (a YOLO txt, a VOC XML, a mask PNG), as
    /// paths relative to the output folder with their content; none by default. They are written
    /// before the image, listed in the record's <see cref="GenerationRecord.Files"/>, and copied as
    /// they are by a merge.
    /// </summary>
    /// <param name="item">The input item.</param>
    /// <param name="output">The output (augmented, or the original), with its moved targets.</param>
    /// <param name="record">The output's record (its <see cref="GenerationRecord.Output"/> is the image's path relative to the output folder).</param>
    public virtual IReadOnlyList<(string RelativePath, byte[] Content)> ItemFiles(DatasetItem item, AnnotatedImage output, GenerationRecord record) => [];

    /// <summary>
    /// Writes the aggregate files of one split (or of the whole output without splits) into
    /// <paramref name="folder"/> from its records, sorted by output path; returns the files
    /// written, relative to <paramref name="folder"/>. Nothing by default.
    /// </summary>
    /// <param name="folder">The split's folder (full path).</param>
    /// <param name="split">The split's name, or null.</param>
    /// <param name="records">The split's records, sorted by output path; their <see cref="GenerationRecord.Output"/> includes the split folder.</param>
    public virtual IReadOnlyList<string> WriteAggregates(string folder, string? split, IEnumerable<GenerationRecord> records) => [];

    /// <summary>
    /// Writes the aggregate files of the whole output into <paramref name="outputFolder"/> once,
    /// after the splits' aggregates (a YOLO <c>data.yaml</c> naming every split's image folder);
    /// returns the files written, relative to the output folder. Nothing by default.
    /// </summary>
    /// <param name="outputFolder">The output folder (full path).</param>
    /// <param name="records">Every record of the output, sorted by output path.</param>
    public virtual IReadOnlyList<string> WriteRootAggregates(string outputFolder, IEnumerable<GenerationRecord> records) => [];

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically (see <see cref="AtomicFile"/>).</summary>
    protected static void WriteFile(string path, Action<Stream> content) => AtomicFile.Write(path, content);
}

/// <summary>
/// A data set layout: its name on the command line, how it is recognised, and its reader and
/// writer. Register new layouts (COCO, YOLO, VOC, image+mask folders) with
/// <see cref="DatasetLayouts.Register"/>; the generation engine does not change.
/// </summary>
/// <param name="Name">The layout's name, such as <c>folders</c> or <c>csv</c>.</param>
/// <param name="Description">One line for help texts.</param>
/// <param name="Detect">True when an input (file or folder) is in this layout, for <c>--layout auto</c>.</param>
/// <param name="CreateReader">The reader.</param>
/// <param name="CreateWriter">The writer, from the reader's <see cref="DatasetScan.WriterSettings"/>.</param>
public sealed record DatasetLayout(string Name, string Description, Func<string, bool> Detect, Func<DatasetReader> CreateReader, Func<JsonObject, DatasetWriter> CreateWriter);

/// <summary>The known data set layouts, in the order <c>auto</c> tries them.</summary>
public static class DatasetLayouts
{
    private static readonly List<DatasetLayout> Known =
    [
        new("coco", "a COCO JSON file (boxes, polygon and RLE masks, keypoints, rotated boxes as rbox), written back as a COCO file with them all moved", CocoLayout.Detect, () => new CocoLayout.Reader(), s => new CocoLayout.Writer(s)),
        new("csv", "a CSV file of path,label[,more columns] (Keras flow_from_dataframe), written back as a CSV", CsvLayout.Detect, () => new CsvLayout.Reader(), s => new CsvLayout.Writer(s)),
        new("yolo", "Ultralytics YOLO detection: images/ and labels/ (class cx cy w h, normalised) with data.yaml or classes.txt, written back with the boxes moved", YoloLayout.DetectBoxes, () => new YoloLayout.Reader(YoloTask.Detect), s => new YoloLayout.Writer(s)),
        new("yolo-seg", "Ultralytics YOLO segmentation: images/ and labels/ (class x1 y1 x2 y2 ..., normalised), polygons moved as masks and traced again", YoloLayout.DetectSegments, () => new YoloLayout.Reader(YoloTask.Segment), s => new YoloLayout.Writer(s)),
        new("yolo-obb", "Ultralytics YOLO-OBB: images/ and labels/ (class x1 y1 ... x4 y4, normalised), written back with the oriented boxes moved", YoloLayout.DetectOriented, () => new YoloLayout.Reader(YoloTask.Obb), s => new YoloLayout.Writer(s)),
        new("dota", "DOTA v1: images/ and labelTxt/ (x1 y1 ... x4 y4 class difficult, pixels), written back with the oriented boxes moved", DotaLayout.Detect, () => new DotaLayout.Reader(), _ => new DotaLayout.Writer()),
        new("voc", "Pascal VOC: JPEGImages/ and Annotations/*.xml, written back with the boxes moved and the other object fields kept", VocLayout.Detect, () => new VocLayout.Reader(), _ => new VocLayout.Writer()),
        new("masks", "image+mask folders for segmentation: images/ and masks/ with the same stems, masks moved by nearest-neighbour and written as PNG", MaskFolderLayout.Detect, () => new MaskFolderLayout.Reader(), _ => new MaskFolderLayout.Writer()),
        new("folders", "a folder of class folders (Keras flow_from_directory), written back as class folders", ClassFolderLayout.Detect, () => new ClassFolderLayout.Reader(), _ => new ClassFolderLayout.Writer()),
    ];

    private static readonly Lock Gate = new();

    /// <summary>The layouts.</summary>
    public static IReadOnlyList<DatasetLayout> All
    {
        get
        {
            lock (Gate) return Known.ToArray();
        }
    }

    /// <summary>Adds a layout (before the others when <paramref name="first"/>, so that auto detection tries it first).</summary>
    public static void Register(DatasetLayout layout, bool first = true)
    {
        ArgumentNullException.ThrowIfNull(layout);
        lock (Gate)
        {
            if (Known.Any(l => l.Name == layout.Name)) throw new ArgumentException($"A layout named '{layout.Name}' is already registered.", nameof(layout));
            if (first) Known.Insert(0, layout);
            else Known.Add(layout);
        }
    }

    /// <summary>The layout named <paramref name="name"/>, or for <c>auto</c> (or null) the first that recognises <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">No layout has that name, or none recognises the input.</exception>
    public static DatasetLayout Resolve(string? name, string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var all = All;
        if (name is null || name == "auto")
            return all.FirstOrDefault(l => l.Detect(input))
                ?? throw new ArgumentException($"{input}: not a data set AugSharp recognises (a folder of images or class folders, images/ with masks/ or labels/, a CSV file or a COCO JSON file); name the layout with one of: {string.Join(", ", all.Select(l => l.Name))}");
        return all.FirstOrDefault(l => l.Name == name)
            ?? throw new ArgumentException($"unknown layout '{name}': use auto or one of {string.Join(", ", all.Select(l => l.Name))}");
    }

    /// <summary>
    /// Checks that <paramref name="relative"/> is a path relative to a data set's root that stays
    /// inside it (no root, no drive, no <c>..</c>); returns it with <c>/</c> separators, or
    /// null with the reason.
    /// </summary>
    public static string? SafeRelativePath(string relative, out string reason)
    {
        ArgumentNullException.ThrowIfNull(relative);
        reason = "";
        string p = relative.Trim().Replace('\\', '/');
        if (p.Length == 0) { reason = "the path is empty"; return null; }
        if (p.StartsWith('/') || Path.IsPathRooted(p) || (p.Length >= 2 && p[1] == ':')) { reason = $"the path {relative} is outside the data set's folder"; return null; }
        var parts = p.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(s => s == "..")) { reason = $"the path {relative} leaves the data set's folder"; return null; }
        if (parts.Any(s => s.Any(char.IsControl))) { reason = $"the path {relative} holds control characters"; return null; }
        return string.Join('/', parts.Where(s => s != "."));
    }

    /// <summary>
    /// Checks that a class label can name a folder (no separators, not <c>.</c> or <c>..</c>, no
    /// control characters), so that no layout can write outside the output folder; returns the
    /// reason it cannot, or null.
    /// </summary>
    public static string? LabelProblem(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Length == 0) return "the label is empty";
        if (label.IndexOfAny(['/', '\\']) >= 0 || label is "." or "..") return $"the label {label} would leave the output folder as a folder name";
        if (label.Any(char.IsControl) || label.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return $"the label {label} cannot name a folder";
        return null;
    }
}
