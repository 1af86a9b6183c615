using AugSharp.Steganography;

namespace AugSharp.Tests.Steganography;

/// <summary>Small covers cut from the sample photos, in every layout a lossless carrier takes.</summary>
internal static class StegoTestCovers
{
    public static readonly StegoOptions Fast = StegoEnvelopeTests.Fast;

    public static readonly byte[] Password = "open sesame, 42"u8.ToArray();

    /// <summary>A <paramref name="size"/>² crop of a sample photo with the given channels (1 gray, 2 gray+alpha, 3, 4) and depth (8 or 16).</summary>
    public static ImageBuffer Photo(string name, int channels, int bits, int size = 64, int x = 100, int y = 100)
    {
        using var full = ImageCodec.Read(TestPaths.Image(name), new ImageReadOptions { ApplyExifOrientation = false });
        var rgb = full.As<byte>();
        var noise = new Random(channels * 31 + bits);
        if (bits == 8)
        {
            var image = new ImageBuffer<byte>(size, size, channels);
            for (int r = 0; r < size; r++)
                for (int c = 0; c < size; c++)
                {
                    int sx = Math.Min(x + c, rgb.Width - 1), sy = Math.Min(y + r, rgb.Height - 1);
                    for (int ch = 0; ch < channels; ch++)
                        image[r, c, ch] = IsAlpha(channels, ch) ? (byte)((r * 7 + c) % 255 + 1) : rgb[sy, sx, Math.Min(ch, rgb.Channels - 1)];
                }
            return image;
        }
        var deep = new ImageBuffer<ushort>(size, size, channels);
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
            {
                int sx = Math.Min(x + c, rgb.Width - 1), sy = Math.Min(y + r, rgb.Height - 1);
                for (int ch = 0; ch < channels; ch++)
                    deep[r, c, ch] = IsAlpha(channels, ch) ? (ushort)(r * 1000 + c) : (ushort)Math.Min(65535, rgb[sy, sx, Math.Min(ch, rgb.Channels - 1)] * 257 + noise.Next(257));
            }
        return deep;
    }

    public static bool IsAlpha(int channels, int channel) => channels is 2 or 4 && channel == channels - 1;

    public static byte[] Encode(ImageBuffer image, ImageFormat format)
    {
        using var stream = new MemoryStream();
        ImageCodec.Write(image, stream, format, new ImageWriteOptions { Lossless = true });
        return stream.ToArray();
    }

    /// <summary>A file payload of random bytes whose packed size is <paramref name="bytes"/>.</summary>
    public static StegoPayload RandomPayload(long bytes, int seed)
    {
        var data = new byte[Math.Max(0, bytes - 4)]; // flag, kind, name length, one-letter name
        new Random(seed).NextBytes(data);
        return StegoPayload.FromFile("r", data);
    }

    public static double Psnr(ImageBuffer a, ImageBuffer b)
    {
        double max = a.PixelType == PixelType.UInt8 ? 255 : 65535, sum = 0;
        long count = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
                for (int c = 0; c < a.Channels; c++, count++)
                {
                    double d = Sample(a, y, x, c) - Sample(b, y, x, c);
                    sum += d * d;
                }
        return sum == 0 ? double.PositiveInfinity : 10 * Math.Log10(max * max / (sum / count));
    }

    public static int Sample(ImageBuffer image, int y, int x, int c)
        => image is ImageBuffer<byte> b ? b[y, x, c] : ((ImageBuffer<ushort>)image)[y, x, c];

    /// <summary>Colour samples neither 0 nor the largest value: the ones that carry a bit.</summary>
    public static int Unsaturated(ImageBuffer image)
    {
        int max = image.PixelType == PixelType.UInt8 ? 255 : 65535, count = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                for (int c = 0; c < image.Channels; c++)
                {
                    int v = Sample(image, y, x, c);
                    if (!IsAlpha(image.Channels, c) && v != 0 && v != max) count++;
                }
        return count;
    }
}
