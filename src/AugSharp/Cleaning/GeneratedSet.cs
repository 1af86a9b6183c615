using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using AugSharp.Datasets;

namespace AugSharp.Cleaning;

/// <summary>The source of a generated output, as the clean-up checks use it.</summary>
/// <param name="Width">Its width.</param>
/// <param name="Height">Its height.</param>
/// <param name="Channels">Its channels.</param>
/// <param name="Measures">Its measures (the reference of the relative blur check).</param>
internal sealed record SourceImage(int Width, int Height, int Channels, ImageMeasures Measures);

/// <summary>
/// A data set written by <c>augsharp generate</c>, seen by the clean-up: its manifest gives each
/// output's source and operations (so the fill is exact and the blur is judged against the source),
/// its label files, and after a clean-up the manifest and the layout's aggregate files (CSV, COCO)
/// are written again without the rejected outputs.
/// </summary>
internal sealed class GeneratedSet
{
    private readonly string _root;
    private readonly Dictionary<string, GenerationRecord> _records;
    private readonly ConcurrentDictionary<string, Lazy<SourceImage?>> _sources = new(StringComparer.Ordinal);
    private readonly ImageReadOptions? _readOptions;

    private GeneratedSet(string root, JsonObject settings, Dictionary<string, GenerationRecord> records, ImageReadOptions? readOptions)
    {
        _root = root;
        Settings = settings;
        _records = records;
        _readOptions = readOptions;
        ImageRoot = (string?)settings["image_root"];
    }

    /// <summary>The run's settings (from <c>summary.json</c>).</summary>
    public JsonObject Settings { get; }

    /// <summary>The folder the sources' keys are relative to, or null.</summary>
    public string? ImageRoot { get; }

    /// <summary>The finished generated data set in <paramref name="root"/>, or null when it is not one (no manifest, or an unfinished run).</summary>
    public static GeneratedSet? TryOpen(string root, ImageReadOptions? readOptions)
    {
        if (!File.Exists(Path.Combine(root, GenerationFiles.Manifest)) || Directory.Exists(Path.Combine(root, GenerationFiles.StateFolder))) return null;
        var settings = GenerationFiles.ReadSettings(root);
        if (settings is null) return null;
        var records = new Dictionary<string, GenerationRecord>(StringComparer.Ordinal);
        foreach (var record in GenerationFiles.ReadManifest(root)) records[record.Output] = record;
        return new GeneratedSet(root, settings, records, readOptions);
    }

    /// <summary>The record of the output at <paramref name="relativePath"/>, or null.</summary>
    public GenerationRecord? Record(string relativePath) => _records.GetValueOrDefault(relativePath);

    /// <summary>The source of <paramref name="record"/>, read once; null when it cannot be read (moved, deleted).</summary>
    public SourceImage? Source(GenerationRecord record)
    {
        if (ImageRoot is null) return null;
        return _sources.GetOrAdd(record.Source, key => new Lazy<SourceImage?>(() =>
        {
            if (DatasetLayouts.SafeRelativePath(key, out _) is null) return null;
            try
            {
                using var image = ImageCodec.Read(Path.Combine(ImageRoot, key), _readOptions);
                return new SourceImage(image.Width, image.Height, image.Channels, ImageMetrics.Measure(image));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException)
            {
                return null;
            }
        })).Value;
    }

    private AnnotatedSources? _annotated;

    /// <summary>
    /// A reason when the output lost every object its source had (boxes, oriented boxes, masks):
    /// the source read with its annotations through the run's layout and the recipe replayed
    /// (<see cref="AnnotatedSources"/>). Null when an object is left, when the source had none or
    /// cannot be read, or for an original.
    /// </summary>
    public CleanReason? ObjectsLost(GenerationRecord record)
    {
        _annotated ??= new AnnotatedSources(Settings, _root, _readOptions);
        if (_annotated.Replay(record) is not { } replayed) return null;
        try
        {
            return ImageChecks.ObjectsLost(replayed.Source, replayed.Output);
        }
        finally
        {
            AnnotatedSources.Dispose(replayed);
        }
    }

    /// <summary>The exact fill of an output from its recipe (0 for an original), or null when it cannot be replayed alone.</summary>
    public double? ExactFill(GenerationRecord record, SourceImage? source)
    {
        if (record.Recipe is null) return 0;
        if (source is null) return null;
        var recipe = record.ReadRecipe();
        return recipe is null ? null : FillFraction.FromOperations(recipe, source.Width, source.Height, source.Channels);
    }

    /// <summary>
    /// Writes the manifest again without <paramref name="removed"/> outputs (the quarantine's
    /// <c>manifest.jsonl</c> gets their lines, when there is one), then the layout's aggregate files and
    /// <c>summary.json</c> from it, as the run that made the set would have written them.
    /// </summary>
    public void Remove(IReadOnlySet<string> removed, string? quarantine)
    {
        if (removed.Count == 0) return;
        string manifest = Path.Combine(_root, GenerationFiles.Manifest);
        var kept = ManifestLines.ReadLines(manifest).Where(l => !removed.Contains(GenerationRecord.OutputOf(l) ?? "")).ToList();
        if (quarantine is not null)
        {
            string quarantined = Path.Combine(quarantine, GenerationFiles.Manifest);
            var lines = ManifestLines.ReadLines(manifest).Where(l => removed.Contains(GenerationRecord.OutputOf(l) ?? ""));
            if (File.Exists(quarantined)) lines = lines.Concat(ManifestLines.ReadLines(quarantined).ToList());
            var sorted = lines.DistinctBy(l => GenerationRecord.OutputOf(l), StringComparer.Ordinal).OrderBy(l => GenerationRecord.OutputOf(l), StringComparer.Ordinal).ToList();
            Directory.CreateDirectory(quarantine);
            ManifestLines.WriteLines(quarantined, sorted);
        }
        ManifestLines.WriteLines(manifest, kept);
        foreach (string output in removed) _records.Remove(output);
        Finish();
    }

    /// <summary>
    /// Moves the quarantine's outputs back (the files named by its manifest), merges its manifest lines
    /// into the set's, and writes the aggregates again; returns the files moved back.
    /// </summary>
    public IReadOnlyList<string> Restore(string quarantine)
    {
        string quarantined = Path.Combine(quarantine, GenerationFiles.Manifest);
        if (!File.Exists(quarantined)) return [];
        var lines = ManifestLines.ReadLines(quarantined).ToList();
        var files = lines.Select(GenerationRecord.Parse).SelectMany(r => r.Files.Prepend(r.Output)).ToList();
        foreach (string relative in files)
            if (File.Exists(Path.Combine(_root, relative))) throw new IOException($"{Path.Combine(_root, relative)}: already in the data set; nothing was moved back.");
        var moved = new List<string>();
        foreach (string relative in files)
        {
            string from = Path.Combine(quarantine, relative);
            if (!File.Exists(from)) continue;
            string to = Path.Combine(_root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Move(from, to);
            moved.Add(relative);
        }
        string manifest = Path.Combine(_root, GenerationFiles.Manifest);
        var merged = ManifestLines.ReadLines(manifest).Concat(lines)
            .DistinctBy(l => GenerationRecord.OutputOf(l), StringComparer.Ordinal).OrderBy(l => GenerationRecord.OutputOf(l), StringComparer.Ordinal).ToList();
        ManifestLines.WriteLines(manifest, merged);
        File.Delete(quarantined);
        foreach (var record in lines.Select(GenerationRecord.Parse)) _records[record.Output] = record;
        Finish();
        return moved;
    }

    /// <summary>The aggregates and the summary, from the manifest, with the run's own figures kept.</summary>
    private void Finish()
    {
        var layout = DatasetLayouts.All.FirstOrDefault(l => l.Name == (string?)Settings["layout"])
            ?? throw new InvalidDataException($"{Path.Combine(_root, GenerationFiles.Summary)}: the layout '{(string?)Settings["layout"]}' is unknown");
        var writer = layout.CreateWriter(Settings["layout_settings"] as JsonObject ?? new JsonObject());
        string errorsFile = Path.Combine(_root, GenerationFiles.Errors);
        var errors = File.Exists(errorsFile) ? ManifestLines.ReadLines(errorsFile).Select(GenerationError.Parse).ToList() : [];
        string summaryFile = Path.Combine(_root, GenerationFiles.Summary);
        var run = ReadRun(summaryFile);
        GenerationFiles.Finish(_root, Settings, writer, errors, new RunFacts(0, 0, 0, 1));
        // The run section describes the run that made the set: it is kept as it was.
        if (run is not null && JsonNode.Parse(File.ReadAllText(summaryFile)) is JsonObject summary)
        {
            summary["run"] = run;
            AtomicFile.Write(summaryFile, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(GenerationFiles.Text(summary) + "\n")));
        }
    }

    private static JsonNode? ReadRun(string summaryFile)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(summaryFile))?["run"]?.DeepClone();
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
