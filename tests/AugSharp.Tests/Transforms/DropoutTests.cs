namespace AugSharp.Tests.Transforms;

/// <summary>What the dropout transforms do to the image and to masks, boxes and keypoints under their holes.</summary>
public class DropoutTests
{
    private static ImageBuffer<byte> Gray(int width = 40, int height = 30, byte value = 200, int channels = 3)
    {
        var image = new ImageBuffer<byte>(width, height, channels);
        image.Fill(value);
        return image;
    }

    private static HoleDropoutOperation Hole(int x1, int y1, int x2, int y2, double fill = 0, double? fillMask = null)
        => new([new DropoutHole(x1, y1, x2, y2)], [fill], fillMask is { } m ? [m] : null);

    [Fact]
    public void A_hole_takes_the_fill_and_the_rest_is_kept()
    {
        using var image = Gray();
        using var mask = Gray(channels: 1, value: 1);
        var result = Hole(5, 4, 15, 10, fill: 7, fillMask: 0).Apply(new AnnotatedImage(image, [mask]));
        var img = result.Image.As<byte>();
        var m = result.Masks[0].As<byte>();
        for (int y = 0; y < 30; y++)
        {
            for (int x = 0; x < 40; x++)
            {
                bool inside = x is >= 5 and < 15 && y is >= 4 and < 10;
                Assert.Equal(inside ? 7 : 200, img[y, x, 2]);
                Assert.Equal(inside ? 0 : 1, m[y, x, 0]);
            }
        }
        Assert.Equal(200, image[5, 6, 0]);
    }

    [Fact]
    public void Without_a_mask_fill_masks_are_kept()
    {
        using var image = Gray();
        using var mask = Gray(channels: 1, value: 1);
        var result = Hole(0, 0, 40, 30).Apply(new AnnotatedImage(image, [mask]));
        Assert.All(result.Masks[0].As<byte>().ToArray(), v => Assert.Equal(1, v));
    }

    [Fact]
    public void Per_channel_fill_and_a_wrong_count_is_an_error()
    {
        using var image = Gray();
        var op = new HoleDropoutOperation([new DropoutHole(0, 0, 2, 2)], [1, 2, 3], null);
        var img = op.Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.Equal([1, 2, 3], new[] { img[1, 1, 0], img[1, 1, 1], img[1, 1, 2] }.Select(v => (int)v));
        using var four = Gray(channels: 4);
        Assert.Throws<InvalidOperationException>(() => op.Apply(new AnnotatedImage(four)));
    }

    [Fact]
    public void Boxes_under_holes_follow_min_visibility_and_min_area()
    {
        using var image = Gray();
        BoundingBox[] boxes = [new(0, 0, 10, 10, "covered"), new(20, 0, 30, 10, "third"), new(30, 20, 40, 30, "free")];
        // The hole covers the first box and 30 % of the second.
        var op = new HoleDropoutOperation([new DropoutHole(0, 0, 10, 10), new DropoutHole(20, 0, 30, 3)], [0], null);
        Assert.Equal(3, op.Apply(new AnnotatedImage(image, boxes: boxes)).Boxes.Count); // Albumentations' defaults keep every box
        var strict = op.Apply(new AnnotatedImage(image, boxes: boxes), new BoxParams { MinVisibility = 0.5 }, KeypointParams.Default);
        Assert.Equal(["third", "free"], strict.Boxes.Select(b => b.Label));
        var byArea = op.Apply(new AnnotatedImage(image, boxes: boxes), new BoxParams { MinArea = 80 }, KeypointParams.Default);
        Assert.Equal(["free"], byArea.Boxes.Select(b => b.Label));
    }

    [Fact]
    public void Keypoints_in_holes_are_removed_unless_invisible_ones_are_kept()
    {
        using var image = Gray();
        Keypoint[] points = [new(5, 5, Label: "in"), new(9.9, 9.9, Label: "edge"), new(10, 10, Label: "out")];
        var op = Hole(0, 0, 10, 10);
        Assert.Equal(["out"], op.Apply(new AnnotatedImage(image, keypoints: points)).Keypoints.Select(k => k.Label));
        var kept = op.Apply(new AnnotatedImage(image, keypoints: points), BoxParams.Default, new KeypointParams { RemoveInvisible = false });
        Assert.Equal(3, kept.Keypoints.Count);
    }

    [Fact]
    public void A_pipeline_drops_boxes_and_keypoints_by_its_own_parameters()
    {
        using var image = Gray();
        var cover = new CoarseDropout { NumHolesRange = new(1, 1), HoleHeightRange = new(30, 30), HoleWidthRange = new(40, 40), P = 1 };
        var input = new AnnotatedImage(image, boxes: [new(2, 2, 12, 12, "a")], keypoints: [new Keypoint(3, 3)]);
        var strict = new Compose([cover], new BoxParams { MinVisibility = 0.1 }).Apply(input, seed: 1);
        Assert.Empty(strict.Boxes);
        Assert.Empty(strict.Keypoints);
        Assert.All(strict.Image.As<byte>().ToArray(), v => Assert.Equal(0, v));
        var loose = new Compose([cover]).Apply(input, seed: 1);
        Assert.Single(loose.Boxes);
        Assert.Empty(loose.Keypoints);
    }

    [Fact]
    public void Boxes_made_from_masks_stay_with_their_masks_after_a_dropout()
    {
        using var image = Gray();
        var first = new ImageBuffer<byte>(40, 30, 1);
        var second = new ImageBuffer<byte>(40, 30, 1);
        for (int y = 0; y < 10; y++) for (int x = 0; x < 10; x++) first[y, x, 0] = 1;
        for (int y = 15; y < 25; y++) for (int x = 25; x < 35; x++) second[y, x, 0] = 1;
        var op = Hole(0, 0, 12, 12);
        var pipeline = new Compose([new HorizontalFlip { P = 1 }], new BoxParams { MinVisibility = 0.5, BoxesFromMasks = true });
        var input = new AnnotatedImage(image, [first, second], [new(0, 0, 10, 10, "first"), new(25, 15, 35, 25, "second")]);
        var (result, recipe) = pipeline.Run(input, RandomStream.For(1, 0));
        Assert.Equal(2, result.Boxes.Count);
        // The recorded recipe carries the box rules; a hole over the first object before the flip drops its box.
        var after = (recipe with { Operations = [op, .. recipe.Operations] }).Apply(input);
        Assert.Equal(["second"], after.Boxes.Select(b => b.Label));
        Assert.Equal(new BoundingBox(5, 15, 15, 25, "second"), after.Boxes[0]);
    }

    [Fact]
    public void Random_uniform_gives_each_hole_one_colour_and_replays_from_json()
    {
        using var image = Gray(value: 0);
        var t = new CoarseDropout { NumHolesRange = new(3, 3), HoleHeightRange = new(5, 5), HoleWidthRange = new(5, 5), Fill = DropoutFill.RandomColor, P = 1 };
        var (result, recipe) = new Compose([t]).Run(new AnnotatedImage(image), RandomStream.For(3, 0));
        var op = Assert.IsType<HoleDropoutOperation>(recipe.Operations[0]);
        Assert.Equal(3, op.Holes.Count);
        Assert.All(op.Holes, h => Assert.Equal(3, h.Fill!.Count));
        var last = op.Holes[^1];
        var img = result.Image.As<byte>();
        for (int c = 0; c < 3; c++) Assert.Equal(last.Fill![c], img[last.Y1, last.X1, c]);
        var replayed = OperationJson.Deserialize(OperationJson.Serialize(recipe)).Apply(new AnnotatedImage(image));
        Assert.Equal(img.ToArray(), replayed.Image.As<byte>().ToArray());
    }

    [Theory]
    [InlineData("inpaint_telea")]
    [InlineData("inpaint_ns")]
    [InlineData("noise")]
    public void Unsupported_fills_are_refused_with_a_message(string fill)
    {
        var e = Assert.Throws<PipelineFormatException>(() => TransformRegistry.Create("CoarseDropout", new Dictionary<string, object?> { ["fill"] = fill }));
        Assert.Contains(fill == "noise" ? "must be" : "not supported", e.Message);
    }

    [Fact]
    public void Random_fills_each_pixel_and_replays_from_json()
    {
        using var image = Gray(value: 0);
        var t = (CoarseDropout)TransformRegistry.Create("CoarseDropout", new Dictionary<string, object?> { ["num_holes_range"] = new List<object?> { 2L, 2L }, ["hole_height_range"] = new List<object?> { 10L, 10L }, ["hole_width_range"] = new List<object?> { 10L, 10L }, ["fill"] = "random", ["p"] = 1.0 });
        Assert.Equal("random", TransformRegistry.ParametersOf(t)["fill"]);
        var (result, recipe) = new Compose([t]).Run(new AnnotatedImage(image), RandomStream.For(5, 0));
        var op = Assert.IsType<HoleDropoutOperation>(recipe.Operations[0]);
        Assert.NotNull(op.NoiseSeed);
        var values = result.Image.As<byte>().ToArray();
        Assert.True(values.Distinct().Count() > 50, "a per-pixel fill gives many values");
        var replayed = OperationJson.Deserialize(OperationJson.Serialize(recipe)).Apply(new AnnotatedImage(image));
        Assert.Equal(values, replayed.Image.As<byte>().ToArray());
    }

    [Fact]
    public void Fill_reads_numbers_lists_and_random_uniform_and_writes_them_back()
    {
        var t = (CoarseDropout)TransformRegistry.Create("CoarseDropout", new Dictionary<string, object?> { ["fill"] = new List<object?> { 1L, 2.5, 3L }, ["fill_mask"] = 4L });
        Assert.Equal([1, 2.5, 3], t.Fill.Values);
        Assert.Equal([4.0], t.FillMask);
        Assert.Equal(new List<object?> { 1.0, 2.5, 3.0 }, TransformRegistry.ParametersOf(t)["fill"]);
        var r = (Erasing)TransformRegistry.Create("Erasing", new Dictionary<string, object?> { ["fill"] = "random_uniform" });
        Assert.True(r.Fill.RandomUniform);
        Assert.Equal("random_uniform", TransformRegistry.ParametersOf(r)["fill"]);
    }

    [Fact]
    public void Coarse_dropout_sizes_are_pixels_from_one_and_fractions_below()
    {
        var context = new TransformContext(new AnnotatedImage(Gray(100, 50)));
        var pixels = new CoarseDropout { NumHolesRange = new(5, 5), HoleHeightRange = new(4, 6), HoleWidthRange = new(7, 7), P = 1 };
        var fractions = new CoarseDropout { NumHolesRange = new(5, 5), HoleHeightRange = new(0.2, 0.2), HoleWidthRange = new(0.1, 0.1), P = 1 };
        var a = (HoleDropoutOperation)pixels.Sample(new RandomStream(1), context);
        Assert.All(a.Holes, h => { Assert.InRange(h.Y2 - h.Y1, 4, 6); Assert.Equal(7, h.X2 - h.X1); });
        var b = (HoleDropoutOperation)fractions.Sample(new RandomStream(1), context);
        Assert.All(b.Holes, h => { Assert.Equal(10, h.Y2 - h.Y1); Assert.Equal(10, h.X2 - h.X1); Assert.InRange(h.X2, 10, 100); });
    }

    [Fact]
    public void Erasing_erases_one_rectangle_within_its_scale()
    {
        var context = new TransformContext(new AnnotatedImage(Gray(100, 80)));
        for (ulong seed = 0; seed < 20; seed++)
        {
            var op = (HoleDropoutOperation)new Erasing { Scale = new(0.1, 0.2), P = 1 }.Sample(new RandomStream(seed), context);
            var h = Assert.Single(op.Holes);
            double area = (h.X2 - h.X1) * (h.Y2 - h.Y1);
            Assert.InRange(area / 8000, 0.08, 0.22);
            Assert.InRange(h.X2, 1, 100);
            Assert.InRange(h.Y2, 1, 80);
        }
    }

    [Fact]
    public void Grid_dropout_cuts_one_hole_per_cell()
    {
        var context = new TransformContext(new AnnotatedImage(Gray(40, 30)));
        var op = (HoleDropoutOperation)new GridDropout { HolesNumberXy = [4, 3], RandomOffset = false, P = 1 }.Sample(new RandomStream(1), context);
        Assert.Equal(12, op.Holes.Count);
        Assert.Contains(new DropoutHole(0, 0, 5, 5), op.Holes);
        Assert.Contains(new DropoutHole(30, 20, 35, 25), op.Holes);
    }

    [Fact]
    public void XY_masking_draws_full_stripes()
    {
        var context = new TransformContext(new AnnotatedImage(Gray(40, 30)));
        var op = (HoleDropoutOperation)new XYMasking { NumMasksX = new(2, 2), MaskXLength = new(3, 3), NumMasksY = new(1, 1), MaskYLength = new(4, 4), P = 1 }.Sample(new RandomStream(2), context);
        Assert.Equal(3, op.Holes.Count);
        Assert.Equal(2, op.Holes.Count(h => h.Y1 == 0 && h.Y2 == 30 && h.X2 - h.X1 == 3));
        Assert.Single(op.Holes, h => h.X1 == 0 && h.X2 == 40 && h.Y2 - h.Y1 == 4);
        Assert.Throws<InvalidOperationException>(() => new XYMasking { P = 1 }.Sample(new RandomStream(1), context));
    }

    [Fact]
    public void Pixel_dropout_drops_pixels_with_the_mask_aligned()
    {
        using var image = Gray();
        using var mask = Gray(channels: 1, value: 1);
        var op = new PixelDropout { DropoutProb = 0.3, MaskDropValue = [9], P = 1 }.Sample(new RandomStream(5), new TransformContext(new AnnotatedImage(image)));
        var result = op.Apply(new AnnotatedImage(image, [mask]));
        var img = result.Image.As<byte>();
        var m = result.Masks[0].As<byte>();
        int dropped = 0;
        for (int y = 0; y < 30; y++)
        {
            for (int x = 0; x < 40; x++)
            {
                bool gone = img[y, x, 0] == 0;
                Assert.Equal(gone, img[y, x, 2] == 0);
                Assert.Equal(gone ? 9 : 1, m[y, x, 0]);
                if (gone) dropped++;
            }
        }
        Assert.InRange(dropped, 250, 470);
    }

    [Fact]
    public void Channel_dropout_sets_whole_channels()
    {
        using var image = Gray(channels: 4);
        var op = (ChannelDropoutOperation)new ChannelDropout { ChannelDropRange = new(2, 2), Fill = 3, P = 1 }.Sample(new RandomStream(1), new TransformContext(new AnnotatedImage(image)));
        Assert.Equal(2, op.Channels.Count);
        var img = op.Apply(new AnnotatedImage(image)).Image.As<byte>();
        for (int c = 0; c < 4; c++) Assert.Equal(op.Channels.Contains(c) ? 3 : 200, img[7, 9, c]);
        Assert.Throws<InvalidOperationException>(() => new ChannelDropout { ChannelDropRange = new(1, 4), P = 1 }.Sample(new RandomStream(1), new TransformContext(new AnnotatedImage(image))));
    }

    [Fact]
    public void Mask_dropout_removes_whole_objects()
    {
        using var image = Gray();
        var mask = new ImageBuffer<byte>(40, 30, 1);
        for (int y = 2; y < 8; y++) for (int x = 2; x < 8; x++) mask[y, x, 0] = 1;
        for (int y = 20; y < 28; y++) for (int x = 30; x < 38; x++) mask[y, x, 0] = 1;
        for (int y = 20; y < 28; y++) for (int x = 10; x < 12; x++) mask[y, x, 0] = 2;
        Assert.Equal(3, MaskDropout.Label(mask).Count);
        var input = new AnnotatedImage(image, [mask], [new(2, 2, 8, 8, "a"), new(30, 20, 38, 28, "b"), new(10, 20, 12, 28, "c")], [new Keypoint(3, 3, Label: "a")]);
        var (one, _) = new Compose([new MaskDropout { P = 1 }], new BoxParams { MinVisibility = 0.5 }).Run(input, RandomStream.For(2, 0));
        var m = one.Masks[0].As<byte>().ToArray();
        Assert.Equal(2, one.Boxes.Count);
        int remaining = m.Count(v => v != 0);
        Assert.Contains(remaining, new[] { 36 + 64, 36 + 16, 64 + 16 - 0 });
        Assert.Equal(one.Boxes.Any(b => b.Label == "a"), one.Keypoints.Count == 1);
        var (all, _) = new Compose([new MaskDropout { MaxObjects = new(5, 5), FillMask = [0], P = 1 }]).Run(input, RandomStream.For(2, 0));
        Assert.All(all.Masks[0].As<byte>().ToArray(), v => Assert.Equal(0, v));
        Assert.Equal(0, all.Image.As<byte>()[25, 33, 1]);
        Assert.Equal(200, all.Image.As<byte>()[15, 20, 1]);
    }

    [Fact]
    public void Constrained_coarse_dropout_cuts_holes_inside_the_chosen_boxes()
    {
        using var image = Gray(100, 80);
        BoundingBox[] boxes = [new(10, 10, 50, 40, "car"), new(60, 50, 90, 75, "tree")];
        var t = new ConstrainedCoarseDropout { NumHolesRange = new(3, 3), HoleHeightRange = new(0.2, 0.4), HoleWidthRange = new(0.2, 0.4), BboxLabels = ["car"], P = 1 };
        for (ulong seed = 0; seed < 10; seed++)
        {
            var op = (HoleDropoutOperation)t.Sample(new RandomStream(seed), new TransformContext(new AnnotatedImage(image, boxes: boxes)));
            Assert.Equal(3, op.Holes.Count);
            Assert.All(op.Holes, h =>
            {
                Assert.InRange(h.X1, 10, 50);
                Assert.InRange(h.X2, 10, 50);
                Assert.InRange(h.Y1, 10, 40);
                Assert.InRange(h.Y2, 10, 40);
                Assert.InRange(h.X2 - h.X1, 7, 16);
            });
        }
    }

    [Fact]
    public void Constrained_coarse_dropout_centres_holes_on_the_chosen_mask_objects()
    {
        using var image = Gray(60, 40);
        var mask = new ImageBuffer<byte>(60, 40, 1);
        for (int y = 5; y < 15; y++) for (int x = 5; x < 15; x++) mask[y, x, 0] = 1;
        for (int y = 20; y < 30; y++) for (int x = 40; x < 50; x++) mask[y, x, 0] = 2;
        var t = new ConstrainedCoarseDropout { NumHolesRange = new(2, 2), HoleHeightRange = new(0.4, 0.4), HoleWidthRange = new(0.4, 0.4), MaskIndices = [2], P = 1 };
        var op = (HoleDropoutOperation)t.Sample(new RandomStream(4), new TransformContext(new AnnotatedImage(image, [mask])));
        Assert.Equal(2, op.Holes.Count);
        Assert.All(op.Holes, h =>
        {
            Assert.Equal(4, h.X2 - h.X1);
            Assert.InRange((h.X1 + h.X2) / 2, 40, 49);
            Assert.InRange((h.Y1 + h.Y2) / 2, 20, 29);
        });
        var none = (HoleDropoutOperation)t.Sample(new RandomStream(4), new TransformContext(new AnnotatedImage(image)));
        Assert.Empty(none.Holes);
    }

    [Fact]
    public void Box_labels_read_texts_and_numbers()
    {
        var t = (ConstrainedCoarseDropout)TransformRegistry.Create("ConstrainedCoarseDropout", new Dictionary<string, object?> { ["bbox_labels"] = new List<object?> { "person", 3L } });
        Assert.Equal(["person", "3"], t.BboxLabels);
    }

    [Fact]
    public void A_pipeline_file_gives_dropout_its_box_rules()
    {
        const string yaml = """
            bbox_params: {format: pascal_voc, min_visibility: 0.5}
            transforms:
              - CoarseDropout: {num_holes_range: [1, 1], hole_height_range: [30, 30], hole_width_range: [20, 20], fill: [1, 2, 3], fill_mask: 0, p: 1}
            """;
        var pipeline = (Compose)PipelineFile.Parse(yaml, "dropout.yaml");
        using var image = Gray();
        using var mask = Gray(channels: 1, value: 1);
        var result = pipeline.Apply(new AnnotatedImage(image, [mask], [new(0, 0, 40, 30, "all"), new(2, 2, 6, 6, "small")]), seed: 3);
        // Half the image is covered: the whole-image box keeps exactly 0.5 of its area; the small box is kept only if the hole missed it.
        Assert.Contains(result.Boxes, b => b.Label == "all");
        var img = result.Image.As<byte>();
        int covered = 0;
        for (int x = 0; x < 40; x++) if (img[0, x, 0] == 1 && img[0, x, 1] == 2 && img[0, x, 2] == 3) covered++;
        Assert.Equal(20, covered);
        Assert.Equal(20 * 30, result.Masks[0].As<byte>().ToArray().Count(v => v == 0));
        Assert.Equal(img[3, 3, 0] == 1, result.Boxes.All(b => b.Label != "small"));
    }
}
