using System.Text.Json;

namespace AugSharp.Datasets;

/// <summary>An image entry of a COCO file.</summary>
/// <param name="Id">The image id.</param>
/// <param name="FileName">The file name, as the file gives it.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record CocoImage(long Id, string FileName, int Width, int Height);

/// <summary>A category of a COCO file, with its keypoint names for keypoint data sets.</summary>
/// <param name="Id">The category id.</param>
/// <param name="Name">The category name.</param>
/// <param name="KeypointNames">The names of its keypoints, in order (empty for none).</param>
public sealed record CocoCategory(long Id, string Name, IReadOnlyList<string> KeypointNames);

/// <summary>One object of a COCO file: its box, its segmentation (polygons or run-length encoded) and its keypoints.</summary>
/// <param name="Id">The annotation id.</param>
/// <param name="ImageId">The image it belongs to.</param>
/// <param name="CategoryId">Its category.</param>
/// <param name="Box">The box, as COCO writes it: x, y, width, height in pixels.</param>
/// <param name="Polygons">Polygon segmentation: each polygon x0, y0, x1, y1, ... in pixels (empty for none).</param>
/// <param name="RunLengths">Run-length segmentation: counts of alternating 0 and 1 pixels in column-major order, or null.</param>
/// <param name="Keypoints">Keypoints as COCO writes them: x, y, v for each (v = 0: not labelled).</param>
/// <param name="IsCrowd">The iscrowd flag.</param>
/// <param name="RotatedBox">
/// The rotated box of AugSharp's <c>rbox</c> field, or null: <c>[cx, cy, w, h, angle]</c> in
/// pixels (edge coordinates) and degrees, the angle measured from the x axis towards the y axis
/// (clockwise on screen), canonical in [0, 90) as <see cref="OrientedBox"/> has it. COCO has no
/// rotated-box field of its own; an object with one is read as an <see cref="OrientedBox"/> and
/// its <c>bbox</c> is the axis-aligned box around it.
/// </param>
/// <param name="CompressedRunLengths">True when <paramref name="RunLengths"/> came as pycocotools' compressed string (false for a plain list of counts).</param>
public sealed record CocoObject(long Id, long ImageId, long CategoryId, IReadOnlyList<double> Box, IReadOnlyList<IReadOnlyList<double>> Polygons,
    IReadOnlyList<long>? RunLengths, IReadOnlyList<double> Keypoints, bool IsCrowd, IReadOnlyList<double>? RotatedBox = null, bool CompressedRunLengths = false)
{
    /// <summary>True when the object has a rotated box (<see cref="RotatedBox"/>) with a positive width and height.</summary>
    public bool HasRotatedBox => RotatedBox is { Count: 5 } r && r[2] > 0 && r[3] > 0 && r.All(double.IsFinite);

    /// <summary>True when the object is read with an axis-aligned box: a <c>bbox</c> with a positive width and height, and no rotated box.</summary>
    public bool HasBox => !HasRotatedBox && Box.Count == 4 && Box[2] > 0 && Box[3] > 0;

    /// <summary>True when the object has a segmentation (polygons or run lengths), read as a mask of its own.</summary>
    public bool HasMask => Polygons.Count > 0 || RunLengths is not null;
}

/// <summary>
/// A COCO annotation file (instances or person keypoints): images, categories and objects, read
/// with boxes, polygon and run-length (plain or compressed) masks, keypoints and AugSharp's
/// rotated boxes (an annotation's <c>"rbox": [cx, cy, w, h, angle_degrees]</c>, see
/// <see cref="CocoObject.RotatedBox"/>), and turned into the <see cref="AnnotatedImage"/> the
/// transforms move.
/// </summary>
public sealed class CocoDataset
{
    private CocoDataset(IReadOnlyList<CocoImage> images, IReadOnlyList<CocoCategory> categories, IReadOnlyList<CocoObject> objects)
    {
        Images = images;
        Categories = categories;
        Objects = objects;
        ObjectsByImage = new Lazy<ILookup<long, CocoObject>>(() => objects.ToLookup(o => o.ImageId));
    }

    /// <summary>The objects of each image, in file order (built once: a data set's images are annotated one after the other).</summary>
    private Lazy<ILookup<long, CocoObject>> ObjectsByImage { get; }

    /// <summary>The images.</summary>
    public IReadOnlyList<CocoImage> Images { get; }

    /// <summary>The categories.</summary>
    public IReadOnlyList<CocoCategory> Categories { get; }

    /// <summary>The objects (COCO's annotations).</summary>
    public IReadOnlyList<CocoObject> Objects { get; }

    /// <summary>Reads a COCO JSON file; a malformed file raises <see cref="FormatException"/> naming the file and the entry.</summary>
    public static CocoDataset Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"annotations not found: {path}", path);
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream);
            return Parse(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new FormatException($"{path}: not a COCO annotation file ({e.Message})", e);
        }
    }

    /// <summary>The image entry whose file name (or its last part) is <paramref name="fileName"/>'s, or null.</summary>
    public CocoImage? FindImage(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        string name = Path.GetFileName(fileName);
        return Images.FirstOrDefault(i => i.FileName == fileName) ?? Images.FirstOrDefault(i => Path.GetFileName(i.FileName.Replace('\\', '/')) == name);
    }

    /// <summary>
    /// <paramref name="pixels"/> with the objects of <paramref name="image"/>: one box per object
    /// (labelled with its category's name), or an oriented box for an object with a rotated box
    /// (<see cref="CocoObject.RotatedBox"/>), one mask per object with a segmentation (1 inside),
    /// and the labelled keypoints (named after the category's keypoint names).
    /// </summary>
    public AnnotatedImage Annotate(ImageBuffer pixels, CocoImage image) => AnnotateObjects(pixels, image, tagObjects: false);

    /// <summary>The objects of <paramref name="image"/>, in file order.</summary>
    internal IEnumerable<CocoObject> ObjectsOf(CocoImage image) => ObjectsByImage.Value[image.Id];

    /// <summary>
    /// As <see cref="Annotate(ImageBuffer, CocoImage)"/>; with <paramref name="tagObjects"/> the
    /// labels of the boxes, oriented boxes and keypoints also name their object (its index among
    /// the image's objects, see <see cref="LabelTag"/>), so that a writer finds each target's object
    /// after a pipeline moved, dropped or swapped them: boxes carry the index itself, keypoints
    /// (named after their keypoint, or their position in the list when the category names none)
    /// carry <see cref="KeypointTag"/>. The masks are the objects' masks in object order.
    /// </summary>
    internal AnnotatedImage AnnotateObjects(ImageBuffer pixels, CocoImage image, bool tagObjects)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(image);
        var categories = Categories.ToDictionary(c => c.Id);
        var boxes = new List<BoundingBox>();
        var oriented = new List<OrientedBox>();
        var masks = new List<ImageBuffer>();
        var keypoints = new List<Keypoint>();
        int index = -1;
        foreach (var o in ObjectsOf(image))
        {
            index++;
            var category = categories.GetValueOrDefault(o.CategoryId);
            string label = category?.Name ?? o.CategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string objectLabel = tagObjects ? LabelTag.Tag(label, index) : label;
            if (o.HasRotatedBox)
                oriented.Add(OrientedBoxFormats.FromValues(o.RotatedBox!.ToArray(), OrientedBoxFormat.Xywha, pixels.Width, pixels.Height, AngleUnit.Degrees, label: objectLabel));
            else if (o.HasBox)
                boxes.Add(BoxFormats.FromValues([o.Box[0], o.Box[1], o.Box[2], o.Box[3]], BoxFormat.Coco, pixels.Width, pixels.Height, objectLabel));
            if (o.Polygons.Count > 0) masks.Add(CocoMasks.FromPolygons(o.Polygons, pixels.Width, pixels.Height));
            else if (o.RunLengths is { } counts) masks.Add(CocoMasks.FromRunLengths(counts, pixels.Width, pixels.Height));
            for (int k = 0; k + 2 < o.Keypoints.Count; k += 3)
            {
                if (o.Keypoints[k + 2] <= 0) continue;
                string? name = category is not null && k / 3 < category.KeypointNames.Count ? category.KeypointNames[k / 3] : null;
                if (tagObjects) name = KeypointTag(name ?? (k / 3).ToString(System.Globalization.CultureInfo.InvariantCulture), index, (int)o.Keypoints[k + 2]);
                keypoints.Add(new Keypoint(o.Keypoints[k], o.Keypoints[k + 1], Label: name));
            }
        }
        return new AnnotatedImage(pixels, masks, boxes, keypoints, orientedBoxes: oriented);
    }

    /// <summary>
    /// A keypoint's tagged label: its name, and a tag holding its object's index and its COCO
    /// visibility (1: labelled but hidden, 2: visible), so that both survive label swaps.
    /// </summary>
    internal static string KeypointTag(string name, int objectIndex, int visibility) => LabelTag.Tag(name, objectIndex * 2 + (visibility == 1 ? 1 : 0));

    /// <summary>The name, object index and visibility of a keypoint label tagged by <see cref="KeypointTag"/>; object -1 for an untagged label.</summary>
    internal static (string Name, int Object, int Visibility) ReadKeypointTag(string? label)
    {
        var (name, tag) = LabelTag.Untag(label);
        return tag < 0 ? (name, -1, 2) : (name, tag / 2, tag % 2 == 1 ? 1 : 2);
    }

    private static CocoDataset Parse(JsonElement root)
    {
        var images = new List<CocoImage>();
        foreach (var i in Array(root, "images"))
            images.Add(new CocoImage(i.GetProperty("id").GetInt64(), i.GetProperty("file_name").GetString() ?? "", Int(i, "width"), Int(i, "height")));
        var categories = new List<CocoCategory>();
        foreach (var c in Array(root, "categories"))
        {
            var names = c.TryGetProperty("keypoints", out var k) && k.ValueKind == JsonValueKind.Array ? k.EnumerateArray().Select(n => n.GetString() ?? "").ToArray() : [];
            categories.Add(new CocoCategory(c.GetProperty("id").GetInt64(), c.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "", names));
        }
        var objects = new List<CocoObject>();
        foreach (var a in Array(root, "annotations"))
        {
            var box = a.TryGetProperty("bbox", out var b) ? b.EnumerateArray().Select(v => v.GetDouble()).ToArray() : [];
            var polygons = new List<IReadOnlyList<double>>();
            IReadOnlyList<long>? counts = null;
            bool compressed = false;
            if (a.TryGetProperty("segmentation", out var seg))
            {
                if (seg.ValueKind == JsonValueKind.Array)
                {
                    foreach (var poly in seg.EnumerateArray()) polygons.Add(poly.EnumerateArray().Select(v => v.GetDouble()).ToArray());
                }
                else if (seg.ValueKind == JsonValueKind.Object)
                {
                    var c = seg.GetProperty("counts");
                    compressed = c.ValueKind == JsonValueKind.String;
                    counts = compressed ? CocoMasks.DecodeCounts(c.GetString()!) : c.EnumerateArray().Select(v => v.GetInt64()).ToArray();
                }
            }
            double[]? rbox = null;
            if (a.TryGetProperty("rbox", out var r) && r.ValueKind != JsonValueKind.Null)
            {
                rbox = r.EnumerateArray().Select(v => v.GetDouble()).ToArray();
                if (rbox.Length != 5 || !rbox.All(double.IsFinite))
                    throw new FormatException($"annotation {(a.TryGetProperty("id", out var rid) ? rid.ToString() : objects.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}: rbox is [cx, cy, w, h, angle in degrees], not {r.GetRawText()}");
            }
            var kps = a.TryGetProperty("keypoints", out var kp) ? kp.EnumerateArray().Select(v => v.GetDouble()).ToArray() : [];
            bool crowd = a.TryGetProperty("iscrowd", out var ic) && ic.ValueKind == JsonValueKind.Number && ic.GetInt32() != 0;
            objects.Add(new CocoObject(a.TryGetProperty("id", out var id) ? id.GetInt64() : objects.Count, a.GetProperty("image_id").GetInt64(),
                a.GetProperty("category_id").GetInt64(), box, polygons, counts, kps, crowd, rbox, compressed));
        }
        return new CocoDataset(images, categories, objects);
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name)
        => root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : [];

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
}
