using System.Text;

namespace AugSharp.Datasets;

/// <summary>
/// Sorting and merging of <c>manifest.jsonl</c> lines by output path, with memory bounded by a
/// chunk of lines however long the manifest: a journal is sorted in chunks written to scratch
/// files, which are then merged. Lines that are not complete records (the last line of a journal
/// cut by a kill) are dropped; a record met twice (an output written again after a resume) is kept
/// once.
/// </summary>
internal static class ManifestLines
{
    /// <summary>The lines of <paramref name="path"/> that are complete records, in file order.</summary>
    public static IEnumerable<string> ReadRecords(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || !IsRecord(line)) continue;
            yield return line;
        }
    }

    /// <summary>Lines of a file, without checking them (a file this class wrote).</summary>
    public static IEnumerable<string> ReadLines(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) yield return line;
    }

    private static bool IsRecord(string line)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && GenerationRecord.OutputOf(line) is not null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes <paramref name="lines"/> sorted ordinally by output path, each output once, to
    /// <paramref name="destination"/> (atomically), using <paramref name="scratchFolder"/> for the
    /// sorted chunks (removed at the end).
    /// </summary>
    public static void SortInto(IEnumerable<string> lines, string destination, string scratchFolder, int chunkLines = 50_000)
    {
        var chunks = new List<string>();
        var chunk = new List<(string Key, string Line)>();
        try
        {
            foreach (string line in lines)
            {
                chunk.Add((GenerationRecord.OutputOf(line)!, line));
                if (chunk.Count >= chunkLines) chunks.Add(WriteChunk(chunk, scratchFolder, chunks.Count));
            }
            if (chunks.Count == 0)
            {
                chunk.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                WriteLines(destination, Dedupe(chunk.Select(c => c.Line)));
                return;
            }
            if (chunk.Count > 0) chunks.Add(WriteChunk(chunk, scratchFolder, chunks.Count));
            WriteLines(destination, Merge(chunks.Select(ReadLines).ToArray()));
        }
        finally
        {
            foreach (string file in chunks) File.Delete(file);
        }
    }

    /// <summary>Merges sources each sorted by output path into one sorted sequence, each output once (the first source's line wins).</summary>
    public static IEnumerable<string> Merge(IReadOnlyList<IEnumerable<string>> sortedSources)
    {
        var enumerators = sortedSources.Select(s => s.GetEnumerator()).ToArray();
        try
        {
            var queue = new PriorityQueue<int, (string Key, int Source)>(Comparer<(string Key, int Source)>.Create((a, b) =>
            {
                int c = string.CompareOrdinal(a.Key, b.Key);
                return c != 0 ? c : a.Source.CompareTo(b.Source);
            }));
            for (int i = 0; i < enumerators.Length; i++)
                if (enumerators[i].MoveNext()) queue.Enqueue(i, (GenerationRecord.OutputOf(enumerators[i].Current)!, i));
            string? last = null;
            while (queue.TryDequeue(out int source, out var priority))
            {
                if (last is null || !string.Equals(last, priority.Key, StringComparison.Ordinal)) yield return enumerators[source].Current;
                last = priority.Key;
                if (enumerators[source].MoveNext()) queue.Enqueue(source, (GenerationRecord.OutputOf(enumerators[source].Current)!, source));
            }
        }
        finally
        {
            foreach (var e in enumerators) e.Dispose();
        }
    }

    /// <summary>Writes lines (each ended by \n, UTF-8 without a byte order mark) to <paramref name="path"/> atomically.</summary>
    public static void WriteLines(string path, IEnumerable<string> lines)
        => AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            foreach (string line in lines) writer.WriteLine(line);
        });

    private static IEnumerable<string> Dedupe(IEnumerable<string> sorted)
    {
        string? last = null;
        foreach (string line in sorted)
        {
            string key = GenerationRecord.OutputOf(line)!;
            if (last is null || !string.Equals(key, last, StringComparison.Ordinal)) yield return line;
            last = key;
        }
    }

    private static string WriteChunk(List<(string Key, string Line)> chunk, string scratchFolder, int index)
    {
        chunk.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        Directory.CreateDirectory(scratchFolder);
        string path = Path.Combine(scratchFolder, $"sort-{index}.jsonl");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        {
            foreach (var (_, line) in chunk) writer.WriteLine(line);
        }
        chunk.Clear();
        return path;
    }
}
