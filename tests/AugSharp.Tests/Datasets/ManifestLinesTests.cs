using AugSharp.Datasets;

namespace AugSharp.Tests.Datasets;

public sealed class ManifestLinesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-manifest-" + Guid.NewGuid().ToString("N")[..8]);

    public ManifestLinesTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Line(string output, int copy) => new GenerationRecord(output, "c/x.png", "c", null, copy, 1, 2, null).ToJsonLine();

    [Theory]
    [InlineData(3)]
    [InlineData(1000)]
    public void A_journal_is_sorted_by_output_in_bounded_chunks_each_output_once(int chunkLines)
    {
        var names = Enumerable.Range(0, 20).Select(i => $"c/x_aug{i}.png").ToArray();
        var shuffled = names.OrderBy(RandomStream.ItemKey).ToList();
        var lines = shuffled.Select((n, i) => Line(n, i)).ToList();
        lines.Insert(5, lines[9]); // written twice after a resume
        string journal = Path.Combine(_dir, "journal.jsonl");
        File.WriteAllText(journal, string.Join("\n", lines) + "\n{\"output\":\"c/cut");

        string manifest = Path.Combine(_dir, "manifest.jsonl");
        ManifestLines.SortInto(ManifestLines.ReadRecords(journal), manifest, Path.Combine(_dir, "scratch"), chunkLines);

        var sorted = File.ReadAllLines(manifest).Select(GenerationRecord.Parse).Select(r => r.Output).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), sorted);
        Assert.Empty(Directory.Exists(Path.Combine(_dir, "scratch")) ? Directory.GetFiles(Path.Combine(_dir, "scratch")) : []);
    }

    [Fact]
    public void Sorted_sources_merge_into_one_sorted_sequence()
    {
        string[] a = [Line("a.png", 0), Line("c.png", 0), Line("e.png", 0)];
        string[] b = [Line("b.png", 0), Line("c.png", 0), Line("d.png", 0)];
        Assert.Equal(["a.png", "b.png", "c.png", "d.png", "e.png"], ManifestLines.Merge([a, b]).Select(l => GenerationRecord.OutputOf(l)));
    }
}
