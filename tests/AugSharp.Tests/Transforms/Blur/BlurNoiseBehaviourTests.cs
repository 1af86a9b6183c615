using AugSharp.Kernels;

namespace AugSharp.Tests.Transforms.Blur;

/// <summary>What the blur and noise transforms draw and do, beyond the registry's invariants.</summary>
public sealed class BlurNoiseBehaviourTests
{
    private static ImageBuffer<float> Grey(int w, int h, int cn, float value)
    {
        var image = new ImageBuffer<float>(w, h, cn);
        image.Fill(value);
        return image;
    }

    private static TransformContext Context(ImageBuffer image) => new(new AnnotatedImage(image));

    [Fact]
    public void GaussianBlurSizeFollowsSigmaWhenBlurLimitIsZero()
    {
        using var image = Grey(20, 10, 1, 0.5f);
        var transform = new GaussianBlur { SigmaLimit = [2.0, 2.0], P = 1 };
        var op = (GaussianBlurOperation)transform.Sample(new RandomStream(1), Context(image));
        Assert.Equal(15, op.Kernel);
        Assert.Equal(2.0, op.Sigma);
    }

    [Fact]
    public void SingleBlurLimitMeansThreeToIt()
    {
        var transform = (AugSharp.Blur)TransformRegistry.Create("Blur", new Dictionary<string, object?> { ["blur_limit"] = 5L, ["p"] = 1.0 });
        using var image = Grey(20, 10, 1, 0.5f);
        var sizes = Enumerable.Range(0, 200).Select(i => ((BlurOperation)transform.Sample(new RandomStream((ulong)i), Context(image))).Kernel).ToHashSet();
        Assert.Equal(new HashSet<int> { 3, 5 }, sizes);
    }

    [Fact]
    public void MotionKernelWithoutShiftIsCentredLine()
    {
        var op = new MotionBlurOperation { Kernel = 5, Angle = 0, Direction = 0 };
        var k = op.BuildKernel();
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 5; x++)
                Assert.Equal(y == 2 ? 0.2f : 0f, k[y * 5 + x], 6);
    }

    [Fact]
    public void DefocusKernelSumsToOne()
    {
        var (k, size) = new DefocusOperation { Radius = 10, AliasBlur = 0.3 }.BuildKernel();
        Assert.Equal(21, size);
        Assert.Equal(1.0, k.Sum(), 2); // the disc touches the edge: the softening reflects a little mass back, as cv2.GaussianBlur does
    }

    [Fact]
    public void ZoomBlurWithoutFactorsKeepsImage()
    {
        using var image = Grey(9, 7, 3, 0.25f);
        var result = new ZoomBlurOperation { MaxFactor = 1, StepFactor = 0.02 }.Apply(new AnnotatedImage(image));
        Assert.Equal(image.ToArray(), result.Image.As<float>().ToArray());
    }

    [Fact]
    public void GaussNoiseHasTheDrawnSpread()
    {
        using var image = Grey(200, 150, 3, 0.5f);
        var op = new GaussNoiseOperation { Std = 0.05, Mean = 0.1, Seed = 11 };
        var values = op.Apply(new AnnotatedImage(image)).Image.As<float>().ToArray();
        double mean = values.Average(v => (double)v), std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.Equal(0.6, mean, 2);
        Assert.Equal(0.05, std, 2);
    }

    [Fact]
    public void GaussNoiseSharedAcrossChannelsWhenNotPerChannel()
    {
        using var image = new ImageBuffer<byte>(30, 20, 3);
        image.Fill(128);
        var result = new GaussNoiseOperation { Std = 0.1, PerChannel = false, Seed = 5 }.Apply(new AnnotatedImage(image)).Image.As<byte>();
        for (int y = 0; y < 20; y++)
            for (int x = 0; x < 30; x++)
            {
                Assert.Equal(result[y, x, 0], result[y, x, 1]);
                Assert.Equal(result[y, x, 0], result[y, x, 2]);
            }
    }

    [Fact]
    public void SaltAndPepperChangesTheDrawnShare()
    {
        using var image = new ImageBuffer<ushort>(100, 80, 2);
        image.Fill(1000);
        var result = new SaltAndPepperOperation { Amount = 0.1, SaltRatio = 0.25, Seed = 3 }.Apply(new AnnotatedImage(image)).Image.As<ushort>();
        int salt = 0, pepper = 0;
        for (int y = 0; y < 80; y++)
            for (int x = 0; x < 100; x++)
            {
                Assert.Equal(result[y, x, 0], result[y, x, 1]);
                if (result[y, x, 0] == 65535) salt++;
                if (result[y, x, 0] == 0) pepper++;
            }
        Assert.Equal(200, salt);
        Assert.Equal(600, pepper);
    }

    [Fact]
    public void MultiplicativeNoisePerChannelFactors()
    {
        using var image = new ImageBuffer<byte>(4, 3, 3);
        image.Fill(100);
        var result = new MultiplicativeNoiseOperation { PerChannel = true, Factors = [0.5, 1.0, 3.0] }.Apply(new AnnotatedImage(image)).Image.As<byte>();
        Assert.Equal(50, result[1, 1, 0]);
        Assert.Equal(100, result[1, 1, 1]);
        Assert.Equal(255, result[1, 1, 2]);
    }

    [Fact]
    public void ShotNoiseKeepsBlackAndStaysInRange()
    {
        using var image = Grey(50, 40, 1, 0f);
        var op = new ShotNoiseOperation { Scale = 0.2, Seed = 8 };
        Assert.All(op.Apply(new AnnotatedImage(image)).Image.As<float>().ToArray(), v => Assert.Equal(0f, v));
        using var grey = Grey(50, 40, 1, 0.6f);
        Assert.All(op.Apply(new AnnotatedImage(grey)).Image.As<float>().ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void GlassBlurModesDiffer()
    {
        using var image = new ImageBuffer<byte>(40, 30, 3);
        var r = new Random(2);
        var span = image.GetSpan();
        for (int i = 0; i < span.Length; i++) span[i] = (byte)r.Next(256);
        var fast = new GlassBlurOperation { Sigma = 0.5, MaxDelta = 2, Iterations = 1, Mode = GlassBlurMode.Fast, Seed = 4 }.Apply(new AnnotatedImage(image)).Image.As<byte>().ToArray();
        var exact = new GlassBlurOperation { Sigma = 0.5, MaxDelta = 2, Iterations = 1, Mode = GlassBlurMode.Exact, Seed = 4 }.Apply(new AnnotatedImage(image)).Image.As<byte>().ToArray();
        Assert.NotEqual(fast, exact);
        Assert.Equal(15, Convolution.GaussianSizeFor(2.3, uint8: true));
    }
}
