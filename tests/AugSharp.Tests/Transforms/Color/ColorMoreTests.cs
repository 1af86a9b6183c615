namespace AugSharp.Tests.Transforms.Color;

/// <summary>What ToRGB, Illumination and the plasma transforms do.</summary>
public sealed class ColorMoreTests
{
    private static ImageBuffer<byte> Flat(int w, int h, int cn, byte value)
    {
        var image = new ImageBuffer<byte>(w, h, cn);
        image.Fill(value);
        return image;
    }

    private static ImageBuffer<T> Run<T>(ITransform transform, ImageBuffer image, ulong seed = 1) where T : unmanaged
        => new Compose([transform]).Run(new AnnotatedImage(image), new RandomStream(seed)).Result.Image.As<T>();

    [Fact]
    public void ToRgbCopiesTheGrayChannelToEveryOutputChannel()
    {
        using var gray = (ImageBuffer<ushort>)TestImages.Make(PixelType.UInt16, 1);
        var rgb = Run<ushort>(new ToRGB { NumOutputChannels = 4 }, gray);
        Assert.Equal(4, rgb.Channels);
        for (int y = 0; y < gray.Height; y++)
            for (int x = 0; x < gray.Width; x++)
                for (int c = 0; c < 4; c++)
                    Assert.Equal(gray[y, x, 0], rgb[y, x, c]);
    }

    [Fact]
    public void ToRgbKeepsAnRgbImageAndRefusesOtherCountsByName()
    {
        using var rgb = TestImages.Make(PixelType.UInt8, 3);
        var same = new Compose([new ToRGB()]).Run(new AnnotatedImage(rgb), new RandomStream(1)).Result.Image;
        Assert.Equal(TestImages.Values(rgb), TestImages.Values(same));
        using var four = TestImages.Make(PixelType.UInt8, 4);
        var e = Assert.Throws<NotSupportedException>(() => new ToRGB().Sample(new RandomStream(1), new TransformContext(new AnnotatedImage(four))));
        Assert.Contains("ToRGB", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, new ToRGB().OutputChannels(1));
    }

    [Fact]
    public void LinearIlluminationRunsAlongTheAngle()
    {
        using var image = Flat(50, 20, 3, 100);
        var op = new IlluminationOperation { Mode = IlluminationMode.Linear, Intensity = 0.2, Angle = 0 };
        var result = op.Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.Equal(80, result[10, 0, 0]);   // 1 - 0.2 at the left
        Assert.Equal(120, result[10, 49, 2]); // 1 + 0.2 at the right
        var darker = (new IlluminationOperation { Mode = IlluminationMode.Linear, Intensity = -0.2, Angle = 90 }).Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.Equal(120, darker[0, 25, 1]);  // reversed when darkening: the top is bright,
        Assert.Equal(80, darker[19, 25, 1]);  // the bottom dark
    }

    [Fact]
    public void CornerIlluminationKeepsTheCornerAndFadesAway()
    {
        using var image = Flat(40, 30, 1, 200);
        var result = new IlluminationOperation { Mode = IlluminationMode.Corner, Intensity = 0.2, Corner = 2 }.Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.Equal(200, result[29, 39, 0]);
        Assert.True(result[0, 0, 0] < result[15, 20, 0] && result[15, 20, 0] < result[29, 39, 0]);
        Assert.InRange(result[0, 0, 0], 160, 165); // 1 - 0.2 · (49/50 of the diagonal)
    }

    [Fact]
    public void GaussianIlluminationPeaksAtTheCentre()
    {
        using var image = Flat(41, 41, 3, 100);
        var result = new IlluminationOperation { Mode = IlluminationMode.Gaussian, Intensity = 0.15, CenterX = 0.5, CenterY = 0.5, Sigma = 0.2 }
            .Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.InRange(result[20, 20, 0], 114, 115);
        Assert.True(result[0, 0, 0] < 102);
    }

    [Fact]
    public void IlluminationStrengthFollowsTheIntensityRange()
    {
        using var image = Flat(40, 30, 3, 128);
        double Spread(double intensity)
        {
            var t = new Illumination { IntensityRange = ValueRange.Fixed(intensity), EffectType = IlluminationEffect.Brighten, AngleRange = ValueRange.Fixed(0), P = 1 };
            var r = Run<byte>(t, image);
            return r[15, 39, 0] - r[15, 0, 0];
        }
        Assert.True(Spread(0.05) < Spread(0.1) && Spread(0.1) < Spread(0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Illumination { IntensityRange = new(0.1, 0.5), P = 1 }.Sample(new RandomStream(1), new TransformContext(new AnnotatedImage(image))));
    }

    [Fact]
    public void PlasmaPatternSpansZeroToOneAndIsReproducible()
    {
        var a = PlasmaFractal.Generate(7, 300, 200, 64, 2);
        var b = PlasmaFractal.Generate(7, 300, 200, 64, 2);
        var c = PlasmaFractal.Generate(8, 300, 200, 64, 2);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(0f, a.Min());
        Assert.Equal(1f, a.Max());
    }

    [Fact]
    public void PlasmaRoughnessMakesNeighboursDiffer()
    {
        static double MeanStep(float[] p, int w) => Enumerable.Range(0, p.Length - 1).Where(i => (i + 1) % w != 0).Average(i => Math.Abs(p[i + 1] - p[i]));
        double smooth = MeanStep(PlasmaFractal.Generate(3, 129, 129, 256, 0.8), 129);
        double rough = MeanStep(PlasmaFractal.Generate(3, 129, 129, 256, 3.5), 129);
        Assert.True(rough > 3 * smooth, $"rough {rough}, smooth {smooth}");
    }

    [Fact]
    public void PlasmaShadowOnlyDarkensAndFollowsItsIntensity()
    {
        using var image = Flat(64, 48, 3, 200);
        var weak = new PlasmaShadowOperation { Intensity = 0.2, PlasmaSize = 64, Roughness = 1.5, Seed = 5 }.Apply(new AnnotatedImage(image)).Image.As<byte>().ToArray();
        var strong = new PlasmaShadowOperation { Intensity = 0.8, PlasmaSize = 64, Roughness = 1.5, Seed = 5 }.Apply(new AnnotatedImage(image)).Image.As<byte>().ToArray();
        Assert.All(weak, v => Assert.InRange(v, 159, 200));
        Assert.InRange((int)strong.Min(), 39, 41); // the peak loses 80 %
        Assert.True(strong.Select(v => (double)v).Average() < weak.Select(v => (double)v).Average());
    }

    [Fact]
    public void PlasmaBrightnessRaisesWhereThePatternIsHigh()
    {
        using var image = Flat(64, 48, 1, 100);
        var op = new PlasmaBrightnessContrastOperation { BrightnessFactor = 0.2, ContrastFactor = 0, PlasmaSize = 64, Roughness = 2, Seed = 9 };
        var result = op.Apply(new AnnotatedImage(image)).Image.As<byte>().ToArray();
        var pattern = PlasmaFractal.Generate(9, 64, 48, 64, 2);
        for (int i = 0; i < result.Length; i++) Assert.Equal(Math.Round(100 + 0.2 * 255 * pattern[i]), result[i], 1);
    }

    [Fact]
    public void PlasmaContrastKeepsAFlatImageAndZeroFactorsKeepTheInput()
    {
        using var image = Flat(30, 20, 3, 90);
        var flat = new PlasmaBrightnessContrastOperation { ContrastFactor = 0.5, PlasmaSize = 32, Roughness = 2, Seed = 1 }.Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.All(flat.ToArray(), v => Assert.Equal(90, v));
        Assert.Same(image, new PlasmaBrightnessContrastOperation { Seed = 1 }.Apply(new AnnotatedImage(image)).Image);
    }
}
