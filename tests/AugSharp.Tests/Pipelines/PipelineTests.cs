using AugSharp.Keras;
using AugSharp.Kernels;
using AugSharp.Tests.Transforms;

namespace AugSharp.Tests.Pipelines;

public class PipelineTests
{
    private const string IssueExample = """
        seed: 7
        bbox_params: {format: coco, min_visibility: 0.3}
        transforms:
          - HorizontalFlip: {p: 0.5}
          - Affine: {rotate: [-30, 30], scale: [0.9, 1.1], border_mode: reflect101, p: 0.7}
          - OneOf:
              p: 0.5
              transforms:
                - RandomResizedCrop: {size: [224, 224], scale: [0.5, 1.0]}
                - LongestMaxSize: {max_size: 224}
        """;

    [Fact]
    public void The_hand_written_yaml_form_loads_and_runs_on_a_photo()
    {
        var pipeline = Assert.IsType<Compose>(PipelineFile.Parse(IssueExample, "pipeline.yaml"));
        Assert.Equal(7UL, pipeline.Seed);
        Assert.Equal(BoxFormat.Coco, pipeline.BoxParams!.Format);
        Assert.Equal(0.3, pipeline.BoxParams.MinVisibility);
        Assert.Equal(3, pipeline.Transforms.Count);
        var affine = Assert.IsType<Affine>(pipeline.Transforms[1]);
        Assert.Equal(new ValueRange(-30, 30), affine.Rotate);
        Assert.Equal(BorderMode.Reflect101, affine.BorderMode);
        Assert.Equal(0.7, affine.P);
        var oneOf = Assert.IsType<OneOf>(pipeline.Transforms[2]);
        Assert.Equal(0.5, oneOf.P);

        using var photo = ImageCodec.Read(TestPaths.Image("chelsea.png"));
        var sizes = new HashSet<(int, int)>();
        for (int copy = 0; copy < 12; copy++)
        {
            var box = BoxFormats.FromValues([100, 50, 150, 120], BoxFormat.Coco, photo.Width, photo.Height, "cat");
            var result = pipeline.Apply(new AnnotatedImage(photo, boxes: [box]), seed: 7, item: 0, copy);
            sizes.Add((result.Image.Width, result.Image.Height));
            Assert.Equal(PixelType.UInt8, result.Image.PixelType);
        }
        Assert.Contains((451, 300), sizes);
        Assert.Contains((224, 224), sizes);
        Assert.Contains((224, 149), sizes);
    }

    [Fact]
    public void Unknown_transform_and_parameter_names_are_errors_naming_the_closest()
    {
        var e = Assert.Throws<PipelineFormatException>(() => PipelineFile.Parse("transforms:\n  - HorizontalFlp: {p: 1}\n", "p.yaml"));
        Assert.Contains("p.yaml", e.Message);
        Assert.Contains("HorizontalFlp", e.Message);
        Assert.Contains("did you mean 'HorizontalFlip'", e.Message);
        e = Assert.Throws<PipelineFormatException>(() => PipelineFile.Parse("transforms:\n  - Rotate: {limt: 10}\n", "p.yaml"));
        Assert.Contains("did you mean 'limit'", e.Message);
        e = Assert.Throws<PipelineFormatException>(() => PipelineFile.Parse("transforms:\n  - Rotate: {border_mode: mirror}\n"));
        Assert.Contains("border_mode", e.Message);
        e = Assert.Throws<PipelineFormatException>(() => PipelineFile.Parse("{\"transforms\": [{\"Rotate\": {\"limit\": [30, 10]}}]}"));
        Assert.Contains("limit", e.Message);
    }

    [Fact]
    public void A_keras_key_file_gives_the_generator()
    {
        var t = PipelineFile.Parse("rotation_range: 40\nhorizontal_flip: true\n", "k.yaml");
        var g = Assert.IsType<ImageDataGenerator>(t);
        Assert.Equal(40, g.RotationRange);
        Assert.IsType<ImageDataGenerator>(PipelineFile.Parse("{\"zoom_range\": [0.8, 1.2]}", "k.json"));
    }

    [Fact]
    public void Albumentations_style_values_are_accepted_opencv_codes_and_scalars()
    {
        var p = (Compose)PipelineFile.Parse("transforms:\n  - Rotate: {limit: 20, border_mode: 4, interpolation: 2}\n  - ShiftScaleRotate: {shift_limit: 0.1}\n");
        var rotate = (Rotate)p.Transforms[0];
        Assert.Equal(new ValueRange(-20, 20), rotate.Limit);
        Assert.Equal(BorderMode.Reflect101, rotate.BorderMode);
        Assert.Equal(Interpolation.Cubic, rotate.Interpolation);
        Assert.Equal(new ValueRange(-0.1, 0.1), ((ShiftScaleRotate)p.Transforms[1]).ShiftLimit);
    }

    [Fact]
    public void Consecutive_geometric_steps_are_warped_once()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3, 64, 48);
        var there = new AffineOperation { Angle = 33, Interpolation = Interpolation.Linear };
        var back = new AffineOperation { Angle = -33, Interpolation = Interpolation.Linear };
        var fused = new ComposeOperation([there, back]).Apply(new AnnotatedImage(image)).Image.As<byte>();
        using var once = there.Apply(new AnnotatedImage(image)).Image.As<byte>();
        using var twice = back.Apply(new AnnotatedImage(once)).Image.As<byte>();
        var original = image.As<byte>();
        // The fused pair is the identity up to rounding (one interpolation); doing them one by one loses the corners.
        int fusedOff = 0, twiceOff = 0;
        for (int y = 0; y < 48; y++)
            for (int x = 0; x < 64; x++)
            {
                if (Math.Abs(fused[y, x, 0] - original[y, x, 0]) > 1) fusedOff++;
                if (Math.Abs(twice[y, x, 0] - original[y, x, 0]) > 1) twiceOff++;
            }
        Assert.True(fusedOff < 64 * 48 / 100, $"{fusedOff} pixels moved after a fused rotation and its inverse.");
        Assert.True(twiceOff > fusedOff * 5, $"one-by-one {twiceOff} vs fused {fusedOff}");
    }

    [Fact]
    public void Flips_and_quarter_turns_are_exact_whatever_the_pipeline()
    {
        using var image = TestImages.Make(PixelType.UInt16, 4, 37, 23);
        var recipe = new ComposeOperation([new HorizontalFlipOperation(), new Rotate90Operation(1), new VerticalFlipOperation(), new TransposeOperation()]);
        var result = recipe.Apply(new AnnotatedImage(image)).Image.As<ushort>();
        // hflip, rot90, vflip, transpose composes to a rot180 of the original? Check each pixel through the matrix.
        var m = Matrix3x3.Identity;
        var shape = image.Shape;
        foreach (var op in recipe.Operations.Cast<IGeometricOperation>())
        {
            m = op.GetMatrix(shape) * m;
            var (w, h) = op.GetOutputSize(shape);
            shape = new ImageShape(h, w, shape.Channels);
        }
        var src = image.As<ushort>();
        for (int y = 0; y < src.Height; y++)
            for (int x = 0; x < src.Width; x++)
            {
                var (u, v) = m.Transform(x, y);
                for (int c = 0; c < 4; c++) Assert.Equal(src[y, x, c], result[(int)Math.Round(v), (int)Math.Round(u), c]);
            }
    }

    [Fact]
    public void A_crop_before_a_rotation_does_not_bring_back_what_it_cut()
    {
        using var image = TestImages.Make(PixelType.UInt8, 1, 60, 60);
        var crop = new CropOperation(20, 20, 20, 20);
        var rotate = new AffineOperation { Angle = 45, BorderMode = BorderMode.Constant, Fill = [0] };
        var fused = new ComposeOperation([crop, rotate]).Apply(new AnnotatedImage(image)).Image.As<byte>();
        using var cropped = crop.Apply(new AnnotatedImage(image)).Image.As<byte>();
        var stepwise = rotate.Apply(new AnnotatedImage(cropped)).Image.As<byte>();
        Assert.Equal(stepwise.ToArray(), fused.ToArray());
    }

    [Fact]
    public void OneOf_uses_the_children_p_as_weights_and_applies_the_chosen_one()
    {
        var pipeline = new Compose([new OneOf([new HorizontalFlip { P = 0.9 }, new VerticalFlip { P = 0.1 }], p: 1)]);
        using var image = TestImages.Make(PixelType.UInt8, 1, 8, 6);
        int h = 0, v = 0;
        for (int copy = 0; copy < 400; copy++)
        {
            var recipe = pipeline.Run(new AnnotatedImage(image), RandomStream.For(3, 0, copy)).Recipe;
            var op = Assert.Single(recipe.Operations);
            if (op is HorizontalFlipOperation) h++;
            else if (op is VerticalFlipOperation) v++;
        }
        Assert.Equal(400, h + v);
        Assert.InRange(h, 330, 390);
    }

    [Fact]
    public void SomeOf_picks_n_distinct_children_uniformly_in_listed_order_each_with_its_own_p()
    {
        var children = new ITransform[] { new HorizontalFlip { P = 1 }, new VerticalFlip { P = 1 }, new Transpose { P = 1 }, new RandomRotate90 { P = 0 } };
        var pipeline = new Compose([new SomeOf(children, 2)]);
        using var image = TestImages.Make(PixelType.UInt8, 1, 8, 8);
        var picked = new int[4];
        for (int copy = 0; copy < 400; copy++)
        {
            var ops = pipeline.Run(new AnnotatedImage(image), RandomStream.For(1, 0, copy)).Recipe.Operations;
            Assert.Equal(2, ops.Count);
            var order = ops.Select(o => Array.FindIndex(children, c => c.Name == o.Name)).ToArray();
            Assert.True(order[0] < order[1]);
            foreach (int i in order) picked[i]++;
            Assert.DoesNotContain(ops, o => o is Rotate90Operation);
        }
        Assert.All(picked, count => Assert.InRange(count, 150, 250));
        Assert.Equal(4, new SomeOf(children, 9).N);
    }

    [Fact]
    public void The_keras_generator_runs_in_a_pipeline_with_its_own_numbers_and_moves_boxes()
    {
        var g = new ImageDataGenerator(rotationRange: 40, widthShiftRange: 0.1, horizontalFlip: true, brightnessRange: [0.5, 1.2]);
        using var photo = ImageCodec.Read(TestPaths.Image("chelsea.png"));
        var bytes = photo.As<byte>();
        var rng = RandomStream.For(11, 2, 0);
        var (result, recipe) = new Compose([g]).Run(new AnnotatedImage(photo, boxes: [new BoundingBox(150, 60, 300, 250, "cat")]), rng);
        var op = Assert.IsType<KerasOperation>(Assert.Single(recipe.Operations));
        using var f = bytes.ConvertTo<float>();
        using var direct = g.ApplyTransform(f, op.Parameters);
        using var expected = direct.ConvertTo<byte>();
        Assert.Equal(expected.ToArray(), result.Image.As<byte>().ToArray());
        Assert.Single(result.Boxes);
        var replay = OperationJson.Deserialize(OperationJson.Serialize(recipe)).Apply(new AnnotatedImage(photo));
        Assert.Equal(expected.ToArray(), replay.Image.As<byte>().ToArray());
    }
}
