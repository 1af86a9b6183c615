using BenchmarkDotNet.Attributes;

namespace AugSharp.Benchmarks.Kernels;

/// <summary>
/// CLAHE of an RGB photograph (640x427, clip 2, 8x8 tiles) and its parts: RGB to Lab, the
/// equalisation of L, Lab to RGB, and the whole operation.
/// </summary>
[MemoryDiagnoser]
public class ClaheBenchmarks
{
    private ImageBuffer<byte> _image = null!;
    private ImageBuffer<byte> _lab = null!;
    private ImageBuffer<byte> _lightness = null!;
    private readonly ClaheOperation _operation = new() { ClipLimit = 2, TileGridSize = [8, 8] };

    [GlobalSetup]
    public void Setup()
    {
        _image = BenchmarkImages.Photo(640, 427);
        _lab = Lab.FromRgb(_image);
        _lightness = ImageBuffer<byte>.CreateUninitialized(640, 427, 1);
        for (int y = 0; y < 427; y++)
        {
            var s = _lab.GetRow(y);
            var d = _lightness.GetRow(y);
            for (int x = 0; x < d.Length; x++) d[x] = s[3 * x];
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _image.Dispose();
        _lab.Dispose();
        _lightness.Dispose();
    }

    [Benchmark]
    public void Forward() => Lab.FromRgb(_image).Dispose();

    [Benchmark]
    public void Equalise() => ClaheOperation.Apply(_lightness, 2, 8, 8).Dispose();

    [Benchmark]
    public void Inverse() => Lab.ToRgb(_lab, _image).Dispose();

    [Benchmark]
    public void Whole() => _operation.Apply(new AnnotatedImage(_image)).Image.Dispose();
}
