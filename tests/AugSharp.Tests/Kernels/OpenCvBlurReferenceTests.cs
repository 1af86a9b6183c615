using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using AugSharp.Kernels;

namespace AugSharp.Tests.Kernels;

/// <summary>One case of TestData/OpenCvBlur/manifest.json (made by tools/opencv_blur_references.py).</summary>
public sealed class OpenCvBlurCase
{
    public required string Id { get; init; }
    public required string Op { get; init; }
    public required string DType { get; init; }
    public required string Src { get; init; }
    public required int[] Shape { get; init; }
    public required string Dst { get; init; }
    public int Ksize { get; init; }
    public double Sigma { get; init; }
    public float[][]? Kernel { get; init; }
}

/// <summary>AugSharp's blur kernels against cv2.GaussianBlur, cv2.blur, cv2.medianBlur and cv2.filter2D.</summary>
public sealed class OpenCvBlurReferenceTests
{
    private sealed class Manifest
    {
        [JsonPropertyName("opencv")]
        public required string OpenCv { get; init; }

        public required List<OpenCvBlurCase> Cases { get; init; }
    }

    private static readonly Lazy<Manifest> Data = new(() =>
        JsonSerializer.Deserialize<Manifest>(File.ReadAllText(TestPaths.TestData("OpenCvBlur", "manifest.json")), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
        ?? throw new InvalidDataException("Empty manifest."));

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var c in Data.Value.Cases) data.Add(c.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void MatchesOpenCv(string id)
    {
        var c = Data.Value.Cases.Single(x => x.Id == id);
        switch (c.DType)
        {
            case "uint8": Check<byte>(c, 1); break;
            case "uint16": Check<ushort>(c, 1); break;
            default: Check<float>(c, 1e-5); break;
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void GaussianUint8MatchesOpenCvExactly(string id)
    {
        var c = Data.Value.Cases.Single(x => x.Id == id);
        if (c.Op != "gaussian" || c.DType != "uint8") return;
        using var src = Load<byte>(c.Src, c.Shape);
        using var expected = Load<byte>(c.Dst, c.Shape);
        using var actual = ImageBuffer<byte>.CreateUninitialized(src.Width, src.Height, src.Channels);
        Convolution.Gaussian(src, actual, c.Ksize, c.Sigma);
        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    private static void Check<T>(OpenCvBlurCase c, double tolerance) where T : unmanaged
    {
        using var src = Load<T>(c.Src, c.Shape);
        using var expected = Load<T>(c.Dst, c.Shape);
        using var actual = ImageBuffer<T>.CreateUninitialized(src.Width, src.Height, src.Channels);
        switch (c.Op)
        {
            case "gaussian":
                Convolution.Gaussian(src, actual, c.Ksize, c.Sigma);
                break;
            case "box":
                Convolution.Box(src, actual, c.Ksize);
                break;
            case "median":
                Convolution.Median(src, actual, c.Ksize);
                break;
            case "filter2d":
                var k = c.Kernel!.SelectMany(r => r).ToArray();
                Convolution.Filter2D(src, actual, k, c.Kernel![0].Length, c.Kernel.Length);
                break;
            default:
                throw new InvalidDataException(c.Op);
        }
        var a = actual.ToArray();
        var e = expected.ToArray();
        int within = 0;
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Math.Abs(Value(a[i]) - Value(e[i]));
            worst = Math.Max(worst, d);
            if (d <= tolerance) within++;
        }
        double share = within / (double)a.Length;
        Assert.True(share >= 0.999 && worst <= 3 * tolerance, $"{c.Id}: {share:P3} within {tolerance}, worst {worst}");
    }

    private static double Value<T>(T v) where T : unmanaged => v switch
    {
        byte b => b,
        ushort u => u,
        float f => f,
        _ => throw new NotSupportedException(),
    };

    private static ImageBuffer<T> Load<T>(string file, int[] shape) where T : unmanaged
    {
        var bytes = File.ReadAllBytes(TestPaths.TestData("OpenCvBlur", file));
        return ImageBuffer<T>.Wrap(MemoryMarshal.Cast<byte, T>(bytes).ToArray(), shape[1], shape[0], shape[2]);
    }
}
