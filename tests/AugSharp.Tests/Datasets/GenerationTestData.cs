using AugSharp.Datasets;
using AugSharp.Kernels;

namespace AugSharp.Tests.Datasets;

/// <summary>Small data sets made from the sample photographs, downscaled to 64 pixels wide so that runs stay fast.</summary>
internal static class GenerationTestData
{
    public const string PipelineYaml = """
        transforms:
          - HorizontalFlip: {p: 0.5}
          - Affine: {rotate: [-30, 30], scale: [0.9, 1.1], border_mode: reflect101, p: 0.8}
          - RandomBrightnessContrast: {p: 0.5}
        """;

    private static readonly string[] Photos = ["astronaut.png", "camera.png", "chelsea.png", "coffee.png", "retina.jpg", "rocket.jpg"];

    private static readonly Lazy<Dictionary<string, ImageBuffer<byte>>> Small = new(() =>
    {
        var result = new Dictionary<string, ImageBuffer<byte>>();
        foreach (string photo in Photos)
        {
            using var full = (ImageBuffer<byte>)ImageCodec.Read(TestPaths.Image(photo));
            int height = Math.Max(1, full.Height * 64 / full.Width);
            var small = new ImageBuffer<byte>(64, height, full.Channels);
            ResizeKernel.Apply(full, small, Interpolation.Linear);
            result[photo] = small;
        }
        return result;
    });

    public static Compose Pipeline() => (Compose)PipelineFile.Parse(PipelineYaml, "pipeline.yaml");

    /// <summary>Writes photo <paramref name="photo"/> (an index into the sample photos, wrapping) at <paramref name="path"/>, its format from the extension.</summary>
    public static void WritePhoto(string path, int photo)
    {
        var image = Small.Value[Photos[photo % Photos.Length]];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ImageCodec.Write(image, path);
    }

    /// <summary>Class folders: cats (3 images), dogs (2 images, one JPEG).</summary>
    public static void WriteClassFolders(string root)
    {
        WritePhoto(Path.Combine(root, "cats", "a.png"), 0);
        WritePhoto(Path.Combine(root, "cats", "b.png"), 1);
        WritePhoto(Path.Combine(root, "cats", "c.png"), 2);
        WritePhoto(Path.Combine(root, "dogs", "d.jpg"), 4);
        WritePhoto(Path.Combine(root, "dogs", "e.png"), 3);
    }

    /// <summary>A CSV data set: images/ and labels.csv with path,label,weight.</summary>
    public static string WriteCsv(string root, string? extraRows = null)
    {
        for (int i = 0; i < 4; i++) WritePhoto(Path.Combine(root, "images", $"im{i}.png"), i);
        string csv = Path.Combine(root, "labels.csv");
        File.WriteAllText(csv, "path,label,weight\nimages/im0.png,cat,1.5\nimages/im1.png,dog,\"2,0\"\nimages/im2.png,cat,1\nimages/im3.png,dog,0.5\n" + (extraRows ?? ""));
        return csv;
    }

    /// <summary>Column-major run lengths of the rectangle x in [x1, x2), y in [y1, y2) of a 64x64 image.</summary>
    public static long[] RectangleCounts(int x1, int y1, int x2, int y2)
    {
        var counts = new List<long>();
        long zeros = (long)x1 * 64 + y1;
        for (int x = x1; x < x2; x++)
        {
            counts.Add(zeros);
            counts.Add(y2 - y1);
            zeros = 64 - (y2 - y1);
        }
        counts.Add(zeros - y1 + (long)(64 - x2) * 64 + y1);
        return counts.ToArray();
    }

    private static string Numbers(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// A COCO set (set.json) of two 64x64 photos. a.png has: a person whose mask is an L-shaped polygon and whose keypoints
    /// are left_eye (visible), right_eye (labelled, hidden) and nose (not labelled); a crowd ball
    /// whose mask is plain run lengths; a ball whose mask (x 2..5) is a compressed run-length string
    /// and whose box is wider (x 2..25); and a plane with a rotated box. b.png has a plane with a rotated box at x 7..17.
    /// </summary>
    public static string WriteCocoWithTargets(string root)
    {
        WritePhoto(Path.Combine(root, "a.png"), 0);
        WritePhoto(Path.Combine(root, "b.png"), 1);
        string compressed = CocoMasks.EncodeCounts(RectangleCounts(2, 50, 6, 60));
        string plain = Numbers(RectangleCounts(40, 40, 48, 46).Select(c => (double)c));
        string json = Path.Combine(root, "set.json");
        File.WriteAllText(json, $$"""
            {"images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 64}, {"id": 2, "file_name": "b.png", "width": 64, "height": 64}],
             "annotations": [
              {"id": 7, "image_id": 1, "category_id": 1, "bbox": [10, 8, 20, 30], "iscrowd": 0,
               "segmentation": [[10, 8, 30, 8, 30, 20, 20, 20, 20, 38, 10, 38]],
               "keypoints": [15, 12, 2, 25, 12, 1, 0, 0, 0], "num_keypoints": 2},
              {"id": 8, "image_id": 1, "category_id": 2, "bbox": [40, 40, 8, 6], "iscrowd": 1,
               "segmentation": {"size": [64, 64], "counts": [{{plain}}] } },
              {"id": 9, "image_id": 1, "category_id": 2, "bbox": [2, 50, 24, 10], "iscrowd": 0,
               "segmentation": {"size": [64, 64], "counts": "{{compressed}}" } },
              {"id": 10, "image_id": 1, "category_id": 3, "bbox": [0, 0, 1, 1], "rbox": [30.5, 20.25, 16, 8, 30]},
              {"id": 11, "image_id": 2, "category_id": 3, "bbox": [0, 0, 1, 1], "rbox": [12, 12, 10, 4, 0]}],
             "categories": [{"id": 1, "name": "person", "keypoints": ["left_eye", "right_eye", "nose"]}, {"id": 2, "name": "ball"}, {"id": 3, "name": "plane"}]}
            """);
        return json;
    }

    /// <summary>Every file under <paramref name="root"/> (relative path to bytes).</summary>
    public static SortedDictionary<string, byte[]> Files(string root, Func<string, bool>? keep = null)
    {
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (keep is null || keep(relative)) result[relative] = File.ReadAllBytes(file);
        }
        return result;
    }

    /// <summary>All files but summary.json (whose run section holds the time), plus summary.json without its run section.</summary>
    public static SortedDictionary<string, byte[]> ComparableFiles(string root)
    {
        var files = Files(root, f => f != "summary.json");
        var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "summary.json")))!.AsObject();
        summary.Remove("run");
        files["summary.json (without run)"] = System.Text.Encoding.UTF8.GetBytes(summary.ToJsonString());
        return files;
    }

    public static void AssertSameFiles(IDictionary<string, byte[]> expected, IDictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs");
    }
}
