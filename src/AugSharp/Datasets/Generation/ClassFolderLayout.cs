using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>
/// Class folders (Keras' <c>flow_from_directory</c>): every image under the input folder,
/// recursively, labelled with its first folder (<c>cats/a.jpg</c> is a cat; an image directly in
/// the input folder has no label). Written back as the same folders. A single image file is a
/// data set of one image without a label.
/// </summary>
public static class ClassFolderLayout
{
    /// <summary>True when <paramref name="input"/> is a folder.</summary>
    public static bool Detect(string input) => Directory.Exists(input);

    /// <summary>Lists the images of a folder of class folders.</summary>
    public sealed class Reader : DatasetReader
    {
        /// <inheritdoc />
        public override DatasetScan Scan(string input, string? excludedFolder)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (File.Exists(input))
            {
                string file = Path.GetFullPath(input);
                if (!ImageFolder.IsImageFile(file)) throw new ArgumentException($"{file}: not an image file AugSharp reads (by its extension)");
                return new DatasetScan(Path.GetDirectoryName(file)!, [new DatasetItem(Path.GetFileName(file), file, null)], [], new JsonObject());
            }
            var listing = ImageFolder.List(input, excludedFolder);
            var items = listing.Files
                .Select(f => new DatasetItem(f, Path.Combine(listing.Root, f), f.IndexOf('/') is var slash and > 0 ? f[..slash] : null))
                .ToArray();
            var errors = listing.Errors.Select(e => new GenerationError(e.Path, e.Message)).ToArray();
            return new DatasetScan(listing.Root, items, errors, new JsonObject());
        }
    }

    /// <summary>Writes the images back into their class folders; no annotation files.</summary>
    public sealed class Writer : DatasetWriter
    {
    }
}
