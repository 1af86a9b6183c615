using NetVips;

namespace AugSharp.Imaging.Codecs;

/// <summary>
/// Decodes plain JPEG files through libvips (libjpeg-turbo, integer ISLOW DCT, fancy upsampling,
/// no shrink-on-load, no autorotation), straight into the <see cref="ImageBuffer{T}"/>'s memory.
/// The pixels are the same as Skia's and Pillow's (both libjpeg-turbo with the same settings),
/// and the decode is faster than Skia's for every size measured (see <c>JpegCodecBenchmark</c>).
/// </summary>
/// <remarks>
/// Only the cases shown identical to Skia are taken: 8-bit Huffman-coded DCT (baseline, extended
/// sequential or progressive) with 1 or 3 components, whose structure checks found nothing wrong.
/// Everything else (CMYK and YCCK, 12-bit, lossless, arithmetic coding, a scan that stops early),
/// a file on which libjpeg reports any warning, and every process where libvips cannot be loaded,
/// goes to Skia (<see langword="null"/> is returned), which gives the errors and warnings of
/// <see cref="ImageCodec"/>.
/// <para>libvips' operation cache is switched off (process-wide) before the first decode: every
/// load is of a new copy of the file, so it could never be reused, and each cached load would
/// keep that copy and its line buffers alive (up to 100 of them).</para>
/// </remarks>
internal static class VipsJpegDecoder
{
    private static readonly Lazy<bool> Ready = new(() =>
    {
        if (!VipsJpegEncoder.IsAvailable) return false;
        Cache.Max = 0;
        return true;
    });

    /// <summary>True when this frame is one that libvips decodes exactly as Skia does.</summary>
    public static bool Accepts(JpegStructure.Frame frame)
        => frame.IsHuffmanDct && frame.Precision == 8 && frame.Components.Length is 1 or 3
           && frame.Width > 0 && frame.Height > 0;

    /// <summary>
    /// The decoded pixels as stored (no EXIF orientation applied): 1 channel for a one-component
    /// JPEG, 3 (RGB) otherwise. Null when the file is not one this decoder takes, when libvips is
    /// not available, or when libjpeg reports anything (decode it with Skia then).
    /// </summary>
    public static unsafe ImageBuffer<byte>? TryDecode(byte[] data, JpegStructure.Frame frame)
    {
        if (!Accepts(frame) || !Ready.Value) return null;
        int channels = frame.Components.Length;
        ImageBuffer<byte>? image = null;
        try
        {
            using var source = Image.JpegloadBuffer(data, shrink: 1, autorotate: false, access: Enums.Access.Sequential, failOn: Enums.FailOn.Warning);
            if (source.Width != frame.Width || source.Height != frame.Height || source.Bands != channels || source.Format != Enums.BandFormat.Uchar)
                return null;
            image = new ImageBuffer<byte>(frame.Width, frame.Height, channels);
            var pixels = image.GetSpan();
            if (!VipsRegions.Fetch(source, pixels, frame.Width, frame.Height, channels)) return null;
            var decoded = image;
            image = null;
            return decoded;
        }
        catch (VipsException)
        {
            return null;
        }
        finally
        {
            image?.Dispose();
        }
    }
}
