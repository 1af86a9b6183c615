namespace AugSharp.Tests.Transforms.Weather;

/// <summary>What the weather transforms do: where their effect falls, how strong it is, and what they leave alone.</summary>
public sealed class WeatherTests
{
    private static TransformContext Context(ImageBuffer image) => new(new AnnotatedImage(image));

    private static ImageBuffer<byte> Flat(int w, int h, int cn, byte value)
    {
        var image = new ImageBuffer<byte>(w, h, cn);
        image.Fill(value);
        return image;
    }

    private static ImageBuffer<byte> Colourful(int w, int h)
    {
        var image = new ImageBuffer<byte>(w, h, 3);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                image[y, x, 0] = (byte)(60 + (x * 7) % 150);
                image[y, x, 1] = (byte)(40 + (y * 5) % 120);
                image[y, x, 2] = (byte)(90 + (x + y) % 100);
            }
        return image;
    }

    /// <summary>Applies a transform once (p = 1) with the given seed.</summary>
    private static ImageBuffer Run(ITransform transform, ImageBuffer image, ulong seed = 1)
        => transform.Sample(new RandomStream(seed), Context(image)).Apply(new AnnotatedImage(image)).Image;

    private static double Mean(ImageBuffer image) => TestImages.Values(image).Average();

    /// <summary>The pixels (x, y) where two images differ.</summary>
    private static List<(int X, int Y)> Changed(ImageBuffer a, ImageBuffer b)
    {
        var va = TestImages.Values(a);
        var vb = TestImages.Values(b);
        int cn = a.Channels, w = a.Width;
        var result = new List<(int, int)>();
        for (int i = 0; i < va.Length; i += cn)
        {
            bool differs = false;
            for (int c = 0; c < cn; c++) differs |= va[i + c] != vb[i + c];
            if (differs) result.Add((i / cn % w, i / cn / w));
        }
        return result;
    }

    // RandomShadow

    [Fact]
    public void Shadows_fall_only_inside_the_shadow_roi_and_darken()
    {
        using var image = Flat(100, 80, 3, 200);
        var transform = new RandomShadow { ShadowRoi = [0.2, 0.5, 0.7, 0.9], NumShadowsLimit = [2, 3], P = 1 };
        int total = 0;
        for (ulong seed = 0; seed < 20; seed++)
        {
            var result = Run(transform, image, seed);
            var changed = Changed(image, result);
            total += changed.Count;
            // Vertices lie in x 20..69, y 40..71 (numpy's exclusive upper end).
            Assert.All(changed, p => Assert.True(p.X >= 20 && p.X < 70 && p.Y >= 40 && p.Y < 72, $"shadow at {p}"));
            Assert.All(TestImages.Values(result), v => Assert.True(v <= 200));
        }
        Assert.True(total > 0);
    }

    [Fact]
    public void Shadow_intensity_sets_the_darkening()
    {
        using var image = Flat(60, 60, 1, 200);
        var op = new RandomShadowOperation { Shadows = [new ShadowPolygon([10, 40, 40, 10], [10, 10, 40, 40], 0.25)] };
        var result = op.Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.Equal(150, result[20, 20, 0]);
        Assert.Equal(150, result[10, 10, 0]); // the outline is covered
        Assert.Equal(150, result[40, 40, 0]);
        Assert.Equal(200, result[5, 5, 0]);
        Assert.Equal(200, result[41, 20, 0]);
        var darker = new RandomShadowOperation { Shadows = [new ShadowPolygon([10, 40, 40, 10], [10, 10, 40, 40], 0.75)] }.Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.Equal(50, darker[20, 20, 0]);
    }

    [Fact]
    public void Overlapping_shadows_compound_and_work_in_float_and_uint16()
    {
        var f = new ImageBuffer<float>(30, 30, 5);
        f.Fill(0.8f);
        var op = new RandomShadowOperation { Shadows = [new ShadowPolygon([0, 20, 20, 0], [0, 0, 20, 20], 0.5), new ShadowPolygon([10, 29, 29, 10], [10, 10, 29, 29], 0.5)] };
        var r = op.Apply(new AnnotatedImage(f)).Image.As<float>();
        Assert.Equal(0.4f, r[5, 5, 4], 6);
        Assert.Equal(0.2f, r[15, 15, 2], 6);
        Assert.Equal(0.8f, r[5, 25, 0], 6);
        var u = new ImageBuffer<ushort>(30, 30, 1);
        u.Fill(60000);
        Assert.Equal(30000, op.Apply(new AnnotatedImage(u)).Image.As<ushort>()[5, 5, 0]);
    }

    [Fact]
    public void A_self_crossing_shadow_fills_by_the_even_odd_rule()
    {
        // A bow tie: two triangles meeting at (20, 20).
        using var image = Flat(41, 41, 1, 100);
        var op = new RandomShadowOperation { Shadows = [new ShadowPolygon([0, 40, 40, 0], [0, 40, 0, 40], 1.0)] };
        var r = op.Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.Equal(0, r[20, 5, 0]);
        Assert.Equal(0, r[20, 35, 0]);
        Assert.Equal(100, r[5, 20, 0]);
        Assert.Equal(100, r[35, 20, 0]);
    }

    // RandomGravel

    [Fact]
    public void Gravel_lies_only_inside_the_gravel_roi()
    {
        using var image = Colourful(200, 150);
        var transform = new RandomGravel { GravelRoi = [0.5, 0.5, 1.0, 1.0], NumberOfPatches = 4, P = 1 };
        int total = 0;
        for (ulong seed = 0; seed < 10; seed++)
        {
            var result = Run(transform, image, seed);
            var changed = Changed(image, result);
            total += changed.Count;
            // Stones are centred inside the roi and reach at most 3 pixels out of it.
            Assert.All(changed, p => Assert.True(p.X >= 97 && p.Y >= 72, $"gravel at {p}"));
        }
        Assert.True(total > 0);
    }

    [Fact]
    public void A_gravel_stone_sets_lightness_and_keeps_hue()
    {
        using var image = new ImageBuffer<byte>(10, 10, 3);
        for (int y = 0; y < 10; y++) for (int x = 0; x < 10; x++) { image[y, x, 0] = 200; image[y, x, 1] = 100; image[y, x, 2] = 50; }
        var op = new RandomGravelOperation { Stones = [new GravelStone(2, 2, 5, 5, 64)] };
        var r = op.Apply(new AnnotatedImage(image)).Image.As<byte>();
        int red = r[3, 3, 0], green = r[3, 3, 1], blue = r[3, 3, 2];
        Assert.Equal(64, (Math.Max(red, Math.Max(green, blue)) + Math.Min(red, Math.Min(green, blue))) / 2.0, 0.6);
        Assert.True(red > green && green > blue);
        Assert.Equal(200, r[5, 5, 0]); // the end is excluded
        Assert.Equal(100, r[1, 3, 1]);
        using var gray = Flat(10, 10, 1, 10);
        Assert.Equal(64, op.Apply(new AnnotatedImage(gray)).Image.As<byte>()[4, 4, 0]);
    }

    [Fact]
    public void Gravel_refuses_two_channels_by_name()
    {
        using var image = Flat(10, 10, 2, 10);
        var op = new RandomGravelOperation { Stones = [new GravelStone(2, 2, 5, 5, 64)] };
        var e = Assert.Throws<NotSupportedException>(() => op.Apply(new AnnotatedImage(image)));
        Assert.Contains("RandomGravel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weather_keeps_masks_boxes_and_keypoints()
    {
        var (image, mask) = TestImages.Blocks(80, 60);
        using var _ = image;
        using var __ = mask;
        BoundingBox[] boxes = [new(2, 3, 15, 12, "a")];
        Keypoint[] points = [new(10, 12, 0.3, 1, "k")];
        foreach (var transform in WeatherTransforms())
        {
            var result = new Compose([transform]).Apply(new AnnotatedImage(image, [mask], boxes, points), seed: 3, item: 0, 0);
            Assert.Equal(mask.ToArray(), result.Masks[0].As<byte>().ToArray());
            Assert.Equal(boxes, result.Boxes);
            Assert.Equal(points, result.Keypoints);
        }
    }

    private static IEnumerable<ITransform> WeatherTransforms() =>
    [
        new RandomShadow { P = 1 },
        new RandomGravel { P = 1 },
    ];
}
