namespace AugSharp.Tests.Transforms.Mixing;

/// <summary>MixUp and CutMix: pixels, targets and class labels of the companion brought in, labels mixed by weight and area, replay.</summary>
public class MixUpCutMixTests
{
    internal static ImageBuffer<byte> Flat(int width, int height, byte value, int channels = 3)
    {
        var image = new ImageBuffer<byte>(width, height, channels);
        image.Fill(value);
        return image;
    }

    private static Dictionary<string, double> Labels(string name) => new() { [name] = 1 };

    private static AnnotatedImage Primary(ImageBuffer image, string key, params AnnotatedImage[] companions)
        => new AnnotatedImage(image, boxes: [new BoundingBox(1, 1, 9, 9, "cat")], keypoints: [new Keypoint(5, 5, Label: "cat_eye")],
            classLabels: Labels("cat")).WithMetadata(key, companions);

    [Fact]
    public void MixUp_blends_by_the_drawn_lambda_and_mixes_the_labels_by_it()
    {
        using var image = Flat(40, 30, 200);
        using var other = Flat(20, 15, 100);
        var input = Primary(image, "mixup_metadata", new AnnotatedImage(other, classLabels: Labels("dog")));
        var pipeline = new Compose([new MixUp { P = 1 }]);
        for (int copy = 0; copy < 5; copy++)
        {
            var (result, recipe) = pipeline.Run(input, RandomStream.For(3, 0, copy));
            var op = Assert.IsType<MixUpOperation>(Assert.Single(recipe.Operations));
            Assert.InRange(op.Lambda, 0, 1);
            Assert.Equal(0, op.Companion!.Index);
            byte expected = (byte)Math.Round(op.Lambda * 200 + (1 - op.Lambda) * 100, MidpointRounding.ToEven);
            Assert.All(result.Image.As<byte>().ToArray(), v => Assert.InRange(v, expected - 1, expected + 1));
            Assert.Equal(op.Lambda, result.ClassLabels["cat"], 12);
            Assert.Equal(1 - op.Lambda, result.ClassLabels["dog"], 12);
        }
    }

    [Fact]
    public void MixUp_keeps_the_boxes_and_keypoints_of_both_with_the_companions_scaled_into_place()
    {
        using var image = Flat(40, 30, 200);
        using var other = Flat(20, 15, 100);
        var companion = new AnnotatedImage(other, boxes: [new BoundingBox(2, 3, 10, 9, "dog")], keypoints: [new Keypoint(4.5, 2.5, Label: "dog_eye")]);
        var input = Primary(image, "mixup_metadata", companion);
        var op = new MixUpOperation { MetadataKey = "mixup_metadata", Companion = CompanionRef.Companion(0), Lambda = 0.7 };
        var result = new ComposeOperation([op]).Apply(input);
        Assert.Equal([new BoundingBox(1, 1, 9, 9, "cat"), new BoundingBox(4, 6, 20, 18, "dog")], result.Boxes);
        Assert.Equal(2, result.Keypoints.Count);
        Assert.Equal(9.5, result.Keypoints[1].X, 9);
        Assert.Equal(5.5, result.Keypoints[1].Y, 9);
        Assert.Equal(170, result.Image.As<byte>()[10, 10, 1]);
    }

    [Fact]
    public void MixUp_masks_come_from_the_source_that_weighs_more()
    {
        using var image = Flat(40, 30, 200);
        using var mask = Flat(40, 30, 1, 1);
        using var other = Flat(20, 15, 100);
        using var otherMask = Flat(20, 15, 2, 1);
        var input = new AnnotatedImage(image, [mask]).WithMetadata("mixup_metadata", new[] { new AnnotatedImage(other, [otherMask]) });
        var heavy = new ComposeOperation([new MixUpOperation { MetadataKey = "mixup_metadata", Companion = CompanionRef.Companion(0), Lambda = 0.8 }]).Apply(input);
        Assert.All(heavy.Masks[0].As<byte>().ToArray(), v => Assert.Equal(1, v));
        var light = new ComposeOperation([new MixUpOperation { MetadataKey = "mixup_metadata", Companion = CompanionRef.Companion(0), Lambda = 0.2 }]).Apply(input);
        Assert.All(light.Masks[0].As<byte>().ToArray(), v => Assert.Equal(2, v));
        Assert.Equal((40, 30), (light.Masks[0].Width, light.Masks[0].Height));
    }

    [Fact]
    public void A_small_alpha_pushes_lambda_to_the_ends()
    {
        using var image = Flat(8, 8, 0);
        using var other = Flat(8, 8, 0);
        var input = new AnnotatedImage(image).WithMetadata("mixup_metadata", new[] { new AnnotatedImage(other) });
        double Spread(double alpha)
        {
            var pipeline = new Compose([new MixUp { P = 1, Alpha = alpha }]);
            return Enumerable.Range(0, 300).Average(copy => Math.Abs(((MixUpOperation)pipeline.Run(input, RandomStream.For(5, 0, copy)).Recipe.Operations[0]).Lambda - 0.5));
        }
        double small = Spread(0.1), large = Spread(8);
        Assert.True(small > 0.35, $"alpha 0.1: mean |λ-0.5| = {small}");
        Assert.True(large < 0.15, $"alpha 8: mean |λ-0.5| = {large}");
    }

    [Fact]
    public void CutMix_pastes_the_rectangle_and_mixes_labels_by_area()
    {
        using var image = Flat(40, 30, 200);
        using var other = Flat(40, 30, 50);
        var input = Primary(image, "cutmix_metadata", new AnnotatedImage(other, classLabels: Labels("dog")));
        var pipeline = new Compose([new CutMix { P = 1 }]);
        int pasted = 0;
        for (int copy = 0; copy < 8; copy++)
        {
            var (result, recipe) = pipeline.Run(input, RandomStream.For(11, 0, copy));
            var op = Assert.IsType<CutMixOperation>(Assert.Single(recipe.Operations));
            var img = result.Image.As<byte>();
            int inside = 0;
            for (int y = 0; y < 30; y++)
            {
                for (int x = 0; x < 40; x++)
                {
                    bool rect = x >= op.X1 && x < op.X2 && y >= op.Y1 && y < op.Y2;
                    Assert.Equal(rect ? 50 : 200, img[y, x, 0]);
                    if (rect) inside++;
                }
            }
            pasted += inside;
            double share = inside / 1200.0;
            Assert.Equal(1 - share, result.ClassLabels.GetValueOrDefault("cat"), 12);
            Assert.Equal(share, result.ClassLabels.GetValueOrDefault("dog"), 12);
        }
        Assert.True(pasted > 0);
    }

    [Fact]
    public void CutMix_clips_the_companions_boxes_to_the_rectangle_and_judges_the_covered_ones_by_the_box_rules()
    {
        using var image = Flat(40, 30, 200);
        using var other = Flat(40, 30, 50);
        var companion = new AnnotatedImage(other, boxes: [new BoundingBox(0, 0, 20, 20, "dog"), new BoundingBox(30, 25, 40, 30, "far")], keypoints: [new Keypoint(12, 12, Label: "in"), new Keypoint(35, 28, Label: "out")]);
        var input = new AnnotatedImage(image, boxes: [new BoundingBox(10, 10, 20, 20, "covered"), new BoundingBox(0, 20, 40, 30, "open")],
            keypoints: [new Keypoint(15, 15, Label: "hidden"), new Keypoint(30, 25, Label: "seen")]).WithMetadata("cutmix_metadata", new[] { companion });
        var op = new CutMixOperation { MetadataKey = "cutmix_metadata", Companion = CompanionRef.Companion(0), X1 = 8, Y1 = 8, X2 = 24, Y2 = 22 };

        var lenient = new ComposeOperation([op]).Apply(input);
        Assert.Contains(new BoundingBox(10, 10, 20, 20, "covered"), lenient.Boxes);
        Assert.Contains(new BoundingBox(8, 8, 20, 20, "dog"), lenient.Boxes);
        Assert.DoesNotContain(lenient.Boxes, b => b.Label == "far");
        Assert.Equal(["seen", "in"], lenient.Keypoints.Select(k => k.Label));

        var strict = new ComposeOperation([op]) { BoxParams = new BoxParams { MinVisibility = 0.5 } }.Apply(input);
        Assert.DoesNotContain(strict.Boxes, b => b.Label == "covered");
        Assert.Contains(strict.Boxes, b => b.Label == "open");
        Assert.DoesNotContain(strict.Boxes, b => b.Label == "dog"); // 144 of its 400 pixels are inside
    }

    [Fact]
    public void CutMix_pastes_the_companions_masks_and_fills_where_it_has_none()
    {
        using var image = Flat(40, 30, 200);
        using var mask = Flat(40, 30, 1, 1);
        using var second = Flat(40, 30, 1, 1);
        using var other = Flat(20, 15, 50);
        using var otherMask = Flat(20, 15, 3, 1);
        var input = new AnnotatedImage(image, [mask, second]).WithMetadata("cutmix_metadata", new[] { new AnnotatedImage(other, [otherMask]) });
        var op = new CutMixOperation { MetadataKey = "cutmix_metadata", Companion = CompanionRef.Companion(0), X1 = 4, Y1 = 4, X2 = 10, Y2 = 12, FillMask = 9 };
        var result = new ComposeOperation([op]).Apply(input);
        var m0 = result.Masks[0].As<byte>();
        var m1 = result.Masks[1].As<byte>();
        Assert.Equal(3, m0[5, 5, 0]);
        Assert.Equal(1, m0[20, 20, 0]);
        Assert.Equal(9, m1[5, 5, 0]);
        Assert.Equal(1, m1[20, 20, 0]);
        Assert.Equal(1, mask[5, 5, 0]);
    }

    [Theory]
    [InlineData("MixUp")]
    [InlineData("CutMix")]
    public void Without_companions_or_a_source_nothing_changes(string name)
    {
        using var image = Flat(40, 30, 200);
        var input = new AnnotatedImage(image, boxes: [new BoundingBox(1, 1, 9, 9, "cat")], classLabels: Labels("cat"));
        var transform = TransformRegistry.Create(name, new Dictionary<string, object?> { ["p"] = 1.0 });
        var result = new Compose([transform]).Apply(input, seed: 1);
        Assert.Equal(image.ToArray(), result.Image.As<byte>().ToArray());
        Assert.Equal(input.Boxes, result.Boxes);
        Assert.Equal(1, result.ClassLabels["cat"]);
    }

    [Theory]
    [InlineData("MixUp", "mixup_metadata")]
    [InlineData("CutMix", "cutmix_metadata")]
    public void A_recipe_replays_through_json_with_the_same_companions_and_from_the_source_folder(string name, string key)
    {
        using var image = TestImages.Make(PixelType.UInt16, 3);
        using var other = TestImages.Make(PixelType.UInt8, 1, 25, 17, salt: 3);
        var input = new AnnotatedImage(image, boxes: [new BoundingBox(1, 1, 9, 9, "cat")]).WithMetadata(key, new[] { new AnnotatedImage(other, boxes: [new BoundingBox(3, 3, 20, 15, "dog")]) });
        var fromMetadata = TransformRegistry.Create(name, new Dictionary<string, object?> { ["p"] = 1.0 });
        var fromFolder = TransformRegistry.Create(name, new Dictionary<string, object?> { ["p"] = 1.0, ["companion_source"] = TransformTestParameters.CompanionFolder });
        foreach (var (transform, data) in new[] { (fromMetadata, input), (fromFolder, new AnnotatedImage(image)) })
        {
            var (result, recipe) = new Compose([transform]).Run(data, RandomStream.For(21, 4, 0));
            string json = OperationJson.Serialize(recipe);
            var replayed = OperationJson.Deserialize(json).Apply(data);
            Assert.Equal(TestImages.Values(result.Image), TestImages.Values(replayed.Image));
            Assert.Equal(result.Boxes, replayed.Boxes);
            Assert.NotEqual(TestImages.Values(image), TestImages.Values(result.Image));
        }
    }

    [Fact]
    public void A_recipe_whose_companion_is_missing_is_refused_by_name()
    {
        using var image = Flat(40, 30, 200);
        var op = new MixUpOperation { Transform = "MixUp", MetadataKey = "mixup_metadata", Companion = CompanionRef.Companion(2), Lambda = 0.5 };
        var e = Assert.Throws<InvalidOperationException>(() => op.Apply(new AnnotatedImage(image)));
        Assert.Contains("MixUp", e.Message, StringComparison.Ordinal);
        Assert.Contains("mixup_metadata", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reader_in_the_metadata_gives_the_companions_on_demand()
    {
        using var image = Flat(40, 30, 200);
        var reader = new FlatReader();
        var input = new AnnotatedImage(image, classLabels: Labels("cat")).WithMetadata("mixup_metadata", reader);
        var (result, recipe) = new Compose([new MixUp { P = 1 }]).Run(input, RandomStream.For(2, 0, 0));
        var op = (MixUpOperation)recipe.Operations[0];
        Assert.InRange(op.Companion!.Index!.Value, 0, 2);
        Assert.True(result.ClassLabels.ContainsKey($"class{op.Companion.Index}") || op.Lambda == 1);
        Assert.True(reader.Reads > 0);
        Assert.Equal(reader.Reads, reader.Disposed);
    }

    [Fact]
    public void Companions_and_labels_flow_through_the_other_transforms()
    {
        using var image = Flat(40, 30, 200);
        using var other = Flat(40, 30, 50);
        var companions = new[] { new AnnotatedImage(other) };
        var input = new AnnotatedImage(image, classLabels: Labels("cat")).WithMetadata("cutmix_metadata", companions);
        var result = new Compose([new HorizontalFlip { P = 1 }, new GaussNoise { P = 1 }, new Rotate { P = 1, Limit = new(10, 10) }]).Apply(input, seed: 4);
        Assert.Same(companions, result.Metadata["cutmix_metadata"]);
        Assert.Equal(1, result.ClassLabels["cat"]);
    }

    [Fact]
    public void Alpha_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixUp { Alpha = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CutMix { Alpha = -1 });
    }

    private sealed class FlatReader : ICompanionReader
    {
        public int Reads { get; private set; }

        public int Disposed => _made.Count(b => b.IsDisposedForTest());

        private readonly List<TrackedBuffer> _made = [];

        public int Count => 3;

        public AnnotatedImage Read(int index)
        {
            Reads++;
            var buffer = new TrackedBuffer(Flat(10, 10, (byte)(index * 50)));
            _made.Add(buffer);
            return new AnnotatedImage(buffer.Image, classLabels: Labels($"class{index}"));
        }
    }

    private sealed class TrackedBuffer(ImageBuffer<byte> image)
    {
        public ImageBuffer<byte> Image { get; } = image;

        public bool IsDisposedForTest()
        {
            try
            {
                _ = Image.GetRow(0);
                return false;
            }
            catch (ObjectDisposedException)
            {
                return true;
            }
        }
    }
}
