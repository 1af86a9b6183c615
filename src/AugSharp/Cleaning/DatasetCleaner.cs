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

        var listing = ImageFolder.List(root, quarantine);
        var files = listing.Files.Where(f => !IsInside(report, Path.Combine(root, f))).ToList();
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
                measured[i] = new CleanedImage(path, measures, ImageChecks.Judge(measures, options.Thresholds));
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
            var rejectedFiles = measured.Where(i => i.Rejected).SelectMany(i => WithLabelFiles(root, i.Path)).ToList();
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
        return summaryBeforeMoving with { Moved = moved, Deleted = deleted };
    }

    /// <summary>
    /// The image and its label files, relative paths with <c>/</c>: files of the same folder and stem
    /// with a label extension, and the YOLO label (<c>labels/…/stem.txt</c> for <c>images/…/stem.ext</c>).
    /// </summary>
    private static IEnumerable<string> WithLabelFiles(string root, string image)
    {
        yield return image;
        string folder = Path.GetDirectoryName(image.Replace('/', Path.DirectorySeparatorChar)) ?? "";
        string stem = Path.GetFileNameWithoutExtension(image);
        var seen = new HashSet<string>(StringComparer.Ordinal) { image };
        foreach (string ext in LabelExtensions)
        {
            string beside = Path.Combine(folder, stem + ext).Replace(Path.DirectorySeparatorChar, '/');
            if (seen.Add(beside) && File.Exists(Path.Combine(root, beside))) yield return beside;
        }
        var parts = image.Split('/');
        int imagesAt = Array.LastIndexOf(parts, "images", parts.Length - 2);
        if (imagesAt >= 0)
        {
            parts[imagesAt] = "labels";
            parts[^1] = stem + ".txt";
            string yolo = string.Join('/', parts);
            if (seen.Add(yolo) && File.Exists(Path.Combine(root, yolo))) yield return yolo;
        }
    }

    private static bool IsInside(string folder, string path)
    {
        string prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
