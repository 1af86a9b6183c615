namespace AugSharp.Tests.Imaging.Codecs;

/// <summary>
/// Decoded pixels equal Pillow's (Pillow 9.4 with libjpeg-turbo). The expected value is a weighted
/// checksum of Pillow's array (palette images converted to RGB, as Keras does):
/// <c>sum(v[i] * (i % 65521 + 1)) mod 2^61</c> over the flattened height x width x channels array.
/// </summary>
public sealed class PillowExactnessTests
{
    [Theory]
    [InlineData("KerasGolden/dirtree/Zebras/q.png", 6, 8, 3, 820669L)]
    [InlineData("KerasGolden/dirtree/cats/.hidden.png", 6, 8, 3, 1397405L)]
    [InlineData("KerasGolden/dirtree/cats/B.PNG", 6, 8, 3, 1965760L)]
    [InlineData("KerasGolden/dirtree/cats/a.png", 6, 8, 3, 592619L)]
    [InlineData("KerasGolden/dirtree/cats/img10.png", 6, 8, 3, 1276275L)]
    [InlineData("KerasGolden/dirtree/cats/img2.png", 6, 8, 3, 1461547L)]
    [InlineData("KerasGolden/dirtree/cats/photojpeg", 6, 8, 3, 107335L)]
    [InlineData("KerasGolden/dirtree/cats/sub-2/f.png", 6, 8, 3, 1089085L)]
    [InlineData("KerasGolden/dirtree/cats/sub/d.png", 6, 8, 3, 1281721L)]
    [InlineData("KerasGolden/dirtree/cats/sub/deeper/e.bmp", 6, 8, 3, 1281922L)]
    [InlineData("KerasGolden/dirtree/dogs/v.jpeg", 6, 8, 3, 853288L)]
    [InlineData("KerasGolden/dirtree/dogs/w.gif", 6, 8, 3, 627551L)]
    [InlineData("KerasGolden/dirtree/dogs/x.png", 6, 8, 3, 2116705L)]
    [InlineData("KerasGolden/dirtree/dogs/y.ppm", 6, 8, 3, 1762117L)]
    [InlineData("KerasGolden/dirtree/dogs/z.tif", 6, 8, 3, 1132689L)]
    [InlineData("KerasGolden/dirtree/stray.png", 6, 8, 3, 1189245L)]
    [InlineData("Images/rocket.jpg", 427, 640, 3, 1727083545729L)]
    [InlineData("Images/retina.jpg", 1411, 1411, 3, 17552125833727L)]
    [InlineData("Images/camera.png", 512, 512, 1, 1072612817861L)]
    public void DecodedPixelsEqualPillows(string relativePath, int height, int width, int channels, long pillowChecksum)
    {
        string path = TestPaths.TestData(relativePath);
        using var image = ImageCodec.Read(path);
        Assert.Equal(new ImageShape(height, width, channels), image.Shape);
        var pixels = image.As<byte>().GetSpan();
        ulong sum = 0;
        for (int i = 0; i < pixels.Length; i++) sum += pixels[i] * (ulong)(i % 65521 + 1);
        Assert.Equal(pillowChecksum, (long)(sum % (1UL << 61)));
    }

    [Theory]
    [InlineData("cats/photojpeg")]
    [InlineData("dogs/v.jpeg")]
    public void FormatComesFromTheContentNotTheName(string name)
    {
        var info = ImageCodec.Identify(Path.Combine(TestPaths.KerasPublic, "dirtree", name));
        Assert.Equal(ImageFormat.Png, info.Format);
    }
}
