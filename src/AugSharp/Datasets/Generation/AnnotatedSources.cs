using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>
/// The sources of a generated data set with their annotations (boxes, oriented boxes, masks,
/// keypoints), read through the run's layout: its input is scanned once, on first use, and a source
/// found without annotations is remembered so that it is not read again. For the checks and
/// pictures that replay an output's recipe on its annotated source.
/// </summary>
/// <param name="settings">The run's settings (<c>summary.json</c>'s <c>settings</c>).</param>
/// <param name="outputFolder">The run's output folder (never read as input).</param>
/// <param name="readOptions">Decoder options, or null for the defaults.</param>
public sealed class AnnotatedSources(JsonObject? settings, string outputFolder, ImageReadOptions? readOptions = null)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, bool> _withoutTargets = new(StringComparer.Ordinal);
    private DatasetReader? _reader;
    private Dictionary<string, DatasetItem>? _items;

    /// <summary>
    /// The output of <paramref name="record"/> made again with its targets: its source read with its
    /// annotations and the recipe applied. Null for an original, when the input is not at hand, when
    /// the source has no annotations, or when it cannot be read or replayed. The caller disposes both images' buffers.
    /// </summary>
    public (AnnotatedImage Source, AnnotatedImage Output)? Replay(GenerationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Recipe is null || _withoutTargets.ContainsKey(record.Source) || Item(record.Source) is not { } item || _reader is null) return null;
        AnnotatedImage? input = null;
        try
        {
            input = _reader.Load(item, File.ReadAllBytes(item.SourcePath), readOptions);
            if (input.Boxes.Count == 0 && input.OrientedBoxes.Count == 0 && input.Masks.Count == 0 && input.Keypoints.Count == 0)
            {
                _withoutTargets.TryAdd(record.Source, true);
                foreach (var buffer in input.Buffers) buffer.Dispose();
                return null;
            }
            var output = record.ReadRecipe()?.Apply(input);
            if (output is null)
            {
                foreach (var buffer in input.Buffers) buffer.Dispose();
                return null;
            }
            return (input, output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException or ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            if (input is not null) foreach (var buffer in input.Buffers) buffer.Dispose();
            return null;
        }
    }

    /// <summary>Releases what <see cref="Replay"/> returned.</summary>
    public static void Dispose((AnnotatedImage Source, AnnotatedImage Output) replayed)
    {
        replayed.Output.DisposeExcept(replayed.Source);
        foreach (var buffer in replayed.Source.Buffers) buffer.Dispose();
    }

    /// <summary>The input item of <paramref name="key"/>, from one scan of the run's input in its layout; null when it cannot be found.</summary>
    private DatasetItem? Item(string key)
    {
        lock (_gate)
        {
            if (_items is null)
            {
                _items = new Dictionary<string, DatasetItem>(StringComparer.Ordinal);
                var layout = DatasetLayouts.All.FirstOrDefault(l => l.Name == (string?)settings?["layout"]);
                string? input = (string?)settings?["input"];
                if (layout is not null && input is not null && (File.Exists(input) || Directory.Exists(input)))
                {
                    try
                    {
                        _reader = layout.CreateReader();
                        foreach (var item in _reader.Scan(input, outputFolder).Items) _items[item.Key] = item;
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or FormatException or System.Text.Json.JsonException)
                    {
                        _reader = null;
                    }
                }
            }
            return _items.GetValueOrDefault(key);
        }
    }
}
