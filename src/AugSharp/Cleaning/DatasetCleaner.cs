using AugSharp.Datasets;

namespace AugSharp.Cleaning;

/// <summary>Settings of <see cref="DatasetCleaner.Run"/>.</summary>
public sealed record CleanOptions
{
    /// <summary>The checks' limits. Default: <see cref="CleanThresholds"/>' defaults.</summary>
    public CleanThresholds Thresholds { get; init; } = new();

    /// <summary>
    /// Where <c>report.html</c> and <c>report.json</c> go, or null for a folder beside the data set,
    /// named after it with <c>-clean-report</c> (never inside it, where it would pass for a class folder).
    /// </summary>
    public string? ReportDirectory { get; init; }

    /// <summary>
    /// A quarantine folder: the rejected images (and their label files) are moved there under the
    /// same relative paths, so that moving one back restores it. Null to leave them (report only).
    /// </summary>
    public string? MoveTo { get; init; }

    /// <summary>Deletes the rejected images and their label files (never without it).</summary>
    public bool Delete { get; init; }

    /// <summary>Images measured at the same time; the result does not depend on it. Default: the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Decoder options (pixel limit...), or null for the defaults.</summary>
    public ImageReadOptions? ReadOptions { get; init; }
}

/// <summary>One image of a cleaned set.</summary>
/// <param name="Path">Its path relative to the data set's folder, with <c>/</c>.</param>
/// <param name="Measures">Its measures, or null when it could not be read.</param>
/// <param name="Reasons">Why it is rejected; empty when it is kept.</param>
/// <param name="DuplicateOf">The kept image it duplicates, or null.</param>
public sealed record CleanedImage(string Path, ImageMeasures? Measures, IReadOnlyList<CleanReason> Reasons, string? DuplicateOf = null)
{
    /// <summary>The source the image was generated from (its key in the input), when the data set's manifest names it.</summary>
    public string? Source { get; init; }

    /// <summary>True when the image is rejected.</summary>
    public bool Rejected => Reasons.Count > 0;
}

/// <summary>What a clean-up found and did.</summary>
/// <param name="Root">The data set's folder (full path).</param>
/// <param name="Images">Every image, in path order.</param>
/// <param name="Thresholds">The limits used.</param>
/// <param name="ReportDirectory">Where the report was written (full path).</param>
/// <param name="Moved">Files moved to the quarantine folder (images and label files), relative paths.</param>
/// <param name="Deleted">Files deleted, relative paths.</param>
public sealed record CleanSummary(string Root, IReadOnlyList<CleanedImage> Images, CleanThresholds Thresholds, string ReportDirectory, IReadOnlyList<string> Moved, IReadOnlyList<string> Deleted)
{
    /// <summary>
    /// The COCO and CSV annotation files at the root of a data set folder not made by <c>generate</c>
    /// that were written again without the moved or deleted images' entries (a generated set's
    /// files follow its manifest instead).
    /// </summary>
    public IReadOnlyList<AnnotationUpdate> Annotations { get; init; } = [];

    /// <summary>Rejected images.</summary>
    public int Rejected => Images.Count(i => i.Rejected);

    /// <summary>Rejected images per check (an image rejected for two reasons counts under both).</summary>
    public IReadOnlyDictionary<CleanCheck, int> RejectedByCheck =>
        Enum.GetValues<CleanCheck>().ToDictionary(c => c, c => Images.Count(i => i.Reasons.Any(r => r.Check == c)));
}

/// <summary>
/// Finds the distorted and meaningless images of a data set folder (every image under it,
/// recursively): too much border fill, near-constant, mostly black or white, blurred, duplicates,
/// unreadable. Writes a report (<c>report.html</c> with the rejected images by reason and a histogram
/// per measure with its threshold, <c>report.json</c> with the same numbers) and, when asked, moves
/// the rejected images to a quarantine folder or deletes them. Nothing is changed without
/// <see cref="CleanOptions.MoveTo"/> or <see cref="CleanOptions.Delete"/>.
/// </summary>
public static class DatasetCleaner
{
    /// <summary>Label files beside an image that go with it: same folder and stem.</summary>
    private static readonly string[] LabelExtensions = [".txt", ".xml", ".json"];

    /// <summary>Cleans the data set in <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">Both moving and deleting were asked, or the quarantine is the data set's folder.</exception>
    public static CleanSummary Run(string directory, CleanOptions? options = null, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new CleanOptions();
        options.Thresholds.Validate();
        string root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"folder not found: {directory}");
        if (options.Delete && options.MoveTo is not null) throw new ArgumentException("Either move the rejected images or delete them, not both.");
        string? quarantine = options.MoveTo is null ? null : Path.GetFullPath(options.MoveTo).TrimEnd(Path.DirectorySeparatorChar);
        if (quarantine is not null && (quarantine == root || IsInside(root, quarantine)))
            throw new ArgumentException($"The quarantine folder {options.MoveTo} cannot be the data set's folder or hold it.");
        string report = Path.GetFullPath(options.ReportDirectory ?? root + "-clean-report").TrimEnd(Path.DirectorySeparatorChar);
        if (report == root) throw new ArgumentException("The report folder cannot be the data set's folder.");

        // A data set made by generate: its manifest gives each output's source and operations.
        var generated = GeneratedSet.TryOpen(root, options.ReadOptions);
        var listing = ImageFolder.List(root, quarantine);
        // The images to check: a generated set's outputs (its manifest names them; masks beside them are
        // label files); otherwise every image but the masks of an images/ + masks/ layout.
        var files = listing.Files.Where(f => !IsInside(report, Path.Combine(root, f)))
            .Where(f => generated is not null ? generated.Record(f.Replace(Path.DirectorySeparatorChar, '/')) is not null : !IsLayoutMask(root, f.Replace(Path.DirectorySeparatorChar, '/')))
            .ToList();
        var measured = new CleanedImage[files.Count];
        int done = 0;
        progress?.Report((0, files.Count));
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) }, i =>
        {
            string path = files[i].Replace(Path.DirectorySeparatorChar, '/');
            try
            {
                using var image = ImageCodec.Read(Path.Combine(root, files[i]), options.ReadOptions);
                var measures = ImageMetrics.Measure(image);
                var record = generated?.Record(path);
                var source = record is null || record.Copy is null ? null : generated!.Source(record);
                double? fill = record is null ? null : generated!.ExactFill(record, source);
                var reasons = ImageChecks.Judge(measures, options.Thresholds, source?.Measures, fill);
                if (record is not null && generated!.ObjectsLost(record) is { } lost) reasons = [.. reasons, lost];
                measured[i] = new CleanedImage(path, measures, reasons) { Source = record?.Source };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException)
            {
                measured[i] = new CleanedImage(path, null, [new CleanReason(CleanCheck.Corrupt, 0, 0, OneLine(e.Message.Replace(Path.Combine(root, files[i]) + ": ", "")))]);
            }
            progress?.Report((Interlocked.Increment(ref done), files.Count));
        });

        // Duplicates: of each group of near-identical images, the first in path order that no other
        // check rejects is kept (a blurred copy never displaces its sharp original).
        var index = new DuplicateIndex(options.Thresholds.MaxDuplicateDistance);
        var indexed = new List<int>();
        for (int i = 0; i < measured.Length; i++)
            if (measured[i].Measures is { } m) { index.Add(m.PerceptualHash); indexed.Add(i); }
        foreach (var group in index.Groups())
        {
            int keep = group.FirstOrDefault(member => !measured[indexed[member]].Rejected, group[0]);
            var kept = measured[indexed[keep]];
            foreach (int member in group.Where(member => member != keep))
            {
                var image = measured[indexed[member]];
                int distance = ImageMetrics.HammingDistance(image.Measures!.PerceptualHash, kept.Measures!.PerceptualHash);
                measured[indexed[member]] = image with
                {
                    Reasons = [.. image.Reasons, new CleanReason(CleanCheck.Duplicate, distance, options.Thresholds.MaxDuplicateDistance, FormattableString.Invariant($"duplicate of {kept.Path} ({distance} of 64 hash bits differ)"))],
                    DuplicateOf = kept.Path,
                };
            }
        }

        // The report is written before anything moves, from the files where they are.
        var summaryBeforeMoving = new CleanSummary(root, measured, options.Thresholds, report, [], []);
        CleanReport.Write(summaryBeforeMoving, report, options.ReadOptions);

        var moved = new List<string>();
        var deleted = new List<string>();
        if (quarantine is not null || options.Delete)
        {
            // A generated output's files are those its manifest record names; others go with their label files found beside them.
            var rejectedFiles = measured.Where(i => i.Rejected)
                .SelectMany(i => generated?.Record(i.Path) is { } r ? r.Files.Prepend(r.Output).Where(f => File.Exists(Path.Combine(root, f))) : WithLabelFiles(root, i.Path))
                .Distinct(StringComparer.Ordinal).ToList();
            if (quarantine is not null)
            {
                // Every destination is checked before the first file moves: nothing already in the quarantine is replaced.
                foreach (string relative in rejectedFiles)
                    if (File.Exists(Path.Combine(quarantine, relative)))
                        throw new IOException($"{Path.Combine(quarantine, relative)}: already in the quarantine folder; nothing was moved.");
                foreach (string relative in rejectedFiles)
                {
                    string to = Path.Combine(quarantine, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Move(Path.Combine(root, relative), to);
                    moved.Add(relative);
                }
            }
            else
            {
                foreach (string relative in rejectedFiles)
                {
                    File.Delete(Path.Combine(root, relative));
                    deleted.Add(relative);
                }
            }
        }
        // The manifest and the aggregate annotation files follow.
        IReadOnlyList<AnnotationUpdate> annotations = [];
        if (generated is not null && (moved.Count > 0 || deleted.Count > 0))
            generated.Remove(measured.Where(i => i.Rejected && generated.Record(i.Path) is not null).Select(i => i.Path).ToHashSet(StringComparer.Ordinal), quarantine);
        else if (generated is null && (moved.Count > 0 || deleted.Count > 0))
            annotations = FolderAnnotations.Remove(root, measured.Where(i => i.Rejected).Select(i => i.Path).ToHashSet(StringComparer.Ordinal), quarantine);
        return summaryBeforeMoving with { Moved = moved, Deleted = deleted, Annotations = annotations };
    }

    /// <summary>
    /// Puts back what a clean-up moved to <paramref name="quarantine"/>: every file under the same
    /// relative path (refusing to replace any), and for a generated data set the manifest lines and
    /// the aggregate annotation files; for another folder, the entries of its root COCO and CSV files
    /// (the quarantine's file of the same name merged back: COCO ids kept, CSV rows appended at the
    /// end). Returns the files moved back, and the names of the annotation files merged back.
    /// </summary>
    /// <exception cref="IOException">A file to move back is already in the data set; nothing was moved.</exception>
    public static IReadOnlyList<string> Restore(string directory, string quarantine, ImageReadOptions? readOptions = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(quarantine);
        string root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        string from = Path.GetFullPath(quarantine).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"folder not found: {directory}");
        if (!Directory.Exists(from)) throw new DirectoryNotFoundException($"folder not found: {quarantine}");
        var generated = GeneratedSet.TryOpen(root, readOptions);
        var moved = new List<string>(generated?.Restore(from) ?? []);
        var merged = generated is null ? FolderAnnotations.Mergeable(root, from) : [];
        var rest = Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(from, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Except(merged, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (string relative in rest)
            if (File.Exists(Path.Combine(root, relative))) throw new IOException($"{Path.Combine(root, relative)}: already in the data set; nothing more was moved back.");
        FolderAnnotations.Restore(root, from, merged);
        moved.AddRange(merged);
        foreach (string relative in rest)
        {
            string to = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Move(Path.Combine(from, relative), to);
            moved.Add(relative);
        }
        return moved;
    }

    /// <summary>
    /// The image and its label files, relative paths with <c>/</c>: files of the same folder and stem
    /// with a label extension, and those of the layouts that keep labels in a parallel folder: YOLO
    /// (<c>images/…/stem.ext</c> → <c>labels/…/stem.txt</c>), DOTA (<c>labelTxt/…/stem.txt</c>), image
    /// and mask folders (<c>masks/…/stem.*</c>) and Pascal VOC (<c>JPEGImages/stem.ext</c> →
    /// <c>Annotations/stem.xml</c>).
    /// </summary>
    private static IEnumerable<string> WithLabelFiles(string root, string image)
    {
        yield return image;
        string folder = Path.GetDirectoryName(image.Replace('/', Path.DirectorySeparatorChar)) ?? "";
        string stem = Path.GetFileNameWithoutExtension(image);
        var seen = new HashSet<string>(StringComparer.Ordinal) { image };
        var candidates = new List<string>();
        foreach (string ext in LabelExtensions) candidates.Add(Path.Combine(folder, stem + ext).Replace(Path.DirectorySeparatorChar, '/'));
        var parts = image.Split('/');
        foreach (var (from, to, ext) in ParallelFolders)
        {
            int at = Array.LastIndexOf(parts, from, parts.Length - 2);
            if (at < 0) continue;
            var moved = (string[])parts.Clone();
            moved[at] = to;
            if (ext is not null)
            {
                moved[^1] = stem + ext;
                candidates.Add(string.Join('/', moved));
            }
            else
            {
                // Any extension (a mask is often a PNG beside a JPEG image).
                string dir = Path.Combine(root, string.Join('/', moved[..^1]));
                if (Directory.Exists(dir))
                    candidates.AddRange(Directory.EnumerateFiles(dir, stem + ".*").Where(f => Path.GetFileNameWithoutExtension(f) == stem)
                        .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal));
            }
        }
        foreach (string candidate in candidates)
            if (seen.Add(candidate) && File.Exists(Path.Combine(root, candidate))) yield return candidate;
    }

    /// <summary>Image folder, label folder, label extension (null: any) of the layouts that keep labels beside the images' folder.</summary>
    private static readonly (string From, string To, string? Extension)[] ParallelFolders =
        [("images", "labels", ".txt"), ("images", "labelTxt", ".txt"), ("images", "masks", null), ("JPEGImages", "Annotations", ".xml")];

    /// <summary>True for a mask of an images/ + masks/ layout: a file under a masks folder with an images folder beside it.</summary>
    private static bool IsLayoutMask(string root, string relative)
    {
        var parts = relative.Split('/');
        for (int i = 0; i < parts.Length - 1; i++)
            if (parts[i] == "masks" && Directory.Exists(Path.Combine(root, string.Join('/', parts[..i].Append("images")))))
                return true;
        return false;
    }

    private static bool IsInside(string folder, string path)
    {
        string prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
