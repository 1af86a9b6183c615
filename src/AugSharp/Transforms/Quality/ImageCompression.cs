using AugSharp.Imaging.Codecs;
using AugSharp.Kernels;

namespace AugSharp;

/// <summary>The codec of <see cref="ImageCompression"/>.</summary>
public enum ImageCompressionType
{
    /// <summary>Baseline JPEG with 4:2:0 chroma subsampling and the standard quantisation tables (as OpenCV writes it).</summary>
    Jpeg,

    /// <summary>Lossy WebP (libwebp's default method 4, as <c>cv2.imencode</c> with <c>IMWRITE_WEBP_QUALITY</c> writes it).</summary>
    Webp,
}

/// <summary>
/// Lossy compression artefacts (Albumentations' ImageCompression; default p = 0.5): the image is
/// encoded in memory as JPEG or WebP at a quality drawn from <see cref="QualityRange"/> and decoded
/// back, through the library's codecs: JPEG by libjpeg-turbo as <c>cv2.imencode</c> with
/// <c>IMWRITE_JPEG_QUALITY</c> writes it (baseline, 4:2:0, standard tables), WebP by libwebp
/// through libvips with OpenCV's settings (method 4; Skia's encoder, with method 3, is the
/// fallback where libvips cannot be loaded). Gray is compressed as WebP with three equal
/// channels and taken back to gray with OpenCV's weights, as <c>cv2.imdecode</c> reads it.
/// The codecs are 8-bit: uint16 images are taken to 8 bits (<c>round(v/257)</c>) and back
/// (<c>v·257</c>), float32 images (taken in 0..1) to <c>round(v·255)</c> and back (<c>v/255</c>),
/// so their finer levels are lost as well. Channels as Albumentations 2.0.8 groups them: 1 is
/// compressed as gray, 2 as colour with a third channel of zeros (dropped afterwards), 3 as RGB,
/// and from 4 on the first three as RGB and each further channel (alpha included) as gray on its own.
/// As in Albumentations, which hands its RGB array to <c>cv2.imencode</c>, the codec takes the
/// first channel for blue and the third for red (so luma weighs red with blue's weight and the
/// other way round): the result equals OpenCV's round trip of the same array, and the artefacts
/// are as strong as with the channels in their true order (about 1% apart in mean error).
/// </summary>
[TransformCategory("quality")]
public sealed class ImageCompression : Transform<ImageCompressionOperation>, IEightBitStep
{
    private readonly IReadOnlyList<int> _qualityRange = [99, 100];

    /// <summary>The codec. Default jpeg.</summary>
    public ImageCompressionType CompressionType { get; init; } = ImageCompressionType.Jpeg;

    /// <summary>The qualities [min, max] within 1..100 (one number is a fixed quality). Default [99, 100].</summary>
    public IReadOnlyList<int> QualityRange
    {
        get => _qualityRange;
        init
        {
            Bounds(value);
            _qualityRange = value;
        }
    }

    /// <summary>The 8-bit step: the codec, which takes 16-bit images to 8 bits and back.</summary>
    public string? EightBitStep => $"ImageCompression's {(CompressionType == ImageCompressionType.Jpeg ? "JPEG" : "WebP")} codec";

    /// <inheritdoc />
    protected override ImageCompressionOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var (low, high) = Bounds(QualityRange);
        return new ImageCompressionOperation { CompressionType = CompressionType, Quality = low == high ? low : rng.NextInt(low, high + 1) };
    }

    private static (int Low, int High) Bounds(IReadOnlyList<int> value)
    {
        ArgumentNullException.ThrowIfNull(value, "quality_range");
        var (a, b) = value.Count switch
        {
            1 => (value[0], value[0]),
            2 => (value[0], value[1]),
            _ => throw new ArgumentException("quality_range takes [min, max] or one quality.", "quality_range"),
        };
        if (a > b || a < 1 || b > 100)
            throw new ArgumentOutOfRangeException("quality_range", "quality_range must be [min, max] with 1 ≤ min ≤ max ≤ 100.");
        return (a, b);
    }
}

/// <summary>A round trip through <see cref="CompressionType"/> at <see cref="Quality"/>.</summary>
public sealed record ImageCompressionOperation : Operation
{
    /// <summary>The codec.</summary>
    public ImageCompressionType CompressionType { get; init; }

    /// <summary>The quality, 1..100.</summary>
    public int Quality { get; init; } = 100;

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        if (Quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(Quality), Quality, "ImageCompression quality must be within 1..100.");
        using var bytes = ToBytes(image);
        int w = image.Width, h = image.Height, cn = image.Channels;
        using var result = new ImageBuffer<byte>(w, h, cn);
        if (cn == 1)
        {
            using var gray = RoundTrip(bytes, gray: true);
            gray.CopyTo(result);
        }
        else
        {
            // Channels 0, 1, 2 go to the codec as blue, green, red, as cv2.imencode takes the array Albumentations gives it.
            using var colour = new ImageBuffer<byte>(w, h, 3);
            for (int c = 0; c < Math.Min(3, cn); c++) CopyChannels(bytes, c, colour, 2 - c, 1);
            using var decoded = RoundTrip(colour, gray: false);
            for (int c = 0; c < Math.Min(3, cn); c++) CopyChannels(decoded, 2 - c, result, c, 1);
            for (int c = 3; c < cn; c++)
            {
                using var plane = new ImageBuffer<byte>(w, h, 1);
                CopyChannels(bytes, c, plane, 0, 1);
                using var back = RoundTrip(plane, gray: true);
                CopyChannels(back, 0, result, c, 1);
            }
        }
        return FromBytes<T>(result);
    }

    /// <summary>Encodes and decodes a 1-channel (gray) or 3-channel (RGB) image.</summary>
    private ImageBuffer<byte> RoundTrip(ImageBuffer<byte> image, bool gray)
    {
        using var stream = new MemoryStream();
        if (CompressionType == ImageCompressionType.Jpeg)
        {
            ImageCodec.Write(image, stream, ImageFormat.Jpeg, new ImageWriteOptions { Quality = Quality });
        }
        else if (VipsJpegEncoder.IsAvailable)
        {
            EncodeWebP(image, stream, Quality);
        }
        else
        {
            ImageCodec.Write(image, stream, ImageFormat.WebP, new ImageWriteOptions { Quality = Quality });
        }
        stream.Position = 0;
        var decoded = ImageCodec.Read(stream, new ImageReadOptions { ApplyExifOrientation = false }, "ImageCompression").As<byte>();
        int want = gray ? 1 : 3;
        if (decoded.Channels == want) return decoded;
        var fixedUp = new ImageBuffer<byte>(image.Width, image.Height, want);
        if (gray)
        {
            // WebP has no gray mode: the decoded RGB is taken back to gray as cv2.imdecode(IMREAD_GRAYSCALE) does (BGR2GRAY, 14-bit weights).
            for (int y = 0; y < image.Height; y++)
            {
                var s = decoded.GetRow(y);
                var d = fixedUp.GetRow(y);
                int sc = decoded.Channels;
                for (int x = 0; x < image.Width; x++)
                    d[x] = (byte)((s[x * sc] * 4899 + s[x * sc + 1] * 9617 + s[x * sc + 2] * 1868 + 8192) >> 14);
            }
        }
        else
        {
            CopyChannels(decoded, 0, fixedUp, 0, Math.Min(3, decoded.Channels));
        }
        decoded.Dispose();
        return fixedUp;
    }

    /// <summary>Lossy WebP through libvips at libwebp's default method (effort) 4, gray widened to three equal channels first.</summary>
    private static void EncodeWebP(ImageBuffer<byte> image, Stream stream, int quality)
    {
        using var rgb = new ImageBuffer<byte>(image.Width, image.Height, 3);
        for (int c = 0; c < 3; c++) CopyChannels(image, image.Channels == 1 ? 0 : c, rgb, c, 1);
        var pixels = rgb.ToArray();
        using var vips = NetVips.Image.NewFromMemory(pixels, rgb.Width, rgb.Height, 3, NetVips.Enums.BandFormat.Uchar);
        stream.Write(vips.WebpsaveBuffer(q: quality, effort: 4, keep: NetVips.Enums.ForeignKeep.None));
    }

    private static void CopyChannels(ImageBuffer<byte> src, int srcChannel, ImageBuffer<byte> dst, int dstChannel, int count)
    {
        int sc = src.Channels, dc = dst.Channels;
        for (int y = 0; y < src.Height; y++)
        {
            var s = src.GetRow(y);
            var d = dst.GetRow(y);
            for (int x = 0; x < src.Width; x++)
                for (int c = 0; c < count; c++) d[x * dc + dstChannel + c] = s[x * sc + srcChannel + c];
        }
    }

    private static ImageBuffer<byte> ToBytes<T>(ImageBuffer<T> image) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return image.As<byte>().Clone();
        double max = NoiseMath.MaxValue<T>();
        var result = ImageBuffer<byte>.CreateUninitialized(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i++) d[i] = NoiseMath.Put<byte>(NoiseMath.Get(s[i]) * 255 / max, 255);
        }
        return result;
    }

    private static ImageBuffer<T> FromBytes<T>(ImageBuffer<byte> image) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return (ImageBuffer<T>)(object)image.Clone();
        double max = NoiseMath.MaxValue<T>();
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i++) d[i] = KernelCommon.FromDouble<T>(s[i] * max / 255);
        }
        return result;
    }
}
