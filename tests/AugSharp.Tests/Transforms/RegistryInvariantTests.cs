namespace AugSharp.Tests.Transforms;

/// <summary>
/// Invariants every registered transform keeps, discovered by reflection: a transform added to
/// the catalogue is tested here as soon as it has an entry in <see cref="TransformTestParameters"/>.
/// </summary>
public class RegistryInvariantTests
{
    private static readonly PixelType[] Types = [PixelType.UInt8, PixelType.UInt16, PixelType.Float32];

    [Fact]
    public void Every_registered_transform_has_test_parameters()
    {
        var missing = TransformRegistry.All.Select(d => d.Name).Where(n => !TransformTestParameters.ByName.ContainsKey(n)).ToArray();
        Assert.True(missing.Length == 0, "No test parameters for: " + string.Join(", ", missing));
        var stale = TransformTestParameters.ByName.Keys.Where(n => TransformRegistry.All.All(d => d.Name != n)).ToArray();
        Assert.True(stale.Length == 0, "Test parameters for unregistered transforms: " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(TransformTestParameters.Names), MemberType = typeof(TransformTestParameters))]
    public void P_zero_is_the_identity(string name)
    {
        var transform = TransformTestParameters.Create(name, p: 0);
        using var image = TestImages.Make(PixelType.UInt8, 3);
        for (int copy = 0; copy < 5; copy++)
        {
            var result = new Compose([transform]).Apply(new AnnotatedImage(image), seed: 1, item: 0, copy);
            Assert.Same(image, result.Image);
        }
    }

    [Theory]
    [MemberData(nameof(TransformTestParameters.Names), MemberType = typeof(TransformTestParameters))]
    public void The_same_key_gives_the_same_bytes_and_the_input_is_kept(string name)
    {
        var transform = TransformTestParameters.Create(name);
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var before = TestImages.Values(image);
        var pipeline = new Compose([transform]);
        var outputs = new List<double[]>();
        for (int copy = 0; copy < 4; copy++)
        {
            using var a = pipeline.Apply(image, seed: 9, item: 3, copy);
            using var b = pipeline.Apply(image, seed: 9, item: 3, copy);
            Assert.Equal(a.Shape, b.Shape);
            Assert.Equal(TestImages.Values(a), TestImages.Values(b));
            outputs.Add(TestImages.Values(a));
        }
        Assert.Equal(before, TestImages.Values(image));
    }

    public static TheoryData<string, PixelType, int> NamesTypesChannels()
    {
        var data = new TheoryData<string, PixelType, int>();
        foreach (var d in TransformRegistry.All)
            foreach (var t in Types)
                foreach (int c in new[] { 1, 3, 4, 5 })
                    data.Add(d.Name, t, c);
        return data;
    }

    [Theory]
    [MemberData(nameof(NamesTypesChannels))]
    public void Every_pixel_type_and_channel_count_keeps_its_type_and_channels(string name, PixelType type, int channels)
    {
        var transform = TransformTestParameters.Create(name);
        using var image = TestImages.Make(type, channels);
        if (TransformRegistry.Find(name).Type.IsDefined(typeof(RgbImagesAttribute), false) && channels is not (3 or 4))
        {
            // An RGB transform may refuse other channel counts, with a message that names it.
            try
            {
                var (r, _) = new Compose([transform]).Run(new AnnotatedImage(image), RandomStream.For(4, 1, 2));
                Assert.Equal(type, r.Image.PixelType);
                Assert.Equal(channels, r.Image.Channels);
            }
            catch (NotSupportedException e)
            {
                Assert.Contains(name, e.Message, StringComparison.Ordinal);
            }
            return;
        }
        int expectedChannels = channels;
        if (transform is IChangesChannelCount changesChannels)
        {
            // A transform that changes the channel count (ToRGB) declares it, and refuses a count it does not take by name, before and while running.
            try
            {
                expectedChannels = changesChannels.OutputChannels(channels);
            }
            catch (NotSupportedException e)
            {
                Assert.Contains(name, e.Message, StringComparison.Ordinal);
                var refusal = Assert.Throws<NotSupportedException>(() => new Compose([transform]).Run(new AnnotatedImage(image), RandomStream.For(4, 1, 2)));
                Assert.Contains(name, refusal.Message, StringComparison.Ordinal);
                return;
            }
        }
        var (result, recipe) = new Compose([transform]).Run(new AnnotatedImage(image), RandomStream.For(4, 1, 2));
        // A transform that converts (ToFloat, Normalize, FromFloat) declares its output type; every other keeps the input's.
        var expectedType = transform is IChangesPixelType converts ? converts.OutputPixelType(type) : type;
        Assert.Equal(expectedType, result.Image.PixelType);
        Assert.Equal(expectedChannels, result.Image.Channels);
        var expected = ExpectedSize(recipe, image.Shape);
        Assert.Equal(expected, (result.Image.Width, result.Image.Height));
        if (!ReferenceEquals(result.Image, image)) result.Image.Dispose();
    }

    [Theory]
    [MemberData(nameof(TransformTestParameters.Names), MemberType = typeof(TransformTestParameters))]
    public void Boxes_stay_inside_the_image_and_keep_their_labels(string name)
    {
        var transform = TransformTestParameters.Create(name);
        using var image = TestImages.Make(PixelType.UInt8, 3);
        BoundingBox[] boxes = [new(2, 3, 15, 12, "cat"), new(20, 10, 38, 28, "dog"), new(0, 0, 40, 30, "all")];
        var pipeline = new Compose([transform]);
        for (int copy = 0; copy < 8; copy++)
        {
            var result = pipeline.Apply(new AnnotatedImage(image, boxes: boxes), seed: 2, item: 0, copy);
            foreach (var box in result.Boxes)
            {
                Assert.InRange(box.X1, 0, result.Image.Width);
                Assert.InRange(box.X2, 0, result.Image.Width);
                Assert.InRange(box.Y1, 0, result.Image.Height);
                Assert.InRange(box.Y2, 0, result.Image.Height);
                Assert.True(box.IsValid);
                Assert.Contains(box.Label, new[] { "cat", "dog", "all" });
            }
            Assert.Contains(result.Boxes, b => b.Label == "all");
            Assert.Equal(result.Boxes.Count, result.Boxes.Select(b => b.Label).Distinct().Count());
            if (!ReferenceEquals(result.Image, image)) result.Image.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(TransformTestParameters.Names), MemberType = typeof(TransformTestParameters))]
    public void Pixel_level_transforms_leave_masks_boxes_and_keypoints_alone(string name)
    {
        var descriptor = TransformRegistry.Find(name);
        if (descriptor.IsGeometric || descriptor.ChangesTargetsWithoutMovingPixels) return;
        var transform = TransformTestParameters.Create(name);
        var (image, mask) = TestImages.Blocks();
        using var _ = image;
        using var __ = mask;
        BoundingBox[] boxes = [new(2, 3, 15, 12, "a")];
        Keypoint[] points = [new(10, 12, 0.3, 1, "k")];
        for (int copy = 0; copy < 4; copy++)
        {
            var result = new Compose([transform]).Apply(new AnnotatedImage(image, [mask], boxes, points), seed: 6, item: 0, copy);
            Assert.Equal(mask.ToArray(), result.Masks[0].As<byte>().ToArray());
            Assert.Equal(boxes, result.Boxes);
            Assert.Equal(points, result.Keypoints);
            Assert.Equal((image.Width, image.Height), (result.Image.Width, result.Image.Height));
        }
    }

    [Theory]
    [MemberData(nameof(TransformTestParameters.Names), MemberType = typeof(TransformTestParameters))]
    public void A_mask_made_from_the_image_stays_aligned_with_it(string name)
    {
        if (!TransformRegistry.Find(name).IsGeometric) return;
        var transform = TransformTestParameters.Create(name);
        var (image, mask) = TestImages.Blocks();
        using var _ = image;
        using var __ = mask;
        for (int copy = 0; copy < 6; copy++)
        {
            var result = new Compose([transform]).Apply(new AnnotatedImage(image, [mask]), seed: 5, item: 0, copy);
            var img = result.Image.As<byte>();
            var m = result.Masks[0].As<byte>();
            Assert.Equal((img.Width, img.Height), (m.Width, m.Height));
            int agree = 0, total = 0, foreground = 0;
            for (int y = 0; y < img.Height; y++)
            {
                for (int x = 0; x < img.Width; x++)
                {
                    int v = img[y, x, 0];
                    if (v is > 60 and < 190) continue; // an interpolated edge pixel
                    total++;
                    foreground += m[y, x, 0];
                    if ((v >= 190) == (m[y, x, 0] == 1)) agree++;
                }
            }
            Assert.True(agree >= total * 0.98, $"{name} copy {copy}: mask and image agree on {agree} of {total} pixels.");
            Assert.All(m.ToArray(), v => Assert.True(v is 0 or 1, "a mask value was interpolated"));
        }
    }

    [Theory]
    [MemberData(nameof(TransformTestParameters.Names), MemberType = typeof(TransformTestParameters))]
    public void A_recorded_recipe_replays_to_the_same_bytes_through_json(string name)
    {
        var transform = TransformTestParameters.Create(name);
        using var image = TestImages.Make(PixelType.UInt8, 3);
        BoundingBox[] boxes = [new(2, 3, 15, 12, "a")];
        Keypoint[] points = [new(10, 12, 0.3, 1, "k")];
        var (result, recipe) = new Compose([transform]).Run(new AnnotatedImage(image, boxes: boxes, keypoints: points), RandomStream.For(8, 0, 1));
        string json = OperationJson.Serialize(recipe);
        var replayed = OperationJson.Deserialize(json).Apply(new AnnotatedImage(image, boxes: boxes, keypoints: points));
        Assert.Equal(TestImages.Values(result.Image), TestImages.Values(replayed.Image));
        Assert.Equal(result.Boxes, replayed.Boxes);
        Assert.Equal(result.Keypoints, replayed.Keypoints);
        Assert.Equal(json, OperationJson.Serialize(OperationJson.Deserialize(json)));
    }

    [Theory]
    [MemberData(nameof(TransformTestParameters.Names), MemberType = typeof(TransformTestParameters))]
    public void Pipeline_files_round_trip_in_yaml_and_json(string name)
    {
        var pipeline = new Compose([TransformTestParameters.Create(name, p: 0.7)]);
        using var image = TestImages.Make(PixelType.UInt8, 3);
        foreach (var text in new[] { PipelineFile.ToYaml(pipeline), PipelineFile.ToJson(pipeline) })
        {
            var loaded = (Compose)PipelineFile.Parse(text, name);
            Assert.Equal(PipelineFile.ToYaml(pipeline), PipelineFile.ToYaml(loaded));
            for (int copy = 0; copy < 3; copy++)
            {
                var a = pipeline.Run(new AnnotatedImage(image), RandomStream.For(1, 2, copy)).Recipe;
                var b = loaded.Run(new AnnotatedImage(image), RandomStream.For(1, 2, copy)).Recipe;
                Assert.Equal(OperationJson.Serialize(a), OperationJson.Serialize(b));
            }
        }
    }

    private static (int, int) ExpectedSize(ComposeOperation recipe, ImageShape input)
    {
        var shape = input;
        foreach (var op in recipe.Operations)
        {
            if (op is IGeometricOperation g)
            {
                var (w, h) = g.GetOutputSize(shape);
                shape = new ImageShape(h, w, shape.Channels);
            }
            else if (op is IMappedOperation m)
            {
                using var map = m.GetMap(shape);
                shape = new ImageShape(map.Height, map.Width, shape.Channels);
            }
        }
        return (shape.Width, shape.Height);
    }
}
