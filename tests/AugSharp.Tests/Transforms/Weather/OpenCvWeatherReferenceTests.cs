using System.Text.Json;
using Xunit.Abstractions;

namespace AugSharp.Tests.Transforms.Weather;

/// <summary>
/// The weather operations (and the fog's painting for given particles) against the same recipes painted with OpenCV 4.6's primitives
/// (TestData/OpenCvWeather, made by tools/opencv_weather_references.py). OpenCV rounds 8-bit
/// results at every step and converts through 8-bit HLS, where AugSharp keeps double precision
/// and touches only the painted pixels; so most elements agree within a level or two, and the
/// rest differ only on the rims of drawn shapes. The spatter's edge detection and distance map
/// match OpenCV's exactly, and its drop shapes within 0.01.
/// </summary>
public class OpenCvWeatherReferenceTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonElement> Manifest = new(() => JsonDocument.Parse(File.ReadAllText(TestPaths.TestData("OpenCvWeather", "manifest.json"))).RootElement);

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var c in Manifest.Value.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("id").GetString()!);
        return data;
    }

    private static ImageBuffer<byte> Load(string name)
    {
        var shape = Manifest.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        return ImageBuffer<byte>.Wrap(File.ReadAllBytes(TestPaths.TestData("OpenCvWeather", name)), shape[1], shape[0], shape[2]);
    }

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static IOperation Build(JsonElement c) => c.GetProperty("op").GetString() switch
    {
        "shadow" => new RandomShadowOperation
        {
            Shadows = c.GetProperty("polygons").EnumerateArray().Select(p => new ShadowPolygon(Ints(p.GetProperty("xs")), Ints(p.GetProperty("ys")), p.GetProperty("intensity").GetDouble())).ToArray(),
        },
        "rain" => new RandomRainOperation
        {
            DropXs = Ints(c.GetProperty("xs")),
            DropYs = Ints(c.GetProperty("ys")),
            Slant = c.GetProperty("slant").GetDouble(),
            DropLength = c.GetProperty("length").GetInt32(),
            DropWidth = c.GetProperty("width").GetInt32(),
            DropColor = Ints(c.GetProperty("color")),
            BlurValue = c.GetProperty("blur").GetInt32(),
            BrightnessCoefficient = c.GetProperty("brightness").GetDouble(),
        },
        "sun_flare" => new RandomSunFlareOperation
        {
            Method = c.GetProperty("method").GetString() == "overlay" ? SunFlareMethod.Overlay : SunFlareMethod.PhysicsBased,
            CenterX = c.GetProperty("center")[0].GetInt32(),
            CenterY = c.GetProperty("center")[1].GetInt32(),
            SrcRadius = c.GetProperty("radius").GetInt32(),
            SrcColor = Ints(c.GetProperty("color")),
            Circles = c.GetProperty("circles").EnumerateArray().Select(f => new FlareCircle(f.GetProperty("alpha").GetDouble(), f.GetProperty("x").GetInt32(), f.GetProperty("y").GetInt32(), f.GetProperty("radius").GetInt32(), Ints(f.GetProperty("color")))).ToArray(),
        },
        "gravel" => new RandomGravelOperation
        {
            Stones = c.GetProperty("stones").EnumerateArray().Select(s => Ints(s)).Select(s => new GravelStone(s[0], s[1], s[2], s[3], s[4])).ToArray(),
        },
        "snow_bleach" => new RandomSnowOperation { SnowPoint = c.GetProperty("snow_point").GetDouble(), BrightnessCoeff = c.GetProperty("brightness_coeff").GetDouble() },
        var op => throw new InvalidDataException($"unknown case {op}"),
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Matches_OpenCV(string id)
    {
        var c = Manifest.Value.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        using var source = Load(Manifest.Value.GetProperty("source").GetString()!);
        using var expected = Load(c.GetProperty("dst").GetString()!);
        var actual = c.GetProperty("op").GetString() == "fog"
            ? RandomFogOperation.Paint(source, c.GetProperty("particles").EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32(), p[2].GetInt32())).ToArray(), c.GetProperty("alpha").GetDouble())
            : Build(c).Apply(new AnnotatedImage(source)).Image.As<byte>();
        var a = actual.ToArray();
        var e = expected.ToArray();
        var s = source.ToArray();
        int close = 0, far = 0, worst = 0, changedExpected = 0, changedActual = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = Math.Abs(a[i] - e[i]);
            worst = Math.Max(worst, d);
            if (d <= 2) close++;
            if (d > 20) far++;
            if (Math.Abs(e[i] - s[i]) > 2) changedExpected++;
            if (Math.Abs(a[i] - s[i]) > 2) changedActual++;
        }
        double closeShare = close / (double)a.Length, farShare = far / (double)a.Length;
        output.WriteLine($"{id}: {closeShare:P2} within 2 levels, {farShare:P2} beyond 20, worst {worst}; changed {changedActual} here, {changedExpected} in OpenCV");
        Assert.True(closeShare >= Tolerance(c), $"{id}: only {closeShare:P2} of the elements within 2 levels of OpenCV's");
        Assert.True(farShare <= 0.02, $"{id}: {farShare:P2} of the elements more than 20 levels from OpenCV's");
        Assert.InRange(changedActual, changedExpected * 0.9, changedExpected * 1.1 + 10);
    }

    private static double Tolerance(JsonElement c) => c.GetProperty("op").GetString() switch
    {
        // A thick drop's outline differs a little from OpenCV's thick lines, and the blur spreads it.
        "rain" => 0.85,
        _ => 0.99,
    };

    private static float[] Floats(string name)
    {
        var bytes = File.ReadAllBytes(TestPaths.TestData("OpenCvWeather", name));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    public static TheoryData<int> SpatterLayers() => new(Enumerable.Range(0, Manifest.Value.GetProperty("spatter").GetArrayLength()));

    [Theory]
    [MemberData(nameof(SpatterLayers))]
    public void Spatter_rain_drops_match_OpenCV(int index)
    {
        var c = Manifest.Value.GetProperty("spatter")[index];
        var shape = Manifest.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int h = shape[0], w = shape[1];
        var layer = Floats(c.GetProperty("layer").GetString()!);
        var level = layer.Select(v => (byte)Math.Clamp(v * 255, 0, 255)).ToArray();

        var expectedEdges = File.ReadAllBytes(TestPaths.TestData("OpenCvWeather", c.GetProperty("edges").GetString()!));
        var edges = SpatterShapes.Canny(level, w, h, 50, 150);
        int edgeAgreement = Enumerable.Range(0, edges.Length).Count(i => edges[i] == (expectedEdges[i] != 0));
        output.WriteLine($"edges: {edges.Count(e => e)} here, {expectedEdges.Count(e => e != 0)} in OpenCV, {edgeAgreement} of {edges.Length} pixels agree");
        Assert.True(edgeAgreement >= edges.Length * 0.995, $"only {edgeAgreement} of {edges.Length} edge pixels agree");

        var expectedDistance = Floats(c.GetProperty("distance").GetString()!);
        var exactEdges = expectedEdges.Select(e => e != 0).ToArray();
        var distance = SpatterShapes.ChamferDistance(exactEdges, w, h);
        double worstDistance = Enumerable.Range(0, distance.Length).Max(i => Math.Abs(distance[i] - expectedDistance[i]));
        output.WriteLine($"distance: worst difference {worstDistance}");
        Assert.True(worstDistance < 0.01, $"distance differs by up to {worstDistance}");

        var expectedDrops = Floats(c.GetProperty("drops").GetString()!);
        var drops = SpatterOperation.RainDrops(layer, w, h);
        double meanDifference = Enumerable.Range(0, drops.Length).Average(i => Math.Abs(drops[i] - expectedDrops[i]));
        int close = Enumerable.Range(0, drops.Length).Count(i => Math.Abs(drops[i] - expectedDrops[i]) <= 0.01);
        output.WriteLine($"drops: mean difference {meanDifference:F4}, {close} of {drops.Length} within 0.01");
        Assert.True(close >= drops.Length * 0.995, $"only {close} of {drops.Length} drop values within 0.01 of OpenCV's");
    }

    [Fact]
    public void The_manifest_records_the_OpenCV_version() => Assert.StartsWith("4.", Manifest.Value.GetProperty("opencv").GetString(), StringComparison.Ordinal);
}
