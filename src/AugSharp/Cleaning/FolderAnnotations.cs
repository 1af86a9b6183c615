using System.Text.Json;
using System.Text.Json.Nodes;
using AugSharp.Datasets;

namespace AugSharp.Cleaning;

/// <summary>An aggregate annotation file of a data set folder that a clean-up wrote again without the rejected images.</summary>
/// <param name="File">The file's name, at the data set's root.</param>
/// <param name="Format"><c>coco</c> or <c>csv</c>.</param>
/// <param name="Images">Image entries removed: COCO images, or CSV rows.</param>
/// <param name="Objects">COCO annotations removed with them (0 for a CSV file).</param>
public sealed record AnnotationUpdate(string File, string Format, int Images, int Objects);

/// <summary>
/// The aggregate annotation files at the root of a data set folder that <c>generate</c> did not make
/// (no manifest): COCO JSON files (images by <c>file_name</c> relative to the file's folder) and CSV
/// files (<c>flow_from_dataframe</c>: a path column relative to the file's folder). A clean-up removes
/// the rejected images' entries (a COCO image with its annotations; a CSV row) and, with a quarantine,
/// writes them there in a file of the same name (a COCO file with those images, their annotations and
/// the categories; a CSV file with the same header and the removed rows), which a restore merges back:
/// COCO ids are kept (and the lists put back in id order when they were in id order), CSV rows are
/// appended at the end of the file.
/// </summary>
internal static class FolderAnnotations
{
    /// <summary>Writes every aggregate file at <paramref name="root"/> again without the entries of <paramref name="removed"/> (image paths relative to the root, with <c>/</c>).</summary>
    public static IReadOnlyList<AnnotationUpdate> Remove(string root, IReadOnlySet<string> removed, string? quarantine)
    {
        var updates = new List<AnnotationUpdate>();
        if (removed.Count == 0) return updates;
        foreach (string file in Directory.EnumerateFiles(root).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            string? to = quarantine is null ? null : Path.Combine(quarantine, name);
            var update = Path.GetExtension(file).ToLowerInvariant() switch
            {
                ".json" => RemoveCoco(root, file, removed, to),
                ".csv" => RemoveCsv(root, file, removed, to),
                _ => null,
            };
            if (update is not null) updates.Add(update);
        }
        return updates;
    }

    /// <summary>
    /// The files of <paramref name="quarantine"/>'s top folder that merge back into an aggregate file of
    /// the same name at <paramref name="root"/> (relative names).
    /// </summary>
    public static IReadOnlyList<string> Mergeable(string root, string quarantine)
    {
        var names = new List<string>();
        foreach (string file in Directory.EnumerateFiles(quarantine).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            string target = Path.Combine(root, name);
            if (!File.Exists(target)) continue;
            string ext = Path.GetExtension(name).ToLowerInvariant();
            if ((ext == ".json" && ReadCoco(target) is not null && ReadCoco(file) is not null) || (ext == ".csv" && ReadCsv(target) is not null && ReadCsv(file) is not null))
                names.Add(name);
        }
        return names;
    }

    /// <summary>Merges the quarantine's files <paramref name="names"/> (from <see cref="Mergeable"/>) back into the files of the same name at <paramref name="root"/> and deletes them.</summary>
    /// <exception cref="IOException">A COCO image or annotation id to put back is already in the file; nothing was changed.</exception>
    public static void Restore(string root, string quarantine, IReadOnlyList<string> names)
    {
        // All the merges are checked before the first file is written.
        var writes = new List<(string Target, Action<Stream> Write, string From)>();
        foreach (string name in names)
        {
            string target = Path.Combine(root, name), from = Path.Combine(quarantine, name);
            if (Path.GetExtension(name).Equals(".json", StringComparison.OrdinalIgnoreCase))
            {
                var merged = MergeCoco(target, from);
                writes.Add((target, stream => WriteJson(stream, merged), from));
            }
            else
            {
                var set = ReadCsv(target)!;
                var back = ReadCsv(from)!;
                if (!set.Header.SequenceEqual(back.Header, StringComparer.Ordinal))
                    throw new IOException($"{from}: its header is not that of {target}; nothing more was merged back.");
                writes.Add((target, stream => CsvLayout.WriteRows(stream, set.Header, set.Rows.Concat(back.Rows)), from));
            }
        }
        foreach (var (target, write, from) in writes)
        {
            AtomicFile.Write(target, write);
            File.Delete(from);
        }
    }

    // --- COCO ---

    /// <summary>The file as a COCO data set (an object with an <c>images</c> list), or null when it is not one.</summary>
    private static JsonObject? ReadCoco(string file)
    {
        try
        {
            if (JsonNode.Parse(File.ReadAllText(file)) is not JsonObject json || json["images"] is not JsonArray) return null;
            // The project's reader checks the entries (ids, file names, image ids).
            CocoDataset.Load(file);
            return json;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? Id(JsonNode? entry, string name = "id")
    {
        try
        {
            return entry?[name] is JsonValue v ? v.GetValue<long>() : null;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static AnnotationUpdate? RemoveCoco(string root, string file, IReadOnlySet<string> removed, string? quarantined)
    {
        if (ReadCoco(file) is not { } json) return null;
        var images = (JsonArray)json["images"]!;
        var gone = images.Where(i => i?["file_name"] is JsonValue v && v.TryGetValue<string>(out var name) && DatasetLayouts.SafeRelativePath(name, out _) is { } key && removed.Contains(key)).ToList();
        if (gone.Count == 0) return null;
        var ids = gone.Select(i => Id(i)).OfType<long>().ToHashSet();
        var annotations = json["annotations"] as JsonArray ?? [];
        var goneObjects = annotations.Where(a => Id(a, "image_id") is { } id && ids.Contains(id)).ToList();

        if (quarantined is not null)
        {
            // The removed entries, with the file's other sections (info, licenses, categories); merged with an earlier clean-up's.
            var kept = ReadCoco(quarantined) ?? CopyWithout(json);
            Append((JsonArray)kept["images"]!, gone);
            kept["annotations"] ??= new JsonArray();
            Append((JsonArray)kept["annotations"]!, goneObjects);
            Directory.CreateDirectory(Path.GetDirectoryName(quarantined)!);
            AtomicFile.Write(quarantined, stream => WriteJson(stream, kept));
        }
        foreach (var image in gone) images.Remove(image);
        foreach (var annotation in goneObjects) annotations.Remove(annotation);
        AtomicFile.Write(file, stream => WriteJson(stream, json));
        return new AnnotationUpdate(Path.GetFileName(file), "coco", gone.Count, goneObjects.Count);
    }

    /// <summary>A copy of a COCO file with empty image and annotation lists.</summary>
    private static JsonObject CopyWithout(JsonObject json)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in json)
            copy[name] = name is "images" or "annotations" ? new JsonArray() : value?.DeepClone();
        if (!copy.ContainsKey("annotations")) copy["annotations"] = new JsonArray();
        return copy;
    }

    private static void Append(JsonArray to, IEnumerable<JsonNode?> entries)
    {
        var present = to.Select(e => Id(e)).OfType<long>().ToHashSet();
        foreach (var entry in entries)
            if (Id(entry) is not { } id || present.Add(id)) to.Add(entry?.DeepClone());
    }

    /// <summary>The set's COCO file with the quarantine's images, annotations and missing categories put back, ids kept.</summary>
    private static JsonObject MergeCoco(string target, string from)
    {
        var json = ReadCoco(target) ?? throw new IOException($"{target}: not a COCO file any more; nothing more was merged back.");
        var back = ReadCoco(from) ?? throw new IOException($"{from}: not a COCO file; nothing more was merged back.");
        foreach (string section in new[] { "images", "annotations", "categories" })
        {
            var entries = back[section] as JsonArray ?? [];
            if (entries.Count == 0) continue;
            var list = json[section] as JsonArray ?? (JsonArray)(json[section] = new JsonArray());
            var present = list.Select(e => Id(e)).OfType<long>().ToHashSet();
            bool ordered = IsInIdOrder(list);
            foreach (var entry in entries)
            {
                if (Id(entry) is { } id && !present.Add(id))
                {
                    if (section == "categories") continue; // the same category, still there
                    throw new IOException($"{target}: the {section[..^1]} id {id} of {from} is already in it; nothing more was merged back.");
                }
                list.Add(entry?.DeepClone());
            }
            if (ordered && IsSortable(list))
            {
                var sorted = list.Select(e => e?.DeepClone()).OrderBy(e => Id(e)!.Value).ToList();
                list.Clear();
                foreach (var entry in sorted) list.Add(entry);
            }
        }
        return json;
    }

    private static bool IsSortable(JsonArray list) => list.All(e => Id(e) is not null);

    private static bool IsInIdOrder(JsonArray list)
    {
        long? previous = null;
        foreach (var entry in list)
        {
            if (Id(entry) is not { } id || id < previous) return false;
            previous = id;
        }
        return true;
    }

    private static void WriteJson(Stream stream, JsonObject json)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteTo(writer);
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    // --- CSV ---

    private sealed record CsvFile(string[] Header, int PathColumn, List<string[]> Rows);

    /// <summary>The file as a <c>flow_from_dataframe</c> CSV (its path column as the project's CSV reader finds it), or null when it is not one.</summary>
    private static CsvFile? ReadCsv(string file)
    {
        try
        {
            var scan = new CsvLayout.Reader().Scan(file, null);
            int pathColumn = (int?)scan.WriterSettings["path_column"] ?? 0;
            var header = scan.WriterSettings["header"]?.AsArray().Select(h => (string?)h ?? "").ToArray() ?? [];
            var rows = new List<string[]>();
            using var reader = CsvLayout.OpenReader(file);
            foreach (var row in reader)
            {
                if (row.ColCount == 1 && row[0].Span.Trim().Length == 0) continue;
                var values = new string[row.ColCount];
                for (int i = 0; i < values.Length; i++) values[i] = row[i].ToString();
                rows.Add(values);
            }
            return new CsvFile(header, pathColumn, rows);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static AnnotationUpdate? RemoveCsv(string root, string file, IReadOnlySet<string> removed, string? quarantined)
    {
        if (ReadCsv(file) is not { } csv) return null;
        bool Gone(string[] row) => row.Length > csv.PathColumn && CsvLayout.Reader.KeyOf(row[csv.PathColumn], root, out _) is { } key && removed.Contains(key);
        var gone = csv.Rows.Where(Gone).ToList();
        if (gone.Count == 0) return null;
        if (quarantined is not null)
        {
            // Merged after the rows of an earlier clean-up's file.
            var earlier = File.Exists(quarantined) ? ReadCsv(quarantined) : null;
            var rows = earlier is not null && earlier.Header.SequenceEqual(csv.Header, StringComparer.Ordinal) ? earlier.Rows.Concat(gone) : gone;
            Directory.CreateDirectory(Path.GetDirectoryName(quarantined)!);
            var list = rows.ToList();
            AtomicFile.Write(quarantined, stream => CsvLayout.WriteRows(stream, csv.Header, list));
        }
        AtomicFile.Write(file, stream => CsvLayout.WriteRows(stream, csv.Header, csv.Rows.Where(r => !Gone(r))));
        return new AnnotationUpdate(Path.GetFileName(file), "csv", gone.Count, 0);
    }
}
