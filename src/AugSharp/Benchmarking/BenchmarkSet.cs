using System.Text.Json;

namespace AugSharp.Benchmarking;

/// <summary>One row of the benchmark set: a transform name and its fixed parameters.</summary>
/// <param name="Name">The row's name (HorizontalFlip, Rotate, KerasPipeline, ...).</param>
/// <param name="Parameters">The row's object from transforms.json, parameters included.</param>
public sealed record BenchmarkRow(string Name, JsonElement Parameters)
{
    /// <summary>A number parameter.</summary>
    public double Number(string key) => Parameters.GetProperty(key).GetDouble();

    /// <summary>A list-of-numbers parameter.</summary>
    public double[] Numbers(string key) => Parameters.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>A string parameter.</summary>
    public string Text(string key) => Parameters.GetProperty(key).GetString() ?? "";
}

/// <summary>
/// The per-transform benchmark set (transforms.json, embedded in the library): every library times
/// exactly these operations with these fixed parameters on the same decoded uint8 RGB images.
/// </summary>
public static class BenchmarkSet
{
    /// <summary>The name of the floor row: a copy of the same bytes.</summary>
    public const string Memcpy = "Memcpy";

    /// <summary>The name of the end-to-end row (decode, the Keras pipeline, JPEG encode).</summary>
    public const string EndToEnd = "EndToEnd";

    private static readonly Lazy<IReadOnlyList<BenchmarkRow>> Loaded = new(() => Parse(ReadEmbedded()));

    /// <summary>The rows of transforms.json, in its order.</summary>
    public static IReadOnlyList<BenchmarkRow> Rows => Loaded.Value;

    /// <summary>The text of the embedded transforms.json.</summary>
    public static string ReadEmbedded()
    {
        using var stream = typeof(BenchmarkSet).Assembly.GetManifestResourceStream("AugSharp.Benchmarking.transforms.json")
            ?? throw new InvalidOperationException("The benchmark set transforms.json is missing from the library.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses a benchmark set: <c>{"transforms": [{"name": ..., parameters...}, ...]}</c>.</summary>
    public static IReadOnlyList<BenchmarkRow> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("transforms").EnumerateArray()
            .Select(e => new BenchmarkRow(e.GetProperty("name").GetString() ?? throw new FormatException("A benchmark row has no name."), e.Clone()))
            .ToArray();
    }

    /// <summary>The rows AugSharp can run today, in the set's order, then <see cref="Memcpy"/>.</summary>
    public static IReadOnlyList<string> Available => Rows.Where(r => BenchmarkCase.IsImplemented(r.Name)).Select(r => r.Name).Append(Memcpy).ToArray();

    /// <summary>The rows of the set that AugSharp does not implement yet.</summary>
    public static IReadOnlyList<string> Unavailable => Rows.Where(r => !BenchmarkCase.IsImplemented(r.Name)).Select(r => r.Name).ToArray();

    /// <summary>Every row name a run may ask for: the set's rows and <see cref="Memcpy"/>.</summary>
    public static IReadOnlyList<string> AllNames => Rows.Select(r => r.Name).Append(Memcpy).ToArray();

    /// <summary>The row named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static BenchmarkRow? Find(string name)
    {
        if (string.Equals(name, Memcpy, StringComparison.OrdinalIgnoreCase)) return new BenchmarkRow(Memcpy, default);
        return Rows.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
