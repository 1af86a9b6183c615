namespace AugSharp.Tests.Geometry;

public class BoxAndKeypointTests
{
    [Theory]
    [InlineData(BoxFormat.PascalVoc, new[] { 10.0, 20.0, 50.0, 60.0 })]
    [InlineData(BoxFormat.Coco, new[] { 10.0, 20.0, 40.0, 40.0 })]
    [InlineData(BoxFormat.Yolo, new[] { 0.3, 0.4, 0.4, 0.4 })]
    [InlineData(BoxFormat.Albumentations, new[] { 0.1, 0.2, 0.5, 0.6 })]
    public void Box_formats_convert_to_pixels_and_back(BoxFormat format, double[] values)
    {
        var box = BoxFormats.FromValues(values, format, 100, 100, "x");
        Assert.Equal(10, box.X1, 9);
        Assert.Equal(20, box.Y1, 9);
        Assert.Equal(50, box.X2, 9);
        Assert.Equal(60, box.Y2, 9);
        var back = BoxFormats.ToValues(box, format, 100, 100);
        for (int i = 0; i < 4; i++) Assert.Equal(values[i], back[i], 12);
    }

    [Fact]
    public void Filtering_clips_and_drops_by_visibility_area_and_size_with_the_label()
    {
        var p = new BoxParams { MinVisibility = 0.5, MinArea = 10, MinWidth = 2 };
        BoundingBox[] moved = [new(-10, 0, 10, 10, "half"), new(-15, 0, 5, 10, "quarter"), new(0, 0, 3, 3, "tiny"), new(5, 5, 6, 30, "thin"), new(2, 2, 8, 8, "ok")];
        var kept = p.Filter(moved, 20, 20);
        Assert.Equal(["half", "ok"], kept.Select(b => b.Label));
        Assert.Equal(new BoundingBox(0, 0, 10, 10, "half"), kept[0]);
    }

    [Fact]
    public void Invalid_input_boxes_are_refused_or_dropped_and_clipping_comes_first()
    {
        BoundingBox[] boxes = [new(5, 5, 5, 9), new(-2, 1, 4, 6)];
        Assert.Throws<ArgumentException>(() => BoxParams.Default.Prepare(boxes, 10, 10));
        var kept = new BoxParams { FilterInvalidBboxes = true, Clip = true }.Prepare(boxes, 10, 10);
        Assert.Equal([new BoundingBox(0, 1, 4, 6)], kept);
    }

    [Fact]
    public void A_horizontal_flip_moves_boxes_and_keypoints_like_albumentations()
    {
        using var image = new ImageBuffer<byte>(100, 50, 3);
        var input = new AnnotatedImage(image, boxes: [new(10, 5, 30, 20, "b")], keypoints: [new(10, 5, 0, 2, "left_eye")]);
        var pipeline = new Compose([new HorizontalFlip { P = 1 }], keypointParams: new KeypointParams
        {
            LabelMapping = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["HorizontalFlip"] = new Dictionary<string, string> { ["left_eye"] = "right_eye" } },
        });
        var result = pipeline.Apply(input, seed: 0);
        Assert.Equal(new BoundingBox(70, 5, 90, 20, "b"), result.Boxes[0]);
        var k = result.Keypoints[0];
        Assert.Equal(89, k.X, 9);
        Assert.Equal(5, k.Y, 9);
        Assert.Equal(Math.PI, k.Angle, 9);
        Assert.Equal(2, k.Scale, 9);
        Assert.Equal("right_eye", k.Label);
    }

    [Fact]
    public void A_rotated_box_encloses_its_moved_corners_and_a_scaled_keypoint_scales()
    {
        var op = new AffineOperation { Angle = 90, ScaleX = 2, ScaleY = 2 };
        var shape = new ImageShape(101, 101, 1);
        var m = op.GetMatrix(shape);
        var box = new BoundingBox(40.5, 45.5, 60.5, 55.5).Transform(m);
        Assert.Equal(40.5, box.X1, 9);
        Assert.Equal(30.5, box.Y1, 9);
        Assert.Equal(60.5, box.X2, 9);
        Assert.Equal(70.5, box.Y2, 9);
        var k = new Keypoint(50, 50, 0, 1).Transform(m);
        Assert.Equal(2, k.Scale, 6);
        Assert.Equal(3 * Math.PI / 2, k.Angle, 6);
    }

    [Theory]
    [InlineData(KeypointFormat.Xy, new[] { 3.0, 4.0 })]
    [InlineData(KeypointFormat.Yx, new[] { 4.0, 3.0 })]
    [InlineData(KeypointFormat.Xya, new[] { 3.0, 4.0, 90.0 })]
    [InlineData(KeypointFormat.Xys, new[] { 3.0, 4.0, 2.0 })]
    [InlineData(KeypointFormat.Xyas, new[] { 3.0, 4.0, 90.0, 2.0 })]
    [InlineData(KeypointFormat.Xysa, new[] { 3.0, 4.0, 2.0, 90.0 })]
    public void Keypoint_formats_read_and_write(KeypointFormat format, double[] values)
    {
        var p = new KeypointParams { Format = format };
        var k = p.FromValues(values);
        Assert.Equal(3, k.X);
        Assert.Equal(4, k.Y);
        Assert.Equal(values, p.ToValues(k));
    }

    [Fact]
    public void Matrix_inverse_and_product_compose()
    {
        var a = Matrix3x3.Rotation(30) * Matrix3x3.Scale(2, 3) * Matrix3x3.Translation(4, -5);
        var identity = a * a.Invert();
        Assert.Equal(1, identity.M11, 12);
        Assert.Equal(0, identity.M12, 12);
        Assert.Equal(0, identity.M13, 12);
        Assert.Equal(1, identity.M22, 12);
        var (x, y) = a.Transform(1, 2);
        var (u, v) = a.Invert().Transform(x, y);
        Assert.Equal(1, u, 12);
        Assert.Equal(2, v, 12);
    }
}
