using AugSharp.Tests.Transforms;

namespace AugSharp.Tests.Pipelines;

/// <summary>The pipeline runner's promises: the caller's buffers are never disposed, labels follow every mirror, runs never mix settings, replay cuts runs where sampling did.</summary>
public class PipelineRunnerTests
{
    private sealed record InvertOperation : Operation
    {
        protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
        {
            var copy = image.Clone();
            if (copy is ImageBuffer<byte> b)
                for (int y = 0; y < b.Height; y++) { var row = b.GetRow(y); for (int i = 0; i < row.Length; i++) row[i] = (byte)(255 - row[i]); }
            return copy;
        }
    }

    [Fact]
    public void The_callers_image_and_masks_are_never_disposed()
    {
        var (image, mask) = TestImages.Blocks(40, 30);
        var input = new AnnotatedImage(image, [mask]);
        var result = new ComposeOperation([new InvertOperation(), new ResizeOperation(20, 15), new HorizontalFlipOperation()]).Apply(input);
        Assert.Equal(240, image[10, 15, 0]);
        Assert.Equal(1, mask[10, 15, 0]);
        Assert.Equal((20, 15), (result.Masks[0].Width, result.Masks[0].Height));
        var same = new ComposeOperation([new InvertOperation()]).Apply(input);
        Assert.Same(mask, same.Masks[0]);
        _ = mask.ToArray();
        _ = image.ToArray();
    }

    [Fact]
    public void Label_swaps_follow_every_mirror_of_a_fused_run()
    {
        using var image = new ImageBuffer<byte>(40, 40, 1);
        var kp = new KeypointParams
        {
            LabelMapping = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["HorizontalFlip"] = new Dictionary<string, string> { ["left"] = "right", ["right"] = "left" },
            },
        };
        string LabelAfter(params ITransform[] transforms)
            => Assert.Single(new Compose(transforms, keypointParams: kp).Apply(new AnnotatedImage(image, keypoints: [new Keypoint(20, 20, Label: "left")]), seed: 0).Keypoints).Label!;
        Assert.Equal("right", LabelAfter(new HorizontalFlip { P = 1 }, new Rotate { Limit = new(10, 10), P = 1 }));
        Assert.Equal("left", LabelAfter(new HorizontalFlip { P = 1 }, new HorizontalFlip { P = 1 }));
        Assert.Equal("right", LabelAfter(new HorizontalFlip { P = 1 }, new HorizontalFlip { P = 1 }, new HorizontalFlip { P = 1 }));
    }

    [Fact]
    public void Operations_name_the_transform_that_drew_them()
    {
        using var image = new ImageBuffer<byte>(40, 40, 1);
        var recipe = new Compose([new Rotate { P = 1 }, new RandomRotate90 { P = 1 }, new HorizontalFlip { P = 0 }]).Run(new AnnotatedImage(image), RandomStream.For(1, 0)).Recipe;
        Assert.Equal(["Rotate", "RandomRotate90", "HorizontalFlip"], recipe.Operations.Select(o => o.Name));
        Assert.Contains("\"transform\":\"Rotate\"", OperationJson.Serialize(recipe));
        Assert.Equal("Rotate", OperationJson.Deserialize(OperationJson.Serialize(recipe.Operations[0])).Name);
    }

    [Fact]
    public void Steps_with_different_borders_or_interpolations_are_not_fused()
    {
        using var image = TestImages.Make(PixelType.UInt8, 1, 50, 50);
        var reflect = new AffineOperation { Angle = 20, BorderMode = BorderMode.Reflect };
        var white = new AffineOperation { Angle = -35, BorderMode = BorderMode.Constant, Fill = [255] };
        var pipeline = new ComposeOperation([reflect, white]).Apply(new AnnotatedImage(image)).Image.As<byte>();
        using var first = reflect.Apply(new AnnotatedImage(image)).Image.As<byte>();
        using var stepwise = white.Apply(new AnnotatedImage(first)).Image.As<byte>();
        Assert.Equal(stepwise.ToArray(), pipeline.ToArray());
        Assert.Contains((byte)255, pipeline.ToArray());

        var nearest = new AffineOperation { Angle = 13, Interpolation = Interpolation.Nearest };
        var linear = new AffineOperation { Angle = 17, Interpolation = Interpolation.Linear };
        var mixed = new ComposeOperation([nearest, linear]).Apply(new AnnotatedImage(image)).Image.As<byte>();
        using var n = nearest.Apply(new AnnotatedImage(image)).Image.As<byte>();
        using var l = linear.Apply(new AnnotatedImage(n)).Image.As<byte>();
        Assert.Equal(l.ToArray(), mixed.ToArray());
    }

    [Fact]
    public void A_replayed_recipe_warps_where_sampling_did()
    {
        var (image, mask) = TestImages.Blocks(60, 40);
        var pipeline = new Compose([new Rotate { Limit = new(20, 20), P = 1 }, new CropNonEmptyMaskIfExists { Height = 20, Width = 20 }, new Rotate { Limit = new(-20, -20), P = 1 }]);
        var (result, recipe) = pipeline.Run(new AnnotatedImage(image, [mask]), RandomStream.For(4, 0));
        Assert.Contains(recipe.Operations, o => o is FlushOperation);
        var replayed = OperationJson.Deserialize(OperationJson.Serialize(recipe)).Apply(new AnnotatedImage(image, [mask]));
        Assert.Equal(result.Image.As<byte>().ToArray(), replayed.Image.As<byte>().ToArray());
    }
}

public class AdditionalImageTests
{
    public static TheoryData<string> Names() => TransformTestParameters.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void An_additional_image_gets_exactly_the_images_operation(string name)
    {
        var transform = TransformTestParameters.Create(name);
        using var image = TestImages.Make(PixelType.UInt8, 3);
        using var twin = TestImages.Make(PixelType.UInt8, 3);
        using var other = TestImages.Make(PixelType.UInt8, 3, salt: 5);
        var pipeline = new Compose([new HorizontalFlip(), transform, new Affine { Rotate = new(-10, 10), P = 1 }]);
        for (int copy = 0; copy < 4; copy++)
        {
            var (result, recipe) = pipeline.Run(new AnnotatedImage(image, additionalImages: [twin, other]), RandomStream.For(3, 1, copy));
            Assert.Equal(TestImages.Values(result.Image), TestImages.Values(result.AdditionalImages[0]));
            var alone = recipe.Apply(new AnnotatedImage(other));
            Assert.Equal(TestImages.Values(alone.Image), TestImages.Values(result.AdditionalImages[1]));
        }
    }
}

public class SelectiveChannelTransformTests
{
    private sealed record InvertBytes : Operation
    {
        protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
        {
            var copy = image.Clone();
            var b = copy.As<byte>();
            for (int y = 0; y < b.Height; y++) { var row = b.GetRow(y); for (int i = 0; i < row.Length; i++) row[i] = (byte)(255 - row[i]); }
            return copy;
        }
    }

    private sealed class Invert : Transform<InvertBytes>
    {
        public Invert() => P = 1;

        protected override InvertBytes SampleOperation(RandomStream rng, TransformContext context) => new();
    }

    [Fact]
    public void Only_the_chosen_channels_change()
    {
        using var image = TestImages.Make(PixelType.UInt8, 4);
        var before = image.As<byte>().ToArray();
        var result = new Compose([new SelectiveChannelTransform([new Invert()], [0, 2])]).Apply(new AnnotatedImage(image, boxes: [new(1, 1, 5, 5, "x")]), seed: 0);
        var after = result.Image.As<byte>().ToArray();
        for (int i = 0; i < before.Length; i++)
            Assert.Equal(i % 4 is 0 or 2 ? 255 - before[i] : before[i], after[i]);
        Assert.Equal(before, image.As<byte>().ToArray());
        Assert.Single(result.Boxes);
    }

    [Fact]
    public void A_transform_that_moves_pixels_is_refused_by_name()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var e = Assert.Throws<NotSupportedException>(() => new Compose([new SelectiveChannelTransform([new HorizontalFlip { P = 1 }], [1])]).Apply(new AnnotatedImage(image), seed: 0));
        Assert.Contains("HorizontalFlip", e.Message);
    }

    [Fact]
    public void Pipeline_files_hold_it_with_its_channels()
    {
        var p = (Compose)PipelineFile.Parse("transforms:\n  - SelectiveChannelTransform: {channels: [0, 1], p: 0.5, transforms: [HorizontalFlip]}\n");
        var sc = Assert.IsType<SelectiveChannelTransform>(Assert.Single(p.Transforms));
        Assert.Equal([0, 1], sc.Channels);
        Assert.Equal(0.5, sc.P);
        Assert.Equal(PipelineFile.ToYaml(p), PipelineFile.ToYaml(PipelineFile.Parse(PipelineFile.ToYaml(p))));
    }
}

public class BoxesFromMasksTests
{
    [Fact]
    public void A_rotated_object_gets_the_box_of_its_pixels_with_one_mask_per_box()
    {
        using var image = new ImageBuffer<byte>(100, 100, 1);
        using var disc = new ImageBuffer<byte>(100, 100, 1);
        for (int y = 0; y < 100; y++)
            for (int x = 0; x < 100; x++)
                if ((x - 49.5) * (x - 49.5) + (y - 49.5) * (y - 49.5) <= 20 * 20) disc[y, x, 0] = 1;
        var box = new BoundingBox(30, 30, 70, 70, "disc");
        var rotate = new Rotate { Limit = new(45, 45), P = 1 };
        var loose = new Compose([rotate]).Apply(new AnnotatedImage(image, [disc], [box]), seed: 0).Boxes[0];
        var tight = new Compose([rotate], new BoxParams { BoxesFromMasks = true }).Apply(new AnnotatedImage(image, [disc], [box]), seed: 0).Boxes[0];
        Assert.True(loose.Width > 55, $"loose {loose}");
        Assert.InRange(tight.Width, 39, 42);
        Assert.InRange(tight.Height, 39, 42);
        Assert.Equal("disc", tight.Label);
        var file = (Compose)PipelineFile.Parse("bbox_params: {boxes_from_masks: true}\ntransforms: [HorizontalFlip]\n");
        Assert.True(file.BoxParams!.BoxesFromMasks);
    }
}
