using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>
/// DOTA v1 data sets: an <c>images</c> folder and a <c>labelTxt</c> folder beside it
/// (<c>images/P0001.png</c> pairs with <c>labelTxt/P0001.txt</c>), one object per line,
/// <c>x1 y1 x2 y2 x3 y3 x4 y4 class difficult</c>, the four corners in pixels, after optional
/// header lines (<c>imagesource:GoogleEarth</c>, <c>gsd:0.146</c>), which are kept.
/// </summary>
/// <remarks>
/// Each object is read as an <see cref="OrientedBox"/> (any four points as the minimum-area
/// rectangle around them), moved with the pixels, and written back as its four corners in pixels
/// (at most four decimals), clockwise on screen from the corner that is the top-left one of an
/// unturned box, with its class and difficulty. An image without a label file has no objects and
/// gets an empty one (its header only). A label file naming no image, a malformed line and an
/// object lying wholly outside its image are reported with the file and line, and the image is
/// skipped.
/// </remarks>
public static class DotaLayout
{
    /// <summary>True when <paramref name="input"/> is a folder with <c>images</c> and <c>labelTxt</c> folders side by side (at its root or one level down).</summary>
    public static bool Detect(string input)
    {
        return LabelFiles.HasFolders(input, "images", "labelTxt");
    }

    /// <summary>The label file of an image (relative paths, <c>/</c> separators).</summary>
    public static string? LabelPath(string imagePath) => LabelFiles.SidePath(imagePath, "images", "labelTxt", ".txt");

    private sealed record DotaObject(double[] Corners, string Class, string Difficult, int Line);

    private static bool IsHeader(string line) => line.StartsWith("imagesource:", StringComparison.Ordinal) || line.StartsWith("gsd:", StringComparison.Ordinal);

    /// <summary>Lists the images with their label files and reads each with its oriented boxes.</summary>
    public sealed class Reader : DatasetReader
    {
        private readonly Dictionary<string, (string Label, DotaObject[] Objects)> _objects = new(StringComparer.Ordinal);

        /// <inheritdoc />
        public override DatasetScan Scan(string input, string? excludedFolder)
        {
            ArgumentNullException.ThrowIfNull(input);
            string root = Path.GetFullPath(input);
            var errors = new List<GenerationError>();
            var files = LabelFiles.List(root, excludedFolder, errors);
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            var items = new List<DatasetItem>();
            foreach (string key in LabelFiles.ImagesByStem(files.Where(f => LabelFiles.HasFolder(f, "images")), root, errors).Values.Order(StringComparer.Ordinal))
            {
                string label = LabelPath(key)!;
                claimed.Add(label);
                string labelPath = Path.Combine(root, label);
                var header = new JsonArray();
                var objects = new List<DotaObject>();
                var difficult = new JsonArray();
                bool bad = false;
                (int Number, string Text)[] lines = [];
                try
                {
                    if (File.Exists(labelPath)) lines = LabelFiles.Lines(labelPath).ToArray();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new GenerationError(labelPath, "cannot read the label file: " + ErrorText.OneLine(e)));
                    continue;
                }
                foreach (var (number, text) in lines)
                {
                    string line = text.Trim();
                    if (line.Length == 0) continue;
                    if (IsHeader(line))
                    {
                        header.Add(line);
                        continue;
                    }
                    string? problem = Parse(line, number, out var o);
                    if (problem is not null)
                    {
                        errors.Add(new GenerationError($"{labelPath}:{number.ToString(CultureInfo.InvariantCulture)}", problem));
                        bad = true;
                        break;
                    }
                    objects.Add(o!);
                    difficult.Add(o!.Difficult);
                }
                if (bad) continue;
                _objects[key] = (labelPath, objects.ToArray());
                items.Add(new DatasetItem(key, Path.Combine(root, key), null, new JsonObject { ["header"] = header, ["difficult"] = difficult }));
            }
            foreach (string file in files)
            {
                if (!file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || !LabelFiles.HasFolder(file, "labelTxt") || claimed.Contains(file)) continue;
                errors.Add(new GenerationError(Path.Combine(root, file), $"the label file names no image: no image {LabelFiles.WithoutExtension(LabelFiles.SidePath(file, "labelTxt", "images", ".x")!)}.* beside it"));
            }
            return new DatasetScan(root, items, errors, new JsonObject());
        }

        private static string? Parse(string line, int number, out DotaObject? result)
        {
            result = null;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length is not (9 or 10)) return $"malformed line: {fields.Length} fields, a line is x1 y1 x2 y2 x3 y3 x4 y4 class difficult";
            var corners = new double[8];
            for (int i = 0; i < 8; i++)
                if (!LabelFiles.TryNumber(fields[i], out corners[i])) return $"malformed line: {fields[i]} is not a number";
            string difficult = fields.Length == 10 ? fields[9] : "0";
            if (!int.TryParse(difficult, NumberStyles.None, CultureInfo.InvariantCulture, out _)) return $"malformed line: the difficulty {difficult} is not 0 or 1";
            result = new DotaObject(corners, fields[8], difficult, number);
            return null;
        }

        /// <inheritdoc />
        public override AnnotatedImage Load(DatasetItem item, ReadOnlyMemory<byte> encoded, ImageReadOptions? options)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (!_objects.TryGetValue(item.Key, out var entry)) throw new InvalidOperationException($"{item.Key} is not an image of the scanned DOTA folder.");
            var plain = base.Load(item, encoded, options);
            int w = plain.Image.Width, h = plain.Image.Height;
            var boxes = new List<OrientedBox>();
            for (int i = 0; i < entry.Objects.Length; i++)
            {
                var o = entry.Objects[i];
                var box = OrientedBoxFormats.FromValues(o.Corners, OrientedBoxFormat.Xyxyxyxy, w, h, label: LabelFiles.Tag(o.Class, i));
                var envelope = box.Envelope;
                if (!box.IsValid || envelope.X2 <= 0 || envelope.Y2 <= 0 || envelope.X1 >= w || envelope.Y1 >= h)
                {
                    plain.Image.Dispose();
                    throw new FormatException($"{entry.Label}:{o.Line.ToString(CultureInfo.InvariantCulture)}: the object {(box.IsValid ? "lies outside" : "has no area in")} the {w}x{h} image");
                }
                boxes.Add(box);
            }
            return plain.With(orientedBoxes: boxes);
        }
    }

    /// <summary>Writes a label file beside each output image: the header kept, the moved corners in pixels.</summary>
    public sealed class Writer : DatasetWriter
    {
        /// <inheritdoc />
        public override IReadOnlyList<(string RelativePath, byte[] Content)> ItemFiles(DatasetItem item, AnnotatedImage output, GenerationRecord record)
        {
            ArgumentNullException.ThrowIfNull(item);
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(record);
            var text = new StringBuilder();
            foreach (var line in item.Data?["header"]?.AsArray() ?? []) text.Append((string?)line).Append('\n');
            var difficult = item.Data?["difficult"]?.AsArray();
            foreach (var box in output.OrientedBoxes)
            {
                if (!box.IsValid) continue;
                var (name, index) = LabelFiles.Untag(box.Label);
                var c = box.GetCorners();
                foreach (var (x, y) in new[] { c[2], c[1], c[0], c[3] })
                    text.Append(LabelFiles.Number(x, 4)).Append(' ').Append(LabelFiles.Number(y, 4)).Append(' ');
                string flag = difficult is not null && index >= 0 && index < difficult.Count ? (string?)difficult[index] ?? "0" : "0";
                text.Append(name.Length == 0 ? "object" : name).Append(' ').Append(flag).Append('\n');
            }
            string path = LabelPath(record.Output) ?? throw new InvalidOperationException($"the output {record.Output} is not in an images folder");
            return [(path, Encoding.UTF8.GetBytes(text.ToString()))];
        }
    }
}
