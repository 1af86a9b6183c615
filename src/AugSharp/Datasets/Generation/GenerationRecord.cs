using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>An input that could not be used: the file (or CSV line) and why, in one line.</summary>
/// <param name="File">The input file, or <c>FILE:LINE</c> for a row of a CSV file.</param>
/// <param name="Reason">Why it was skipped.</param>
public sealed record GenerationError(string File, string Reason)
{
    /// <summary>The error as one line of <c>errors.jsonl</c>.</summary>
    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, GenerationRecord.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("file", File);
            w.WriteString("reason", Reason);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a line of <c>errors.jsonl</c>.</summary>
    public static GenerationError Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        return new GenerationError(doc.RootElement.GetProperty("file").GetString() ?? "", doc.RootElement.GetProperty("reason").GetString() ?? "");
    }

    /// <summary>Orders errors by file, then reason (ordinally): the order of <c>errors.jsonl</c>.</summary>
    public static IComparer<GenerationError> Order { get; } = Comparer<GenerationError>.Create((a, b) =>
    {
        int c = string.CompareOrdinal(a.File, b.File);
        return c != 0 ? c : string.CompareOrdinal(a.Reason, b.Reason);
    });
}

/// <summary>
/// One output of a generated data set: a line of <c>manifest.jsonl</c>. It holds everything
/// needed to make the output again (the source, the seed, the item key and copy, and the recipe:
/// the sampled operations) and what the layout's aggregate files need (<see cref="Annotation"/>).
/// </summary>
/// <param name="Output">The output image, relative to the output folder, with <c>/</c> separators.</param>
/// <param name="Source">The input image's key: its path relative to the input's image root.</param>
/// <param name="Label">The item's class, or null.</param>
/// <param name="Split">The split (train, val...), or null without splits.</param>
/// <param name="Copy">The copy number, or null for an original written with <c>include originals</c>.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="ItemKey">The item's hash (<see cref="RandomStream.ItemKey"/> of <paramref name="Source"/>); the copy's random stream is <c>RandomStream.For(Seed, ItemKey, Copy)</c>.</param>
/// <param name="Recipe">The sampled operations (a Compose operation as <see cref="OperationJson"/> writes it), or null for an original.</param>
public sealed record GenerationRecord(string Output, string Source, string? Label, string? Split, int? Copy, ulong Seed, long ItemKey, string? Recipe)
{
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Annotation files written beside the image (relative to the output folder), if the layout writes any.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The layout's data for its aggregate files (the CSV row, the moved boxes), or null.</summary>
    public JsonNode? Annotation { get; init; }

    /// <summary>The record as one line of <c>manifest.jsonl</c> (no line break). The same record always gives the same bytes.</summary>
    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("output", Output);
            w.WriteString("source", Source);
            if (Label is null) w.WriteNull("label"); else w.WriteString("label", Label);
            if (Split is null) w.WriteNull("split"); else w.WriteString("split", Split);
            if (Copy is { } copy) w.WriteNumber("copy", copy); else w.WriteNull("copy");
            w.WriteNumber("seed", Seed);
            w.WriteNumber("item_key", ItemKey);
            if (Files.Count > 0)
            {
                w.WriteStartArray("files");
                foreach (string f in Files) w.WriteStringValue(f);
                w.WriteEndArray();
            }
            if (Annotation is not null)
            {
                w.WritePropertyName("annotation");
                Annotation.WriteTo(w);
            }
            w.WritePropertyName("operations");
            if (Recipe is null) w.WriteNullValue(); else w.WriteRawValue(Recipe, skipInputValidation: true);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a line of <c>manifest.jsonl</c>.</summary>
    /// <exception cref="FormatException">The line is not a manifest record.</exception>
    public static GenerationRecord Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            string? Text(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var ops = r.TryGetProperty("operations", out var o) && o.ValueKind != JsonValueKind.Null ? o.GetRawText() : null;
            return new GenerationRecord(
                Text("output") ?? throw new FormatException("the record has no output"),
                Text("source") ?? throw new FormatException("the record has no source"),
                Text("label"), Text("split"),
                r.TryGetProperty("copy", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null,
                r.GetProperty("seed").GetUInt64(), r.GetProperty("item_key").GetInt64(), ops)
            {
                Files = r.TryGetProperty("files", out var f) ? f.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : [],
                Annotation = r.TryGetProperty("annotation", out var a) ? JsonNode.Parse(a.GetRawText()) : null,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"not a manifest record: {e.Message}", e);
        }
    }

    /// <summary>The output path of a manifest line without parsing the rest (its first member); null when the line is not a record.</summary>
    public static string? OutputOf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("output")) return null;
            return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The recipe's operations, ready to apply again.</summary>
    public ComposeOperation? ReadRecipe()
        => Recipe is null ? null : (ComposeOperation)OperationJson.Deserialize(Recipe);
}
