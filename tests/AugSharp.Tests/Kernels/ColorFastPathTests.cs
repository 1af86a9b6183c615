namespace AugSharp.Tests.Kernels;

/// <summary>The table-driven colour conversions against their per-pixel references: the same bytes for every input.</summary>
public class ColorFastPathTests
{
    [Fact]
    public void Srgb_encoding_by_buckets_matches_the_binary_search()
    {
        var random = new Random(5);
        for (int i = 0; i < 200_000; i++)
        {
            double v = random.NextDouble() * 1.2 - 0.1;
            Assert.Equal(Lab.EncodeBySearch(v), Lab.Encode(v));
        }
        for (int k = 0; k < 256; k++)
        {
            double bound = k < 255 ? ToLinear((k + 0.5) / 255) : 1;
            foreach (double v in new[] { bound, Math.BitDecrement(bound), Math.BitIncrement(bound), k / 255.0 })
                Assert.Equal(Lab.EncodeBySearch(v), Lab.Encode(v));
        }
        foreach (double v in new[] { double.MinValue, -1, 0, -0.0, 1, 2, double.MaxValue })
            Assert.Equal(Lab.EncodeBySearch(v), Lab.Encode(v));

        static double ToLinear(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Lab_to_rgb_matches_the_per_pixel_formula_for_every_lab_value(int channels)
    {
        // One image per lightness, every (a, b) pair in it; the alpha of "like" is carried over.
        using var lab = new ImageBuffer<byte>(256, 256, 3);
        using var like = new ImageBuffer<byte>(256, 256, channels);
        new Random(channels).NextBytes(like.GetRow(0));
        for (int l = 0; l < 256; l += channels == 3 ? 1 : 15)
        {
            for (int a = 0; a < 256; a++)
                for (int b = 0; b < 256; b++)
                {
                    lab[a, b, 0] = (byte)l;
                    lab[a, b, 1] = (byte)a;
                    lab[a, b, 2] = (byte)b;
                }
            using var rgb = Lab.ToRgb(lab, like);
            for (int a = 0; a < 256; a++)
                for (int b = 0; b < 256; b++)
                {
                    var (r, g, bb) = Lab.ToRgbPixel(l, a, b);
                    if (rgb[a, b, 0] != r || rgb[a, b, 1] != g || rgb[a, b, 2] != bb)
                        Assert.Fail($"Lab ({l}, {a}, {b}): ({rgb[a, b, 0]}, {rgb[a, b, 1]}, {rgb[a, b, 2]}) instead of ({r}, {g}, {bb})");
                    for (int c = 3; c < channels; c++) Assert.Equal(like[a, b, c], rgb[a, b, c]);
                }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Hsv_map_of_bytes_matches_the_per_pixel_conversions(int channels)
    {
        var random = new Random(channels);
        var tables = new byte[3][];
        for (int t = 0; t < 3; t++)
        {
            tables[t] = new byte[256];
            random.NextBytes(tables[t]);
        }
        // Hues beyond 179 too: the tables may send them anywhere in 0..255.
        for (int i = 0; i < 256; i++) tables[0][i] = (byte)(i % 3 == 0 ? random.Next(180) : tables[0][i]);
        int[] widths = [.. Enumerable.Range(0, 35).Select(i => 2 * i + 1), 64, 256];
        foreach (int width in widths)
        {
            int height = 3;
            using var image = new ImageBuffer<byte>(width, height, channels);
            for (int y = 0; y < height; y++) random.NextBytes(image.GetRow(y));
            // Grays and pure colours, where the hue's sector changes.
            for (int x = 0; x < width; x += 3)
            {
                byte level = (byte)random.Next(256);
                image[1, x, 0] = image[1, x, 1] = image[1, x, 2] = level;
                image[2, x, x % 3] = 255;
            }
            using var result = Hsv.Map(image, tables[0], tables[1], tables[2], h => h, s => s, v => v);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    var (h, s, v) = Hsv.FromRgb8(image[y, x, 0], image[y, x, 1], image[y, x, 2]);
                    var (r, g, b) = Hsv.ToRgb8(tables[0][h], tables[1][s], tables[2][v]);
                    if (result[y, x, 0] != r || result[y, x, 1] != g || result[y, x, 2] != b)
                        Assert.Fail($"width {width}, ({x}, {y}): ({result[y, x, 0]}, {result[y, x, 1]}, {result[y, x, 2]}) instead of ({r}, {g}, {b})");
                    for (int c = 3; c < channels; c++) Assert.Equal(image[y, x, c], result[y, x, c]);
                }
        }
    }

    [Fact]
    public void Hsv_map_of_bytes_matches_the_per_pixel_conversions_for_every_hue_saturation_and_value()
    {
        // Identity tables and a 4096 x 4096 grid of all colours, in 16 images of 1024 x 1024.
        var identity = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        using var image = new ImageBuffer<byte>(1024, 1024, 3);
        for (int part = 0; part < 16; part++)
        {
            for (int y = 0; y < 1024; y++)
                for (int x = 0; x < 1024; x++)
                {
                    int colour = (part * 1024 + y) * 1024 + x;
                    image[y, x, 0] = (byte)(colour >> 16);
                    image[y, x, 1] = (byte)(colour >> 8);
                    image[y, x, 2] = (byte)colour;
                }
            using var result = Hsv.Map(image, identity, identity, identity, h => h, s => s, v => v);
            for (int y = 0; y < 1024; y++)
                for (int x = 0; x < 1024; x++)
                {
                    var (h, s, v) = Hsv.FromRgb8(image[y, x, 0], image[y, x, 1], image[y, x, 2]);
                    var (r, g, b) = Hsv.ToRgb8(h, s, v);
                    if (result[y, x, 0] != r || result[y, x, 1] != g || result[y, x, 2] != b)
                        Assert.Fail($"({image[y, x, 0]}, {image[y, x, 1]}, {image[y, x, 2]}): ({result[y, x, 0]}, {result[y, x, 1]}, {result[y, x, 2]}) instead of ({r}, {g}, {b})");
                }
        }
    }

    [Theory]
    [InlineData(2.0, 8, 8)]
    [InlineData(0.0, 3, 5)]
    [InlineData(40.0, 1, 1)]
    public void Clahe_tile_histograms_read_directly_match_the_border_map(double clip, int tilesX, int tilesY)
    {
        var random = new Random(tilesX * 7 + tilesY);
        int[] widths = [.. Enumerable.Range(0, 35).Select(i => 2 * i + 1), 64, 451];
        foreach (int width in widths)
        {
            int height = 1 + (width * 7) % 40;
            using var image = new ImageBuffer<byte>(width, height, 1);
            for (int y = 0; y < height; y++)
            {
                var row = image.GetRow(y);
                for (int x = 0; x < width; x++) row[x] = (byte)Math.Clamp(100 + 80 * Math.Sin(x * 0.1 + y * 0.05) + random.Next(30), 0, 255);
            }
            using var fast = ClaheOperation.Apply(image, clip, tilesX, tilesY);
            using var reference = ClaheOperation.Apply(image, clip, tilesX, tilesY, direct: false);
            for (int y = 0; y < height; y++)
                Assert.True(fast.GetRow(y).SequenceEqual(reference.GetRow(y)), $"width {width}, row {y}");
        }
    }
}
