namespace AugSharp.Pictures;

/// <summary>Conversions between decoded images and the 8-bit RGB pictures people look at, and Keras' float range.</summary>
public static class PictureConversion
{
    /// <summary>
    /// The image as 8-bit with its own channels: 16-bit values are scaled by 1/257, floats are
    /// taken as 0..255 (Keras' range), rounded and saturated.
    /// </summary>
    public static ImageBuffer<byte> ToBytes(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image switch
        {
            ImageBuffer<byte> b => b.Clone(),
            ImageBuffer<ushort> u => u.ConvertTo<byte>(),
            ImageBuffer<float> f => f.ConvertTo<byte>(),
            _ => throw new NotSupportedException($"Pixel type {image.PixelType} is not supported."),
        };
    }

    /// <summary>
    /// The image as Keras floats in 0..255 (what <see cref="Keras.ImageDataGenerator"/> works on):
    /// 8-bit values as they are, 16-bit values divided by 257 (fractions kept).
    /// </summary>
    public static ImageBuffer<float> ToKerasFloat(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        switch (image)
        {
            case ImageBuffer<byte> b:
                return b.ConvertTo<float>();
            case ImageBuffer<ushort> u:
                var f = u.ConvertTo<float>();
                for (int y = 0; y < f.Height; y++)
                {
                    var row = f.GetRow(y);
                    for (int i = 0; i < row.Length; i++) row[i] /= 257f;
                }
                return f;
            case ImageBuffer<float> fl:
                return fl.Clone();
            default:
                throw new NotSupportedException($"Pixel type {image.PixelType} is not supported.");
        }
    }

    /// <summary>Keras floats in 0..255 back to <paramref name="target"/> (16-bit multiplies by 257), rounded and saturated.</summary>
    public static ImageBuffer FromKerasFloat(ImageBuffer<float> image, PixelType target)
    {
        ArgumentNullException.ThrowIfNull(image);
        switch (target)
        {
            case PixelType.UInt8:
                return image.ConvertTo<byte>();
            case PixelType.UInt16:
                using (var scaled = image.Clone())
                {
                    for (int y = 0; y < scaled.Height; y++)
                    {
                        var row = scaled.GetRow(y);
                        for (int i = 0; i < row.Length; i++) row[i] *= 257f;
                    }
                    return scaled.ConvertTo<ushort>();
                }
            default:
                return image.Clone();
        }
    }

    /// <summary>
    /// The image as 8-bit RGB for display: gray is repeated into three channels, alpha is
    /// composited over <paramref name="background"/> (white by default), extra channels beyond the fourth are dropped.
    /// </summary>
    public static ImageBuffer<byte> ToRgb(ImageBuffer<byte> image, byte background = 255)
    {
        ArgumentNullException.ThrowIfNull(image);
        int ch = image.Channels;
        var result = new ImageBuffer<byte>(image.Width, image.Height, 3);
        for (int y = 0; y < image.Height; y++)
        {
            var src = image.GetRow(y);
            var dst = result.GetRow(y);
            for (int x = 0; x < image.Width; x++)
            {
                int s = x * ch;
                int r, g, b, a = 255;
                if (ch <= 2) { r = g = b = src[s]; if (ch == 2) a = src[s + 1]; }
                else { r = src[s]; g = src[s + 1]; b = src[s + 2]; if (ch >= 4) a = src[s + 3]; }
                dst[x * 3] = Blend(r, a, background);
                dst[x * 3 + 1] = Blend(g, a, background);
                dst[x * 3 + 2] = Blend(b, a, background);
            }
        }
        return result;
    }

    private static byte Blend(int value, int alpha, byte background)
        => (byte)((value * alpha + background * (255 - alpha) + 127) / 255);
}
