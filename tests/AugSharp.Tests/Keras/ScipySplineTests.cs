using System.Text.Json;
using AugSharp.Keras;

namespace AugSharp.Tests.Keras;

public class ScipySplineTests
{
    private static readonly string Dir = NumericsTestPaths.TestData("ScipySpline");

    private static JsonElement Manifest()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "cases.json")));
        return doc.RootElement.Clone();
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Manifest().GetProperty("cases").EnumerateArray())
            data.Add(c.GetProperty("output").GetString()!);
        return data;
    }

    private static FillMode Mode(JsonElement c) => KerasNames.ParseFillMode(c.GetProperty("mode").GetString()!);

    private static double[] Numbers(JsonElement e) => e.EnumerateArray().SelectMany(x =>
        x.ValueKind == JsonValueKind.Array ? x.EnumerateArray().Select(y => y.GetDouble()) : [x.GetDouble()]).ToArray();

    private static float[] Run(float[] input, int rows, int cols, double[] m, double[] off, int order, FillMode mode, double cval)
    {
        var output = new float[rows * cols];
        ScipySpline.AffineTransform(input, rows, cols, cols, 1, output, cols, 1,
            m[0], m[1], m[2], m[3], off[0], off[1], order, mode, cval);
        return output;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesScipy(string output)
    {
        var manifest = Manifest();
        var c = manifest.GetProperty("cases").EnumerateArray().First(x => x.GetProperty("output").GetString() == output);
        int rows = manifest.GetProperty("rows").GetInt32(), cols = manifest.GetProperty("cols").GetInt32();
        var input = NumericsTestPaths.ReadF32(Path.Combine(Dir, manifest.GetProperty("input").GetString()!));
        var expected = NumericsTestPaths.ReadF32(Path.Combine(Dir, output));
        var actual = Run(input, rows, cols, Numbers(c.GetProperty("matrix")), Numbers(c.GetProperty("offset")),
            c.GetProperty("order").GetInt32(), Mode(c), c.GetProperty("cval").GetDouble());
        double maxErr = expected.Zip(actual).Max(p => Math.Abs((double)p.First - p.Second));
        Assert.True(maxErr == 0, $"max abs error {maxErr} against scipy 1.10.1 (expected bit-exact)");
    }

    [Fact]
    public void HonoursStridesForBothInputAndOutput()
    {
        var manifest = Manifest();
        int rows = manifest.GetProperty("rows").GetInt32(), cols = manifest.GetProperty("cols").GetInt32();
        var input = NumericsTestPaths.ReadF32(Path.Combine(Dir, manifest.GetProperty("input").GetString()!));
        double[] m = [0.9, 0.3, -0.2, 1.1], off = [1.5, -2.0];
        var expected = Run(input, rows, cols, m, off, 3, FillMode.Reflect, 0);

        // The same plane stored column-major inside an interleaved 3-channel buffer (channel 1).
        var interleaved = new float[rows * cols * 3];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                interleaved[(c * rows + r) * 3 + 1] = input[r * cols + c];
        var output = new float[rows * cols * 2];
        ScipySpline.AffineTransform(interleaved.AsSpan(1), rows, cols, 3, rows * 3, output, cols * 2, 2,
            m[0], m[1], m[2], m[3], off[0], off[1], 3, FillMode.Reflect, 0);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                Assert.Equal(expected[r * cols + c], output[r * cols * 2 + c * 2]);
    }

    [Fact]
    public void IdentityReproducesTheInputForEveryOrder()
    {
        // A prefiltered spline interpolates its samples: at integer positions the input comes back.
        var manifest = Manifest();
        int rows = manifest.GetProperty("rows").GetInt32(), cols = manifest.GetProperty("cols").GetInt32();
        var input = NumericsTestPaths.ReadF32(Path.Combine(Dir, manifest.GetProperty("input").GetString()!));
        foreach (var mode in Enum.GetValues<FillMode>())
            for (int order = 2; order <= 5; order++)
            {
                var output = Run(input, rows, cols, [1, 0, 0, 1], [0, 0], order, mode, 0);
                double maxErr = input.Zip(output).Max(p => Math.Abs((double)p.First - p.Second));
                Assert.True(maxErr < 1e-3, $"{mode} order {order}: {maxErr}");
            }
    }

    [Fact]
    public void MatchesKerasOrder3Golden()
    {
        var c = NumericsTestPaths.GoldenCase("o03_theta30_order3_A");
        var input = NumericsTestPaths.GoldenInput("A", out var shape);
        int h = shape[0], w = shape[1], ch = shape[2];
        var matrix = c.GetProperty("matrix");
        var m = Numbers(matrix.GetProperty("scipy_matrix_rowcol"));
        var off = Numbers(matrix.GetProperty("scipy_offset_rowcol"));
        var mode = KerasNames.ParseFillMode(c.GetProperty("fill_mode").GetString()!);
        double cval = c.GetProperty("cval").GetDouble();
        int order = c.GetProperty("interpolation_order").GetInt32();

        var output = new float[h * w * ch];
        for (int k = 0; k < ch; k++)
            ScipySpline.AffineTransform(input.AsSpan(k), h, w, w * ch, ch, output.AsSpan(k), w * ch, ch,
                m[0], m[1], m[2], m[3], off[0], off[1], order, mode, cval);

        var expected = NumericsTestPaths.ReadF32(Path.Combine(NumericsTestPaths.GoldenDir, c.GetProperty("output_file").GetString()!));
        Assert.Equal(expected.Length, output.Length);
        double maxErr = expected.Zip(output).Max(p => Math.Abs((double)p.First - p.Second));
        Assert.True(maxErr == 0, $"max abs error {maxErr} against the Keras golden, expected bit-exact (tolerance {c.GetProperty("tol_max_abs").GetDouble()})");
    }

    [Fact]
    public void RejectsUnsupportedOrders()
    {
        var buf = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => ScipySpline.AffineTransform(buf, 2, 2, 2, 1, buf, 2, 1,
            1, 0, 0, 1, 0, 0, 6, FillMode.Constant, 0));
    }
}
