using System.Runtime.Intrinsics;

namespace AugSharp.Tests.Imaging;

public class VectorConversionTests
{
    private static byte Reference(float v) => (byte)Math.Clamp(Math.Round((double)v, MidpointRounding.AwayFromZero), 0, 255);

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(70)]
    [InlineData(1000)]
    public void Floats_to_bytes_round_half_away_from_zero_and_saturate_exactly_as_the_scalar_rule(int length)
    {
        var special = new[] { 0.5f, 1.5f, 2.5f, 254.5f, 255.5f, 0.49999997f, -0.5f, -0.49999997f, -3f, 256f, 1e10f, -1e10f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 127.49999f, 0f, 255f };
        var rng = new Random(length);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = i < special.Length ? special[i] : (float)(rng.NextDouble() * 300 - 20);
        var vector = new byte[length];
        int done = VectorConversion.FloatsToBytes(values, vector);
        if (Vector128.IsHardwareAccelerated) Assert.True(done >= 16);
        for (int i = 0; i < done; i++) Assert.True(Reference(values[i]) == vector[i], $"{values[i]:R} gave {vector[i]}, not {Reference(values[i])}");
        using var image = ImageBuffer<float>.Wrap(values, length, 1, 1);
        using var converted = image.ConvertTo<byte>();
        for (int i = 0; i < length; i++) Assert.Equal(Reference(values[i]), converted[0, i, 0]);
    }

    [Fact]
    public void Bytes_to_floats_keep_the_values()
    {
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
        using var image = ImageBuffer<byte>.Wrap(bytes, 300, 1, 1);
        using var floats = image.ConvertTo<float>();
        for (int i = 0; i < 300; i++) Assert.Equal(bytes[i], floats[0, i, 0]);
    }

    [Fact]
    public void The_scalar_path_gives_the_same_images()
    {
        using var photo = ImageCodec.Read(TestPaths.Image("chelsea.png")).As<byte>();
        using var f = photo.ConvertTo<float>();
        for (int y = 0; y < f.Height; y++) { var row = f.GetRow(y); for (int i = 0; i < row.Length; i++) row[i] = row[i] * 1.37f - 20.5f; }
        using var fast = f.ConvertTo<byte>();
        VectorConversion.UseVectors = false;
        try
        {
            using var slow = f.ConvertTo<byte>();
            using var slowFloats = photo.ConvertTo<float>();
            Assert.Equal(slow.ToArray(), fast.ToArray());
            using var fastFloats = photo.ConvertTo<float>();
            Assert.Equal(slowFloats.ToArray(), fastFloats.ToArray());
        }
        finally
        {
            VectorConversion.UseVectors = true;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(640)]
    [InlineData(1001)]
    public void Rgba_to_rgb_drops_the_alpha_and_never_writes_past_the_output(int pixels)
    {
        var rng = new Random(pixels);
        var rgba = new byte[4 * pixels];
        rng.NextBytes(rgba);
        // A guard byte after the output catches a store past its end.
        var rgb = new byte[3 * pixels + 1];
        rgb[^1] = 0xA5;
        int done = VectorConversion.RgbaToRgb(rgba, rgb.AsSpan(0, 3 * pixels));
        if (Vector128.IsHardwareAccelerated && pixels >= 6) Assert.True(done >= 4);
        Assert.InRange(done, 0, pixels);
        for (int p = 0; p < done; p++)
            for (int c = 0; c < 3; c++) Assert.Equal(rgba[4 * p + c], rgb[3 * p + c]);
        Assert.Equal(0xA5, rgb[^1]);
    }
}
