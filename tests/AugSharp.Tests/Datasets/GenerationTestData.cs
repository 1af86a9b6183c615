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
