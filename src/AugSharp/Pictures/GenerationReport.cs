using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AugSharp.Datasets;

namespace AugSharp.Pictures;

/// <summary>
/// <c>report.html</c> of a generated data set: the counts per class, split and transform, the
/// run's throughput, a contact sheet of a sample of outputs per class (thumbnails embedded, each
/// output's operations on hover) and the errors. One self-contained page: no scripts, no network.
/// It reads the data set's <c>summary.json</c>, <c>manifest.jsonl</c> and <c>errors.jsonl</c>, and
/// but for its run section it depends on them only (not on the folder's place), so that merged
/// shards and a single run write the same page.
/// </summary>
public static class GenerationReport
{
    /// <summary>The report's file name in the output folder.</summary>
    public const string FileName = "report.html";

    /// <summary>Outputs shown per class.</summary>
    public const int SamplesPerClass = 8;

    /// <summary>Longest side of a thumbnail.</summary>
    public const int ThumbnailSide = 180;

    /// <summary>Writes <c>report.html</c> into the generated data set's folder (atomically) and returns its path.</summary>
    /// <exception cref="InvalidDataException">The folder is not a finished generated data set.</exception>
    public static string Write(string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(outputFolder);
        string root = Path.GetFullPath(outputFolder);
        string path = Path.Combine(root, FileName);
        string html = ToHtml(root);
        AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(html)));
        return path;
    }

    /// <summary>The page for the generated data set in <paramref name="outputFolder"/>.</summary>
    public static string ToHtml(string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(outputFolder);
        string summaryFile = Path.Combine(outputFolder, "summary.json");
        string manifestFile = Path.Combine(outputFolder, "manifest.jsonl");
        if (!File.Exists(summaryFile) || !File.Exists(manifestFile))
            throw new InvalidDataException($"{outputFolder}: not a finished generated data set (no summary.json or manifest.jsonl)");
        var summary = JsonNode.Parse(File.ReadAllText(summaryFile)) as JsonObject ?? throw new InvalidDataException($"{summaryFile}: not a JSON object");
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>Generated data set</title>\n<style>\n")
          .Append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;background:#fafafa}\n")
          .Append("section{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1em 1.2em;margin:1.2em 0}\n")
          .Append("table{border-collapse:collapse}td,th{padding:.2em .8em;text-align:left;border-bottom:1px solid #eee}td.n{text-align:right}\n")
          .Append(".thumbs{display:flex;flex-wrap:wrap;gap:.6em}figure{margin:0;width:").Append(ThumbnailSide).Append("px;font-size:.75em;word-break:break-all}\n")
          .Append("figure img{display:block;max-width:100%;border:1px solid #ccc}\n")
          .Append("</style>\n</head>\n<body>\n<h1>Generated data set</h1>\n");

        var counts = summary["counts"] as JsonObject;
        var run = summary["run"] as JsonObject;
        sb.Append("<section id=\"summary\"><h2>Summary</h2><table>\n");
        void Row(string name, JsonNode? value) => sb.Append("<tr><th>").Append(E(name)).Append("</th><td class=\"n\">").Append(E(value?.ToJsonString())).Append("</td></tr>\n");
        Row("Outputs", counts?["outputs"]);
        Row("Sources", counts?["sources"]);
        Row("Originals", counts?["originals"]);
        Row("Errors", counts?["errors"]);
        sb.Append("</table></section>\n");
        // The only part that depends on the run's time (as summary.json's run section).
        if (run is not null)
        {
            sb.Append("<section id=\"run\"><h2>Run</h2><table>\n");
            Row("Seconds", run["seconds"]);
            Row("Images per second", run["images_per_second"]);
            Row("Written by the last run", run["written"]);
            Row("Resumed from an earlier run", run["resumed"]);
            Row("Jobs", run["jobs"]);
            sb.Append("</table></section>\n");
        }
        foreach (var (title, key) in new[] { ("Per class", "per_class"), ("Per split", "per_split"), ("Per transform", "per_transform") })
        {
            if (counts?[key] is not JsonObject table || table.Count == 0) continue;
            sb.Append("<section><h2>").Append(title).Append("</h2><table>\n");
            foreach (var (name, value) in table)
                sb.Append("<tr><th>").Append(E(name.Length == 0 ? "(no class)" : name)).Append("</th><td class=\"n\">").Append(E(value?.ToJsonString())).Append("</td></tr>\n");
            sb.Append("</table></section>\n");
        }

        // A sample of each class: outputs spread evenly over the class's sorted outputs.
        var byClass = new SortedDictionary<string, List<GenerationRecord>>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(manifestFile))
        {
            if (line.Length == 0) continue;
            var record = GenerationRecord.Parse(line);
            if (!byClass.TryGetValue(record.Label ?? "", out var list)) byClass[record.Label ?? ""] = list = [];
            list.Add(record);
        }
        var annotations = new AnnotatedSources(summary["settings"] as JsonObject, outputFolder);
        sb.Append("<section id=\"samples\"><h2>Samples</h2><p>Hover over an image for the operations that made it; boxes, oriented boxes, masks and keypoints are drawn when the input is at hand.</p>\n");
        foreach (var (label, records) in byClass)
        {
            sb.Append("<h3>").Append(E(label.Length == 0 ? "(no class)" : label)).Append(" (").Append(records.Count.ToString(inv)).Append(")</h3>\n<div class=\"thumbs\">\n");
            int shown = Math.Min(SamplesPerClass, records.Count);
            for (int i = 0; i < shown; i++)
            {
                var record = records[(int)((long)i * records.Count / shown)];
                string? thumbnail = Drawn(annotations, record) ?? Thumbnail(Path.Combine(outputFolder, record.Output));
                sb.Append("<figure title=\"").Append(E(Operations(record))).Append("\">");
                if (thumbnail is not null) sb.Append("<img alt=\"").Append(E(record.Output)).Append("\" src=\"data:image/jpeg;base64,").Append(thumbnail).Append("\">");
                sb.Append("<figcaption>").Append(E(record.Output)).Append("</figcaption></figure>\n");
            }
            sb.Append("</div>\n");
        }
        sb.Append("</section>\n");

        string errorsFile = Path.Combine(outputFolder, "errors.jsonl");
        var errors = File.Exists(errorsFile) ? File.ReadLines(errorsFile).Where(l => l.Length > 0).Select(GenerationError.Parse).ToList() : [];
        sb.Append("<section id=\"errors\"><h2>Errors: ").Append(errors.Count.ToString(inv)).Append("</h2>\n");
        if (errors.Count > 0)
        {
            sb.Append("<table>\n");
            foreach (var error in errors.Take(500)) sb.Append("<tr><td>").Append(E(error.File)).Append("</td><td>").Append(E(error.Reason)).Append("</td></tr>\n");
            sb.Append("</table>\n");
        }
        sb.Append("</section>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The thumbnail of an output with its targets drawn, or null when they cannot be (see <see cref="AnnotatedSources.Replay"/>).</summary>
    private static string? Drawn(AnnotatedSources sources, GenerationRecord record)
    {
        if (sources.Replay(record) is not { } replayed) return null;
        try
        {
            using var drawn = AnnotationOverlay.Draw(replayed.Output);
            return ReportThumbnail.JpegBase64(drawn, ThumbnailSide);
        }
        finally
        {
            AnnotatedSources.Dispose(replayed);
        }
    }

    /// <summary>One line per operation: its type and its values, from the record's recipe.</summary>
    private static string Operations(GenerationRecord record)
    {
        if (record.Recipe is null) return "original";
        try
        {
            using var doc = JsonDocument.Parse(record.Recipe);
            if (!doc.RootElement.TryGetProperty("operations", out var ops)) return record.Output;
            var lines = new List<string>();
            foreach (var op in ops.EnumerateArray())
            {
                string type = op.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                if (type == "Skipped") continue;
                var values = op.EnumerateObject().Where(p => p.Name != "type" && p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.String)
                    .Take(6).Select(p => $"{p.Name} {(p.Value.ValueKind == JsonValueKind.Number ? Math.Round(p.Value.GetDouble(), 3).ToString(CultureInfo.InvariantCulture) : p.Value.ToString())}");
                lines.Add($"{type}: {string.Join(", ", values)}");
            }
            return lines.Count == 0 ? "no operation applied" : string.Join("\n", lines);
        }
        catch (JsonException)
        {
            return record.Output;
        }
    }

    /// <summary>A JPEG thumbnail, base64, or null when the image cannot be read.</summary>
    private static string? Thumbnail(string path) => ReportThumbnail.JpegBase64(path, ThumbnailSide);
}
