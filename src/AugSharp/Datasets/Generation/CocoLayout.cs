using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>
/// A COCO annotation file (its image file names relative to the file's folder), read with
/// <see cref="CocoDataset"/> (boxes, polygon and run-length masks, keypoints), and written back as
/// a COCO file of the same name per split, listing the output images with their boxes moved with
/// the pixels (boxes that left the image are dropped by the pipeline's box rules). The items have
/// no single class, so <c>per class</c> counts treat them as one class.
/// </summary>
public static class CocoLayout
{
    /// <summary>True when <paramref name="input"/> is a file with a .json extension.</summary>
    public static bool Detect(string input)
        => File.Exists(input) && Path.GetExtension(input).Equals(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Lists the images of a COCO file and reads each with its objects.</summary>
    public sealed class Reader : DatasetReader
    {
        private readonly Dictionary<string, CocoImage> _images = new(StringComparer.Ordinal);
        private CocoDataset? _dataset;

        /// <inheritdoc />
        public override DatasetScan Scan(string input, string? excludedFolder)
        {
            ArgumentNullException.ThrowIfNull(input);
            string file = Path.GetFullPath(input);
            string root = Path.GetDirectoryName(file)!;
            _dataset = CocoDataset.Load(file);
            var excluded = excludedFolder is null ? [] : ImageFolder.PathForms(Path.GetFullPath(excludedFolder));
            var errors = new List<GenerationError>();
            var items = new SortedDictionary<string, DatasetItem>(StringComparer.Ordinal);
            foreach (var image in _dataset.Images)
            {
                string place = $"{file}: image {image.Id.ToString(CultureInfo.InvariantCulture)}";
                string? key = DatasetLayouts.SafeRelativePath(image.FileName, out string reason);
                if (key is null) { errors.Add(new GenerationError(place, reason)); continue; }
                string source = Path.GetFullPath(Path.Combine(root, key));
                if (ImageFolder.IsUnder(source, excluded)) { errors.Add(new GenerationError(place, $"the path {key} is inside the output folder")); continue; }
                if (!_images.TryAdd(key, image)) { errors.Add(new GenerationError(place, $"the file {key} is listed twice")); continue; }
                items[key] = new DatasetItem(key, source, null);
            }
            var categories = new JsonArray(_dataset.Categories.Select(c =>
            {
                var o = new JsonObject { ["id"] = c.Id, ["name"] = c.Name };
                if (c.KeypointNames.Count > 0) o["keypoints"] = new JsonArray(c.KeypointNames.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
                return (JsonNode?)o;
            }).ToArray());
            return new DatasetScan(root, items.Values.ToArray(), errors, new JsonObject { ["file"] = Path.GetFileName(file), ["categories"] = categories });
        }

        /// <inheritdoc />
        public override AnnotatedImage Load(DatasetItem item, ReadOnlyMemory<byte> encoded, ImageReadOptions? options)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (_dataset is null || !_images.TryGetValue(item.Key, out var image)) throw new InvalidOperationException($"{item.Key} is not an image of the scanned COCO file.");
            var plain = base.Load(item, encoded, options);
            try
            {
                return _dataset.Annotate(plain.Image, image);
            }
            catch
            {
                plain.Image.Dispose();
                throw;
            }
        }
    }

    /// <summary>Writes one COCO file per split (or one for the output) with the moved boxes.</summary>
    public sealed class Writer : DatasetWriter
    {
        private readonly string _file;
        private readonly JsonArray _categories;
        private readonly Dictionary<string, long> _categoryIds = new(StringComparer.Ordinal);

        /// <summary>A writer from the reader's settings (the file name and the categories).</summary>
        public Writer(JsonObject settings)
        {
            ArgumentNullException.ThrowIfNull(settings);
            _file = (string?)settings["file"] ?? "annotations.json";
            _categories = settings["categories"]?.DeepClone() as JsonArray ?? [];
            foreach (var c in _categories)
                if (c?["name"] is { } name) _categoryIds.TryAdd((string?)name ?? "", (long?)c["id"] ?? 0);
        }

        /// <inheritdoc />
        public override JsonNode? Annotate(DatasetItem item, AnnotatedImage output)
        {
            ArgumentNullException.ThrowIfNull(output);
            var boxes = new JsonArray();
            foreach (var box in output.Boxes)
            {
                if (!box.IsValid) continue;
                boxes.Add(new JsonObject
                {
                    ["category"] = box.Label,
                    ["bbox"] = new JsonArray(box.X1, box.Y1, box.Width, box.Height),
                });
            }
            return new JsonObject { ["width"] = output.Image.Width, ["height"] = output.Image.Height, ["boxes"] = boxes };
        }

        /// <inheritdoc />
        public override IReadOnlyList<string> WriteAggregates(string folder, string? split, IEnumerable<GenerationRecord> records)
        {
            ArgumentNullException.ThrowIfNull(folder);
            ArgumentNullException.ThrowIfNull(records);
            string prefix = split is null ? "" : split + "/";
            WriteFile(Path.Combine(folder, _file), stream =>
            {
                using var w = new Utf8JsonWriter(stream, GenerationRecord.WriterOptions with { Indented = true });
                w.WriteStartObject();
                w.WriteStartArray("images");
                long id = 0;
                foreach (var record in records)
                {
                    id++;
                    w.WriteStartObject();
                    w.WriteNumber("id", id);
                    w.WriteString("file_name", record.Output.StartsWith(prefix, StringComparison.Ordinal) ? record.Output[prefix.Length..] : record.Output);
                    w.WriteNumber("width", (int?)record.Annotation?["width"] ?? 0);
                    w.WriteNumber("height", (int?)record.Annotation?["height"] ?? 0);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("annotations");
                long imageId = 0, annotationId = 0;
                foreach (var record in records)
                {
                    imageId++;
                    foreach (var box in record.Annotation?["boxes"]?.AsArray() ?? [])
                    {
                        var b = box!["bbox"]!.AsArray().Select(v => (double)v!).ToArray();
                        string category = (string?)box["category"] ?? "";
                        w.WriteStartObject();
                        w.WriteNumber("id", ++annotationId);
                        w.WriteNumber("image_id", imageId);
                        w.WriteNumber("category_id", _categoryIds.TryGetValue(category, out long cid) ? cid : long.TryParse(category, CultureInfo.InvariantCulture, out long parsed) ? parsed : 0);
                        w.WriteStartArray("bbox");
                        foreach (double v in b) w.WriteNumberValue(v);
                        w.WriteEndArray();
                        w.WriteNumber("area", b[2] * b[3]);
                        w.WriteNumber("iscrowd", 0);
                        w.WriteEndObject();
                    }
                }
                w.WriteEndArray();
                w.WritePropertyName("categories");
                _categories.WriteTo(w);
                w.WriteEndObject();
            });
            return [_file];
        }
    }
}
