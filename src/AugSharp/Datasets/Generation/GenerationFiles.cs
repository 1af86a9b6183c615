using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>What a run added besides the deterministic files, for <c>summary.json</c>'s <c>run</c> section (the only part that depends on time).</summary>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="Written">Outputs written by this run.</param>
/// <param name="Resumed">Outputs a previous run had finished (skipped).</param>
/// <param name="Jobs">The degree of parallelism.</param>
internal readonly record struct RunFacts(double Seconds, int Written, int Resumed, int Jobs);

/// <summary>
/// The files that end a run, the same for a single run, a resumed run and merged shards:
/// the layout's aggregate files, <c>errors.jsonl</c> and <c>summary.json</c>, all made from the
/// sorted <c>manifest.jsonl</c> and the errors.
/// </summary>
internal static class GenerationFiles
{
    public const string Manifest = "manifest.jsonl";
    public const string Summary = "summary.json";
    public const string Errors = "errors.jsonl";
    public const string StateFolder = ".augsharp-run";
    public const string SettingsFile = "settings.json";
    public const string JournalFile = "journal.jsonl";

    /// <summary>The settings of a finished run (from its summary) or of an unfinished one (from its state folder), or null.</summary>
    public static JsonObject? ReadSettings(string outRoot)
    {
        string state = Path.Combine(outRoot, StateFolder, SettingsFile);
        string summary = Path.Combine(outRoot, Summary);
        try
        {
            if (File.Exists(state)) return JsonNode.Parse(File.ReadAllText(state)) as JsonObject;
            if (File.Exists(summary)) return (JsonNode.Parse(File.ReadAllText(summary)) as JsonObject)?["settings"]?.DeepClone() as JsonObject;
        }
        catch (JsonException)
        {
        }
        return null;
    }

    public static string Text(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static IEnumerable<GenerationRecord> ReadManifest(string outRoot)
        => ManifestLines.ReadLines(Path.Combine(outRoot, Manifest)).Select(GenerationRecord.Parse);

    /// <summary>Writes the aggregates, errors.jsonl and summary.json from the manifest already in <paramref name="outRoot"/>.</summary>
    public static GenerationCounts Finish(string outRoot, JsonObject settings, DatasetWriter writer, IEnumerable<GenerationError> errors, RunFacts run)
    {
        var splits = settings["split"] is JsonObject s ? s.Select(kv => kv.Key).ToArray() : [];
        var aggregates = new List<string>();
        if (splits.Length == 0)
        {
            aggregates.AddRange(writer.WriteAggregates(outRoot, null, ReadManifest(outRoot)));
        }
        else
        {
            foreach (string split in splits.Order(StringComparer.Ordinal))
            {
                string folder = Path.Combine(outRoot, split);
                var records = ReadManifest(outRoot).Where(r => r.Split == split);
                aggregates.AddRange(writer.WriteAggregates(folder, split, records).Select(f => split + "/" + f));
            }
        }

        aggregates.AddRange(writer.WriteRootAggregates(outRoot, ReadManifest(outRoot)));

        var sortedErrors = errors.Distinct().Order(GenerationError.Order).ToArray();
        ManifestLines.WriteLines(Path.Combine(outRoot, Errors), sortedErrors.Select(e => e.ToJsonLine()));

        var perClass = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var perSplit = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var perTransform = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var sources = new HashSet<long>();
        int outputs = 0, originals = 0;
        foreach (var record in ReadManifest(outRoot))
        {
            outputs++;
            if (record.Copy is null) originals++;
            sources.Add(record.ItemKey);
            Count(perClass, record.Label ?? "");
            if (record.Split is { } sp) Count(perSplit, sp);
            if (record.Recipe is { } recipe)
            {
                using var doc = JsonDocument.Parse(recipe);
                if (doc.RootElement.TryGetProperty("operations", out var ops))
                    foreach (var op in ops.EnumerateArray())
                        if (op.TryGetProperty("type", out var t) && t.GetString() is { } type && type != "Skipped") Count(perTransform, type);
            }
        }
        var counts = new GenerationCounts(sources.Count, outputs, originals, sortedErrors.Length, perClass, perSplit, perTransform);

        var summary = new JsonObject
        {
            ["settings"] = settings.DeepClone(),
            ["counts"] = new JsonObject
            {
                ["sources"] = counts.Sources,
                ["outputs"] = counts.Outputs,
                ["originals"] = counts.Originals,
                ["errors"] = counts.Errors,
                ["per_class"] = Object(perClass),
                ["per_split"] = Object(perSplit),
                ["per_transform"] = Object(perTransform),
            },
            ["files"] = new JsonArray([.. new[] { Manifest, Errors }.Concat(aggregates).Select(f => (JsonNode?)JsonValue.Create(f))]),
            ["errors"] = new JsonArray(sortedErrors.Take(100).Select(e => (JsonNode?)new JsonObject { ["file"] = e.File, ["reason"] = e.Reason }).ToArray()),
            ["run"] = new JsonObject
            {
                ["seconds"] = Math.Round(run.Seconds, 3),
                ["images_per_second"] = run.Seconds > 0 ? Math.Round(run.Written / run.Seconds, 2) : 0,
                ["written"] = run.Written,
                ["resumed"] = run.Resumed,
                ["jobs"] = run.Jobs,
            },
        };
        AtomicFile.Write(Path.Combine(outRoot, Summary), stream =>
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(Text(summary) + "\n");
            stream.Write(bytes);
        });
        return counts;
    }

    private static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static JsonObject Object(SortedDictionary<string, int> counts)
    {
        var o = new JsonObject();
        foreach (var (k, v) in counts) o[k] = v;
        return o;
    }

    /// <summary>"3/4 images" style numbers, invariant.</summary>
    public static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The counts of a generated data set, as <c>summary.json</c> gives them.</summary>
/// <param name="Sources">Input images with at least one output.</param>
/// <param name="Outputs">Output images.</param>
/// <param name="Originals">Outputs that are originals.</param>
/// <param name="Errors">Inputs (or copies) that failed.</param>
/// <param name="PerClass">Outputs per class ("" for none).</param>
/// <param name="PerSplit">Outputs per split.</param>
/// <param name="PerTransform">Operations applied, per operation type.</param>
public sealed record GenerationCounts(int Sources, int Outputs, int Originals, int Errors, IReadOnlyDictionary<string, int> PerClass,
    IReadOnlyDictionary<string, int> PerSplit, IReadOnlyDictionary<string, int> PerTransform);
