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
public sealed record CocoObject(long Id, long ImageId, long CategoryId, IReadOnlyList<double> Box, IReadOnlyList<IReadOnlyList<double>> Polygons,
    IReadOnlyList<long>? RunLengths, IReadOnlyList<double> Keypoints, bool IsCrowd);

/// <summary>
/// A COCO annotation file (instances or person keypoints): images, categories and objects, read
/// with boxes, polygon and run-length (plain or compressed) masks and keypoints, and turned into
/// the <see cref="AnnotatedImage"/> the transforms move.
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
    /// (labelled with its category's name), one mask per object with a segmentation (1 inside),
    /// and the labelled keypoints (named after the category's keypoint names).
    /// </summary>
    public AnnotatedImage Annotate(ImageBuffer pixels, CocoImage image)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(image);
        var categories = Categories.ToDictionary(c => c.Id);
        var boxes = new List<BoundingBox>();
        var masks = new List<ImageBuffer>();
        var keypoints = new List<Keypoint>();
        foreach (var o in ObjectsByImage.Value[image.Id])
        {
            var category = categories.GetValueOrDefault(o.CategoryId);
            string label = category?.Name ?? o.CategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (o.Box.Count == 4 && o.Box[2] > 0 && o.Box[3] > 0)
                boxes.Add(BoxFormats.FromValues([o.Box[0], o.Box[1], o.Box[2], o.Box[3]], BoxFormat.Coco, pixels.Width, pixels.Height, label));
            if (o.Polygons.Count > 0) masks.Add(CocoMasks.FromPolygons(o.Polygons, pixels.Width, pixels.Height));
            else if (o.RunLengths is { } counts) masks.Add(CocoMasks.FromRunLengths(counts, pixels.Width, pixels.Height));
            for (int k = 0; k + 2 < o.Keypoints.Count; k += 3)
            {
                if (o.Keypoints[k + 2] <= 0) continue;
                string? name = category is not null && k / 3 < category.KeypointNames.Count ? category.KeypointNames[k / 3] : null;
                keypoints.Add(new Keypoint(o.Keypoints[k], o.Keypoints[k + 1], Label: name));
            }
        }
        return new AnnotatedImage(pixels, masks, boxes, keypoints);
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
            if (a.TryGetProperty("segmentation", out var seg))
            {
                if (seg.ValueKind == JsonValueKind.Array)
                {
                    foreach (var poly in seg.EnumerateArray()) polygons.Add(poly.EnumerateArray().Select(v => v.GetDouble()).ToArray());
                }
                else if (seg.ValueKind == JsonValueKind.Object)
                {
                    var c = seg.GetProperty("counts");
                    counts = c.ValueKind == JsonValueKind.String ? CocoMasks.DecodeCounts(c.GetString()!) : c.EnumerateArray().Select(v => v.GetInt64()).ToArray();
                }
            }
            var kps = a.TryGetProperty("keypoints", out var kp) ? kp.EnumerateArray().Select(v => v.GetDouble()).ToArray() : [];
            bool crowd = a.TryGetProperty("iscrowd", out var ic) && ic.ValueKind == JsonValueKind.Number && ic.GetInt32() != 0;
            objects.Add(new CocoObject(a.TryGetProperty("id", out var id) ? id.GetInt64() : objects.Count, a.GetProperty("image_id").GetInt64(),
                a.GetProperty("category_id").GetInt64(), box, polygons, counts, kps, crowd));
        }
        return new CocoDataset(images, categories, objects);
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name)
        => root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : [];

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
}
