using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace AugSharp.Datasets;

/// <summary>
/// Pascal VOC data sets: a <c>JPEGImages</c> folder and an <c>Annotations</c> folder beside it
/// (<c>JPEGImages/2007_000027.jpg</c> pairs with <c>Annotations/2007_000027.xml</c>; an XML whose
/// stem matches no image is paired through its <c>&lt;filename&gt;</c>), each XML listing its
/// objects as <c>&lt;object&gt;&lt;name/&gt;&lt;bndbox&gt;xmin ymin xmax ymax&lt;/bndbox&gt;&lt;/object&gt;</c>.
/// </summary>
/// <remarks>
/// Box numbers are read as the edges of the box in pixels, as they are written (Albumentations'
/// <c>pascal_voc</c>). Each output image gets an XML made from its input's: <c>filename</c> and
/// <c>size</c> updated, <c>path</c> dropped, and one <c>object</c> per box that survived the
/// pipeline, with all its fields kept (<c>pose</c>, <c>truncated</c>, <c>difficult</c>,
/// <c>occluded</c>...), its <c>bndbox</c> moved and written as whole pixels (VOC's convention),
/// and its <c>part</c> boxes (VOC's person layout) dropped because they are not moved. An image
/// without an XML has no objects and gets an XML without objects. An XML naming no image, a
/// malformed XML or object, and a box leaving the image by more than a pixel are reported with the
/// file (and line) and the image is skipped.
/// </remarks>
public static class VocLayout
{
    /// <summary>True when <paramref name="input"/> is a folder with <c>JPEGImages</c> and <c>Annotations</c> folders side by side (at its root or one level down, as in <c>VOCdevkit/VOC2012</c>).</summary>
    public static bool Detect(string input)
    {
        return LabelFiles.HasFolders(input, "JPEGImages", "Annotations");
    }

    /// <summary>The XML of an image (relative paths, <c>/</c> separators).</summary>
    public static string? AnnotationPath(string imagePath) => LabelFiles.SidePath(imagePath, "JPEGImages", "Annotations", ".xml");

    private sealed record VocObject(string Name, double[] Box, int Line);

    /// <summary>Lists the images with their XML files and reads each with its boxes.</summary>
    public sealed class Reader : DatasetReader
    {
        private readonly Dictionary<string, (string Xml, VocObject[] Objects)> _objects = new(StringComparer.Ordinal);

        /// <inheritdoc />
        public override DatasetScan Scan(string input, string? excludedFolder)
        {
            ArgumentNullException.ThrowIfNull(input);
            string root = Path.GetFullPath(input);
            var errors = new List<GenerationError>();
            var files = LabelFiles.List(root, excludedFolder, errors);
            var images = files.Where(f => ImageFolder.IsImageFile(f) && LabelFiles.HasFolder(f, "JPEGImages")).ToHashSet(StringComparer.Ordinal);
            var byStem = LabelFiles.ImagesByStem(images.Order(StringComparer.Ordinal), root, errors);
            var xmlOf = new Dictionary<string, string>(StringComparer.Ordinal);
            var documents = new Dictionary<string, XDocument>(StringComparer.Ordinal);
            var unreadable = new HashSet<string>(StringComparer.Ordinal); // the stems of XML files that could not be read: their images are skipped
            foreach (string xml in files.Where(f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && LabelFiles.HasFolder(f, "Annotations")))
            {
                string path = Path.Combine(root, xml);
                string stem = LabelFiles.WithoutExtension(LabelFiles.SidePath(xml, "Annotations", "JPEGImages", ".x")!);
                XDocument doc;
                try
                {
                    doc = XDocument.Load(path, LoadOptions.SetLineInfo);
                }
                catch (XmlException e)
                {
                    errors.Add(new GenerationError($"{path}:{e.LineNumber.ToString(CultureInfo.InvariantCulture)}", "malformed XML: " + ErrorText.OneLine(e)));
                    unreadable.Add(stem);
                    continue;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new GenerationError(path, "cannot read the XML file: " + ErrorText.OneLine(e)));
                    unreadable.Add(stem);
                    continue;
                }
                string? image = byStem.GetValueOrDefault(stem);
                if (image is null && doc.Root?.Element("filename")?.Value is { Length: > 0 } fileName)
                {
                    string? safe = DatasetLayouts.SafeRelativePath(fileName, out string reason);
                    if (safe is null)
                    {
                        errors.Add(new GenerationError(path, reason));
                        continue;
                    }
                    string candidate = (stem.LastIndexOf('/') is var slash and >= 0 ? stem[..(slash + 1)] : "") + safe;
                    if (images.Contains(candidate)) image = candidate;
                }
                if (image is null)
                {
                    errors.Add(new GenerationError(path, $"the XML names no image: no image {stem}.* and no <filename> found in its JPEGImages folder"));
                    continue;
                }
                if (!xmlOf.TryAdd(image, xml))
                {
                    errors.Add(new GenerationError(path, $"the image {image} already has {xmlOf[image]}"));
                    continue;
                }
                documents[xml] = doc;
            }

            var items = new List<DatasetItem>();
            foreach (string key in byStem.Values.Order(StringComparer.Ordinal))
            {
                if (!xmlOf.ContainsKey(key) && unreadable.Contains(LabelFiles.WithoutExtension(key))) continue;
                VocObject[] objects = [];
                string? template = null;
                string xmlPath = "";
                if (xmlOf.TryGetValue(key, out string? xml))
                {
                    xmlPath = Path.Combine(root, xml);
                    var doc = documents[xml];
                    var parsed = new List<VocObject>();
                    string? problem = null;
                    int line = 0;
                    foreach (var o in doc.Root!.Elements("object"))
                    {
                        line = ((IXmlLineInfo)o).LineNumber;
                        problem = Parse(o, out var v);
                        if (problem is not null) break;
                        parsed.Add(v! with { Line = line });
                    }
                    if (problem is not null)
                    {
                        errors.Add(new GenerationError($"{xmlPath}:{line.ToString(CultureInfo.InvariantCulture)}", problem));
                        continue;
                    }
                    objects = parsed.ToArray();
                    template = doc.Root.ToString(SaveOptions.DisableFormatting);
                }
                _objects[key] = (xmlPath, objects);
                items.Add(new DatasetItem(key, Path.Combine(root, key), null, template is null ? null : JsonValue.Create(template)));
            }
            return new DatasetScan(root, items, errors, new JsonObject());
        }

        private static string? Parse(XElement o, out VocObject? result)
        {
            result = null;
            string name = o.Element("name")?.Value.Trim() ?? "";
            if (name.Length == 0) return "malformed object: it has no <name>";
            var box = o.Element("bndbox");
            if (box is null) return $"malformed object {name}: it has no <bndbox>";
            var values = new double[4];
            string[] edges = ["xmin", "ymin", "xmax", "ymax"];
            for (int i = 0; i < 4; i++)
            {
                string? text = box.Element(edges[i])?.Value.Trim();
                if (text is null) return $"malformed object {name}: its <bndbox> has no <{edges[i]}>";
                if (!LabelFiles.TryNumber(text, out values[i])) return $"malformed object {name}: <{edges[i]}> {text} is not a number";
            }
            if (!(values[2] > values[0] && values[3] > values[1])) return $"the box of {name} has no area (xmax must exceed xmin and ymax ymin)";
            result = new VocObject(name, values, 0);
            return null;
        }

        /// <inheritdoc />
        public override AnnotatedImage Load(DatasetItem item, ReadOnlyMemory<byte> encoded, ImageReadOptions? options)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (!_objects.TryGetValue(item.Key, out var entry)) throw new InvalidOperationException($"{item.Key} is not an image of the scanned VOC folder.");
            var plain = base.Load(item, encoded, options);
            int w = plain.Image.Width, h = plain.Image.Height;
            var boxes = new List<BoundingBox>();
            for (int i = 0; i < entry.Objects.Length; i++)
            {
                var o = entry.Objects[i];
                var b = o.Box;
                if (b[0] < -1 || b[1] < -1 || b[2] > w + 1 || b[3] > h + 1)
                {
                    plain.Image.Dispose();
                    throw new FormatException($"{entry.Xml}:{o.Line.ToString(CultureInfo.InvariantCulture)}: the box of {o.Name} ({LabelFiles.Number(b[0])}, {LabelFiles.Number(b[1])}, {LabelFiles.Number(b[2])}, {LabelFiles.Number(b[3])}) leaves the {w}x{h} image");
                }
                boxes.Add(new BoundingBox(b[0], b[1], b[2], b[3], LabelFiles.Tag(o.Name, i)).ClipTo(w, h));
            }
            return plain.With(boxes: boxes);
        }
    }

    /// <summary>Writes an XML beside each output image, from its input's XML with the boxes moved.</summary>
    public sealed class Writer : DatasetWriter
    {
        /// <inheritdoc />
        public override IReadOnlyList<(string RelativePath, byte[] Content)> ItemFiles(DatasetItem item, AnnotatedImage output, GenerationRecord record)
        {
            ArgumentNullException.ThrowIfNull(item);
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(record);
            var input = item.Data is JsonValue v && v.TryGetValue(out string? text) ? XElement.Parse(text) : null;
            var originals = input?.Elements("object").ToArray() ?? [];
            var root = input is null
                ? new XElement("annotation", new XElement("folder", "JPEGImages"), new XElement("filename"), new XElement("size"), new XElement("segmented", "0"))
                : new XElement(input);
            root.Elements("object").Remove();
            root.Elements("path").Remove();
            SetChild(root, "filename", Path.GetFileName(record.Output));
            var size = root.Element("size") ?? Add(root, new XElement("size"));
            int w = output.Image.Width, h = output.Image.Height;
            SetChild(size, "width", w.ToString(CultureInfo.InvariantCulture));
            SetChild(size, "height", h.ToString(CultureInfo.InvariantCulture));
            SetChild(size, "depth", output.Image.Channels.ToString(CultureInfo.InvariantCulture));
            foreach (var box in output.Boxes)
            {
                var clipped = box.ClipTo(w, h);
                int x1 = (int)Math.Round(clipped.X1, MidpointRounding.AwayFromZero), y1 = (int)Math.Round(clipped.Y1, MidpointRounding.AwayFromZero);
                int x2 = (int)Math.Round(clipped.X2, MidpointRounding.AwayFromZero), y2 = (int)Math.Round(clipped.Y2, MidpointRounding.AwayFromZero);
                if (x2 <= x1 || y2 <= y1) continue;
                var (name, index) = LabelFiles.Untag(box.Label);
                var o = index >= 0 && index < originals.Length ? new XElement(originals[index]) : new XElement("object", new XElement("name", name));
                o.Elements("part").Remove();
                SetChild(o, "name", name);
                var bndbox = o.Element("bndbox") ?? Add(o, new XElement("bndbox"));
                SetChild(bndbox, "xmin", x1.ToString(CultureInfo.InvariantCulture));
                SetChild(bndbox, "ymin", y1.ToString(CultureInfo.InvariantCulture));
                SetChild(bndbox, "xmax", x2.ToString(CultureInfo.InvariantCulture));
                SetChild(bndbox, "ymax", y2.ToString(CultureInfo.InvariantCulture));
                root.Add(o);
            }
            string path = AnnotationPath(record.Output) ?? throw new InvalidOperationException($"the output {record.Output} is not in a JPEGImages folder");
            return [(path, Encoding.UTF8.GetBytes(Format(root)))];
        }

        private static XElement Add(XElement parent, XElement child)
        {
            parent.Add(child);
            return child;
        }

        private static void SetChild(XElement parent, string name, string value)
        {
            var child = parent.Element(name);
            if (child is null) parent.Add(new XElement(name, value));
            else child.Value = value;
        }

        /// <summary>The element indented by tabs, as VOC's files are, with a final line break.</summary>
        private static string Format(XElement root)
        {
            foreach (var text in root.DescendantNodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value)).ToArray()) text.Remove();
            var builder = new StringBuilder();
            using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, IndentChars = "\t", NewLineChars = "\n" }))
                root.WriteTo(writer);
            return builder.Append('\n').ToString();
        }
    }
}
