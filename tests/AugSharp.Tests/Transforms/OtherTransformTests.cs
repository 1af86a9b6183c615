namespace AugSharp.Tests.Transforms;

/// <summary>NoOp, ToFloat, FromFloat, Normalize and the CHW tensor layout.</summary>
public class OtherTransformTests
{
    private static ImageBuffer<byte> Ramp(int channels = 3)
    {
        var image = new ImageBuffer<byte>(8, 4, channels);
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 8; x++)
                for (int c = 0; c < channels; c++) image[y, x, c] = (byte)(y * 60 + x * 5 + c);
        return image;
    }

    [Fact]
    public void To_float_divides_by_the_type_maximum_and_from_float_brings_it_back()
    {
        using var image = Ramp();
        var f = new ToFloat().Sample(new RandomStream(1), new TransformContext(new AnnotatedImage(image))).Apply(new AnnotatedImage(image)).Image;
        Assert.Equal(PixelType.Float32, f.PixelType);
        Assert.Equal(image[3, 7, 2] / 255f, f.As<float>()[3, 7, 2]);
        var back = new FromFloat().Sample(new RandomStream(1), new TransformContext(new AnnotatedImage(f))).Apply(new AnnotatedImage(f)).Image;
        Assert.Equal(image.ToArray(), back.As<byte>().ToArray());
        var wide = new FromFloatOperation("uint16", null).Apply(new AnnotatedImage(f)).Image.As<ushort>();
        Assert.Equal(image[2, 3, 1] * 257, wide[2, 3, 1]);
        Assert.Equal(0.1f, new ToFloatOperation(100).Apply(new AnnotatedImage(Ramp())).Image.As<float>()[0, 2, 0]);
    }

    [Fact]
    public void Normalize_standard_uses_mean_and_std_times_max_pixel_value()
    {
        using var image = Ramp();
        var result = new NormalizeOperation([0.485, 0.456, 0.406], [0.229, 0.224, 0.225], 255, Normalization.Standard).Apply(new AnnotatedImage(image)).Image.As<float>();
        for (int c = 0; c < 3; c++)
        {
            double expected = (image[2, 5, c] / 255.0 - new[] { 0.485, 0.456, 0.406 }[c]) / new[] { 0.229, 0.224, 0.225 }[c];
            Assert.Equal(expected, result[2, 5, c], 5);
        }
        using var four = Ramp(4);
        Assert.Throws<InvalidOperationException>(() => new Normalize().Sample(new RandomStream(1), new TransformContext(new AnnotatedImage(four))).Apply(new AnnotatedImage(four)));
    }

    [Theory]
    [InlineData(Normalization.Image)]
    [InlineData(Normalization.ImagePerChannel)]
    public void Normalize_by_the_image_gives_mean_zero_and_deviation_one(Normalization kind)
    {
        using var image = Ramp();
        var values = new NormalizeOperation([0], [1], 255, kind).Apply(new AnnotatedImage(image)).Image.As<float>().ToArray();
        Assert.Equal(0, values.Average(), 3);
        Assert.Equal(1, Math.Sqrt(values.Select(v => (double)v * v).Average()), 2);
    }

    [Theory]
    [InlineData(Normalization.MinMax)]
    [InlineData(Normalization.MinMaxPerChannel)]
    public void Normalize_min_max_spans_zero_to_one(Normalization kind)
    {
        using var image = Ramp();
        var values = new NormalizeOperation([0], [1], 255, kind).Apply(new AnnotatedImage(image)).Image.As<float>().ToArray();
        Assert.Equal(0, values.Min(), 4);
        Assert.Equal(1, values.Max(), 3);
    }

    [Fact]
    public void Converting_transforms_declare_their_output_type()
    {
        Assert.Equal(PixelType.Float32, new ToFloat().OutputPixelType(PixelType.UInt16));
        Assert.Equal(PixelType.Float32, new Normalize().OutputPixelType(PixelType.UInt8));
        Assert.Equal(PixelType.UInt16, new FromFloat { Dtype = "uint16" }.OutputPixelType(PixelType.Float32));
        Assert.Throws<PipelineFormatException>(() => TransformRegistry.Create("FromFloat", new Dictionary<string, object?> { ["dtype"] = "int8" }));
        Assert.Equal(1.0, new ToFloat().P);
        Assert.Equal(0.5, new NoOp().P);
    }

    [Fact]
    public void A_pipeline_ends_in_a_float_tensor()
    {
        using var image = Ramp();
        var pipeline = new Compose([new HorizontalFlip { P = 1 }, new Normalize()]);
        var result = pipeline.Apply(new AnnotatedImage(image), seed: 1);
        var (data, shape) = TensorLayout.ToChw(result.Image.As<float>());
        Assert.Equal([3, 4, 8], shape);
        var img = result.Image.As<float>();
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 4; y++)
                for (int x = 0; x < 8; x++) Assert.Equal(img[y, x, c], data[(c * 4 + y) * 8 + x]);
        using var back = TensorLayout.FromChw(data, 3, 4, 8);
        Assert.Equal(img.ToArray(), back.ToArray());
        Assert.Throws<ArgumentException>(() => TensorLayout.FromChw(data, 3, 4, 7));
    }

    [Fact]
    public void To_chw_reads_strided_views()
    {
        var image = new ImageBuffer<float>(6, 5, 2);
        for (int y = 0; y < 5; y++) for (int x = 0; x < 6; x++) for (int c = 0; c < 2; c++) image[y, x, c] = y * 100 + x * 10 + c;
        using var view = image.Crop(1, 2, 3, 2);
        var (data, shape) = TensorLayout.ToChw(view);
        Assert.Equal([2, 2, 3], shape);
        Assert.Equal([210, 220, 230, 310, 320, 330, 211, 221, 231, 311, 321, 331], data);
    }

    [Fact]
    public void The_elliptic_kernel_is_opencvs()
    {
        Assert.Equal([(0, -1), (-1, 0), (0, 0), (1, 0), (0, 1)], new MorphologicalOperation(3, 3, MorphologyOperation.Dilation).Offsets());
        Assert.Equal([(0, -1), (-1, 0), (0, 0), (0, 1)], new MorphologicalOperation(2, 3, MorphologyOperation.Dilation).Offsets());
        Assert.Equal(17, new MorphologicalOperation(5, 5, MorphologyOperation.Dilation).Offsets().Count);
    }

    [Fact]
    public void Dilation_grows_bright_regions_masks_and_boxes_and_erosion_shrinks_them()
    {
        var image = new ImageBuffer<byte>(20, 20, 1);
        var mask = new ImageBuffer<byte>(20, 20, 1);
        for (int y = 5; y < 10; y++) for (int x = 5; x < 10; x++) { image[y, x, 0] = 255; mask[y, x, 0] = 1; }
        var input = new AnnotatedImage(image, [mask], [new BoundingBox(5, 5, 10, 10, "b"), new BoundingBox(0, 0, 3, 3, "corner")]);
        var grown = new MorphologicalOperation(3, 3, MorphologyOperation.Dilation).Apply(input);
        Assert.Equal(25 + 4 * 5, grown.Image.As<byte>().ToArray().Count(v => v == 255));
        Assert.Equal(grown.Image.As<byte>().ToArray().Select(v => v == 255 ? (byte)1 : (byte)0), grown.Masks[0].As<byte>().ToArray());
        Assert.Equal(new BoundingBox(4, 4, 11, 11, "b"), grown.Boxes[0]);
        var shrunk = new MorphologicalOperation(3, 3, MorphologyOperation.Erosion).Apply(input);
        Assert.Equal(9, shrunk.Image.As<byte>().ToArray().Count(v => v == 255));
        Assert.Equal(new BoundingBox(6, 6, 9, 9, "b"), shrunk.Boxes[0]);
        Assert.Equal(new BoundingBox(0, 0, 2, 2, "corner"), shrunk.Boxes[1]);
    }
}
