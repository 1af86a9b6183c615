using AugSharp.Tests.Transforms;
namespace AugSharp.Tests.Kernels;

/// <summary>
/// The vector paths of CLAHE on RGB (RGB to Lab planes, the bilinear step between tile tables,
/// Lab planes to RGB) against their scalar loops and per-pixel references: the same bytes for
/// random images of odd widths, 3 and 4 channels, and every colour.
/// </summary>
public class ClaheVectorTests
{
    private static readonly int[] Widths = [.. Enumerable.Range(1, 40), 63, 64, 65, 127, 451];

    private static void AssertPlanesMatchLab(ImageBuffer<byte> rgb, string what)
    {
        using var lab = Lab.FromRgb(rgb);
        using var l = new ImageBuffer<byte>(rgb.Width, rgb.Height, 1);
        using var a = new ImageBuffer<byte>(rgb.Width, rgb.Height, 1);
        using var b = new ImageBuffer<byte>(rgb.Width, rgb.Height, 1);
        Lab.FromRgbPlanes(rgb, l, a, b);
        for (int y = 0; y < rgb.Height; y++)
            for (int x = 0; x < rgb.Width; x++)
            {
                if (l[y, x, 0] != lab[y, x, 0] || a[y, x, 0] != lab[y, x, 1] || b[y, x, 0] != lab[y, x, 2])
                    Assert.Fail($"{what}, ({x}, {y}), RGB ({rgb[y, x, 0]}, {rgb[y, x, 1]}, {rgb[y, x, 2]}): Lab ({l[y, x, 0]}, {a[y, x, 0]}, {b[y, x, 0]}) instead of ({lab[y, x, 0]}, {lab[y, x, 1]}, {lab[y, x, 2]})");
            }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Rgb_to_lab_planes_match_the_interleaved_conversion_on_random_images(int channels)
    {
        var random = new Random(channels * 11);
        foreach (int width in Widths)
        {
            using var image = TestImages.RandomBytes(random, width, 5, channels);
            AssertPlanesMatchLab(image, $"width {width}");
        }
    }

    [Fact]
    public void Rgb_to_lab_planes_match_the_interleaved_conversion_for_every_colour()
    {
        // The 2^24 colours in 16 images of 1024 x 1024 (4 channels: the alpha does not matter).
        using var image = new ImageBuffer<byte>(1024, 1024, 4);
        for (int part = 0; part < 16; part++)
        {
            for (int y = 0; y < 1024; y++)
                for (int x = 0; x < 1024; x++)
                {
                    int colour = (part * 1024 + y) * 1024 + x;
                    image[y, x, 0] = (byte)(colour >> 16);
                    image[y, x, 1] = (byte)(colour >> 8);
                    image[y, x, 2] = (byte)colour;
                    image[y, x, 3] = (byte)(colour * 7);
                }
            AssertPlanesMatchLab(image, $"part {part}");
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Lab_planes_to_rgb_match_the_interleaved_conversion_on_random_images(int channels)
    {
        var random = new Random(channels * 13);
        foreach (int width in Widths)
        {
            int height = 4;
            using var like = TestImages.RandomBytes(random, width, height, channels);
            using var lab = TestImages.RandomBytes(random, width, height, 3);
            using var l = new ImageBuffer<byte>(width, height, 1);
            using var a = new ImageBuffer<byte>(width, height, 1);
            using var b = new ImageBuffer<byte>(width, height, 1);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    l[y, x, 0] = lab[y, x, 0];
                    a[y, x, 0] = lab[y, x, 1];
                    b[y, x, 0] = lab[y, x, 2];
                }
            using var expected = Lab.ToRgb(lab, like);
            using var scalar = Lab.ToRgbPlanes(l, a, b, like, vector: false);
            using var actual = Lab.ToRgbPlanes(l, a, b, like);
            for (int y = 0; y < height; y++)
            {
                Assert.True(expected.GetRow(y).SequenceEqual(actual.GetRow(y)), $"width {width}, row {y}");
                Assert.True(expected.GetRow(y).SequenceEqual(scalar.GetRow(y)), $"width {width}, row {y} (scalar)");
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Lab_planes_to_rgb_match_the_per_pixel_formula_for_every_lab_value(int channels)
    {
        // One image per lightness, every (a, b) pair in it; the alpha of "like" is carried over.
        using var l = new ImageBuffer<byte>(256, 256, 1);
        using var a = new ImageBuffer<byte>(256, 256, 1);
        using var b = new ImageBuffer<byte>(256, 256, 1);
        using var like = new ImageBuffer<byte>(256, 256, channels);
        var random = new Random(channels);
        for (int y = 0; y < 256; y++) random.NextBytes(like.GetRow(y));
        for (int y = 0; y < 256; y++)
            for (int x = 0; x < 256; x++)
            {
                a[y, x, 0] = (byte)y;
                b[y, x, 0] = (byte)x;
            }
        for (int lightness = 0; lightness < 256; lightness += channels == 3 ? 1 : 5)
        {
            for (int y = 0; y < 256; y++) l.GetRow(y).Fill((byte)lightness);
            using var rgb = Lab.ToRgbPlanes(l, a, b, like);
            for (int y = 0; y < 256; y++)
                for (int x = 0; x < 256; x++)
                {
                    var (r, g, bb) = Lab.ToRgbPixel(lightness, y, x);
                    if (rgb[y, x, 0] != r || rgb[y, x, 1] != g || rgb[y, x, 2] != bb)
                        Assert.Fail($"Lab ({lightness}, {y}, {x}): ({rgb[y, x, 0]}, {rgb[y, x, 1]}, {rgb[y, x, 2]}) instead of ({r}, {g}, {bb})");
                    for (int c = 3; c < channels; c++) Assert.Equal(like[y, x, c], rgb[y, x, c]);
                }
        }
    }

    [Theory]
    [InlineData(2.0, 8, 8)]
    [InlineData(0.0, 3, 5)]
    [InlineData(40.0, 1, 1)]
    [InlineData(1.0, 7, 2)]
    public void Clahe_bilinear_step_matches_the_scalar_loop(double clip, int tilesX, int tilesY)
    {
        var random = new Random(tilesX * 31 + tilesY);
        foreach (int width in Widths)
        {
            int height = 1 + (width * 5) % 37;
            // Random levels (every level, flat tables) and a smooth picture with noise (steep tables).
            using var noise = TestImages.RandomBytes(random, width, height, 1);
            using var smooth = new ImageBuffer<byte>(width, height, 1);
            for (int y = 0; y < height; y++)
            {
                var row = smooth.GetRow(y);
                for (int x = 0; x < width; x++) row[x] = (byte)Math.Clamp(100 + 90 * Math.Sin(x * 0.07 + y * 0.05) + random.Next(20), 0, 255);
            }
            foreach (var image in new[] { noise, smooth })
            {
                using var fast = ClaheOperation.Apply(image, clip, tilesX, tilesY);
                using var reference = ClaheOperation.Apply(image, clip, tilesX, tilesY, vector: false);
                for (int y = 0; y < height; y++)
                    Assert.True(fast.GetRow(y).SequenceEqual(reference.GetRow(y)), $"width {width}, row {y}");
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Clahe_on_rgb_matches_the_interleaved_scalar_route(int channels)
    {
        // The operation (planes, vector paths) against Lab.FromRgb, the scalar bilinear step and Lab.ToRgb.
        var random = new Random(channels * 17);
        foreach (int width in new[] { 1, 7, 9, 33, 64, 451 })
        {
            int height = 3 + width % 50;
            using var image = TestImages.RandomBytes(random, width, height, channels);
            var operation = new ClaheOperation { ClipLimit = 2, TileGridSize = [8, 8] };
            using var actual = operation.Apply(new AnnotatedImage(image)).Image.As<byte>();
            using var lab = Lab.FromRgb(image);
            using var l = new ImageBuffer<byte>(width, height, 1);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) l[y, x, 0] = lab[y, x, 0];
            using var equalised = ClaheOperation.Apply(l, 2, 8, 8, vector: false);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) lab[y, x, 0] = equalised[y, x, 0];
            using var expected = Lab.ToRgb(lab, image);
            for (int y = 0; y < height; y++)
                Assert.True(expected.GetRow(y).SequenceEqual(actual.GetRow(y)), $"width {width}, row {y}");
        }
    }
}
