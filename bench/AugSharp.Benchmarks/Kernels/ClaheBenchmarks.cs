using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace AugSharp.Benchmarks.Kernels;

/// <summary>
/// CLAHE of an RGB photograph (640x427, clip 2, 8x8 tiles) and its parts, each against its
/// scalar form (the same bytes): RGB to Lab (interleaved, as before, against the three planes),
/// the equalisation of L (the bilinear step scalar or vector), Lab to RGB (interleaved against
/// planes), and the whole operation.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClaheBenchmarks
{
    private ImageBuffer<byte> _image = null!;
    private ImageBuffer<byte> _lab = null!;
    private ImageBuffer<byte> _lightness = null!;
    private ImageBuffer<byte> _a = null!;
    private ImageBuffer<byte> _b = null!;
    private readonly ClaheOperation _operation = new() { ClipLimit = 2, TileGridSize = [8, 8] };

    [GlobalSetup]
    public void Setup()
    {
        _image = BenchmarkImages.Photo(640, 427);
        _lab = Lab.FromRgb(_image);
        _lightness = ImageBuffer<byte>.CreateUninitialized(640, 427, 1);
        _a = ImageBuffer<byte>.CreateUninitialized(640, 427, 1);
        _b = ImageBuffer<byte>.CreateUninitialized(640, 427, 1);
        Lab.FromRgbPlanes(_image, _lightness, _a, _b);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _image.Dispose();
        _lab.Dispose();
        _lightness.Dispose();
        _a.Dispose();
        _b.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward")]
    public void ForwardInterleaved() => Lab.FromRgb(_image).Dispose();

    [Benchmark, BenchmarkCategory("Forward")]
    public void ForwardPlanesScalar() => Lab.FromRgbPlanes(_image, _lightness, _a, _b, vector: false);

    [Benchmark, BenchmarkCategory("Forward")]
    public void ForwardPlanes() => Lab.FromRgbPlanes(_image, _lightness, _a, _b);

    [Benchmark(Baseline = true), BenchmarkCategory("Equalise")]
    public void EqualiseScalar() => ClaheOperation.Apply(_lightness, 2, 8, 8, vector: false).Dispose();

    [Benchmark, BenchmarkCategory("Equalise")]
    public void Equalise() => ClaheOperation.Apply(_lightness, 2, 8, 8).Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("Inverse")]
    public void InverseInterleaved() => Lab.ToRgb(_lab, _image).Dispose();

    [Benchmark, BenchmarkCategory("Inverse")]
    public void InversePlanesScalar() => Lab.ToRgbPlanes(_lightness, _a, _b, _image, vector: false).Dispose();

    [Benchmark, BenchmarkCategory("Inverse")]
    public void InversePlanes() => Lab.ToRgbPlanes(_lightness, _a, _b, _image).Dispose();

    [Benchmark, BenchmarkCategory("Whole")]
    public void Whole() => _operation.Apply(new AnnotatedImage(_image)).Image.Dispose();
}
