using BenchmarkDotNet.Attributes;
using NetVips;

namespace AugSharp.Benchmarks.Codecs;

/// <summary>
/// JPEG decode and quality-90 encode (4:2:0) of a photograph. ImageCodec decodes plain JPEG
/// files with libvips into the image buffer (Decode_ImageCodec); Decode_Skia is the Skia path it
/// replaced (RGBA, then dropped to RGB); Decode_NetVips is libvips' own WriteToMemory (one thread,
/// operation cache off), which allocates the pixels again. ImageCodec encodes JPEG with libvips;
/// Encode_Skia calls the Skia encoder directly.
/// </summary>
/// <remarks>
/// One run (2 shared cores, load average 15 to 20, --job short --iterationCount 12; means, ms):
/// 640x480 Skia 7.8, ImageCodec 7.0 (0.90), NetVips 5.5; 1920x1080 Skia 31.4, ImageCodec 22.7
/// (0.73), NetVips 19.4; 4000x3000 Skia 197, ImageCodec 91 (0.47), NetVips 102. A first run gave
/// 0.55, 0.77 and 0.33. libvips is faster at every size, so no size threshold is used.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class JpegCodecBenchmark
{
    private ImageBuffer<byte> _image = null!;
    private byte[] _pixels = null!;
    private byte[] _jpeg = null!;
    private readonly ImageWriteOptions _quality90 = new() { Quality = 90 };
    private readonly ImageReadOptions _read = new();

    [Params("640x480", "1920x1080", "4000x3000")]
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
        using var image = AugSharp.Imaging.Codecs.SkiaCodec.Decode(_jpeg, ImageFormat.Jpeg, _read, null, jpegThroughVips: false);
        return image.Width;
    }

    [Benchmark]
    [BenchmarkCategory("Decode")]
    public int Decode_ImageCodec()
    {
        using var image = ImageCodec.Decode(_jpeg, _read);
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
