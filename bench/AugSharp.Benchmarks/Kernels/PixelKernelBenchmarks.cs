using AugSharp.Kernels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace AugSharp.Benchmarks.Kernels;

/// <summary>
/// The uint8 pixel kernels on a 451x300 RGB photograph, one thread, each against its plain
/// scalar form (the baseline of its category, same output): the Gaussian blur with 13 taps and
/// σ 2 (reflect101; the baseline runs both passes in 32-bit sums over whole rows), the BT.601
/// gray value to one channel, and the ImageNet normalisation to float32.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IntrinsicsJobsConfig))]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PixelKernelBenchmarks
{
    private static readonly double[] Mean = [0.485, 0.456, 0.406];
    private static readonly double[] Std = [0.229, 0.224, 0.225];
    private ImageBuffer<byte> _image = null!;
    private ImageBuffer<byte> _blurred = null!;
    private ImageBuffer<byte> _gray = null!;
    private ImageBuffer<float> _normalised = null!;
    private int[] _weights = null!;
    private double[] _offset = null!;
    private double[] _scale = null!;

    [GlobalSetup]
    public void Setup()
    {
        _image = BenchmarkImages.Photo(451, 300);
        _blurred = ImageBuffer<byte>.CreateUninitialized(451, 300, 3);
        _gray = ImageBuffer<byte>.CreateUninitialized(451, 300, 1);
        _normalised = ImageBuffer<float>.CreateUninitialized(451, 300, 3);
        _weights = Convolution.GaussianWeights8(13, 2.0);
        _offset = Mean.Select(m => m * 255).ToArray();
        _scale = Std.Select(s => 1 / (s * 255)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _image.Dispose();
        _blurred.Dispose();
        _gray.Dispose();
        _normalised.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("GaussianBlur")]
    public void GaussianScalarRows() => Convolution.SeparableFixed(_image, _blurred, _weights, _weights, 8, 8, BorderMode.Reflect101);

    [Benchmark, BenchmarkCategory("GaussianBlur")]
    public void Gaussian() => Convolution.Gaussian(_image, _blurred, 13, 2.0);

    [Benchmark(Baseline = true), BenchmarkCategory("Grayscale")]
    public void GrayScalar()
    {
        for (int y = 0; y < _image.Height; y++)
        {
            ReadOnlySpan<byte> s = _image.GetRow(y);
            Span<byte> d = _gray.GetRow(y);
            for (int i = 0, o = 0; i < s.Length; i += 3, o++)
                d[o] = (byte)((s[i] * 9798 + s[i + 1] * 19235 + s[i + 2] * 3735 + (1 << 14)) >> 15);
        }
    }

    [Benchmark, BenchmarkCategory("Grayscale")]
    public void Gray() => ColorKernels.RgbToGray(_image, _gray, 1);

    [Benchmark(Baseline = true), BenchmarkCategory("Normalize")]
    public void NormalizeScalar()
    {
        for (int y = 0; y < _image.Height; y++)
        {
            var s = _image.GetRow(y);
            var d = _normalised.GetRow(y);
            for (int i = 0; i < s.Length; i++)
            {
                int c = i % 3;
                d[i] = (float)Math.Clamp((s[i] - _offset[c]) * _scale[c], double.NegativeInfinity, double.PositiveInfinity);
            }
        }
    }

    [Benchmark, BenchmarkCategory("Normalize")]
    public void Normalize()
    {
        for (int y = 0; y < _image.Height; y++) ColorKernels.NormalizeRow(_image.GetRow(y), _normalised.GetRow(y), _offset, _scale);
    }
}
