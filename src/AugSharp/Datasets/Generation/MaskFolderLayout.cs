using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>
/// Image+mask folders for segmentation: an <c>images</c> folder and a <c>masks</c> folder beside
/// it, a mask per image with the same stem (<c>images/train/a.jpg</c> pairs with
/// <c>masks/train/a.png</c>, any image format). Each mask is moved with the pixels by
/// nearest-neighbour, so it keeps its values (class indexes, 16-bit instance ids, colours), and
/// is written back as a PNG with the output image's stem (<c>masks/train/a_aug0.png</c>).
/// </summary>
/// <remarks>
/// A mask naming no image, an image without a mask and a mask whose size is not its image's are
/// reported with the file and skipped. Palette PNGs are read as their colours and written back as
/// colour PNGs.
/// </remarks>
public static class MaskFolderLayout
{
    /// <summary>True when <paramref name="input"/> is a folder with <c>images</c> and <c>masks</c> folders side by side (at its root or one level down).</summary>
    public static bool Detect(string input)
    {
        return LabelFiles.HasFolders(input, "images", "masks");
    }

    /// <summary>The mask written for an output image (relative paths, <c>/</c> separators).</summary>
    public static string? MaskPath(string imagePath) => LabelFiles.SidePath(imagePath, "images", "masks", ".png");

    /// <summary>Lists the images with their masks and reads each with its mask.</summary>
    public sealed class Reader : DatasetReader
    {
        private readonly Dictionary<string, string> _maskOf = new(StringComparer.Ordinal);

        /// <inheritdoc />
        public override DatasetScan Scan(string input, string? excludedFolder)
        {
            ArgumentNullException.ThrowIfNull(input);
            string root = Path.GetFullPath(input);
            var errors = new List<GenerationError>();
            var files = LabelFiles.List(root, excludedFolder, errors);
            var masks = LabelFiles.ImagesByStem(files.Where(f => LabelFiles.HasFolder(f, "masks")), root, errors);
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            var items = new List<DatasetItem>();
            foreach (string key in LabelFiles.ImagesByStem(files.Where(f => LabelFiles.HasFolder(f, "images")), root, errors).Values.Order(StringComparer.Ordinal))
            {
                string stem = LabelFiles.WithoutExtension(LabelFiles.SidePath(key, "images", "masks", ".x")!);
                if (!masks.TryGetValue(stem, out string? mask))
                {
                    errors.Add(new GenerationError(Path.Combine(root, key), $"the image has no mask: no {stem}.* beside it"));
                    continue;
                }
                claimed.Add(mask);
                _maskOf[key] = Path.Combine(root, mask);
                items.Add(new DatasetItem(key, Path.Combine(root, key), null));
            }
            foreach (string mask in masks.Values.Where(m => !claimed.Contains(m)).Order(StringComparer.Ordinal))
                errors.Add(new GenerationError(Path.Combine(root, mask), $"the mask names no image: no image {LabelFiles.WithoutExtension(LabelFiles.SidePath(mask, "masks", "images", ".x")!)}.* beside it"));
            return new DatasetScan(root, items, errors, new JsonObject());
        }

        /// <inheritdoc />
        public override AnnotatedImage Load(DatasetItem item, ReadOnlyMemory<byte> encoded, ImageReadOptions? options)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (!_maskOf.TryGetValue(item.Key, out string? maskPath)) throw new InvalidOperationException($"{item.Key} is not an image of the scanned mask folders.");
            var plain = base.Load(item, encoded, options);
            ImageBuffer mask;
            try
            {
                mask = ImageCodec.Read(maskPath);
            }
            catch
            {
                plain.Image.Dispose();
                throw;
            }
            if (mask.Width != plain.Image.Width || mask.Height != plain.Image.Height)
            {
                string message = $"the mask {maskPath} is {mask.Width}x{mask.Height}, its image {plain.Image.Width}x{plain.Image.Height}";
                mask.Dispose();
                plain.Image.Dispose();
                throw new FormatException(message);
            }
            return plain.With(masks: [mask]);
        }
    }

    /// <summary>Writes each output's moved mask as a PNG in the masks folder.</summary>
    public sealed class Writer : DatasetWriter
    {
        /// <inheritdoc />
        public override IReadOnlyList<(string RelativePath, byte[] Content)> ItemFiles(DatasetItem item, AnnotatedImage output, GenerationRecord record)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(record);
            if (output.Masks.Count == 0) throw new InvalidOperationException("the output has no mask");
            using var stream = new MemoryStream();
            ImageCodec.Write(output.Masks[0], stream, ImageFormat.Png);
            string path = MaskPath(record.Output) ?? throw new InvalidOperationException($"the output {record.Output} is not in an images folder");
            return [(path, stream.ToArray())];
        }
    }
}
