using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>
/// Image and mask folders for segmentation: <c>images/…/NAME.EXT</c> with its mask
/// <c>masks/…/NAME.png</c> (or any image format; the same size as the image). Written back the
/// same way: each output image under <c>images/</c> and its mask, moved with the pixels
/// (nearest-neighbour, never interpolated into new labels), as a PNG under <c>masks/</c>. An image
/// without a mask, or with a mask of another size, is reported and skipped.
/// </summary>
public static class MaskFolderLayout
{
    /// <summary>The folder of the images.</summary>
    public const string ImagesFolder = "images";

    /// <summary>The folder of the masks.</summary>
    public const string MasksFolder = "masks";

    /// <summary>True when <paramref name="input"/> is a folder holding <c>images</c> and <c>masks</c> folders.</summary>
    public static bool Detect(string input)
        => Directory.Exists(Path.Combine(input, ImagesFolder)) && Directory.Exists(Path.Combine(input, MasksFolder));

    /// <summary>Lists the images that have a mask, and reads both.</summary>
    public sealed class Reader : DatasetReader
    {
        /// <inheritdoc />
        public override DatasetScan Scan(string input, string? excludedFolder)
        {
            ArgumentNullException.ThrowIfNull(input);
            string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(input));
            var images = ImageFolder.List(Path.Combine(root, ImagesFolder), excludedFolder);
            var masks = ImageFolder.List(Path.Combine(root, MasksFolder), excludedFolder);
            var maskOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string mask in masks.Files)
            {
                string stem = WithoutExtension(mask);
                // A PNG mask wins over another format with the same name.
                if (!maskOf.ContainsKey(stem) || mask.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) maskOf[stem] = mask;
            }
            var errors = images.Errors.Concat(masks.Errors).Select(e => new GenerationError(e.Path, e.Message)).ToList();
            var items = new List<DatasetItem>();
            foreach (string image in images.Files)
            {
                string key = ImagesFolder + "/" + image;
                string source = Path.Combine(images.Root, image);
                if (!maskOf.TryGetValue(WithoutExtension(image), out string? mask))
                {
                    errors.Add(new GenerationError(source, $"no mask: {MasksFolder}/{WithoutExtension(image)}.png is missing"));
                    continue;
                }
                items.Add(new DatasetItem(key, source, null, JsonValue.Create(Path.Combine(masks.Root, mask))));
            }
            items.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return new DatasetScan(root, items, errors, new JsonObject());
        }

        /// <inheritdoc />
        public override AnnotatedImage Load(DatasetItem item, ReadOnlyMemory<byte> encoded, ImageReadOptions? options)
        {
            ArgumentNullException.ThrowIfNull(item);
            var plain = base.Load(item, encoded, options);
            string maskPath = (string?)item.Data ?? throw new InvalidOperationException($"{item.Key} has no mask.");
            ImageBuffer? mask = null;
            try
            {
                mask = ImageCodec.Read(maskPath, options);
                if (mask.Width != plain.Image.Width || mask.Height != plain.Image.Height)
                    throw new FormatException($"the mask {maskPath} is {mask.Width}x{mask.Height}, the image {plain.Image.Width}x{plain.Image.Height}");
                return new AnnotatedImage(plain.Image, [mask]);
            }
            catch
            {
                mask?.Dispose();
                plain.Image.Dispose();
                throw;
            }
        }

        private static string WithoutExtension(string relative)
        {
            string ext = Path.GetExtension(relative);
            return ext.Length == 0 ? relative : relative[..^ext.Length];
        }
    }

    /// <summary>Writes each output's mask as a PNG under <c>masks/</c>, beside the image's place under <c>images/</c>.</summary>
    public sealed class Writer : DatasetWriter
    {
        /// <inheritdoc />
        public override IReadOnlyList<(string RelativePath, byte[] Content)> ItemFiles(DatasetItem item, AnnotatedImage output, GenerationRecord record)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(record);
            if (output.Masks.Count == 0) return [];
            string prefix = record.Split is null ? "" : record.Split + "/";
            string inner = record.Output[prefix.Length..];
            if (!inner.StartsWith(ImagesFolder + "/", StringComparison.Ordinal)) throw new InvalidOperationException($"{record.Output} is not under {ImagesFolder}/");
            string maskPath = prefix + MasksFolder + "/" + Path.ChangeExtension(inner[(ImagesFolder.Length + 1)..], ".png");
            using var stream = new MemoryStream();
            ImageCodec.Write(output.Masks[0], stream, ImageFormat.Png);
            return [(maskPath.Replace('\\', '/'), stream.ToArray())];
        }
    }
}
