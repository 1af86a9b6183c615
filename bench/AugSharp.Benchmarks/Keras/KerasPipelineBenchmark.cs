using AugSharp.Keras;
using BenchmarkDotNet.Attributes;

namespace AugSharp.Benchmarks.Keras;

/// <summary>
/// One Keras ImageDataGenerator random transform (rotation, shifts, shear, zoom, flip,
/// brightness) of a 640x480 RGB photograph held as float: the vector path (one pass over all
/// channels, flips and brightness folded in) and the scalar reference it reproduces bit for bit.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class KerasPipelineBenchmark
{
    private ImageDataGenerator _gen = null!;
    private ImageBuffer<float> _image = null!;
    private long _i;

    /// <summary>False runs the scalar reference (resample per pixel, then flips, then brightness).</summary>
    [Params(true, false)]
    public bool Vectors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gen = new ImageDataGenerator(rotationRange: 30, widthShiftRange: 0.1, heightShiftRange: 0.1, shearRange: 10,
            zoomRange: 0.2, horizontalFlip: true, brightnessRange: [0.5, 1.5]);
        KerasAffineSimd.UseVectors = Vectors;
        KerasColor.UseVectors = Vectors;
        using var photo = BenchmarkImages.Photo(640, 480);
        _image = photo.ConvertTo<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _image.Dispose();
        KerasAffineSimd.UseVectors = true;
        KerasColor.UseVectors = true;
    }

    [Benchmark]
    public int RandomTransform640x480()
    {
        var p = _gen.Sample(RandomStream.For(42, _i++), _image.Shape);
        using var r = _gen.ApplyTransform(_image, p);
        return r.Width;
    }
}
