using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>
/// A COCO annotation file (its image file names relative to the file's folder), read with
/// <see cref="CocoDataset"/> (boxes, polygon and run-length masks, keypoints, rotated boxes), and
/// written back as a COCO file of the same name per split, listing the output images with every
/// object's targets moved with the pixels, each in the form the input gave it:
/// <list type="bullet">
/// <item><c>bbox</c>: the moved box (the pipeline's box rules apply); for an object with a rotated
/// box, the axis-aligned box around the moved rotated box (clipped to the image); for an object with
/// a mask and no box, the box around the mask's pixels.</item>
/// <item><c>segmentation</c>: the moved mask, as polygons (the outlines of its pieces, see
/// <see cref="MaskOutlines"/>: holes dropped, simplified to within half a pixel) when the input had
/// polygons, as run lengths when it had run lengths (pycocotools' compressed string when the input's
/// was compressed, a list of counts when it was not; <c>iscrowd</c> kept).</item>
/// <item><c>area</c>: the mask's pixel count when the object has a mask, else the rotated box's or
/// the box's area.</item>
/// <item><c>keypoints</c>: x, y, v for each keypoint in the category's order, moved (the
/// pipeline's keypoint rules apply, label swaps such as <c>left_eye</c> to <c>right_eye</c>
/// included); a keypoint that was not labelled, was removed or left the image is 0, 0, 0.
/// <c>num_keypoints</c> counts the labelled ones (v &gt; 0).</item>
/// <item><c>rbox</c>: AugSharp's rotated-box field, <c>[cx, cy, w, h, angle_degrees]</c> in pixels,
/// the angle from the x axis towards the y axis (clockwise on screen) in [0, 90), as
/// <see cref="OrientedBox"/>'s canonical form (see <see cref="CocoObject.RotatedBox"/>).</item>
/// </list>
/// An object is dropped from an output when any of its targets is lost: its box or rotated box
/// dropped by the pipeline's rules (it left the image, or too little of it is left), or its mask
/// without a pixel; an object with keypoints only is dropped when none is left. The objects that
/// several-image transforms paste in from other images are written with their boxes and rotated boxes.
/// The items have no single class, so <c>per class</c> counts treat them as one class.
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
                items[key] = new DatasetItem(key, source, null, Objects(_dataset, image));
            }
            var categories = new JsonArray(_dataset.Categories.Select(c =>
            {
                var o = new JsonObject { ["id"] = c.Id, ["name"] = c.Name };
                if (c.KeypointNames.Count > 0) o["keypoints"] = new JsonArray(c.KeypointNames.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
                return (JsonNode?)o;
            }).ToArray());
            return new DatasetScan(root, items.Values.ToArray(), errors, new JsonObject { ["file"] = Path.GetFileName(file), ["categories"] = categories });
        }

        /// <summary>
        /// What the writer needs about the objects of <paramref name="image"/>, in file order (their
        /// index is the tag of their targets' labels): category, which targets each has, the form of
        /// its segmentation, its crowd flag and its number of keypoint slots.
        /// </summary>
        private static JsonObject Objects(CocoDataset dataset, CocoImage image)
        {
            var names = dataset.Categories.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().KeypointNames.Count);
            var objects = new JsonArray();
            foreach (var o in dataset.ObjectsOf(image))
            {
                int slots = o.Keypoints.Count >= 3 ? Math.Max(o.Keypoints.Count / 3, names.GetValueOrDefault(o.CategoryId)) : 0;
                objects.Add(new JsonObject
                {
                    ["category_id"] = o.CategoryId,
                    ["box"] = o.HasBox,
                    ["rbox"] = o.HasRotatedBox,
                    ["mask"] = o.Polygons.Count > 0 ? "polygons" : o.RunLengths is null ? null : o.CompressedRunLengths ? "rle_string" : "rle",
                    ["iscrowd"] = o.IsCrowd ? 1 : 0,
                    ["keypoints"] = slots,
                });
            }
            return new JsonObject { ["objects"] = objects };
        }

        /// <inheritdoc />
        public override AnnotatedImage Load(DatasetItem item, ReadOnlyMemory<byte> encoded, ImageReadOptions? options)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (_dataset is null || !_images.TryGetValue(item.Key, out var image)) throw new InvalidOperationException($"{item.Key} is not an image of the scanned COCO file.");
            var plain = base.Load(item, encoded, options);
            try
            {
                return _dataset.AnnotateObjects(plain.Image, image, tagObjects: true);
            }
            catch
            {
                plain.Image.Dispose();
                throw;
            }
        }
    }

    /// <summary>Writes one COCO file per split (or one for the output) with the moved boxes, masks, keypoints and rotated boxes.</summary>
    public sealed class Writer : DatasetWriter
    {
        private readonly string _file;
        private readonly JsonArray _categories;
        private readonly Dictionary<string, long> _categoryIds = new(StringComparer.Ordinal);
        private readonly Dictionary<long, string[]> _keypointNames = [];

        /// <summary>A writer from the reader's settings (the file name and the categories).</summary>
        public Writer(JsonObject settings)
        {
            ArgumentNullException.ThrowIfNull(settings);
            _file = (string?)settings["file"] ?? "annotations.json";
            _categories = settings["categories"]?.DeepClone() as JsonArray ?? [];
            foreach (var c in _categories)
            {
                if (c is null) continue;
                long id = (long?)c["id"] ?? 0;
                if (c["name"] is { } name) _categoryIds.TryAdd((string?)name ?? "", id);
                _keypointNames.TryAdd(id, c["keypoints"]?.AsArray().Select(n => (string?)n ?? "").ToArray() ?? []);
            }
        }

        /// <inheritdoc />
        public override JsonNode? Annotate(DatasetItem item, AnnotatedImage output)
        {
            ArgumentNullException.ThrowIfNull(item);
            ArgumentNullException.ThrowIfNull(output);
            int width = output.Image.Width, height = output.Image.Height;
            var objects = item.Data?["objects"]?.AsArray() ?? [];
            var result = new JsonArray();

            // Each target finds its object by its label's tag; the targets of pasted objects have none.
            var boxes = new Dictionary<int, BoundingBox>();
            var oriented = new Dictionary<int, OrientedBox>();
            var points = new Dictionary<int, List<Keypoint>>();
            var pastedBoxes = new List<BoundingBox>();
            var pastedOriented = new List<OrientedBox>();
            foreach (var box in output.Boxes)
            {
                if (!box.IsValid) continue;
                var (name, index) = LabelTag.Untag(box.Label);
                if (index >= 0 && index < objects.Count) boxes.TryAdd(index, box);
                else pastedBoxes.Add(box with { Label = name });
            }
            foreach (var box in output.OrientedBoxes)
            {
                if (!box.IsValid) continue;
                var (name, index) = LabelTag.Untag(box.Label);
                if (index >= 0 && index < objects.Count) oriented.TryAdd(index, box);
                else pastedOriented.Add(box with { Label = name });
            }
            foreach (var point in output.Keypoints)
            {
                int index = CocoDataset.ReadKeypointTag(point.Label).Object;
                if (index < 0 || index >= objects.Count) continue;
                if (!points.TryGetValue(index, out var list)) points[index] = list = [];
                list.Add(point);
            }

            int maskIndex = 0;
            for (int i = 0; i < objects.Count; i++)
            {
                var o = objects[i]!;
                string? maskForm = (string?)o["mask"];
                var mask = maskForm is not null && maskIndex < output.Masks.Count ? output.Masks[maskIndex] : null;
                if (maskForm is not null) maskIndex++;
                var entry = Entry(o, i, maskForm, mask, width, height, boxes, oriented, points);
                if (entry is not null) result.Add(entry);
            }
            foreach (var box in pastedBoxes)
                result.Add(new JsonObject { ["category"] = box.Label, ["bbox"] = new JsonArray(box.X1, box.Y1, box.Width, box.Height) });
            foreach (var box in pastedOriented)
            {
                var around = Around(box, width, height);
                result.Add(new JsonObject
                {
                    ["category"] = box.Label,
                    ["bbox"] = new JsonArray(around.X1, around.Y1, around.Width, around.Height),
                    ["area"] = box.Area,
                    ["rbox"] = RotatedBox(box, width, height),
                });
            }
            return new JsonObject { ["width"] = width, ["height"] = height, ["boxes"] = result };
        }

        /// <summary>The written fields of object <paramref name="index"/>, or null when one of its targets was lost.</summary>
        private JsonObject? Entry(JsonNode o, int index, string? maskForm, ImageBuffer? mask, int width, int height,
            Dictionary<int, BoundingBox> boxes, Dictionary<int, OrientedBox> oriented, Dictionary<int, List<Keypoint>> points)
        {
            long categoryId = (long?)o["category_id"] ?? 0;
            bool hasBox = (bool?)o["box"] ?? false, hasRotated = (bool?)o["rbox"] ?? false;
            BoundingBox box = default;
            OrientedBox rotated = default;
            if (hasBox && !boxes.TryGetValue(index, out box)) return null;
            if (hasRotated && !oriented.TryGetValue(index, out rotated)) return null;
            if (maskForm is not null && mask is null) return null;
            long pixels = mask is null ? 0 : CocoMasks.PixelCount(mask);
            if (mask is not null && pixels == 0) return null;

            int slots = (int?)o["keypoints"] ?? 0;
            JsonArray? keypoints = null;
            int labelled = 0;
            var visible = new List<Keypoint>();
            if (slots > 0)
            {
                var values = new double[3 * slots];
                var names = _keypointNames.GetValueOrDefault(categoryId) ?? [];
                foreach (var point in points.GetValueOrDefault(index) ?? [])
                {
                    var (name, _, v) = CocoDataset.ReadKeypointTag(point.Label);
                    int slot = Array.IndexOf(names, name);
                    if (slot < 0 && !int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out slot)) continue;
                    if (slot < 0 || slot >= slots || values[3 * slot + 2] > 0 || !point.IsInside(width, height)) continue;
                    values[3 * slot] = point.X;
                    values[3 * slot + 1] = point.Y;
                    values[3 * slot + 2] = v;
                    labelled++;
                    visible.Add(point);
                }
                keypoints = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }
            if (!hasBox && !hasRotated && maskForm is null && labelled == 0) return null;

            double x1, y1, w, h;
            if (hasRotated) { var a = Around(rotated, width, height); (x1, y1, w, h) = (a.X1, a.Y1, a.Width, a.Height); }
            else if (hasBox) (x1, y1, w, h) = (box.X1, box.Y1, box.Width, box.Height);
            else if (mask is not null) (x1, y1, w, h) = Extent(mask);
            else
            {
                double minX = visible.Min(k => k.X), minY = visible.Min(k => k.Y);
                (x1, y1, w, h) = (minX, minY, visible.Max(k => k.X) - minX, visible.Max(k => k.Y) - minY);
            }
            var entry = new JsonObject
            {
                ["category_id"] = categoryId,
                ["bbox"] = new JsonArray(x1, y1, w, h),
                ["area"] = mask is not null ? pixels : hasRotated ? rotated.Area : w * h,
                ["iscrowd"] = (int?)o["iscrowd"] ?? 0,
            };
            if (mask is not null) entry["segmentation"] = Segmentation(mask, maskForm!);
            if (keypoints is not null)
            {
                entry["keypoints"] = keypoints;
                entry["num_keypoints"] = labelled;
            }
            if (hasRotated) entry["rbox"] = RotatedBox(rotated, width, height);
            return entry;
        }

        /// <summary>The moved mask in the input's form: polygons (the outlines of its pieces), or run lengths as counts or pycocotools' string.</summary>
        private static JsonNode Segmentation(ImageBuffer mask, string form)
        {
            if (form == "polygons")
                return new JsonArray(MaskOutlines.Trace(mask).Select(piece => (JsonNode?)new JsonArray(piece.Outline.SelectMany(p => new[] { p.X, p.Y }).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray())).ToArray());
            var counts = CocoMasks.ToRunLengths(mask);
            return new JsonObject
            {
                ["size"] = new JsonArray(mask.Height, mask.Width),
                ["counts"] = form == "rle_string" ? CocoMasks.EncodeCounts(counts) : new JsonArray(counts.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            };
        }

        /// <summary>The box around the non-zero pixels of a mask that has some: x, y, width, height.</summary>
        private static (double X, double Y, double W, double H) Extent(ImageBuffer mask)
        {
            int x1 = int.MaxValue, y1 = int.MaxValue, x2 = -1, y2 = -1;
            var counts = CocoMasks.ToRunLengths(mask);
            long position = 0;
            for (int i = 0; i < counts.Length; i++)
            {
                if (i % 2 == 1 && counts[i] > 0)
                {
                    long last = position + counts[i] - 1;
                    int firstX = (int)(position / mask.Height), lastX = (int)(last / mask.Height);
                    x1 = Math.Min(x1, firstX);
                    x2 = Math.Max(x2, lastX);
                    y1 = Math.Min(y1, firstX == lastX ? (int)(position % mask.Height) : 0);
                    y2 = Math.Max(y2, firstX == lastX ? (int)(last % mask.Height) : mask.Height - 1);
                }
                position += counts[i];
            }
            return (x1, y1, x2 + 1 - x1, y2 + 1 - y1);
        }

        /// <summary>The axis-aligned box around a rotated box, clipped to the image.</summary>
        private static BoundingBox Around(OrientedBox box, int width, int height)
        {
            var e = box.Envelope;
            return new BoundingBox(Math.Max(0, e.X1), Math.Max(0, e.Y1), Math.Min(width, e.X2), Math.Min(height, e.Y2), box.Label);
        }

        private static JsonArray RotatedBox(OrientedBox box, int width, int height)
            => new(OrientedBoxFormats.ToValues(box, OrientedBoxFormat.Xywha, width, height, AngleUnit.Degrees).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

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
                    foreach (var o in record.Annotation?["boxes"]?.AsArray() ?? [])
                    {
                        var b = o!["bbox"]!.AsArray().Select(v => (double)v!).ToArray();
                        w.WriteStartObject();
                        w.WriteNumber("id", ++annotationId);
                        w.WriteNumber("image_id", imageId);
                        w.WriteNumber("category_id", (long?)o["category_id"] ?? CategoryId((string?)o["category"] ?? ""));
                        w.WriteStartArray("bbox");
                        foreach (double v in b) w.WriteNumberValue(v);
                        w.WriteEndArray();
                        if (o["area"] is { } area)
                        {
                            w.WritePropertyName("area");
                            area.WriteTo(w);
                        }
                        else
                        {
                            w.WriteNumber("area", b[2] * b[3]);
                        }
                        w.WriteNumber("iscrowd", (int?)o["iscrowd"] ?? 0);
                        foreach (string field in (ReadOnlySpan<string>)["segmentation", "keypoints", "num_keypoints", "rbox"])
                        {
                            if (o[field] is not { } value) continue;
                            w.WritePropertyName(field);
                            value.WriteTo(w);
                        }
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

        private long CategoryId(string category)
            => _categoryIds.TryGetValue(category, out long id) ? id : long.TryParse(category, CultureInfo.InvariantCulture, out long parsed) ? parsed : 0;
    }
}
