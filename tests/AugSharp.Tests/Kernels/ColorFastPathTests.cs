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
}
