using System.Text.Json.Nodes;
using AugSharp.Datasets;
using static AugSharp.Tests.Datasets.GenerationTestData;

namespace AugSharp.Tests.Datasets.Generation;

/// <summary>The COCO layout writes back every object's moved targets: polygon and run-length masks, keypoints, rotated boxes.</summary>
public sealed class CocoLayoutTests : IDisposable
{
    private const int W = 64;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-coco-layout-" + Guid.NewGuid().ToString("N")[..8]);

    public CocoLayoutTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string P(string relative) => Path.Combine(_dir, relative);

    private string WriteSet() => WriteCocoWithTargets(P("in"));

    private CocoDataset Generate(string pipelineYaml, string output = "out", int copies = 1)
    {
        var pipeline = PipelineFile.Parse(pipelineYaml, "pipeline.yaml");
        var summary = new DatasetGenerator(new DatasetGeneratorOptions { Pipeline = pipeline, Copies = copies, Seed = 2, MaxDegreeOfParallelism = 2, Layout = "coco" }).Run(P("in/set.json"), P(output));
        Assert.True(summary.Succeeded, string.Join("; ", summary.Errors));
        return CocoDataset.Load(P($"{output}/set.json"));
    }

    private static CocoObject[] ObjectsOf(CocoDataset coco, string file)
    {
        long id = coco.Images.Single(i => i.FileName == file).Id;
        return coco.Objects.Where(o => o.ImageId == id).ToArray();
    }

    /// <summary>The pixels set in a mask, as (x, y).</summary>
    private static HashSet<(int X, int Y)> Pixels(ImageBuffer<byte> mask)
    {
        var set = new HashSet<(int, int)>();
        for (int y = 0; y < mask.Height; y++)
            for (int x = 0; x < mask.Width; x++)
                if (mask[y, x, 0] != 0) set.Add((x, y));
        return set;
    }

    private static HashSet<(int X, int Y)> Rectangle(int x1, int y1, int x2, int y2)
        => Enumerable.Range(x1, x2 - x1).SelectMany(x => Enumerable.Range(y1, y2 - y1).Select(y => (x, y))).ToHashSet();

    [Fact]
    public void A_flip_moves_polygon_and_run_length_masks_and_keypoints_in_their_own_forms()
    {
        WriteSet();
        var coco = Generate("transforms:\n  - HorizontalFlip: {p: 1}\n");
        var objects = ObjectsOf(coco, "a_aug0.png");
        Assert.Equal([1L, 2, 2, 3], objects.Select(o => o.CategoryId));

        // The L-shaped polygon, mirrored (edge coordinates: x becomes 64 - x), traced clockwise from its top-left corner.
        var person = objects[0];
        Assert.Equal([34.0, 8, 20, 30], person.Box);
        Assert.Equal([[34.0, 8, 54, 8, 54, 38, 44, 38, 44, 20, 34, 20]], person.Polygons.Select(p => p.ToArray()));
        Assert.Null(person.RunLengths);
        // Keypoints in pixel-index coordinates: x becomes 63 - x; slots and visibilities kept, the unlabelled nose 0, 0, 0.
        Assert.Equal([48.0, 12, 2, 38, 12, 1, 0, 0, 0], person.Keypoints);
        var json = JsonNode.Parse(File.ReadAllText(P("out/set.json")))!["annotations"]!.AsArray();
        var first = json.First(a => (long)a!["image_id"]! == coco.Images.Single(i => i.FileName == "a_aug0.png").Id)!;
        Assert.Equal(2, (int)first["num_keypoints"]!);
        Assert.Equal(20 * 12 + 10 * 18, (double)first["area"]!);

        // Plain run lengths stay plain (a list of counts), the crowd flag kept.
        var crowd = objects[1];
        Assert.True(crowd.IsCrowd);
        Assert.False(crowd.CompressedRunLengths);
        Assert.Empty(crowd.Polygons);
        Assert.Equal([16.0, 40, 8, 6], crowd.Box);
        using (var mask = CocoMasks.FromRunLengths(crowd.RunLengths!, W, W))
            Assert.Equal(Rectangle(16, 40, 24, 46), Pixels(mask));

        // A compressed string stays a compressed string.
        var ball = objects[2];
        Assert.False(ball.IsCrowd);
        Assert.True(ball.CompressedRunLengths);
        using (var mask = CocoMasks.FromRunLengths(ball.RunLengths!, W, W))
            Assert.Equal(Rectangle(58, 50, 62, 60), Pixels(mask));
        Assert.IsType<string>((string?)json.First(a => (long)a!["category_id"]! == 2 && !(bool)((int)a["iscrowd"]! == 1))!["segmentation"]!["counts"]);
    }

    [Fact]
    public void A_label_swap_moves_a_keypoint_to_its_new_slot_with_its_visibility()
    {
        WriteSet();
        var coco = Generate("""
            transforms:
              - HorizontalFlip: {p: 1}
            keypoint_params: {format: xy, label_mapping: {HorizontalFlip: {left_eye: right_eye, right_eye: left_eye}}}
            """);
        Assert.Equal([38.0, 12, 1, 48, 12, 2, 0, 0, 0], ObjectsOf(coco, "a_aug0.png")[0].Keypoints);
    }

    [Fact]
    public void A_quarter_turn_moves_masks_keypoints_and_the_rotated_box_exactly()
    {
        WriteSet();
        // A flip then a transpose: (x, y) goes to (y, 64 - x) in edge coordinates, (y, 63 - x) for pixel indexes.
        var coco = Generate("transforms:\n  - HorizontalFlip: {p: 1}\n  - Transpose: {p: 1}\n");
        var objects = ObjectsOf(coco, "a_aug0.png");
        Assert.Equal([[8.0, 34, 20, 34, 20, 44, 38, 44, 38, 54, 8, 54]], objects[0].Polygons.Select(p => p.ToArray()));
        Assert.Equal([12.0, 48, 2, 12, 38, 1, 0, 0, 0], objects[0].Keypoints);
        using (var mask = CocoMasks.FromRunLengths(objects[1].RunLengths!, W, W))
            Assert.Equal(Rectangle(40, 16, 46, 24), Pixels(mask));

        // The rotated box turns a quarter: centre (cy, 64 - cx), the sides swapped, the canonical angle the same.
        var plane = objects[3];
        Assert.Equal(5, plane.RotatedBox!.Count);
        double[] expected = [20.25, 64 - 30.5, 8, 16, 30];
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i], plane.RotatedBox[i], 1e-9);
        var around = new OrientedBox(20.25, 33.5, 8, 16, Math.PI / 6).Envelope;
        for (int i = 0; i < 4; i++) Assert.Equal(new[] { around.X1, around.Y1, around.Width, around.Height }[i], plane.Box[i], 1e-9);
    }

    [Fact]
    public void Rotated_boxes_read_as_oriented_boxes_and_come_back_through_an_identity_pipeline()
    {
        WriteSet();
        var input = CocoDataset.Load(P("in/set.json"));
        using (var photo = ImageCodec.Read(P("in/a.png")))
        {
            var annotated = input.Annotate(photo, input.Images[0]);
            var plane = Assert.Single(annotated.OrientedBoxes);
            Assert.Equal("plane", plane.Label);
            Assert.Equal(30 * Math.PI / 180, plane.Angle, 1e-12);
            Assert.DoesNotContain(annotated.Boxes, b => b.Label == "plane");
            foreach (var mask in annotated.Masks) mask.Dispose();
        }

        var coco = Generate("transforms:\n  - HorizontalFlip: {p: 0}\n");
        foreach (var (file, rbox) in new[] { ("a_aug0.png", new[] { 30.5, 20.25, 16, 8, 30 }), ("b_aug0.png", new double[] { 12, 12, 10, 4, 0 }) })
        {
            var written = ObjectsOf(coco, file).Single(o => o.CategoryId == 3);
            for (int i = 0; i < 5; i++) Assert.Equal(rbox[i], written.RotatedBox![i], 1e-6);
            var around = new OrientedBox(rbox[0], rbox[1], rbox[2], rbox[3], rbox[4] * Math.PI / 180).Envelope;
            double[] box = [around.X1, around.Y1, around.Width, around.Height];
            for (int i = 0; i < 4; i++) Assert.Equal(box[i], written.Box[i], 1e-6);
        }
        Assert.Equal([12 - 5.0, 12 - 2, 10, 4], ObjectsOf(coco, "b_aug0.png")[0].Box.Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void A_crop_that_removes_an_object_drops_its_annotation()
    {
        WriteSet();
        // Keep x in [32, 64): the person (x 10..30), the compressed ball (x 2..5) and b's plane (x 7..17) leave; the crowd ball and a's plane stay.
        var coco = Generate("""
            transforms:
              - Crop: {x_min: 32, y_min: 0, x_max: 64, y_max: 64}
            """);
        var a = ObjectsOf(coco, "a_aug0.png");
        Assert.Equal([2L, 3], a.Select(o => o.CategoryId));
        Assert.True(a[0].IsCrowd);
        Assert.Equal([8.0, 40, 8, 6], a[0].Box);
        Assert.InRange(a[1].RotatedBox![0], 0, 32); // what the pipeline's oriented-box rules left of the plane
        Assert.True(a[1].Box[0] >= 0 && a[1].Box[0] + a[1].Box[2] <= 32);
        Assert.Empty(ObjectsOf(coco, "b_aug0.png"));
    }

    [Fact]
    public void A_mask_that_loses_every_pixel_drops_its_object_and_a_keypoint_that_leaves_is_zero()
    {
        WriteSet();
        // Keep x in [20, 64): the compressed ball's box (x 2..25) keeps a part, its mask (x 2..5) loses every pixel; left_eye (x 15) leaves, right_eye (x 25) stays.
        var coco = Generate("""
            transforms:
              - Crop: {x_min: 20, y_min: 0, x_max: 64, y_max: 64}
            bbox_params: {format: coco, min_visibility: 0}
            keypoint_params: {format: xy, remove_invisible: false}
            """);
        var a = ObjectsOf(coco, "a_aug0.png");
        Assert.DoesNotContain(a, o => o.CategoryId == 2 && !o.IsCrowd);
        var person = a.Single(o => o.CategoryId == 1);
        Assert.Equal([0.0, 0, 0, 5, 12, 1, 0, 0, 0], person.Keypoints);
    }

    [Fact]
    public void Coco_shards_with_masks_keypoints_and_rotated_boxes_merge_into_the_single_run()
    {
        WriteSet();
        var options = new DatasetGeneratorOptions { Pipeline = Pipeline(), Copies = 3, Seed = 4, Layout = "coco", Splits = DatasetSplit.Parse("train=0.5,val=0.5") };
        new DatasetGenerator(options).Run(P("in/set.json"), P("single"));
        new DatasetGenerator(options with { Shard = new DatasetShard(0, 2) }).Run(P("in/set.json"), P("s0"));
        new DatasetGenerator(options with { Shard = new DatasetShard(1, 2) }).Run(P("in/set.json"), P("s1"));
        DatasetMerger.Merge(P("merged"), [P("s0"), P("s1")]);
        var single = ComparableFiles(P("single"));
        AssertSameFiles(single, ComparableFiles(P("merged")));
        string all = string.Concat(single.Where(f => f.Key.EndsWith("set.json", StringComparison.Ordinal)).Select(f => System.Text.Encoding.UTF8.GetString(f.Value)));
        Assert.Contains("\"segmentation\"", all);
        Assert.Contains("\"keypoints\"", all);
        Assert.Contains("\"rbox\"", all);
    }

    [Fact]
    public void The_sources_of_a_generated_coco_set_replay_with_their_masks_keypoints_and_rotated_boxes()
    {
        WriteSet();
        var coco = Generate("transforms:\n  - HorizontalFlip: {p: 1}\n  - Transpose: {p: 1}\n");
        var sources = new AnnotatedSources(GenerationFiles.ReadSettings(P("out")), P("out"));
        var record = GenerationFiles.ReadManifest(P("out")).Single(r => r.Output == "a_aug0.png");
        var replayed = sources.Replay(record) ?? throw new InvalidOperationException("a_aug0.png was not replayed");
        try
        {
            var output = replayed.Output;
            Assert.Equal(3, output.Masks.Count);
            Assert.Equal(2, output.Keypoints.Count);
            var plane = Assert.Single(output.OrientedBoxes);
            var written = ObjectsOf(coco, "a_aug0.png").Single(o => o.CategoryId == 3).RotatedBox!;
            Assert.Equal(written[0], plane.CX, 1e-9);
            Assert.Equal(written[1], plane.CY, 1e-9);
            Assert.Equal(written[4], plane.Angle * 180 / Math.PI, 1e-9);
        }
        finally
        {
            AnnotatedSources.Dispose(replayed);
        }
    }
}
