using System.Text.Json;
using Xunit.Abstractions;

namespace AugSharp.Tests.Transforms.Quality;

/// <summary>
/// The quality transforms against OpenCV 4.6 (TestData/OpenCvQuality, made by
/// tools/opencv_quality_references.py), within 1 level on uint8 for at least 99.9% of the
/// elements: ImageCompression's round trip against <c>cv2.imencode</c> + <c>cv2.imdecode</c> (JPEG
/// and WebP), Sharpen's, Emboss' and RingingOvershoot's kernels against <c>cv2.filter2D</c>,
/// UnsharpMask and Sharpen's gaussian method against their formulas on <c>cv2.GaussianBlur</c>,
/// Downscale against two <c>cv2.resize</c> calls (whole factors), ChromaticAberration against
/// <c>cv2.initUndistortRectifyMap</c> + <c>cv2.remap</c>; and the SLIC labels of Superpixels
/// against scikit-image 0.19's <c>slic</c> (99% of the labels equal), and Superpixels with every
/// segment replaced against the same chain with <c>cv2.resize</c> and <c>slic</c>.
/// </summary>
public class OpenCvQualityReferenceTests(ITestOutputHelper output)
{
    private sealed class Case
    {
        public required string Id { get; init; }
        public required string Op { get; init; }
        public required string Src { get; init; }
        public required string Dst { get; init; }
        public required int[] Shape { get; init; }
        public int Quality { get; init; }
        public string? Transform { get; init; }
        public double Alpha { get; init; }
        public double Lightness { get; init; }
        public double Strength { get; init; }
        public int Ksize { get; init; }
        public double Cutoff { get; init; }
        public float[][]? Kernel { get; init; }
        public int NSegments { get; init; }
        public double Sigma { get; init; }
        public int MaxSize { get; init; }
        public int Threshold { get; init; }
        public double Scale { get; init; }
        public string? Down { get; init; }
        public string? Up { get; init; }
        public string? Interpolation { get; init; }
        public double K1Red { get; init; }
        public double K2Red { get; init; }
        public double K1Blue { get; init; }
        public double K2Blue { get; init; }
    }

    private sealed class Manifest
    {
        [System.Text.Json.Serialization.JsonPropertyName("opencv")]
        public required string OpenCv { get; init; }
        public required List<Case> Cases { get; init; }
    }

    private static readonly Lazy<Manifest> Data = new(() => JsonSerializer.Deserialize<Manifest>(
        File.ReadAllText(TestPaths.TestData("OpenCvQuality", "manifest.json")),
        new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!);

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var c in Data.Value.Cases.Where(c => c.Op != "slic")) data.Add(c.Id);
        return data;
    }

    public static TheoryData<string> SlicIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in Data.Value.Cases.Where(c => c.Op == "slic")) data.Add(c.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(SlicIds))]
    public void SlicLabelsMatchScikitImage(string id)
    {
        var c = Data.Value.Cases.Single(k => k.Id == id);
        using var src = Load(c.Src, c.Shape);
        using var unit = new ImageBuffer<float>(src.Width, src.Height, src.Channels);
        for (int y = 0; y < src.Height; y++) for (int x = 0; x < src.Width; x++) for (int ch = 0; ch < src.Channels; ch++) unit[y, x, ch] = src[y, x, ch] / 255f;
        var bytes = File.ReadAllBytes(TestPaths.TestData("OpenCvQuality", c.Dst));
        var expected = new int[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, expected, 0, bytes.Length);
        var actual = Slic.Segment(unit, c.NSegments);
        int same = expected.Zip(actual).Count(t => t.First == t.Second);
        output.WriteLine($"{id}: {same} of {expected.Length} labels equal; {expected.Distinct().Count()} segments expected, {actual.Distinct().Count()} made");
        Assert.True(same >= expected.Length * 0.99, $"{id}: only {same} of {expected.Length} labels equal scikit-image's.");
    }

    private static ImageBuffer<byte> Load(string name, int[] shape)
        => ImageBuffer<byte>.Wrap(File.ReadAllBytes(TestPaths.TestData("OpenCvQuality", name)), shape[1], shape[0], shape[2]);

    private static IOperation Operation(Case c) => c switch
    {
        { Op: "jpeg" } => new ImageCompressionOperation { CompressionType = ImageCompressionType.Jpeg, Quality = c.Quality },
        { Op: "webp" } => new ImageCompressionOperation { CompressionType = ImageCompressionType.Webp, Quality = c.Quality },
        { Transform: "sharpen" } => new SharpenOperation { Method = SharpenMethod.Kernel, Alpha = c.Alpha, Lightness = c.Lightness },
        { Transform: "emboss" } => new EmbossOperation { Alpha = c.Alpha, Strength = c.Strength },
        { Op: "superpixels" } => new SuperpixelsOperation { NSegments = c.NSegments, PReplace = 1, MaxSize = c.MaxSize, Interpolation = Parse(c.Interpolation!) },
        { Op: "unsharp" } => new UnsharpMaskOperation { Kernel = c.Ksize, Sigma = c.Sigma, Alpha = c.Alpha, Threshold = c.Threshold },
        { Op: "sharpen_gaussian" } => new SharpenOperation { Method = SharpenMethod.Gaussian, KernelSize = c.Ksize, Sigma = c.Sigma, Alpha = c.Alpha },
        { Op: "downscale" } => new DownscaleOperation { Scale = c.Scale, Downscale = Parse(c.Down!), Upscale = Parse(c.Up!) },
        { Op: "chromatic" } => new ChromaticAberrationOperation
        {
            PrimaryDistortionRed = c.K1Red, SecondaryDistortionRed = c.K2Red, PrimaryDistortionBlue = c.K1Blue, SecondaryDistortionBlue = c.K2Blue,
            Interpolation = Parse(c.Interpolation!),
        },
        { Transform: "ringing_overshoot" } => new RingingOvershootOperation { Kernel = c.Ksize, Cutoff = c.Cutoff },
        _ => throw new InvalidDataException(c.Id),
    };

    private static Interpolation Parse(string name) => Enum.Parse<Interpolation>(name, ignoreCase: true);

    [Fact]
    public void RingingKernelsMatchScipysBessel()
    {
        foreach (var c in Data.Value.Cases.Where(k => k.Transform == "ringing_overshoot"))
        {
            var expected = c.Kernel!.SelectMany(row => row).ToArray();
            var actual = new RingingOvershootOperation { Kernel = c.Ksize, Cutoff = c.Cutoff }.BuildKernel();
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-6f);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void MatchesOpenCv(string id)
    {
        var c = Data.Value.Cases.Single(k => k.Id == id);
        using var src = Load(c.Src, c.Shape);
        using var expected = Load(c.Dst, c.Shape);
        var actual = Operation(c).Apply(new AnnotatedImage(src)).Image.As<byte>();
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (actual.Width, actual.Height, actual.Channels));
        var e = expected.ToArray();
        var a = actual.ToArray();
        int within = 0, exact = 0, worst = 0;
        for (int i = 0; i < e.Length; i++)
        {
            int d = Math.Abs(e[i] - a[i]);
            if (d <= 1) within++;
            if (d == 0) exact++;
            worst = Math.Max(worst, d);
        }
        output.WriteLine($"{id}: {exact} of {e.Length} exact, {within} within 1, largest difference {worst}");
        Assert.True(within >= e.Length * 0.999, $"{id}: only {within} of {e.Length} elements within 1 level of OpenCV {Data.Value.OpenCv} ({exact} exact, largest difference {worst}).");
    }
}
