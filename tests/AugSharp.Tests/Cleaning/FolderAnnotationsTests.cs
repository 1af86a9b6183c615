using System.Text.Json.Nodes;
using AugSharp.Cleaning;
using AugSharp.Datasets;

namespace AugSharp.Tests.Cleaning;

/// <summary>A plain folder (no manifest) with a COCO file or a CSV file at its root: the clean-up updates them both ways.</summary>
public sealed class FolderAnnotationsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-folder-annotations-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private string Set => Path.Combine(_dir, "set");

    private string Quarantine => Path.Combine(_dir, "quarantine");

    /// <summary>Two good photos and two black images under images/, with the given annotation file at the root.</summary>
    private void MakeImages()
    {
        Directory.CreateDirectory(Path.Combine(Set, "images"));
        foreach (string name in new[] { "chelsea.png", "coffee.png" })
        {
            using var photo = ImageChecksTests.Read(name);
            ImageCodec.Write(photo, Path.Combine(Set, "images", name));
        }
        using var black = new ImageBuffer<byte>(64, 48, 3);
        ImageCodec.Write(black, Path.Combine(Set, "images", "black1.png"));
        ImageCodec.Write(black, Path.Combine(Set, "images", "black2.png"));
    }

    private const string Coco = """
        {
          "info": { "description": "hand-made" },
          "licenses": [ { "id": 1, "name": "CC-BY" } ],
          "images": [
            { "id": 1, "file_name": "images/black1.png", "width": 64, "height": 48 },
            { "id": 2, "file_name": "images/chelsea.png", "width": 256, "height": 170 },
            { "id": 3, "file_name": "images/black2.png", "width": 64, "height": 48 },
            { "id": 4, "file_name": "images/coffee.png", "width": 256, "height": 170 }
          ],
          "annotations": [
            { "id": 10, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "area": 12, "iscrowd": 0 },
            { "id": 11, "image_id": 2, "category_id": 2, "bbox": [5, 6, 7, 8], "area": 56, "iscrowd": 0 },
            { "id": 12, "image_id": 3, "category_id": 1, "bbox": [9, 9, 9, 9], "area": 81, "iscrowd": 0 },
            { "id": 13, "image_id": 1, "category_id": 2, "bbox": [0, 0, 5, 5], "area": 25, "iscrowd": 0 },
            { "id": 14, "image_id": 4, "category_id": 1, "bbox": [3, 3, 3, 3], "area": 9, "iscrowd": 0 }
          ],
          "categories": [ { "id": 1, "name": "cat" }, { "id": 2, "name": "cup" } ]
        }
        """;

    private static JsonObject ReadJson(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    private static long[] Ids(JsonObject json, string section) => json[section]!.AsArray().Select(e => (long)e!["id"]!).ToArray();

    private static JsonNode Entry(JsonObject json, string section, long id) => json[section]!.AsArray().Single(e => (long)e!["id"]! == id)!;

    [Fact]
    public void ACocoFileLosesTheMovedImagesAndTheirAnnotationsAndGetsThemBackWithTheirIds()
    {
        MakeImages();
        string coco = Path.Combine(Set, "instances.json");
        File.WriteAllText(coco, Coco);
        var original = ReadJson(coco);

        var summary = DatasetCleaner.Run(Set, new CleanOptions { MoveTo = Quarantine, ReportDirectory = Path.Combine(_dir, "report") });
        Assert.Equal(["images/black1.png", "images/black2.png"], summary.Moved.Order(StringComparer.Ordinal));
        Assert.Equal([new AnnotationUpdate("instances.json", "coco", 2, 3)], summary.Annotations);

        var after = ReadJson(coco);
        Assert.Equal([2, 4], Ids(after, "images"));
        Assert.Equal([11, 14], Ids(after, "annotations"));
        Assert.Equal([1, 2], Ids(after, "categories"));
        Assert.Equal("hand-made", (string?)after["info"]!["description"]);
        Assert.Equal(0, CocoDatasetImages(coco).Count(i => i.StartsWith("images/black", StringComparison.Ordinal)));

        // The quarantine holds a COCO file of the same name with the removed entries.
        var quarantined = ReadJson(Path.Combine(Quarantine, "instances.json"));
        Assert.Equal([1, 3], Ids(quarantined, "images"));
        Assert.Equal([10, 12, 13], Ids(quarantined, "annotations"));
        Assert.Equal([1, 2], Ids(quarantined, "categories"));
        Assert.True(JsonNode.DeepEquals(Entry(original, "annotations", 13), Entry(quarantined, "annotations", 13)));

        var back = DatasetCleaner.Restore(Set, Quarantine);
        Assert.Contains("instances.json", back);
        Assert.Empty(Directory.EnumerateFiles(Quarantine, "*", SearchOption.AllDirectories));
        var restored = ReadJson(coco);
        Assert.Equal([1, 2, 3, 4], Ids(restored, "images"));
        Assert.Equal([10, 11, 12, 13, 14], Ids(restored, "annotations"));
        // Same entries as before, id for id, and the rest of the file kept.
        Assert.True(JsonNode.DeepEquals(original, restored), restored.ToJsonString());
    }

    private static IEnumerable<string> CocoDatasetImages(string path) => CocoDataset.Load(path).Images.Select(i => i.FileName);

    [Fact]
    public void ACocoIdAlreadyTakenStopsTheRestoreBeforeAnythingMoves()
    {
        MakeImages();
        string coco = Path.Combine(Set, "instances.json");
        File.WriteAllText(coco, Coco);
        DatasetCleaner.Run(Set, new CleanOptions { MoveTo = Quarantine, ReportDirectory = Path.Combine(_dir, "report") });
        // Someone added an image with id 3 meanwhile.
        var json = ReadJson(coco);
        json["images"]!.AsArray().Add(new JsonObject { ["id"] = 3, ["file_name"] = "images/new.png", ["width"] = 1, ["height"] = 1 });
        File.WriteAllText(coco, json.ToJsonString());
        var error = Assert.Throws<IOException>(() => DatasetCleaner.Restore(Set, Quarantine));
        Assert.Contains("image id 3", error.Message);
        Assert.True(File.Exists(Path.Combine(Quarantine, "images", "black1.png")));
        Assert.True(File.Exists(Path.Combine(Quarantine, "instances.json")));
    }

    [Fact]
    public void ACsvFileLosesTheMovedRowsAndGetsThemBackAtItsEnd()
    {
        MakeImages();
        string csv = Path.Combine(Set, "labels.csv");
        File.WriteAllText(csv, "filename,class,note\nimages/black1.png,dark,\"a, quoted\"\nimages/chelsea.png,cat,x\n./images/black2.png,dark,y\nimages/coffee.png,cup,z\n");

        var summary = DatasetCleaner.Run(Set, new CleanOptions { MoveTo = Quarantine, ReportDirectory = Path.Combine(_dir, "report") });
        Assert.Equal([new AnnotationUpdate("labels.csv", "csv", 2, 0)], summary.Annotations);
        Assert.Equal("filename,class,note\nimages/chelsea.png,cat,x\nimages/coffee.png,cup,z\n", File.ReadAllText(csv));
        Assert.Equal("filename,class,note\nimages/black1.png,dark,\"a, quoted\"\n./images/black2.png,dark,y\n", File.ReadAllText(Path.Combine(Quarantine, "labels.csv")));
        // The project's CSV reader still reads it.
        Assert.Equal(["images/chelsea.png", "images/coffee.png"], new CsvLayout.Reader().Scan(csv, null).Items.Select(i => i.Key));

        var back = DatasetCleaner.Restore(Set, Quarantine);
        Assert.Equal(["images/black1.png", "images/black2.png", "labels.csv"], back.Order(StringComparer.Ordinal));
        // The same rows; the restored ones at the end.
        Assert.Equal("filename,class,note\nimages/chelsea.png,cat,x\nimages/coffee.png,cup,z\nimages/black1.png,dark,\"a, quoted\"\n./images/black2.png,dark,y\n", File.ReadAllText(csv));
        Assert.False(File.Exists(Path.Combine(Quarantine, "labels.csv")));
    }

    [Fact]
    public void DeleteRemovesTheEntriesWithoutAQuarantine()
    {
        MakeImages();
        File.WriteAllText(Path.Combine(Set, "instances.json"), Coco);
        File.WriteAllText(Path.Combine(Set, "labels.csv"), "path,label\nimages/black1.png,dark\nimages/chelsea.png,cat\n");
        var summary = DatasetCleaner.Run(Set, new CleanOptions { Delete = true, ReportDirectory = Path.Combine(_dir, "report") });
        Assert.Equal([new AnnotationUpdate("instances.json", "coco", 2, 3), new AnnotationUpdate("labels.csv", "csv", 1, 0)], summary.Annotations);
        Assert.Equal([2, 4], Ids(ReadJson(Path.Combine(Set, "instances.json")), "images"));
        Assert.Equal("path,label\nimages/chelsea.png,cat\n", File.ReadAllText(Path.Combine(Set, "labels.csv")));
        Assert.False(Directory.Exists(Quarantine));
    }

    [Fact]
    public void AReportOnlyRunChangesNoAnnotationFile()
    {
        MakeImages();
        File.WriteAllText(Path.Combine(Set, "instances.json"), Coco);
        var summary = DatasetCleaner.Run(Set, new CleanOptions { ReportDirectory = Path.Combine(_dir, "report") });
        Assert.Equal(2, summary.Rejected);
        Assert.Empty(summary.Annotations);
        Assert.Equal(Coco, File.ReadAllText(Path.Combine(Set, "instances.json")));
    }
}
