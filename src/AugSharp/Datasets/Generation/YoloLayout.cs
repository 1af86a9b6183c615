using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>What the lines of a YOLO label file describe.</summary>
public enum YoloTask
{
    /// <summary>Boxes: <c>class cx cy w h</c>, normalised (<c>--layout yolo</c>).</summary>
    Detect,

    /// <summary>Polygons: <c>class x1 y1 x2 y2 ...</c>, normalised, at least three points (<c>--layout yolo-seg</c>).</summary>
    Segment,

    /// <summary>Oriented boxes: <c>class x1 y1 x2 y2 x3 y3 x4 y4</c>, the four corners normalised (<c>--layout yolo-obb</c>).</summary>
    Obb,
}

/// <summary>
/// Ultralytics' YOLO data sets: image folders named <c>images</c> and label folders named
/// <c>labels</c> beside them (<c>images/train/a.jpg</c> pairs with <c>labels/train/a.txt</c>, and
/// <c>train/images/a.jpg</c> with <c>train/labels/a.txt</c>: the last <c>images</c> folder of the
/// path becomes <c>labels</c>), one line per object, numbers normalised by the image's size. Class
/// names come from <c>data.yaml</c> (its <c>names:</c>, a list or a map from index to name; else
/// the only <c>.yaml</c> file of the root) or from <c>classes.txt</c> (at the root or in
/// <c>labels/</c>); without either, classes are their indexes.
/// </summary>
/// <remarks>
/// <para>Written back the same way: a label file beside every output image (empty for an image
/// without objects), and <c>data.yaml</c> with <c>nc</c>, <c>names</c> and one entry per split
/// present: each split's image folders (<c>train: images/train</c>, or <c>train: train/images</c>
/// with <c>--split</c>). The split of an image folder is the run's split, else the name of a folder
/// beside <c>images</c> (train, val, valid, validation, test), else train. A <c>classes.txt</c>
/// of the input is written back too.</para>
/// <para>Boxes (<see cref="YoloTask.Detect"/>) are moved as boxes, oriented boxes
/// (<see cref="YoloTask.Obb"/>) as <see cref="OrientedBox"/>es (corners written in Ultralytics'
/// order, clamped to 0..1), and polygons (<see cref="YoloTask.Segment"/>) are filled into one mask
/// per object (its value the class index + 1), moved with the pixels, and written again as the
/// outlines of the moved masks (<see cref="MaskOutlines"/>): one line per connected piece of an
/// object, holes dropped, the outline simplified to within half a pixel. A polygon therefore comes
/// back as the outline of its pixels, not as its original corners.</para>
/// <para>A label file naming no image, a malformed line, a class index out of range, coordinates
/// outside 0..1 and a box leaving the image are reported with the file and line; the image is
/// skipped (as Ultralytics skips it).</para>
/// </remarks>
public static class YoloLayout
{
    private const double Slack = 1e-3;
    private static readonly string[] SplitNames = ["train", "val", "valid", "validation", "test"];

    /// <summary>True when <paramref name="input"/> is a folder with <c>images</c> and <c>labels</c> folders whose lines are boxes (five numbers; also a data set without any label line).</summary>
    public static bool DetectBoxes(string input) => Sniff(input) == YoloTask.Detect;

    /// <summary>True when <paramref name="input"/> is a YOLO folder whose lines are polygons (an odd count of seven or more numbers, not all nine).</summary>
    public static bool DetectSegments(string input) => Sniff(input) == YoloTask.Segment;

    /// <summary>True when <paramref name="input"/> is a YOLO folder whose lines all hold nine numbers (a class and four corners).</summary>
    public static bool DetectOriented(string input) => Sniff(input) == YoloTask.Obb;

    /// <summary>The task of a YOLO folder from its first label lines, or null when it is not one.</summary>
    internal static YoloTask? Sniff(string input)
    {
        try
        {
            return SniffFolder(input);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static YoloTask? SniffFolder(string input)
    {
        if (!Directory.Exists(input)) return null;
        var labelFolders = new List<string>();
        foreach (string images in Directory.EnumerateDirectories(input, "images", SearchOption.TopDirectoryOnly)
                     .Concat(Directory.EnumerateDirectories(input).SelectMany(d => Directory.EnumerateDirectories(d, "images", SearchOption.TopDirectoryOnly))))
        {
            string labels = Path.Combine(Path.GetDirectoryName(images)!, "labels");
            if (Directory.Exists(labels)) labelFolders.Add(labels);
        }
        if (labelFolders.Count == 0) return null;
        int lines = 0;
        bool nine = false;
        foreach (string file in labelFolders.SelectMany(f => Directory.EnumerateFiles(f, "*.txt", SearchOption.AllDirectories)).Where(f => Path.GetFileName(f) != "classes.txt").Take(50))
        {
            foreach (string line in File.ReadLines(file).Take(20))
            {
                int n = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
                if (n == 0) continue;
                if (n == 5) return YoloTask.Detect;
                if (n == 9) nine = true;
                else if (n >= 7 && n % 2 == 1) return YoloTask.Segment;
                if (++lines >= 200) break;
            }
        }
        return nine ? YoloTask.Obb : YoloTask.Detect;
    }

    /// <summary>One object of a label file: its class index and its normalised numbers.</summary>
    private sealed record YoloObject(int Class, double[] Values);

    /// <summary>Lists the images of a YOLO folder with their label files and reads each with its objects.</summary>
    public sealed class Reader : DatasetReader
    {
        private readonly YoloTask _task;
        private readonly Dictionary<string, YoloObject[]> _objects = new(StringComparer.Ordinal);
        private IReadOnlyList<string>? _names;

        /// <summary>A reader of label lines of <paramref name="task"/>.</summary>
        public Reader(YoloTask task) => _task = task;

        /// <inheritdoc />
        public override DatasetScan Scan(string input, string? excludedFolder)
        {
            ArgumentNullException.ThrowIfNull(input);
            string root = Path.GetFullPath(input);
            var errors = new List<GenerationError>();
            var files = LabelFiles.List(root, excludedFolder, errors);
            var (names, yamlFile, classesFile) = ReadNames(root, files);
            _names = names;

            // Images that differ only by extension would share a label file: the first is kept.
            var images = LabelFiles.ImagesByStem(files.Where(f => LabelFiles.HasFolder(f, "images")), root, errors).Values.Order(StringComparer.Ordinal).ToArray();
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            var items = new List<DatasetItem>();
            foreach (string key in images)
            {
                string label = LabelFiles.SidePath(key, "images", "labels", ".txt")!;
                string labelPath = Path.Combine(root, label);
                claimed.Add(label);
                YoloObject[] objects = [];
                if (File.Exists(labelPath))
                {
                    var parsed = Parse(labelPath, errors);
                    if (parsed is null) continue;
                    objects = parsed;
                }
                _objects[key] = objects;
                items.Add(new DatasetItem(key, Path.Combine(root, key), null));
            }
            foreach (string file in files)
            {
                if (!file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || !LabelFiles.HasFolder(file, "labels") || file == classesFile || claimed.Contains(file)) continue;
                errors.Add(new GenerationError(Path.Combine(root, file), $"the label file names no image: no image {LabelFiles.WithoutExtension(LabelFiles.SidePath(file, "labels", "images", ".x")!)}.* beside it"));
            }
            var settings = new JsonObject
            {
                ["task"] = _task.ToString().ToLowerInvariant(),
                ["names"] = names is null ? null : new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
                ["yaml"] = yamlFile ?? "data.yaml",
                ["classes_file"] = classesFile,
            };
            return new DatasetScan(root, items, errors, settings);
        }

        /// <summary>The objects of one label file, or null (with the error) when a line is bad.</summary>
        private YoloObject[]? Parse(string path, List<GenerationError> errors)
        {
            var objects = new List<YoloObject>();
            IEnumerable<(int Number, string Text)> lines;
            try
            {
                lines = LabelFiles.Lines(path).ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new GenerationError(path, "cannot read the label file: " + ErrorText.OneLine(e)));
                return null;
            }
            foreach (var (number, text) in lines)
            {
                var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 0) continue;
                string? problem = Problem(fields, out var o);
                if (problem is not null)
                {
                    errors.Add(new GenerationError($"{path}:{number.ToString(CultureInfo.InvariantCulture)}", problem));
                    return null;
                }
                objects.Add(o!);
            }
            return objects.ToArray();
        }

        private string? Problem(string[] fields, out YoloObject? result)
        {
            result = null;
            string shape = _task switch
            {
                YoloTask.Detect => "class cx cy w h (5 fields)",
                YoloTask.Obb => "class x1 y1 x2 y2 x3 y3 x4 y4 (9 fields)",
                _ => "class x1 y1 x2 y2 x3 y3 ... (a class and three or more points)",
            };
            bool countOk = _task switch
            {
                YoloTask.Detect => fields.Length == 5,
                YoloTask.Obb => fields.Length == 9,
                _ => fields.Length >= 7 && fields.Length % 2 == 1,
            };
            if (!countOk) return $"malformed line: {fields.Length} fields, a line is {shape}";
            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int cls))
                return $"malformed line: the class {fields[0]} is not a class index (0, 1, 2...)";
            if (_names is not null && cls >= _names.Count)
                return $"the class index {cls.ToString(CultureInfo.InvariantCulture)} is out of range: the data set names {_names.Count.ToString(CultureInfo.InvariantCulture)} classes (0 to {(_names.Count - 1).ToString(CultureInfo.InvariantCulture)})";
            var values = new double[fields.Length - 1];
            for (int i = 0; i < values.Length; i++)
            {
                if (!LabelFiles.TryNumber(fields[i + 1], out values[i])) return $"malformed line: {fields[i + 1]} is not a number";
                if (values[i] < -Slack || values[i] > 1 + Slack) return $"the object is outside the image: {fields[i + 1]} is not within 0..1 (YOLO numbers are normalised by the image's size)";
            }
            if (_task == YoloTask.Detect)
            {
                double cx = values[0], cy = values[1], w = values[2], h = values[3];
                if (!(w > 0 && h > 0)) return "the box has no area (its width or height is 0)";
                if (cx - w / 2 < -Slack || cy - h / 2 < -Slack || cx + w / 2 > 1 + Slack || cy + h / 2 > 1 + Slack)
                    return "the box leaves the image (its edges are not within 0..1)";
            }
            for (int i = 0; i < values.Length; i++) values[i] = Math.Clamp(values[i], 0, 1);
            result = new YoloObject(cls, values);
            return null;
        }

        /// <summary>The class names of a YOLO root (data.yaml, else classes.txt), with the files they came from.</summary>
        private static (IReadOnlyList<string>? Names, string? Yaml, string? Classes) ReadNames(string root, List<string> files)
        {
            string? yaml = files.Contains("data.yaml") ? "data.yaml"
                : files.Where(f => !f.Contains('/') && (f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))).ToArray() is [var only] ? only : null;
            string? classes = files.Contains("classes.txt") ? "classes.txt" : files.Contains("labels/classes.txt") ? "labels/classes.txt" : null;
            if (yaml is not null)
            {
                string path = Path.Combine(root, yaml);
                object? document;
                try
                {
                    document = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<object?>(File.ReadAllText(path));
                }
                catch (YamlDotNet.Core.YamlException e)
                {
                    throw new FormatException($"{path}: not a YAML file ({ErrorText.OneLine(e)})", e);
                }
                if (document is IDictionary<object, object> map && map.TryGetValue("names", out var names) && names is not null)
                    return (NamesOf(names, path), yaml, classes);
            }
            if (classes is not null)
                return (File.ReadAllLines(Path.Combine(root, classes)).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray(), yaml, classes);
            return (null, yaml, null);
        }

        private static string[] NamesOf(object names, string path)
        {
            if (names is IList<object> list) return list.Select(n => Convert.ToString(n, CultureInfo.InvariantCulture) ?? "").ToArray();
            if (names is IDictionary<object, object> map)
            {
                var byIndex = new SortedDictionary<int, string>();
                foreach (var (k, v) in map)
                {
                    if (!int.TryParse(Convert.ToString(k, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                        throw new FormatException($"{path}: names: {k} is not a class index");
                    byIndex[index] = Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
                }
                int count = byIndex.Count == 0 ? 0 : byIndex.Keys.Max() + 1;
                return Enumerable.Range(0, count).Select(i => byIndex.GetValueOrDefault(i, i.ToString(CultureInfo.InvariantCulture))).ToArray();
            }
            throw new FormatException($"{path}: names must be a list or a map from class index to name");
        }

        /// <inheritdoc />
        public override AnnotatedImage Load(DatasetItem item, ReadOnlyMemory<byte> encoded, ImageReadOptions? options)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (!_objects.TryGetValue(item.Key, out var objects)) throw new InvalidOperationException($"{item.Key} is not an image of the scanned YOLO folder.");
            var plain = base.Load(item, encoded, options);
            int w = plain.Image.Width, h = plain.Image.Height;
            string Label(int cls) => _names is not null ? _names[cls] : cls.ToString(CultureInfo.InvariantCulture);
            switch (_task)
            {
                case YoloTask.Detect:
                    return plain.With(boxes: objects.Select(o => BoxFormats.FromValues(o.Values, BoxFormat.Yolo, w, h, Label(o.Class)).ClipTo(w, h)).ToArray());
                case YoloTask.Obb:
                    return plain.With(orientedBoxes: objects.Select(o => OrientedBoxFormats.FromValues(o.Values, OrientedBoxFormat.YoloObb, w, h, label: Label(o.Class))).ToArray());
                default:
                    bool wide = objects.Length > 0 && objects.Max(o => o.Class) >= 255;
                    var masks = new List<ImageBuffer>();
                    foreach (var o in objects)
                    {
                        var polygon = new double[o.Values.Length];
                        for (int i = 0; i < polygon.Length; i += 2)
                        {
                            polygon[i] = o.Values[i] * w;
                            polygon[i + 1] = o.Values[i + 1] * h;
                        }
                        var filled = CocoMasks.FromPolygons([polygon], w, h);
                        if (wide)
                        {
                            var mask = new ImageBuffer<ushort>(w, h, 1);
                            for (int y = 0; y < h; y++)
                                for (int x = 0; x < w; x++)
                                    mask[y, x, 0] = (ushort)(filled[y, x, 0] * (o.Class + 1));
                            filled.Dispose();
                            masks.Add(mask);
                        }
                        else
                        {
                            for (int y = 0; y < h; y++)
                            {
                                var row = filled.GetRow(y);
                                for (int x = 0; x < w; x++) row[x] = (byte)(row[x] * (o.Class + 1));
                            }
                            masks.Add(filled);
                        }
                    }
                    return plain.With(masks: masks);
            }
        }
    }

    /// <summary>Writes a label file beside each output image and <c>data.yaml</c> (and <c>classes.txt</c> when the input had one).</summary>
    public sealed class Writer : DatasetWriter
    {
        private readonly YoloTask _task;
        private readonly string[]? _names;
        private readonly Dictionary<string, int> _classOf = new(StringComparer.Ordinal);
        private readonly string _yaml;
        private readonly string? _classesFile;

        /// <summary>A writer from the reader's settings (the task, the class names and their files).</summary>
        public Writer(JsonObject settings)
        {
            ArgumentNullException.ThrowIfNull(settings);
            _task = Enum.TryParse<YoloTask>((string?)settings["task"], ignoreCase: true, out var task) ? task : YoloTask.Detect;
            _names = settings["names"]?.AsArray().Select(n => (string?)n ?? "").ToArray();
            for (int i = 0; i < (_names?.Length ?? 0); i++) _classOf.TryAdd(_names![i], i);
            _yaml = (string?)settings["yaml"] ?? "data.yaml";
            _classesFile = (string?)settings["classes_file"];
        }

        private int ClassOf(string? label)
        {
            if (label is not null && _classOf.TryGetValue(label, out int cls)) return cls;
            if (_names is null && int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out cls)) return cls;
            throw new InvalidOperationException($"the label '{label}' is not a class of the data set");
        }

        /// <summary>The label file of an output image (relative to the output folder).</summary>
        public static string LabelPath(string output)
            => LabelFiles.SidePath(output, "images", "labels", ".txt") ?? throw new InvalidOperationException($"the output {output} is not in an images folder");

        /// <inheritdoc />
        public override IReadOnlyList<(string RelativePath, byte[] Content)> ItemFiles(DatasetItem item, AnnotatedImage output, GenerationRecord record)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(record);
            int w = output.Image.Width, h = output.Image.Height;
            var text = new StringBuilder();
            void Line(int cls, IEnumerable<double> values)
            {
                text.Append(cls.ToString(CultureInfo.InvariantCulture));
                foreach (double v in values) text.Append(' ').Append(LabelFiles.Number(v));
                text.Append('\n');
            }
            switch (_task)
            {
                case YoloTask.Detect:
                    foreach (var box in output.Boxes)
                    {
                        var clipped = box.ClipTo(w, h);
                        if (clipped.IsValid) Line(ClassOf(box.Label), BoxFormats.ToValues(clipped, BoxFormat.Yolo, w, h));
                    }
                    break;
                case YoloTask.Obb:
                    foreach (var box in output.OrientedBoxes)
                        if (box.IsValid) Line(ClassOf(box.Label), OrientedBoxFormats.ToValues(box, OrientedBoxFormat.YoloObb, w, h).Select(v => Math.Clamp(v, 0, 1)));
                    break;
                default:
                    foreach (var mask in output.Masks)
                        foreach (var (value, outline) in MaskOutlines.Trace(mask))
                            Line(value - 1, outline.SelectMany(p => new[] { p.X / w, p.Y / h }));
                    break;
            }
            return [(LabelPath(record.Output), Encoding.UTF8.GetBytes(text.ToString()))];
        }

        /// <inheritdoc />
        public override IReadOnlyList<string> WriteRootAggregates(string outputFolder, IEnumerable<GenerationRecord> records)
        {
            ArgumentNullException.ThrowIfNull(outputFolder);
            ArgumentNullException.ThrowIfNull(records);
            var splits = new SortedDictionary<string, SortedSet<string>>(Comparer<string>.Create(SplitOrder));
            foreach (var record in records)
            {
                var (name, folder) = SplitOf(record);
                if (!splits.TryGetValue(name, out var folders)) splits[name] = folders = new SortedSet<string>(StringComparer.Ordinal);
                folders.Add(folder);
            }
            var yaml = new StringBuilder();
            yaml.Append("# Written by augsharp generate: image folders relative to this file's folder.\n");
            foreach (var (name, folders) in splits)
            {
                yaml.Append(name).Append(':');
                if (folders.Count == 1) yaml.Append(' ').Append(Scalar(folders.Min!)).Append('\n');
                else
                {
                    yaml.Append('\n');
                    foreach (string f in folders) yaml.Append("  - ").Append(Scalar(f)).Append('\n');
                }
            }
            if (_names is not null)
            {
                yaml.Append("nc: ").Append(_names.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
                yaml.Append("names:\n");
                for (int i = 0; i < _names.Length; i++) yaml.Append("  ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(Scalar(_names[i])).Append('\n');
            }
            var written = new List<string>();
            WriteFile(Path.Combine(outputFolder, _yaml), s => s.Write(Encoding.UTF8.GetBytes(yaml.ToString())));
            written.Add(_yaml);
            if (_classesFile is not null && _names is not null)
            {
                WriteFile(Path.Combine(outputFolder, _classesFile), s => s.Write(Encoding.UTF8.GetBytes(string.Concat(_names.Select(n => n + "\n")))));
                written.Add(_classesFile);
            }
            return written;
        }

        /// <summary>train, val, test first, then the others ordinally.</summary>
        private static int SplitOrder(string a, string b)
        {
            int Rank(string s) => s switch { "train" => 0, "val" => 1, "test" => 2, _ => 3 };
            int c = Rank(a).CompareTo(Rank(b));
            return c != 0 ? c : string.CompareOrdinal(a, b);
        }

        /// <summary>The split of an output and its image folder (up to its last <c>images</c> folder, and the folder after it when there is one).</summary>
        private static (string Name, string Folder) SplitOf(GenerationRecord record)
        {
            var parts = record.Output.Split('/');
            int images = Array.LastIndexOf(parts, "images", parts.Length - 2);
            int end = images + 1 < parts.Length - 1 ? images + 2 : images + 1;
            string folder = string.Join('/', parts[..end]);
            string? name = record.Split;
            if (name is null)
            {
                foreach (string part in parts[..end].Reverse())
                {
                    if (!SplitNames.Contains(part)) continue;
                    name = part;
                    break;
                }
                name = name switch { null => "train", "valid" or "validation" => "val", _ => name };
            }
            return (name, folder);
        }

        private static string Scalar(string text)
            => text.Length > 0 && text.All(c => char.IsLetterOrDigit(c) || c is '/' or '_' or '-' or '.') && !char.IsDigit(text[0]) && text is not ("true" or "false" or "null" or "yes" or "no")
                ? text
                : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
