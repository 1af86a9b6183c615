namespace AugSharp.Tests.Transforms.Color;

/// <summary>The 8-bit HSV mapping's vector rows give the bytes of its row-buffer path, at every width.</summary>
public class HsvVectorTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(8, 3)]
    [InlineData(11, 4)]
    [InlineData(12, 2)]
    [InlineData(37, 9)]
    [InlineData(640, 7)]
    public void VectorRowsEqualTheRowBufferPath(int width, int height)
    {
        var rng = new Random(width * 7 + height);
        using var image = ImageBuffer<byte>.CreateUninitialized(width, height, 3);
        var span = image.GetSpan();
        for (int i = 0; i < span.Length; i++) span[i] = (byte)rng.Next(256);
        // Gray, saturated and near-gray pixels, where the hue's branches and the division tables' ends are.
        span[0] = span[1] = span[2] = 77;
        if (span.Length >= 6) { span[3] = 255; span[4] = 0; span[5] = 0; }
        if (span.Length >= 9) { span[6] = 0; span[7] = 0; span[8] = 0; }
        var hue = new byte[256];
        var sat = new byte[256];
        var val = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            hue[i] = (byte)((i + 17) % 180);
            sat[i] = (byte)Math.Min(255, i * 6 / 5);
            val[i] = (byte)(i * 9 / 10);
        }
        Hsv.UseVectors = false;
        ImageBuffer<byte> expected;
        try
        {
            expected = Hsv.Map(image, hue, sat, val, h => h, s => s, v => v);
        }
        finally
        {
            Hsv.UseVectors = true;
        }
        using (expected)
        using (var actual = Hsv.Map(image, hue, sat, val, h => h, s => s, v => v))
            Assert.Equal(expected.GetSpan().ToArray(), actual.GetSpan().ToArray());
    }
}
