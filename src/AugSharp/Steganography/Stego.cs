using System.Text;

namespace AugSharp.Steganography;

/// <summary>
/// Hides a message or a file inside an image behind a password, and reveals it.
/// </summary>
/// <remarks>
/// <para><b>Lossless carriers</b> (PNG, BMP, TIFF, lossless WebP; 8 and 16 bits; gray or colour): the
/// bits go into the samples' least significant bits by LSB matching (±1 at random, never LSB
/// replacement) at positions drawn by a permutation keyed by the password, over the whole image;
/// alpha is left alone. One bit per colour sample that is not saturated (0 or the largest value, which
/// neither carry nor are produced): an RGB image of W×H pixels without saturated samples holds
/// W·H·3/8 bytes, less 70 bytes of envelope. At full capacity about half the samples move by 1:
/// PSNR ≈ 51.1 dB for 8-bit images.</para>
/// <para><b>JPEG carriers</b>: the bits go into the quantised DCT coefficients (nsF5: the parity of every
/// AC coefficient is read, non-zero ones are decremented in magnitude, and wet-paper coding makes a
/// coefficient that falls to zero cost nothing), written back
/// with the cover's quantisation tables, so the stego JPEG has the cover's quality and size class.</para>
/// <para><b>Cryptography</b>: the payload is compressed (deflate), padded (Padmé), encrypted and
/// authenticated with AES-256-GCM under a key derived by Argon2id from the password and a random
/// salt (see <see cref="StegoOptions"/>); the header is hidden with the rest and has no fixed bytes.</para>
/// <para><b>Failures</b>: a payload too large throws <see cref="StegoCapacityException"/> with both sizes;
/// a wrong password, an image without a payload, a damaged or tampered one all throw the same
/// <see cref="StegoNoPayloadException"/>; an image that cannot carry a payload in the requested output
/// throws <see cref="StegoCarrierException"/>; an unreadable image throws <see cref="ImageFormatException"/>.
/// Nothing is written to the output stream unless hiding succeeds.</para>
/// </remarks>
public static class Stego
{
    /// <summary>Added to the "no payload" error when a JPEG holds none, whatever the password: a lossless stego image re-encoded as JPEG has lost its payload.</summary>
    public const string JpegNote = "if this JPEG was made from a lossless stego image, its payload is damaged: JPEG compression rewrites the low bits of the pixels; reveal the original PNG, BMP, TIFF or WebP file";

    private static readonly ImageReadOptions ReadExact = new() { ApplyExifOrientation = false };

    /// <summary>Payload bytes (after compression, with the file name) the cover holds: in its DCT coefficients for a JPEG, in its pixels otherwise.</summary>
    /// <exception cref="ImageFormatException">The cover cannot be read.</exception>
    /// <param name="cover">The cover image file's bytes.</param>
    /// <param name="name">Names the cover in errors.</param>
    public static long Capacity(Stream cover, string? name = null)
    {
        byte[] bytes = ReadAll(cover);
        if (IsJpeg(bytes)) return StegoEnvelope.Capacity(JpegCarrier.Open(bytes, name).CarrierBytes);
        using var image = ImageCodec.Read(new MemoryStream(bytes), ReadExact, name);
        return Capacity(image);
    }

    /// <summary>Payload bytes a decoded image holds in its pixels.</summary>
    public static long Capacity(ImageBuffer cover) => StegoEnvelope.Capacity(new LosslessCarrier(cover).CarrierBytes);

    /// <summary>
    /// Reads the cover image from <paramref name="cover"/>, hides <paramref name="payload"/> in it and writes
    /// the stego image to <paramref name="output"/> in <paramref name="outputFormat"/>. A JPEG output needs a
    /// JPEG cover (the coefficients are changed, not the pixels); any other output must be lossless and
    /// able to hold the cover's samples unchanged (PNG and TIFF hold every 8- and 16-bit layout; BMP and
    /// WebP only 8-bit ones).
    /// </summary>
    /// <exception cref="StegoCapacityException">The payload does not fit.</exception>
    /// <exception cref="StegoCarrierException">The cover cannot carry a payload in this format.</exception>
    /// <exception cref="ImageFormatException">The cover cannot be read.</exception>
    /// <param name="cover">The cover image file's bytes (read to the end; the stream is not written).</param>
    /// <param name="output">Receives the stego image file, only when hiding succeeds.</param>
    /// <param name="outputFormat">The stego image's format.</param>
    /// <param name="payload">The message or file.</param>
    /// <param name="password">The password's bytes (UTF-8 for text).</param>
    /// <param name="options">The key derivation's settings; reveal needs the same.</param>
    /// <param name="name">Names the cover in errors.</param>
    public static void Hide(Stream cover, Stream output, ImageFormat outputFormat, StegoPayload payload, ReadOnlySpan<byte> password, StegoOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(payload);
        options ??= StegoOptions.Default;
        byte[] bytes = ReadAll(cover);
        byte[] result;
        if (outputFormat == ImageFormat.Jpeg)
        {
            if (!IsJpeg(bytes))
                throw new StegoCarrierException("a JPEG stego image needs a JPEG cover (the payload goes into its DCT coefficients); for this cover write PNG, TIFF, BMP or WebP");
            result = JpegCarrier.Open(bytes, name).Hide(payload, password, options);
        }
        else
        {
            if (outputFormat is not (ImageFormat.Png or ImageFormat.Bmp or ImageFormat.Tiff or ImageFormat.WebP))
                throw new StegoCarrierException($"{outputFormat} cannot hold a stego image: write PNG, BMP, TIFF, lossless WebP, or JPEG from a JPEG cover");
            using var image = ImageCodec.Read(new MemoryStream(bytes), ReadExact, name);
            result = Encode(Hide(image, payload, password, options), outputFormat);
        }
        output.Write(result);
    }

    /// <summary>Hides <paramref name="payload"/> in a copy of <paramref name="cover"/>'s pixels and returns the copy (the caller disposes it); save it losslessly.</summary>
    /// <exception cref="StegoCapacityException">The payload does not fit.</exception>
    public static ImageBuffer Hide(ImageBuffer cover, StegoPayload payload, ReadOnlySpan<byte> password, StegoOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cover);
        ArgumentNullException.ThrowIfNull(payload);
        options ??= StegoOptions.Default;
        var check = new LosslessCarrier(cover);
        byte[] content = StegoEnvelope.Pack(payload);
        if (content.Length > StegoEnvelope.Capacity(check.CarrierBytes)) throw new StegoCapacityException(content.Length, StegoEnvelope.Capacity(check.CarrierBytes));
        var (header, body) = StegoEnvelope.Seal(content, password, options, check.CarrierBytes, _ => 0);
        ImageBuffer stego = cover switch
        {
            ImageBuffer<byte> b => b.Clone(),
            ImageBuffer<ushort> u => u.Clone(),
            _ => throw new StegoCarrierException($"a {cover.PixelType} image cannot carry a payload"),
        };
        var carrier = new LosslessCarrier(stego);
        carrier.Embed(StegoEnvelope.DerivePositionKey(password, carrier.Shape, options), header, body);
        return stego;
    }

    /// <summary>Reveals the payload of the stego image read from <paramref name="stego"/> (a JPEG's coefficients, or any other image's pixels).</summary>
    /// <exception cref="StegoNoPayloadException">Wrong password, no payload, or a damaged or tampered image.</exception>
    /// <exception cref="ImageFormatException">The image cannot be read (missing, truncated, not an image).</exception>
    /// <param name="stego">The stego image file's bytes.</param>
    /// <param name="password">The password's bytes (UTF-8 for text).</param>
    /// <param name="options">The key derivation's settings, as given to hide.</param>
    /// <param name="name">Names the image in errors.</param>
    public static StegoPayload Reveal(Stream stego, ReadOnlySpan<byte> password, StegoOptions? options = null, string? name = null)
    {
        options ??= StegoOptions.Default;
        byte[] bytes = ReadAll(stego);
        if (IsJpeg(bytes)) return JpegCarrier.Open(bytes, name).Reveal(password, options, JpegNote);
        using var image = ImageCodec.Read(new MemoryStream(bytes), ReadExact, name);
        return Reveal(image, password, options);
    }

    /// <summary>Reveals the payload hidden in a decoded image's pixels.</summary>
    /// <exception cref="StegoNoPayloadException">Wrong password, no payload, or a damaged or tampered image.</exception>
    public static StegoPayload Reveal(ImageBuffer stego, ReadOnlySpan<byte> password, StegoOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stego);
        options ??= StegoOptions.Default;
        if (stego.PixelType is not (PixelType.UInt8 or PixelType.UInt16)) throw new StegoNoPayloadException();
        var carrier = new LosslessCarrier(stego);
        return StegoEnvelope.Open(carrier.Reader(StegoEnvelope.DerivePositionKey(password, carrier.Shape, options)), password, options);
    }

    /// <summary>The UTF-8 bytes of a password typed or read as text (a final line break removed by the caller).</summary>
    public static byte[] PasswordBytes(string password) => Encoding.UTF8.GetBytes(password);

    private static byte[] Encode(ImageBuffer stego, ImageFormat format)
    {
        using (stego)
        {
            using var encoded = new MemoryStream();
            ImageCodec.Write(stego, encoded, format, new ImageWriteOptions { Lossless = true });
            byte[] bytes = encoded.ToArray();
            using var back = ImageCodec.Read(new MemoryStream(bytes), ReadExact);
            if (!SameSamples(stego, back))
                throw new StegoCarrierException($"{format} cannot hold this {stego.Channels}-channel {(stego.PixelType == PixelType.UInt16 ? "16" : "8")}-bit image unchanged: write PNG or TIFF");
            return bytes;
        }
    }

    private static bool SameSamples(ImageBuffer a, ImageBuffer b)
    {
        if (a.Shape != b.Shape || a.PixelType != b.PixelType) return false;
        for (int y = 0; y < a.Height; y++)
        {
            bool same = a switch
            {
                ImageBuffer<byte> x => x.GetRow(y).SequenceEqual(((ImageBuffer<byte>)b).GetRow(y)),
                ImageBuffer<ushort> x => x.GetRow(y).SequenceEqual(((ImageBuffer<ushort>)b).GetRow(y)),
                _ => false,
            };
            if (!same) return false;
        }
        return true;
    }

    private static bool IsJpeg(byte[] bytes) => ImageCodec.DetectFormat(bytes.AsSpan(0, Math.Min(16, bytes.Length))) == ImageFormat.Jpeg;

    private static byte[] ReadAll(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
