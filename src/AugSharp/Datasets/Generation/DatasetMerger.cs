using System.Diagnostics;
using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>
/// Joins the outputs of the shards of a run (<see cref="DatasetGeneratorOptions.Shard"/>) into
/// what a single run makes, byte for byte: the images and annotation files, the manifests merged
/// in output order, the errors, and the aggregate files and summary made again from the merged
/// manifest. The shards may have read the input at different paths (one mount point per
/// machine); the merged settings keep the first shard's.
/// </summary>
public static class DatasetMerger
{
    /// <summary>The settings without the input's paths, which may differ between the machines that ran the shards.</summary>
    private static JsonObject WithoutPaths(JsonObject settings)
    {
        var copy = (JsonObject)settings.DeepClone();
        copy.Remove("input");
        copy.Remove("image_root");
        return copy;
    }

    /// <summary>Merges the finished shard folders <paramref name="shardFolders"/> into <paramref name="outputFolder"/> (which must be empty or absent).</summary>
    /// <exception cref="ArgumentException">A folder is not a finished shard, the shards come from different runs, or some are missing or repeated.</exception>
    /// <exception cref="AugmentOutputConflictException">The output folder holds files.</exception>
    public static GenerationCounts Merge(string outputFolder, IReadOnlyList<string> shardFolders)
    {
        ArgumentNullException.ThrowIfNull(outputFolder);
        ArgumentNullException.ThrowIfNull(shardFolders);
        if (shardFolders.Count == 0) throw new ArgumentException("no shard folders to merge", nameof(shardFolders));
        var clock = Stopwatch.StartNew();
        string outRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputFolder));
        var shards = shardFolders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).ToArray();

        JsonObject? common = null;
        var seen = new Dictionary<int, string>();
        int count = 0;
        foreach (string shard in shards)
        {
            if (Directory.Exists(Path.Combine(shard, GenerationFiles.StateFolder)) || !File.Exists(Path.Combine(shard, GenerationFiles.Summary)))
                throw new ArgumentException($"{shard} is not a finished shard (no {GenerationFiles.Summary}, or its run was interrupted: run its command again to finish it)");
            var settings = GenerationFiles.ReadSettings(shard) ?? throw new ArgumentException($"{shard}: {GenerationFiles.Summary} is not a summary of a generated data set");
            var spec = DatasetShard.Parse((string?)settings["shard"] ?? throw new ArgumentException($"{shard} is a whole run, not a shard"));
            settings.Remove("shard");
            if (common is null)
            {
                common = settings;
                count = spec.Count;
            }
            else if (!JsonNode.DeepEquals(WithoutPaths(common), WithoutPaths(settings)) || spec.Count != count)
            {
                throw new ArgumentException($"{shard} comes from a run with other settings than {shards[0]}");
            }
            if (!seen.TryAdd(spec.Index, shard)) throw new ArgumentException($"{shard} and {seen[spec.Index]} are both shard {spec}");
        }
        var missing = Enumerable.Range(0, count).Where(i => !seen.ContainsKey(i)).ToArray();
        if (missing.Length > 0) throw new ArgumentException($"shard{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(i => $"{i}/{count}"))} missing");

        if (Directory.Exists(outRoot) && Directory.EnumerateFileSystemEntries(outRoot).Any())
            throw new AugmentOutputConflictException($"the output folder {outRoot} is not empty; merge into an empty folder");
        Directory.CreateDirectory(outRoot);

        int written = 0;
        foreach (string shard in shards)
        {
            foreach (var record in GenerationFiles.ReadManifest(shard))
            {
                foreach (string file in record.Files.Prepend(record.Output))
                {
                    if (DatasetLayouts.SafeRelativePath(file, out string reason) is null) throw new ArgumentException($"{shard}: the manifest names {file}: {reason}");
                    string from = Path.Combine(shard, file);
                    AtomicFile.Write(Path.Combine(outRoot, file), s =>
                    {
                        using var source = File.OpenRead(from);
                        source.CopyTo(s);
                    });
                }
                written++;
            }
        }
        var lines = shards.Select(s => ManifestLines.ReadLines(Path.Combine(s, GenerationFiles.Manifest))).ToArray();
        ManifestLines.WriteLines(Path.Combine(outRoot, GenerationFiles.Manifest), ManifestLines.Merge(lines));
        var errors = shards.SelectMany(s => ManifestLines.ReadLines(Path.Combine(s, GenerationFiles.Errors)).Select(GenerationError.Parse)).ToArray();
        var settingsOfRun = common!;
        var layout = DatasetLayouts.All.FirstOrDefault(l => l.Name == (string?)settingsOfRun["layout"])
            ?? throw new ArgumentException($"the shards' layout '{(string?)settingsOfRun["layout"]}' is unknown");
        var writer = layout.CreateWriter(settingsOfRun["layout_settings"] as JsonObject ?? new JsonObject());
        return GenerationFiles.Finish(outRoot, settingsOfRun, writer, errors, new RunFacts(clock.Elapsed.TotalSeconds, written, 0, 1));
    }
}
