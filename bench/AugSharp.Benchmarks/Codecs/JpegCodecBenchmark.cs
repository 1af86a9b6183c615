using BenchmarkDotNet.Attributes;
using NetVips;

namespace AugSharp.Benchmarks.Codecs;

/// <summary>
/// JPEG decode and quality-90 encode (4:2:0) of a photograph, through AugSharp's codec (Skia)
/// and through NetVips (libvips, one thread, operation cache off). ImageCodec encodes JPEG with
/// libvips; Encode_Skia calls the Skia encoder directly.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class JpegCodecBenchmark
{
    private ImageBuffer<byte> _image = null!;
    private byte[] _pixels = null!;
    private byte[] _jpeg = null!;
    private readonly ImageWriteOptions _quality90 = new() { Quality = 90 };

    [Params("640x480", "1920x1080")]
    public string Size { get; set; } = "640x480";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        _image = BenchmarkImages.Photo(int.Parse(parts[0]), int.Parse(parts[1]));
        _pixels = _image.ToArray();
        using var stream = new MemoryStream();
        ImageCodec.Write(_image, stream, ImageFormat.Jpeg, _quality90);
        _jpeg = stream.ToArray();
        Cache.Max = 0;
        NetVips.NetVips.Concurrency = 1;
    }

    [GlobalCleanup]
    public void Cleanup() => _image.Dispose();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Decode")]
    public int Decode_Skia()
    {
        using var image = ImageCodec.Read(new MemoryStream(_jpeg, writable: false));
        return image.Width;
    }

    [Benchmark]
    [BenchmarkCategory("Decode")]
    public int Decode_NetVips()
    {
        using var image = Image.NewFromBuffer(_jpeg, access: Enums.Access.Sequential);
        return image.WriteToMemory<byte>().Length;
    }

    [Benchmark]
    [BenchmarkCategory("Encode")]
    public long Encode_Skia()
    {
        using var stream = new MemoryStream(_jpeg.Length * 2);
        AugSharp.Imaging.Codecs.SkiaCodec.Encode(_image, ImageFormat.Jpeg, stream, _quality90);
        return stream.Length;
    }

    [Benchmark]
    [BenchmarkCategory("Encode")]
    public long Encode_ImageCodec()
    {
        using var stream = new MemoryStream(_jpeg.Length * 2);
        ImageCodec.Write(_image, stream, ImageFormat.Jpeg, _quality90);
        return stream.Length;
    }

    [Benchmark]
    [BenchmarkCategory("Encode")]
    public int Encode_NetVips()
    {
        using var image = Image.NewFromMemory(_pixels, _image.Width, _image.Height, 3, Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer(q: 90, subsampleMode: Enums.ForeignSubsample.On).Length;
    }
}
