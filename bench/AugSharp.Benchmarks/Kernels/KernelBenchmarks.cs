using AugSharp.Kernels;
using BenchmarkDotNet.Attributes;

namespace AugSharp.Benchmarks.Kernels;

/// <summary>
/// The geometric kernels on a 640x480 RGB photograph (8-bit), one thread: bilinear affine warp
/// (10 degree rotation and 1.1 zoom about the centre, constant border), bilinear resize to
/// 320x240 and 1280x960, horizontal and vertical flips, and a copy of the same bytes as the baseline.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IntrinsicsJobsConfig))]
[MedianColumn]
public class KernelBenchmarks
{
    private ImageBuffer<byte> _image = null!;
    private ImageBuffer<byte> _same = null!;
    private ImageBuffer<byte> _half = null!;
    private ImageBuffer<byte> _double = null!;
    private Matrix3x3 _inverse;

    [GlobalSetup]
    public void Setup()
    {
        _image = BenchmarkImages.Photo(640, 480);
        _same = ImageBuffer<byte>.CreateUninitialized(640, 480, 3);
        _half = ImageBuffer<byte>.CreateUninitialized(320, 240, 3);
        _double = ImageBuffer<byte>.CreateUninitialized(1280, 960, 3);
        // Destination -> source: about the centre, rotate by 10 degrees and zoom in by 1.1.
        _inverse = (Matrix3x3.Translation(320, 240) * Matrix3x3.Rotation(10) * Matrix3x3.Scale(1.1, 1.1) * Matrix3x3.Translation(-320, -240)).Invert();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _image.Dispose();
        _same.Dispose();
        _half.Dispose();
        _double.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Memcpy() => _image.GetSpan().CopyTo(_same.GetSpan());

    [Benchmark]
    public void FlipHorizontal() => Flip.Horizontal(_image, _same);

    [Benchmark]
    public void FlipVertical() => Flip.Vertical(_image, _same);

    [Benchmark]
    public void WarpAffineLinear() => Warp.Affine(_image, _same, _inverse, Interpolation.Linear, BorderMode.Constant, [0.0]);

    [Benchmark]
    public void ResizeLinearDown() => ResizeKernel.Apply(_image, _half, Interpolation.Linear);

    [Benchmark]
    public void ResizeLinearUp() => ResizeKernel.Apply(_image, _double, Interpolation.Linear);
}
