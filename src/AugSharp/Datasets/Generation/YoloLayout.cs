using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AugSharp.Datasets;

/// <summary>
/// YOLO detection folders: <c>images/…/NAME.EXT</c> with its boxes in <c>labels/…/NAME.txt</c>, one
/// <c>CLASS CX CY W H</c> line per box (normalised to the image size; no file means no boxes), and
/// the class names in <c>data.yaml</c> (<c>names</c>, a list or a map) or <c>classes.txt</c>.
/// Written back the same way, the boxes moved with the pixels (boxes that leave the image are
/// dropped by the pipeline's box rules), with the names file in each split folder (a
/// <c>data.yaml</c> written anew, pointing at its own <c>images</c> folder, or the
/// <c>classes.txt</c>). Segmentation labels (polygons) are reported as not supported yet.
/// </summary>
public static class YoloLayout
{
    /// <summary>True when <paramref name="input"/> is a folder holding <c>images</c> and <c>labels</c> folders.</summary>
    public static bool Detect(string input)
        => Directory.Exists(Path.Combine(input, "images")) && Directory.Exists(Path.Combine(input, "labels"));

    /// <summary>Lists the images, reads their boxes from the label files.</summary>
    public sealed class Reader : DatasetReader
    {
        /// <inheritdoc />
        public override DatasetScan Scan(string input, string? excludedFolder)
        {
            ArgumentNullException.ThrowIfNull(input);
            string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(input));
            var images = ImageFolder.List(Path.Combine(root, "images"), excludedFolder);
            var items = images.Files
                .Select(f => new DatasetItem("images/" + f, Path.Combine(images.Root, f), null,
                    JsonValue.Create(Path.Combine(root, "labels", Path.ChangeExtension(f, ".txt")))))
                .ToArray();
            var settings = new JsonObject();
            string yaml = Path.Combine(root, "data.yaml"), classes = Path.Combine(root, "classes.txt");
            if (File.Exists(yaml))
            {
                settings["names_file"] = "data.yaml";
                settings["names"] = new JsonArray(ReadYamlNames(yaml).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
            }
            else if (File.Exists(classes))
            {
                settings["names_file"] = "classes.txt";
                settings["names"] = new JsonArray(File.ReadAllLines(classes).Select(l => l.Trim()).Where(l => l.Length > 0).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
            }
            return new DatasetScan(root, items, images.Errors.Select(e => new GenerationError(e.Path, e.Message)).ToArray(), settings);
        }

        private static List<string> ReadYamlNames(string path)
        {
            try
            {
                var stream = new YamlStream();
                using (var reader = new StreamReader(path, Encoding.UTF8)) stream.Load(reader);
                if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
                    || !root.Children.TryGetValue(new YamlScalarNode("names"), out var names))
                    throw new FormatException($"{path}: no 'names' (the class names)");
                return names switch
                {
                    YamlSequenceNode list => list.Children.Select(n => ((YamlScalarNode)n).Value ?? "").ToList(),
                    YamlMappingNode map => map.Children
                        .Select(kv => (Index: int.Parse(((YamlScalarNode)kv.Key).Value ?? "", NumberStyles.None, CultureInfo.InvariantCulture), Name: ((YamlScalarNode)kv.Value).Value ?? ""))
                        .OrderBy(p => p.Index).Select(p => p.Name).ToList(),
                    _ => throw new FormatException($"{path}: 'names' is neither a list nor a map"),
                };
            }
            catch (Exception e) when (e is YamlException or InvalidCastException or OverflowException)
            {
                throw new FormatException($"{path}: not a YOLO data file ({e.Message})", e);
            }
        }

        /// <inheritdoc />
        public override AnnotatedImage Load(DatasetItem item, ReadOnlyMemory<byte> encoded, ImageReadOptions? options)
        {
            ArgumentNullException.ThrowIfNull(item);
            string labels = (string?)item.Data ?? "";
            var boxes = new List<BoundingBox>();
            var plain = base.Load(item, encoded, options);
            try
            {
                if (File.Exists(labels))
                {
                    int line = 0;
                    foreach (string text in File.ReadLines(labels))
                    {
                        line++;
                        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                        if (parts.Length == 0) continue;
                        if (parts.Length > 5) throw new FormatException($"{labels}:{line}: YOLO segmentation labels (polygons) are not supported yet");
                        var v = new double[4];
                        if (parts.Length != 5 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int cls)
                            || !parts.Skip(1).Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out v[i])).All(ok => ok))
                            throw new FormatException($"{labels}:{line}: expected CLASS CX CY W H, got '{text.Trim()}'");
                        double w = plain.Image.Width, h = plain.Image.Height;
                        var box = new BoundingBox((v[0] - v[2] / 2) * w, (v[1] - v[3] / 2) * h, (v[0] + v[2] / 2) * w, (v[1] + v[3] / 2) * h, cls.ToString(CultureInfo.InvariantCulture));
                        if (!box.IsValid || box.X1 < -0.5 || box.Y1 < -0.5 || box.X2 > w + 0.5 || box.Y2 > h + 0.5)
                            throw new FormatException($"{labels}:{line}: the box is outside the image or empty");
                        boxes.Add(box);
                    }
                }
                return new AnnotatedImage(plain.Image, boxes: boxes);
            }
            catch
            {
                plain.Image.Dispose();
                throw;
            }
        }
    }

    /// <summary>Writes a label file beside each output image and the class names in each split folder.</summary>
    public sealed class Writer : DatasetWriter
    {
        private readonly string? _namesFile;
        private readonly string[] _names;

        /// <summary>A writer from the reader's settings (the names file and the class names).</summary>
        public Writer(JsonObject settings)
        {
            ArgumentNullException.ThrowIfNull(settings);
            _namesFile = (string?)settings["names_file"];
            _names = settings["names"]?.AsArray().Select(n => (string?)n ?? "").ToArray() ?? [];
        }

        /// <inheritdoc />
        public override IReadOnlyList<(string RelativePath, byte[] Content)> ItemFiles(DatasetItem item, AnnotatedImage output, GenerationRecord record)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(record);
            string prefix = record.Split is null ? "" : record.Split + "/";
            string inner = record.Output[prefix.Length..];
            if (!inner.StartsWith("images/", StringComparison.Ordinal)) throw new InvalidOperationException($"{record.Output} is not under images/");
            var text = new StringBuilder();
            double w = output.Image.Width, h = output.Image.Height;
            foreach (var box in output.Boxes)
            {
                if (!box.IsValid) continue;
                text.Append(box.Label ?? "0").Append(' ')
                    .Append(N((box.X1 + box.X2) / 2 / w)).Append(' ').Append(N((box.Y1 + box.Y2) / 2 / h)).Append(' ')
                    .Append(N(box.Width / w)).Append(' ').Append(N(box.Height / h)).Append('\n');
            }
            return [(prefix + "labels/" + Path.ChangeExtension(inner["images/".Length..], ".txt").Replace('\\', '/'), Encoding.UTF8.GetBytes(text.ToString()))];

            static string N(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
        }

        /// <inheritdoc />
        public override IReadOnlyList<string> WriteAggregates(string folder, string? split, IEnumerable<GenerationRecord> records)
        {
            ArgumentNullException.ThrowIfNull(folder);
            if (_namesFile is null) return [];
            var text = new StringBuilder();
            if (_namesFile == "classes.txt")
            {
                foreach (string name in _names) text.Append(name).Append('\n');
            }
            else
            {
                text.Append("path: .\ntrain: images\nval: images\nnames:\n");
                for (int i = 0; i < _names.Length; i++)
                    text.Append("  ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(Quote(_names[i])).Append('\n');
            }
            WriteFile(Path.Combine(folder, _namesFile), s => s.Write(Encoding.UTF8.GetBytes(text.ToString())));
            return [_namesFile];
        }

        private static string Quote(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
