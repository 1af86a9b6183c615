using System.Runtime.InteropServices;
using System.Text.Json;
using AugSharp.Kernels;

namespace AugSharp.Tests.Kernels;

/// <summary>One case of TestData/OpenCv/manifest.json (made by tools/opencv_references.py).</summary>
public sealed class OpenCvCase
{
    public required string Id { get; init; }
    public required string Op { get; init; }
    public required string DType { get; init; }
    public required string Src { get; init; }
    public required int[] SrcShape { get; init; }
    public required string Dst { get; init; }
    public required int[] DstShape { get; init; }
    public double[][]? Matrix { get; init; }
    public string? Interpolation { get; init; }
    public string? Border { get; init; }
    public double[]? BorderValue { get; init; }
    public string? Map { get; init; }
    public int[]? MapShape { get; init; }
    public int Top { get; init; }
    public int Left { get; init; }
    public int QuarterTurns { get; init; }

    public override string ToString() => Id;

    public Matrix3x3 Matrix3 => new(Matrix![0][0], Matrix[0][1], Matrix[0][2], Matrix[1][0], Matrix[1][1], Matrix[1][2], Matrix[2][0], Matrix[2][1], Matrix[2][2]);

    public Interpolation InterpolationMode => Interpolation switch
    {
        "nearest" => AugSharp.Interpolation.Nearest,
        "linear" => AugSharp.Interpolation.Linear,
        "cubic" => AugSharp.Interpolation.Cubic,
        "area" => AugSharp.Interpolation.Area,
        "lanczos" => AugSharp.Interpolation.Lanczos,
        _ => throw new InvalidDataException(Interpolation),
    };

    public BorderMode BorderMode => Border switch
    {
        "constant" => BorderMode.Constant,
        "replicate" => BorderMode.Replicate,
        "reflect" => BorderMode.Reflect,
        "reflect101" => BorderMode.Reflect101,
        "wrap" => BorderMode.Wrap,
        _ => throw new InvalidDataException(Border),
    };
}

/// <summary>A point-mapping reference: cv2.transform or cv2.perspectiveTransform.</summary>
public sealed class OpenCvPoints
{
    public required string Id { get; init; }
    public required double[][] Matrix { get; init; }
    public required double[][] Points { get; init; }
    public required double[][] Mapped { get; init; }
}

/// <summary>Loads the committed OpenCV references and compares kernel outputs with them.</summary>
public static class OpenCvReference
{
    private sealed class Manifest
    {
        public required string OpenCv { get; init; }
        public required List<OpenCvCase> Cases { get; init; }
        public required List<OpenCvPoints> Points { get; init; }
    }

    private static readonly Lazy<Manifest> Data = new(() =>
    {
        var json = File.ReadAllText(TestPaths.TestData("OpenCv", "manifest.json"));
        return JsonSerializer.Deserialize<Manifest>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
               ?? throw new InvalidDataException("Empty manifest.");
    });

    public static string Version => Data.Value.OpenCv;

    public static IReadOnlyList<OpenCvCase> Cases => Data.Value.Cases;

    public static IReadOnlyList<OpenCvPoints> Points => Data.Value.Points;

    public static OpenCvCase Case(string id) => Cases.Single(c => c.Id == id);

    public static TheoryData<string> Ids(params string[] ops)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases.Where(c => ops.Contains(c.Op))) data.Add(c.Id);
        return data;
    }

    public static ImageBuffer<T> Load<T>(string file, int[] shape) where T : unmanaged
    {
        var bytes = File.ReadAllBytes(TestPaths.TestData("OpenCv", file));
        var data = MemoryMarshal.Cast<byte, T>(bytes).ToArray();
        return ImageBuffer<T>.Wrap(data, shape[1], shape[0], shape[2]);
    }

    /// <summary>Runs the case's operation with AugSharp's kernels.</summary>
    public static ImageBuffer<T> Run<T>(OpenCvCase c, ImageBuffer<T> src) where T : unmanaged
    {
        var dst = ImageBuffer<T>.CreateUninitialized(c.DstShape[1], c.DstShape[0], c.DstShape[2]);
        switch (c.Op)
        {
            case "affine":
                Warp.Affine(src, dst, c.Matrix3, c.InterpolationMode, c.BorderMode, c.BorderValue);
                break;
            case "perspective":
                Warp.Perspective(src, dst, c.Matrix3, c.InterpolationMode, c.BorderMode, c.BorderValue);
                break;
            case "remap":
                using (var map = Load<float>(c.Map!, c.MapShape!))
                    Warp.Remap(src, dst, map, c.InterpolationMode, c.BorderMode, c.BorderValue);
                break;
            case "resize":
                ResizeKernel.Apply(src, dst, c.InterpolationMode);
                break;
            case "flipHorizontal":
                Flip.Horizontal(src, dst);
                break;
            case "flipVertical":
                Flip.Vertical(src, dst);
                break;
            case "transpose":
                Flip.Transpose(src, dst);
                break;
            case "rot90":
                Flip.Rotate90(src, dst, c.QuarterTurns);
                break;
            case "pad":
                PadKernel.Apply(src, dst, c.Top, c.Left, c.BorderMode, c.BorderValue);
                break;
            default:
                throw new InvalidDataException(c.Op);
        }
        return dst;
    }

    /// <summary>Result of comparing one case: elements off by more than the tolerance, and the largest difference.</summary>
    public readonly record struct Comparison(int Elements, int Mismatches, double MaxDiff)
    {
        public double MismatchPercent => 100.0 * Mismatches / Elements;
    }

    /// <summary>Tolerance per element type: 1 level for integers, 1e-4 for float (inputs in 0..1.5).</summary>
    public static double Tolerance(string dtype) => dtype == "float32" ? 1e-4 : 1;

    /// <summary>Runs the case (optionally on a strided copy of the source) and compares with OpenCV.</summary>
    public static Comparison Compare(OpenCvCase c, bool stridedSource = false) => c.DType switch
    {
        "uint8" => Compare<byte>(c, stridedSource),
        "uint16" => Compare<ushort>(c, stridedSource),
        _ => Compare<float>(c, stridedSource),
    };

    private static Comparison Compare<T>(OpenCvCase c, bool strided) where T : unmanaged
    {
        using var src = Load<T>(c.Src, c.SrcShape);
        using var expected = Load<T>(c.Dst, c.DstShape);
        ImageBuffer<T> input = src;
        ImageBuffer<T>? big = null;
        if (strided)
        {
            // The same pixels as a crop view of a larger, noisy image.
            big = new ImageBuffer<T>(src.Width + 7, src.Height + 5, src.Channels);
            var rng = new Random(5);
            for (int y = 0; y < big.Height; y++)
            {
                var row = big.GetRow(y);
                for (int i = 0; i < row.Length; i++) row[i] = KernelValue<T>(rng.Next(256));
            }
            input = big.Crop(3, 2, src.Width, src.Height);
            src.CopyTo(input);
        }
        using var actual = Run(c, input);
        big?.Dispose();
        var a = actual.ToArray();
        var e = expected.ToArray();
        double tol = Tolerance(c.DType), max = 0;
        int bad = 0;
        for (int i = 0; i < e.Length; i++)
        {
            double d = Math.Abs(ToDouble(a[i]) - ToDouble(e[i]));
            if (double.IsNaN(d)) d = double.PositiveInfinity;
            if (d > max) max = d;
            if (d > tol) bad++;
        }
        return new Comparison(e.Length, bad, max);
    }

    private static T KernelValue<T>(int v) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return (T)(object)(byte)v;
        if (typeof(T) == typeof(ushort)) return (T)(object)(ushort)(v * 257);
        return (T)(object)(v / 255f);
    }

    public static double ToDouble<T>(T v) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return (byte)(object)v;
        if (typeof(T) == typeof(ushort)) return (ushort)(object)v;
        return (float)(object)v;
    }
}
