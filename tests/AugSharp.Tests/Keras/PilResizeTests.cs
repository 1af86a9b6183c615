using System.Text.Json;
using AugSharp.Keras;

namespace AugSharp.Tests.Keras;

public class PilResizeTests
{
    private static readonly string Dir = NumericsTestPaths.TestData("PilResize");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "cases.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            data.Add(c.GetProperty("output").GetString()!);
        return data;
    }

    private static JsonElement Case(string output)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "cases.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray()
            .First(c => c.GetProperty("output").GetString() == output).Clone();
    }

    private static (double, double, double, double)? Box(JsonElement c)
    {
        var box = c.GetProperty("box");
        if (box.ValueKind == JsonValueKind.Null) return null;
        var v = box.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return (v[0], v[1], v[2], v[3]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPillow(string output)
    {
        var c = Case(output);
        int inW = c.GetProperty("in_width").GetInt32(), inH = c.GetProperty("in_height").GetInt32();
        int channels = c.GetProperty("channels").GetInt32();
        int w = c.GetProperty("width").GetInt32(), h = c.GetProperty("height").GetInt32();
        var filter = PilResize.Parse(c.GetProperty("filter").GetString()!);
        string input = Path.Combine(Dir, c.GetProperty("input").GetString()!);
        string expectedPath = Path.Combine(Dir, output);

        if (c.GetProperty("mode").GetString() == "I;16")
        {
            using var src = ImageBuffer<ushort>.Wrap(NumericsTestPaths.ReadU16(input), inW, inH, 1);
            using var result = PilResize.Resize(src, w, h, filter, Box(c));
            Assert.Equal(NumericsTestPaths.ReadU16(expectedPath), result.ToArray());
        }
        else
        {
            using var src = ImageBuffer<byte>.Wrap(File.ReadAllBytes(input), inW, inH, channels);
            using var result = PilResize.Resize(src, w, h, filter, Box(c));
            Assert.Equal((w, h, channels), (result.Width, result.Height, result.Channels));
            var expected = File.ReadAllBytes(expectedPath);
            var actual = result.ToArray();
            int mismatches = expected.Zip(actual).Count(p => p.First != p.Second);
            Assert.True(mismatches == 0, $"{mismatches} of {expected.Length} values differ from Pillow; max abs error " +
                expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second)));
        }
    }

    [Fact]
    public void NearestIndexSweepMatchesPillow()
    {
        var expected8 = File.ReadAllBytes(Path.Combine(Dir, "nearest_sweep.u8"));
        var expected16 = NumericsTestPaths.ReadU16(Path.Combine(Dir, "nearest_sweep.u16"));
        int p8 = 0, p16 = 0;
        for (int n = 1; n <= 48; n++)
        {
            var row8 = Enumerable.Range(0, n).Select(i => (byte)i).ToArray();
            var row16 = Enumerable.Range(0, n).Select(i => (ushort)i).ToArray();
            using var src8 = ImageBuffer<byte>.Wrap(row8, n, 1, 1);
            using var src16 = ImageBuffer<ushort>.Wrap(row16, n, 1, 1);
            for (int m = 1; m <= 20; m++)
            {
                using var r = PilResize.Resize(src8, m, 1, PilInterpolation.Nearest);
                Assert.True(expected8.AsSpan(p8, m).SequenceEqual(r.ToArray()), $"8-bit {n} -> {m}");
                p8 += m;
                if (m > 12) continue;
                using var r16 = PilResize.Resize(src16, m, 1, PilInterpolation.Nearest);
                Assert.True(expected16.AsSpan(p16, m).SequenceEqual(r16.ToArray()), $"I;16 {n} -> {m}");
                p16 += m;
            }
        }
        Assert.Equal(expected8.Length, p8);
        Assert.Equal(expected16.Length, p16);
    }

    [Fact]
    public void Nearest48To20PicksIndex29()
    {
        // Pillow's running sum lands just below 30 at output 12: floor((12 + 0.5) * 2.4) would give 30.
        var row = Enumerable.Range(0, 48).Select(i => (byte)i).ToArray();
        using var src = ImageBuffer<byte>.Wrap(row, 48, 1, 1);
        using var r = PilResize.Resize(src, 20, 1, PilInterpolation.Nearest);
        Assert.Equal(29, r[0, 12, 0]);
    }

    [Theory]
    [InlineData("nearest", PilInterpolation.Nearest)]
    [InlineData("bilinear", PilInterpolation.Bilinear)]
    [InlineData("bicubic", PilInterpolation.Bicubic)]
    [InlineData("lanczos", PilInterpolation.Lanczos)]
    [InlineData("box", PilInterpolation.Box)]
    [InlineData("hamming", PilInterpolation.Hamming)]
    public void ParsesKerasNames(string name, PilInterpolation expected) => Assert.Equal(expected, PilResize.Parse(name));

    [Fact]
    public void ParseRejectsUnknownNamesListingTheValidOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => PilResize.Parse("cubic"));
        Assert.Contains("cubic", ex.Message);
        foreach (var n in new[] { "nearest", "bilinear", "bicubic", "lanczos", "box", "hamming" })
            Assert.Contains(n, ex.Message);
    }

    [Fact]
    public void SixteenBitRejectsFiltersPillowRejects()
    {
        using var src = new ImageBuffer<ushort>(8, 8, 1);
        Assert.Throws<NotSupportedException>(() => PilResize.Resize(src, 4, 4, PilInterpolation.Bilinear));
    }

    [Fact]
    public void RejectsBoxesPillowRejects()
    {
        using var src = new ImageBuffer<byte>(8, 8, 3);
        Assert.Throws<ArgumentException>(() => PilResize.Resize(src, 4, 4, PilInterpolation.Bilinear, (-1, 0, 8, 8)));
        Assert.Throws<ArgumentException>(() => PilResize.Resize(src, 4, 4, PilInterpolation.Bilinear, (0, 0, 9, 8)));
        Assert.Throws<ArgumentException>(() => PilResize.Resize(src, 4, 4, PilInterpolation.Bilinear, (5, 0, 4, 8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PilResize.Resize(src, 0, 4, PilInterpolation.Bilinear));
    }

    [Fact]
    public void ResizesStridedViews()
    {
        using var big = ImageBuffer<byte>.Wrap(Enumerable.Range(0, 20 * 16 * 3).Select(i => (byte)(i * 7)).ToArray(), 20, 16, 3);
        using var view = big.Crop(3, 2, 12, 10);
        using var copy = view.Clone();
        using var a = PilResize.Resize(view, 7, 5, PilInterpolation.Lanczos);
        using var b = PilResize.Resize(copy, 7, 5, PilInterpolation.Lanczos);
        Assert.Equal(b.ToArray(), a.ToArray());
    }

    // ------------------------------------------------------------------ Keras goldens

    private static ImageBuffer<byte> GoldenInput(string name, out int h, out int w)
    {
        var values = NumericsTestPaths.GoldenInput(name, out var shape);
        h = shape[0];
        w = shape[1];
        Assert.Equal(3, shape[2]);
        var bytes = values.Select(v =>
        {
            Assert.True(v >= 0 && v <= 255 && v == MathF.Floor(v), $"input value {v} is not a byte");
            return (byte)v;
        }).ToArray();
        return ImageBuffer<byte>.Wrap(bytes, w, h, 3);
    }

    [Theory]
    [InlineData("l01_A_nearest_20x30", "A", false)]
    [InlineData("l05_D_bilinear_13x9", "D", false)]
    [InlineData("l06_A_keep_aspect_16x16", "A", true)]
    public void MatchesKerasLoadImgGolden(string id, string input, bool keepAspect)
    {
        var c = NumericsTestPaths.GoldenCase(id);
        var p = c.GetProperty("params");
        var target = p.GetProperty("target_size").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int th = target[0], tw = target[1];
        var filter = PilResize.Parse(p.GetProperty("interpolation").GetString()!);
        using var src = GoldenInput(input, out int h, out int w);

        (double, double, double, double)? box = null;
        if (keepAspect)
        {
            // keras load_img(keep_aspect_ratio=True): centred crop with the target's aspect ratio.
            int cropH = Math.Min(h, w * th / tw), cropW = Math.Min(w, h * tw / th);
            int left = (w - cropW) / 2, top = (h - cropH) / 2;
            box = (left, top, left + cropW, top + cropH);
            Assert.Equal((8.0, 0.0, 56.0, 48.0), box.Value);
        }

        using var result = PilResize.Resize(src, tw, th, filter, box);
        var expected = NumericsTestPaths.ReadF32(Path.Combine(NumericsTestPaths.GoldenDir, c.GetProperty("output_file").GetString()!));
        Assert.Equal(NumericsTestPaths.Shape(c), new[] { result.Height, result.Width, result.Channels });
        var actual = result.ToArray();
        double maxErr = expected.Zip(actual).Max(q => Math.Abs(q.First - q.Second));
        Assert.Equal(0.0, maxErr);
    }
}
