using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>
/// Makes an output of a generated data set again from its manifest record: the source image is
/// decoded, the recorded operations applied, and the result encoded with the run's settings,
/// giving the same bytes as the run wrote.
/// </summary>
public static class DatasetReplay
{
    /// <summary>
    /// The bytes of the output of <paramref name="record"/>, made again. The run's settings (the
    /// input's folder, the quality) come from <c>summary.json</c> in <paramref name="outputFolder"/>
    /// (or the state of an unfinished run there).
    /// </summary>
    /// <param name="record">A line of the run's manifest.</param>
    /// <param name="outputFolder">The run's output folder.</param>
    /// <param name="imageRoot">The folder the sources are relative to, when the input has moved; null for the one the run recorded.</param>
    /// <exception cref="FileNotFoundException">The run's settings or the source image are missing.</exception>
    public static byte[] Recreate(GenerationRecord record, string outputFolder, string? imageRoot = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(outputFolder);
        var settings = GenerationFiles.ReadSettings(Path.GetFullPath(outputFolder))
            ?? throw new FileNotFoundException($"{outputFolder} holds no generated data set (no {GenerationFiles.Summary})", Path.Combine(outputFolder, GenerationFiles.Summary));
        return Recreate(record, settings, imageRoot);
    }

    internal static byte[] Recreate(GenerationRecord record, JsonObject settings, string? imageRoot)
    {
        string root = imageRoot ?? (string?)settings["image_root"] ?? throw new FormatException("the run's settings do not name the input's folder");
        if (DatasetLayouts.SafeRelativePath(record.Source, out string reason) is null) throw new FormatException($"the record's source is refused: {reason}");
        string source = Path.Combine(root, record.Source);
        if (!File.Exists(source)) throw new FileNotFoundException($"the source image of {record.Output} is missing: {source}", source);
        byte[] bytes = File.ReadAllBytes(source);
        var format = ImageCodec.FormatFromExtension(record.Output);
        int? quality = (int?)settings["quality"];
        ImageWriteOptions? writeOptions = quality is { } q ? new ImageWriteOptions { Quality = q } : null;
        if (writeOptions is null && (string?)settings["format"] == "same" && ImageCodec.FormatFromExtension(source) == ImageFormat.WebP)
        {
            using var probe = new MemoryStream(bytes, writable: false);
            writeOptions = ImageWriteOptions.Preserving(ImageCodec.Identify(probe, source));
        }
        var recipe = record.ReadRecipe();
        if (recipe is null && string.Equals(Path.GetExtension(record.Output), Path.GetExtension(source), StringComparison.OrdinalIgnoreCase)) return bytes;
        using var stream = new MemoryStream(bytes, writable: false);
        using var image = ImageCodec.Read(stream, null, source);
        if (recipe is null) return DatasetGenerator.EncodeToBytes(image, format, writeOptions);
        var input = new AnnotatedImage(image);
        var result = recipe.Apply(input);
        try
        {
            return DatasetGenerator.EncodeToBytes(result.Image, format, writeOptions);
        }
        finally
        {
            result.DisposeExcept(input);
        }
    }

    /// <summary>The record of <paramref name="output"/> (a path relative to the folder of <paramref name="manifestPath"/>, or a full path under it) in a manifest, or null.</summary>
    public static GenerationRecord? Find(string manifestPath, string output)
    {
        ArgumentNullException.ThrowIfNull(manifestPath);
        ArgumentNullException.ThrowIfNull(output);
        string folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        string relative = Path.IsPathRooted(output) ? Path.GetRelativePath(folder, output) : output;
        relative = relative.Replace('\\', '/');
        foreach (string line in ManifestLines.ReadLines(manifestPath))
            if (GenerationRecord.OutputOf(line) == relative) return GenerationRecord.Parse(line);
        return null;
    }
}
