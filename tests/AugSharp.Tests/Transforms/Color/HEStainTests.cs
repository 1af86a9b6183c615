namespace AugSharp.Tests.Transforms.Color;

/// <summary>What HEStain does to stained pixels and how it estimates stains.</summary>
public sealed class HEStainTests
{
    private static readonly double[] H = [0.65, 0.70, 0.29];
    private static readonly double[] E = [0.07, 0.99, 0.11];

    /// <summary>A float image whose pixels are mixtures of the standard preset's stains (every fifth pixel pure H, every fifth pure E).</summary>
    private static ImageBuffer<float> Stained(int w, int h, ulong seed, double[]? hStain = null, double[]? eStain = null)
    {
        hStain ??= H;
        eStain ??= E;
        var rng = new RandomStream(seed);
        var image = new ImageBuffer<float>(w, h, 3);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int kind = (y * w + x) % 5;
                double ch = kind == 1 ? 0 : rng.Uniform(0.2, 1.2), ce = kind == 0 ? 0 : rng.Uniform(0.2, 1.2);
                for (int c = 0; c < 3; c++) image[y, x, c] = (float)Math.Exp(-(ch * hStain[c] + ce * eStain[c]));
            }
        return image;
    }

    private static double Cosine(IReadOnlyList<double> a, int offset, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int c = 0; c < 3; c++)
        {
            dot += a[offset + c] * b[c];
            na += a[offset + c] * a[offset + c];
            nb += b[c] * b[c];
        }
        return dot / Math.Sqrt(na * nb);
    }

    [Fact]
    public void UnitScaleAndNoShiftKeepTheImage()
    {
        using var image = (ImageBuffer<byte>)TestImages.Make(PixelType.UInt8, 3);
        var op = new HEStainOperation { StainMatrix = StainMatrices.Of(HEStainPreset.Ruifrok), ScaleFactors = [1, 1], ShiftValues = [0, 0], AugmentBackground = true };
        Assert.Equal(image.ToArray(), op.Apply(new AnnotatedImage(image)).Image.As<byte>().ToArray());
    }

    [Fact]
    public void ScalingHematoxylinAddsItsOpticalDensity()
    {
        using var image = new ImageBuffer<float>(1, 1, 3);
        double[] od = [0.5 * H[0] + 0.3 * E[0], 0.5 * H[1] + 0.3 * E[1], 0.5 * H[2] + 0.3 * E[2]];
        for (int c = 0; c < 3; c++) image[0, 0, c] = (float)Math.Exp(-od[c]);
        var op = new HEStainOperation { StainMatrix = StainMatrices.Of(HEStainPreset.Standard), ScaleFactors = [1.5, 1], ShiftValues = [0, 0.1] };
        var result = op.Apply(new AnnotatedImage(image)).Image.As<float>();
        // The concentrations found are 0.5 and 0.3 (up to the float input): H grows by 0.25, E by 0.1.
        for (int c = 0; c < 3; c++) Assert.Equal(Math.Exp(-(od[c] + 0.25 * H[c] + 0.1 * E[c])), result[0, 0, c], 4);
    }

    [Fact]
    public void BackgroundIsKeptUnlessAugmentBackground()
    {
        using var image = new ImageBuffer<byte>(4, 1, 3);
        image.Fill(240);
        var op = new HEStainOperation { StainMatrix = StainMatrices.Of(HEStainPreset.Standard), ScaleFactors = [1.2, 1.2], ShiftValues = [0.2, 0.2] };
        Assert.All(op.Apply(new AnnotatedImage(image)).Image.As<byte>().ToArray(), v => Assert.Equal(240, v));
        Assert.All((op with { AugmentBackground = true }).Apply(new AnnotatedImage(image)).Image.As<byte>().ToArray(), v => Assert.True(v < 240));
    }

    [Fact]
    public void MacenkoFindsTheStainsOfAStainedImage()
    {
        using var image = Stained(60, 50, 3);
        var m = StainMatrices.Macenko(image);
        Assert.True(Cosine(m, 0, H) > 0.99, $"hematoxylin {Cosine(m, 0, H)}");
        Assert.True(Cosine(m, 3, E) > 0.99, $"eosin {Cosine(m, 3, E)}");
    }

    [Fact]
    public void VahadaneFindsTheStainsOfAStainedImage()
    {
        double[] h = [0.644211, 0.716556, 0.266844], e = [0.2, 0.9, 0.4];
        using var image = Stained(60, 50, 4, h, e);
        var m = StainMatrices.Vahadane(image);
        Assert.True(Cosine(m, 0, h) > 0.97, $"hematoxylin {Cosine(m, 0, h)} {string.Join(", ", m)}");
        Assert.True(Cosine(m, 3, e) > 0.97, $"eosin {Cosine(m, 3, e)}");
    }

    [Fact]
    public void TheEstimatedMatrixIsRecordedAndTheStrengthFollowsTheScale()
    {
        using var image = Stained(40, 30, 5);
        var context = new TransformContext(new AnnotatedImage(image));
        var op = (HEStainOperation)new HEStain { Method = HEStainMethod.Macenko, IntensityScaleRange = ValueRange.Fixed(1.3), IntensityShiftRange = ValueRange.Fixed(0), P = 1 }.Sample(new RandomStream(1), context);
        Assert.Equal(6, op.StainMatrix.Count);
        var weak = (HEStainOperation)new HEStain { Method = HEStainMethod.Macenko, IntensityScaleRange = ValueRange.Fixed(1.1), IntensityShiftRange = ValueRange.Fixed(0), P = 1 }.Sample(new RandomStream(1), context);
        double Darkening(HEStainOperation o) => TestImages.Values(image).Zip(TestImages.Values(o.Apply(new AnnotatedImage(image)).Image)).Average(p => p.First - p.Second);
        Assert.True(Darkening(op) > Darkening(weak) && Darkening(weak) > 0);
    }

    [Fact]
    public void PresetsAreReadByTheirFileNamesAndRandomPresetTakesNone()
    {
        var t = (HEStain)TransformRegistry.Create("HEStain", new Dictionary<string, object?> { ["method"] = "preset", ["preset"] = "h_heavy", ["p"] = 1.0 });
        Assert.Equal(HEStainPreset.HHeavy, t.Preset);
        Assert.Equal("h_heavy", TransformRegistry.ParametersOf(t)["preset"]);
        using var image = Stained(8, 8, 1);
        var op = (HEStainOperation)t.Sample(new RandomStream(1), new TransformContext(new AnnotatedImage(image)));
        Assert.Equal(StainMatrices.Of(HEStainPreset.HHeavy), op.StainMatrix);
        Assert.Throws<ArgumentException>(() => new HEStain { Preset = HEStainPreset.Dark, P = 1 }.Sample(new RandomStream(1), new TransformContext(new AnnotatedImage(image))));
        using var gray = new ImageBuffer<byte>(4, 4, 1);
        var e = Assert.Throws<NotSupportedException>(() => new HEStain { P = 1 }.Sample(new RandomStream(1), new TransformContext(new AnnotatedImage(gray))));
        Assert.Contains("HEStain", e.Message, StringComparison.Ordinal);
    }
}
