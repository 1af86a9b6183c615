using System.Globalization;
using AugSharp.Datasets;
using static AugSharp.Tests.Datasets.GenerationTestData;

namespace AugSharp.Tests.Datasets;

public sealed class YoloLayoutGenerationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-generate-yolo-" + Guid.NewGuid().ToString("N")[..8]);

    public YoloLayoutGenerationTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string P(string relative) => Path.Combine(_dir, relative);

    internal static Compose Flip() => (Compose)PipelineFile.Parse("transforms:\n  - HorizontalFlip: {p: 1}\n", "flip.yaml");

    private static DatasetGeneratorOptions Options(ITransform pipeline, string layout = "auto", int jobs = 2) => new()
    {
        Pipeline = pipeline,
        Layout = layout,
        Seed = 5,
        MaxDegreeOfParallelism = jobs,
    };

    private static double[] Numbers(string line) => line.Split(' ').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>A YOLO detection set split as Ultralytics lays it out: images/train (two photos, one without labels), images/val (one), data.yaml names.</summary>
    private void WriteDetection(string root)
    {
        WritePhoto(Path.Combine(root, "images/train/a.png"), 0);
        WritePhoto(Path.Combine(root, "images/train/b.png"), 1);
        WritePhoto(Path.Combine(root, "images/val/c.jpg"), 5);
        Directory.CreateDirectory(Path.Combine(root, "labels/train"));
        Directory.CreateDirectory(Path.Combine(root, "labels/val"));
        File.WriteAllText(Path.Combine(root, "labels/train/a.txt"), "0 0.25 0.5 0.25 0.5\n1 0.5 0.125 0.5 0.25\n");
        File.WriteAllText(Path.Combine(root, "labels/val/c.txt"), "1 0.375 0.5 0.25 0.5\n");
        File.WriteAllText(Path.Combine(root, "data.yaml"), "path: /somewhere/else\ntrain: images/train\nval: images/val\nnames:\n  - rocket\n  - cat\n");
    }

    [Fact]
    public void Yolo_is_written_back_with_the_boxes_moved_and_data_yaml()
    {
        WriteDetection(P("in"));
        Assert.Equal("yolo", DatasetLayouts.Resolve(null, P("in")).Name);
        var summary = new DatasetGenerator(Options(Flip()) with { IncludeOriginals = true }).Run(P("in"), P("out"));
        Assert.True(summary.Succeeded, string.Join("; ", summary.Errors));

        Assert.Equal(["0 0.75 0.5 0.25 0.5", "1 0.5 0.125 0.5 0.25"], File.ReadAllLines(P("out/labels/train/a_aug0.txt")));
        Assert.Equal(["0 0.25 0.5 0.25 0.5", "1 0.5 0.125 0.5 0.25"], File.ReadAllLines(P("out/labels/train/a.txt")));
        Assert.Equal("", File.ReadAllText(P("out/labels/train/b_aug0.txt")));
        Assert.Equal(["1 0.625 0.5 0.25 0.5"], File.ReadAllLines(P("out/labels/val/c_aug0.txt")));
        Assert.True(File.Exists(P("out/images/val/c_aug0.jpg")));

        var yaml = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(File.ReadAllText(P("out/data.yaml")));
        Assert.Equal("images/train", yaml["train"]);
        Assert.Equal("images/val", yaml["val"]);
        Assert.False(yaml.ContainsKey("path"));
        Assert.Equal("2", yaml["nc"]);
        var names = (Dictionary<object, object>)yaml["names"];
        Assert.Equal(["rocket", "cat"], names.Values.Cast<string>());

        // The output is a YOLO data set again: read back, the flipped box is where it should be.
        var reader = new YoloLayout.Reader(YoloTask.Detect);
        var scan = reader.Scan(P("out"), null);
        Assert.Empty(scan.Errors);
        var item = scan.Items.Single(i => i.Key == "images/train/a_aug0.png");
        var back = reader.Load(item, File.ReadAllBytes(item.SourcePath), null);
        Assert.Equal(new BoundingBox(40, 16, 56, 48, "rocket"), back.Boxes[0]);
    }

    [Fact]
    public void Yolo_files_are_the_same_for_one_and_two_jobs()
    {
        WriteDetection(P("in"));
        new DatasetGenerator(Options(Pipeline(), jobs: 1) with { Copies = 2 }).Run(P("in"), P("one"));
        new DatasetGenerator(Options(Pipeline(), jobs: 2) with { Copies = 2 }).Run(P("in"), P("two"));
        AssertSameFiles(ComparableFiles(P("one")), ComparableFiles(P("two")));
        Assert.Equal(6, Directory.EnumerateFiles(P("one/labels"), "*.txt", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public void Yolo_splits_write_each_split_in_data_yaml_and_shards_merge()
    {
        WriteDetection(P("in"));
        File.Delete(P("in/data.yaml"));
        File.WriteAllText(P("in/labels/classes.txt"), "rocket\ncat\n");
        var options = Options(Pipeline()) with { Splits = DatasetSplit.Parse("train=0.5,val=0.5"), Seed = 11 };
        var summary = new DatasetGenerator(options).Run(P("in"), P("single"));
        Assert.True(summary.Succeeded, string.Join("; ", summary.Errors));
        string yaml = File.ReadAllText(P("single/data.yaml"));
        foreach (string split in summary.Counts!.PerSplit.Keys)
            Assert.Contains($"{split}:", yaml);
        Assert.Equal("rocket\ncat\n", File.ReadAllText(P("single/labels/classes.txt")));
        var record = File.ReadLines(P("single/manifest.jsonl")).Select(GenerationRecord.Parse).First();
        Assert.Equal(YoloLayout.Writer.LabelPath(record.Output), record.Files.Single());
        Assert.StartsWith(record.Split + "/images/", record.Output);

        new DatasetGenerator(options with { Shard = new DatasetShard(0, 2) }).Run(P("in"), P("s0"));
        new DatasetGenerator(options with { Shard = new DatasetShard(1, 2) }).Run(P("in"), P("s1"));
        DatasetMerger.Merge(P("merged"), [P("s0"), P("s1")]);
        AssertSameFiles(ComparableFiles(P("single")), ComparableFiles(P("merged")));
    }

    [Fact]
    public void Yolo_bad_labels_are_reported_with_file_and_line_and_skipped()
    {
        WriteDetection(P("in"));
        WritePhoto(P("in/images/train/d.png"), 2);
        WritePhoto(P("in/images/train/e.png"), 3);
        WritePhoto(P("in/images/train/f.png"), 4);
        WritePhoto(P("in/images/train/g.png"), 1);
        File.WriteAllText(P("in/labels/train/d.txt"), "0 0.5 0.5 0.1 0.1\n0 0.5 oops 0.1 0.1\n");
        File.WriteAllText(P("in/labels/train/e.txt"), "2 0.5 0.5 0.1 0.1\n");
        File.WriteAllText(P("in/labels/train/f.txt"), "0 0.95 0.5 0.2 0.1\n");
        File.WriteAllText(P("in/labels/train/g.txt"), "0 0.5 0.5 0.1\n");
        File.WriteAllText(P("in/labels/train/ghost.txt"), "0 0.5 0.5 0.1 0.1\n");
        File.WriteAllBytes(P("in/images/train/h.png"), [1, 2, 3]);
        WritePhoto(P("in/images/train/a.webp"), 3); // would share labels/train/a.txt with a.png

        var summary = new DatasetGenerator(Options(Flip())).Run(P("in"), P("out"));
        Assert.True(summary.Completed);
        Assert.False(summary.Succeeded);
        var errors = summary.Errors;
        Assert.Contains(errors, e => e.File.EndsWith("labels/train/d.txt:2") && e.Reason.Contains("oops is not a number"));
        Assert.Contains(errors, e => e.File.EndsWith("labels/train/e.txt:1") && e.Reason.Contains("class index 2 is out of range"));
        Assert.Contains(errors, e => e.File.EndsWith("labels/train/f.txt:1") && e.Reason.Contains("leaves the image"));
        Assert.Contains(errors, e => e.File.EndsWith("labels/train/g.txt:1") && e.Reason.Contains("malformed line: 4 fields"));
        Assert.Contains(errors, e => e.File.EndsWith("labels/train/ghost.txt") && e.Reason.Contains("names no image"));
        Assert.Contains(errors, e => e.File.EndsWith("images/train/h.png"));
        Assert.Contains(errors, e => e.File.EndsWith("images/train/a.webp") && e.Reason.Contains("another image has the same name: images/train/a.png"));
        Assert.Equal(7, errors.Count);
        Assert.Equal(["images/train/a_aug0.png", "images/train/b_aug0.png", "images/val/c_aug0.jpg"],
            File.ReadLines(P("out/manifest.jsonl")).Select(l => GenerationRecord.Parse(l).Output));
        Assert.False(File.Exists(P("out/labels/train/d_aug0.txt")));
    }

    [Fact]
    public void Yolo_seg_polygons_are_moved_as_masks_and_traced_again()
    {
        // Two square photos (64 x 64): a square on pixel edges, and a triangle.
        WritePhoto(P("in/images/a.png"), 0);
        WritePhoto(P("in/images/b.png"), 1);
        Directory.CreateDirectory(P("in/labels"));
        File.WriteAllText(P("in/labels/a.txt"), "0 0.25 0.25 0.5 0.25 0.5 0.5 0.25 0.5\n");
        File.WriteAllText(P("in/labels/b.txt"), "1 0.1 0.1 0.9 0.2 0.4 0.8\n");
        File.WriteAllText(P("in/data.yaml"), "names: {0: box, 1: sail}\n");
        Assert.Equal("yolo-seg", DatasetLayouts.Resolve(null, P("in")).Name);

        var summary = new DatasetGenerator(Options(Flip()) with { IncludeOriginals = true }).Run(P("in"), P("out"));
        Assert.True(summary.Succeeded, string.Join("; ", summary.Errors));
        Assert.Equal(["0 0.5 0.25 0.75 0.25 0.75 0.5 0.5 0.5"], File.ReadAllLines(P("out/labels/a_aug0.txt")));
        Assert.Equal(["0 0.25 0.25 0.5 0.25 0.5 0.5 0.25 0.5"], File.ReadAllLines(P("out/labels/a.txt")));

        // The traced triangle fills back to the pixels of the original polygon, mirrored.
        static ImageBuffer<byte> Fill(string file)
        {
            var lines = File.ReadAllLines(file);
            Assert.Single(lines);
            return CocoMasks.FromPolygons([Numbers(lines[0]).Select(v => v * 64).ToArray()], 64, 64);
        }
        using var original = Fill(P("in/labels/b.txt"));
        using var traced = Fill(P("out/labels/b.txt"));
        using var flipped = Fill(P("out/labels/b_aug0.txt"));
        int same = 0, total = 0, mirrored = 0;
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                if (original[y, x, 0] == 0 && traced[y, x, 0] == 0) continue;
                total++;
                if (original[y, x, 0] == traced[y, x, 0]) same++;
                if (original[y, x, 0] == flipped[y, 63 - x, 0]) mirrored++;
            }
        }
        Assert.True(same >= 0.99 * total, $"{same} of {total}: {File.ReadAllText(P("out/labels/b.txt"))}");
        Assert.True(mirrored >= 0.99 * total, $"{mirrored} of {total}");
        Assert.True(Numbers(File.ReadAllText(P("out/labels/b.txt"))).Length <= 240, File.ReadAllText(P("out/labels/b.txt")));
        Assert.StartsWith("1 ", File.ReadAllText(P("out/labels/b_aug0.txt")));
    }

    [Fact]
    public void Mask_outlines_follow_pixel_edges_and_split_disconnected_pieces()
    {
        using var mask = new ImageBuffer<byte>(8, 6, 1);
        for (int y = 1; y < 3; y++)
            for (int x = 1; x < 4; x++)
                mask[y, x, 0] = 3;
        mask[4, 6, 0] = 3;
        mask[5, 7, 0] = 3; // touches (6, 4) at a corner: the same piece
        var outlines = MaskOutlines.Trace(mask);
        Assert.Equal(2, outlines.Count);
        Assert.Equal(3, outlines[0].Value);
        Assert.Equal([(1.0, 1.0), (4, 1), (4, 3), (1, 3)], outlines[0].Outline);
        Assert.Equal([(6.0, 4.0), (7, 4), (7, 5), (8, 5), (8, 6), (7, 6), (7, 5), (6, 5)], MaskOutlines.Trace(mask, 0)[1].Outline);
    }

    [Fact]
    public void Yolo_obb_boxes_are_moved_as_oriented_boxes()
    {
        WritePhoto(P("in/images/a.png"), 0);
        WritePhoto(P("in/images/b.png"), 1);
        Directory.CreateDirectory(P("in/labels"));
        // A 20 x 10 box turned by 30 degrees about (24, 32), its corners in Ultralytics' order.
        var ship = new OrientedBox(24, 32, 20, 10, Math.PI / 6, "ship");
        string Corners(OrientedBox b) => string.Join(' ', OrientedBoxFormats.ToValues(b, OrientedBoxFormat.YoloObb, 64, 64).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        File.WriteAllText(P("in/labels/a.txt"), "1 " + Corners(ship) + "\n");
        File.WriteAllText(P("in/labels/b.txt"), "");
        File.WriteAllText(P("in/data.yaml"), "names: [plane, ship]\n");
        Assert.Equal("yolo-obb", DatasetLayouts.Resolve(null, P("in")).Name);

        var summary = new DatasetGenerator(Options(Flip())).Run(P("in"), P("out"));
        Assert.True(summary.Succeeded, string.Join("; ", summary.Errors));
        string line = File.ReadAllText(P("out/labels/a_aug0.txt")).TrimEnd('\n');
        Assert.StartsWith("1 ", line);
        var moved = OrientedBoxFormats.FromValues(Numbers(line), OrientedBoxFormat.YoloObb, 64, 64, label: "ship");
        var expected = new OrientedBox(64 - 24, 32, 20, 10, -Math.PI / 6, "ship").Normalized();
        Assert.Equal(expected.CX, moved.CX, 4);
        Assert.Equal(expected.CY, moved.CY, 4);
        Assert.Equal(expected.Width, moved.Width, 4);
        Assert.Equal(expected.Height, moved.Height, 4);
        Assert.Equal(expected.Angle, moved.Angle, 5);
        Assert.Equal("", File.ReadAllText(P("out/labels/b_aug0.txt")));

        // The jobs do not change the files.
        new DatasetGenerator(Options(Pipeline(), jobs: 1) with { Copies = 2 }).Run(P("in"), P("one"));
        new DatasetGenerator(Options(Pipeline(), jobs: 2) with { Copies = 2 }).Run(P("in"), P("two"));
        AssertSameFiles(ComparableFiles(P("one")), ComparableFiles(P("two")));
    }

    [Fact]
    public void Other_folders_are_not_taken_for_yolo()
    {
        WriteClassFolders(P("classes"));
        Assert.Equal("folders", DatasetLayouts.Resolve(null, P("classes")).Name);
        Assert.Null(YoloLayout.Sniff(P("classes")));
    }
}
