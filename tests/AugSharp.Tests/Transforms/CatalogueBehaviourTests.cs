using AugSharp.Kernels;

namespace AugSharp.Tests.Transforms;

/// <summary>What the geometric catalogue's transforms promise, one by one.</summary>
public class CatalogueBehaviourTests
{
    [Fact]
    public void BBoxSafeRandomCrop_keeps_every_box_whole()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3, 100, 80);
        BoundingBox[] boxes = [new(20, 10, 35, 30, "a"), new(60, 40, 90, 70, "b")];
        var pipeline = new Compose([new BBoxSafeRandomCrop()]);
        for (int copy = 0; copy < 30; copy++)
        {
            var result = pipeline.Apply(new AnnotatedImage(image, boxes: boxes), seed: 1, item: 0, copy);
            Assert.Equal(2, result.Boxes.Count);
            Assert.Equal(15, result.Boxes[0].Width, 9);
            Assert.Equal(30, result.Boxes[1].Height, 9);
        }
    }

    [Fact]
    public void AtLeastOneBBoxRandomCrop_holds_a_whole_box()
    {
        using var image = TestImages.Make(PixelType.UInt8, 1, 200, 100);
        BoundingBox[] boxes = [new(10, 10, 30, 30, "a"), new(150, 60, 170, 90, "b")];
        var pipeline = new Compose([new AtLeastOneBBoxRandomCrop { Height = 50, Width = 60 }]);
        for (int copy = 0; copy < 30; copy++)
        {
            var result = pipeline.Apply(new AnnotatedImage(image, boxes: boxes), seed: 2, item: 0, copy);
            Assert.Contains(result.Boxes, b => Math.Abs(b.Width - 20) < 1e-9 && (Math.Abs(b.Height - 20) < 1e-9 || Math.Abs(b.Height - 30) < 1e-9));
        }
    }

    [Fact]
    public void CropNonEmptyMaskIfExists_keeps_foreground_in_the_crop()
    {
        var (image, mask) = TestImages.Blocks(120, 90);
        var pipeline = new Compose([new CropNonEmptyMaskIfExists { Height = 10, Width = 10 }]);
        for (int copy = 0; copy < 20; copy++)
        {
            var result = pipeline.Apply(new AnnotatedImage(image, [mask]), seed: 3, item: 0, copy);
            Assert.Contains((byte)1, result.Masks[0].As<byte>().ToArray());
        }
    }

    [Fact]
    public void CropNonEmptyMaskIfExists_ignores_the_channels_it_is_told_to()
    {
        using var image = new ImageBuffer<byte>(100, 80, 3);
        var mask = new ImageBuffer<byte>(100, 80, 2);
        for (int y = 0; y < 80; y++) for (int x = 0; x < 100; x++) mask[y, x, 0] = 1; // a background channel, everywhere
        mask[70, 90, 1] = 1; // the one object
        var pipeline = new Compose([new CropNonEmptyMaskIfExists { Height = 12, Width = 12, IgnoreChannels = [0] }]);
        for (int copy = 0; copy < 10; copy++)
        {
            var result = pipeline.Apply(new AnnotatedImage(image, [mask]), seed: 4, item: 0, copy);
            var m = result.Masks[0].As<byte>();
            Assert.Contains(Enumerable.Range(0, m.Height * m.Width), i => m[i / m.Width, i % m.Width, 1] == 1);
        }
    }

    [Fact]
    public void Crops_with_pad_if_needed_pad_a_small_image_where_the_position_says()
    {
        using var image = new ImageBuffer<byte>(20, 10, 1);
        image.Fill(200);
        var centre = new Compose([new CenterCrop { Height = 16, Width = 24, PadIfNeeded = true }]).Apply(new AnnotatedImage(image, boxes: [new(0, 0, 20, 10, "all")]), seed: 0);
        var c = centre.Image.As<byte>();
        Assert.Equal((24, 16), (c.Width, c.Height));
        Assert.Equal(0, c[0, 0, 0]);
        Assert.Equal(200, c[8, 12, 0]);
        Assert.Equal(new BoundingBox(2, 3, 22, 13, "all"), centre.Boxes[0]);
        var topLeft = new Compose([new RandomCrop { Height = 16, Width = 24, PadIfNeeded = true, PadPosition = PadPosition.TopLeft }]).Apply(new AnnotatedImage(image), seed: 0);
        var t = topLeft.Image.As<byte>();
        Assert.Equal(200, t[0, 0, 0]);
        Assert.Equal(0, t[15, 23, 0]);
        Assert.Throws<ArgumentException>(() => new Compose([new RandomCrop { Height = 16, Width = 24 }]).Apply(new AnnotatedImage(image), seed: 0));
        var divisor = new Compose([new PadIfNeeded { MinHeight = null, MinWidth = null, PadHeightDivisor = 32, PadWidthDivisor = 32 }]).Apply(new AnnotatedImage(image), seed: 0);
        Assert.Equal((32, 32), (divisor.Image.Width, divisor.Image.Height));
    }

    [Fact]
    public void Area_for_downscale_averages_when_shrinking_and_only_then()
    {
        using var image = new ImageBuffer<byte>(8, 2, 1);
        for (int x = 0; x < 8; x++) { image[0, x, 0] = (byte)(x % 2 == 0 ? 0 : 200); image[1, x, 0] = image[0, x, 0]; }
        var area = new Compose([new Resize { Height = 1, Width = 4, Interpolation = Interpolation.Nearest, AreaForDownscale = AreaForDownscale.Image }]).Apply(new AnnotatedImage(image), seed: 0);
        Assert.All(area.Image.As<byte>().ToArray(), v => Assert.Equal(100, v));
        var (recipe, _) = (new Compose([new Resize { Height = 4, Width = 16, Interpolation = Interpolation.Nearest, AreaForDownscale = AreaForDownscale.Image }]).Run(new AnnotatedImage(image), RandomStream.For(0, 0)).Recipe, 0);
        Assert.Equal(Interpolation.Nearest, ((ResizeOperation)recipe.Operations[0]).Interpolation);
    }

    [Fact]
    public void LetterBox_fits_and_pads_with_grey_bars()
    {
        using var image = new ImageBuffer<byte>(80, 40, 3);
        image.Fill(200);
        var result = new Compose([new LetterBox { Height = 64, Width = 64 }]).Apply(new AnnotatedImage(image, boxes: [new(0, 0, 80, 40, "all")]), seed: 0);
        var img = result.Image.As<byte>();
        Assert.Equal((64, 64), (img.Width, img.Height));
        Assert.Equal(114, img[0, 32, 0]);
        Assert.Equal(200, img[32, 32, 0]);
        Assert.Equal(new BoundingBox(0, 16, 64, 48, "all"), result.Boxes[0]);
    }

    [Fact]
    public void SafeRotate_cuts_nothing_off()
    {
        using var image = new ImageBuffer<byte>(60, 40, 1);
        image.Fill(255);
        var result = new Compose([new SafeRotate { Limit = new ValueRange(30, 30), P = 1, BorderMode = BorderMode.Constant }]).Apply(
            new AnnotatedImage(image, boxes: [new(0, 0, 60, 40, "all")], keypoints: [new(0, 0), new(59, 39)]), seed: 0);
        Assert.Equal(2, result.Keypoints.Count);
        Assert.True(result.Boxes[0].Width <= 60 + 1e-9 && result.Boxes[0].Height <= 40 + 1e-9);
        var img = result.Image.As<byte>();
        Assert.Equal(0, img[0, 0, 0]);
        Assert.Equal(255, img[20, 30, 0]);
    }

    [Fact]
    public void Perspective_sends_the_drawn_corners_to_the_image_corners()
    {
        var op = new PerspectiveOperation([3, 2, 55, 4, 57, 38, 1, 36]);
        var m = op.GetMatrix(new ImageShape(40, 60, 3));
        var (x, y) = m.Transform(55, 4);
        Assert.Equal(59, x, 9);
        Assert.Equal(0, y, 9);
        (x, y) = m.Transform(1, 36);
        Assert.Equal(0, x, 9);
        Assert.Equal(39, y, 9);
    }

    [Fact]
    public void CropAndPad_with_negative_pixels_crops_and_keeps_the_size()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3, 50, 40);
        var (result, recipe) = new Compose([new CropAndPad { Px = new ValueRange(-5, -5) }]).Run(new AnnotatedImage(image), RandomStream.For(0, 0));
        Assert.Equal((50, 40), (result.Image.Width, result.Image.Height));
        Assert.Equal(new CropOperation(5, 5, 40, 30), recipe.Operations[0]);
        Assert.Equal(new ResizeOperation(50, 40), recipe.Operations[1]);
    }

    [Fact]
    public void Transforms_refuse_impossible_sizes_with_a_clear_message()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3, 20, 20);
        var e = Assert.Throws<ArgumentException>(() => new Compose([new RandomCrop { Height = 30, Width = 10 }]).Apply(new AnnotatedImage(image), seed: 0));
        Assert.Contains("30", e.Message);
        Assert.Contains("PadIfNeeded", e.Message);
    }
}
