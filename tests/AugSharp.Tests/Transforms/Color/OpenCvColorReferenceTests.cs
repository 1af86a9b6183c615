using System.Text.Json;
using Xunit.Abstractions;

namespace AugSharp.Tests.Transforms.Color;

/// <summary>
/// The color transforms against OpenCV 4.6 (TestData/OpenCvColor, made by
/// tools/opencv_color_references.py): within 1 level on uint8 for at least 99.9% of the elements.
/// </summary>
public class OpenCvColorReferenceTests(ITestOutputHelper output)
{
    private sealed class Case
    {
        public required string Id { get; init; }
        public required string Op { get; init; }
        public required string Src { get; init; }
        public required string Dst { get; init; }
        public required int[] DstShape { get; init; }
        public double HueShift { get; init; }
        public double SatShift { get; init; }
        public double ValShift { get; init; }
        public double Gamma { get; init; }
        public double ClipLimit { get; init; }
        public int[]? TileGridSize { get; init; }
    }

    private sealed class Manifest
    {
        [System.Text.Json.Serialization.JsonPropertyName("opencv")]
        public required string OpenCv { get; init; }
        public required Dictionary<string, int[]> Sources { get; init; }
        public required List<Case> Cases { get; init; }
    }

    private static readonly Lazy<Manifest> Data = new(() => JsonSerializer.Deserialize<Manifest>(
        File.ReadAllText(TestPaths.TestData("OpenCvColor", "manifest.json")),
        new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!);

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var c in Data.Value.Cases) data.Add(c.Id);
        return data;
    }

    private static ImageBuffer<byte> Load(string name, int[] shape)
        => ImageBuffer<byte>.Wrap(File.ReadAllBytes(TestPaths.TestData("OpenCvColor", name)), shape[1], shape[0], shape[2]);

    private static ImageBuffer<byte> Run(IOperation op, ImageBuffer<byte> src) => op.Apply(new AnnotatedImage(src)).Image.As<byte>();

    private static ImageBuffer<byte> Compute(Case c, ImageBuffer<byte> src) => c.Op switch
    {
        "to_gray" => Run(new ToGrayOperation { NumOutputChannels = 1, Method = ToGrayMethod.WeightedAverage }, src),
        "lab_lightness" => Run(new ToGrayOperation { NumOutputChannels = 1, Method = ToGrayMethod.FromLab }, src),
        "hsv_round_trip" => Hsv.Map(src, Identity(), Identity(), Identity(), h => h, s => s, v => v),
        "hsv" => HsvPlanes(src),
        "hue_saturation_value" => Run(new HueSaturationValueOperation { HueShift = c.HueShift, SatShift = c.SatShift, ValShift = c.ValShift }, src),
        "equalize_channels" => Run(new EqualizeOperation { Mode = EqualizeMode.Cv, ByChannels = true }, src),
        "equalize_luma" => Run(new EqualizeOperation { Mode = EqualizeMode.Cv, ByChannels = false }, src),
        "equalize_gray" => Run(new EqualizeOperation { Mode = EqualizeMode.Cv, ByChannels = false }, src),
        "gamma" => Run(new GammaOperation { Gamma = c.Gamma }, src),
        "sepia" => Run(new ToSepiaOperation(), src),
        "clahe_rgb" or "clahe_gray" => Run(new ClaheOperation { ClipLimit = c.ClipLimit, TileGridSize = c.TileGridSize! }, src),
        _ => throw new InvalidDataException(c.Op),
    };

    private static byte[] Identity() => Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

    private static ImageBuffer<byte> HsvPlanes(ImageBuffer<byte> src)
    {
        var result = new ImageBuffer<byte>(src.Width, src.Height, 3);
        for (int y = 0; y < src.Height; y++)
            for (int x = 0; x < src.Width; x++)
            {
                var (h, s, v) = Hsv.FromRgb8(src[y, x, 0], src[y, x, 1], src[y, x, 2]);
                (result[y, x, 0], result[y, x, 1], result[y, x, 2]) = ((byte)h, (byte)s, (byte)v);
            }
        return result;
    }

    [Fact]
    public void The_manifest_records_the_OpenCV_version() => Assert.StartsWith("4.", Data.Value.OpenCv);

    [Theory]
    [MemberData(nameof(Ids))]
    public void Matches_OpenCV_within_one_level(string id)
    {
        var c = Data.Value.Cases.Single(k => k.Id == id);
        using var src = Load(c.Src, Data.Value.Sources[c.Src]);
        using var expected = Load(c.Dst, c.DstShape);
        var actual = Compute(c, src);
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (actual.Width, actual.Height, actual.Channels));
        var a = actual.ToArray();
        var e = expected.ToArray();
        int off = 0, exact = 0, worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = Math.Abs(a[i] - e[i]);
            if (d == 0) exact++;
            if (d > 1) off++;
            worst = Math.Max(worst, d);
        }
        output.WriteLine($"{id}: {exact} of {a.Length} exact, {off} off by more than 1, worst {worst}");
        Assert.True(off <= a.Length * 0.001, $"{id}: {off} of {a.Length} elements differ by more than 1 level (worst {worst}).");
    }
}
