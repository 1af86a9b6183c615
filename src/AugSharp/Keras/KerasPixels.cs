namespace AugSharp.Keras;

/// <summary>The pixel range Keras works in: images as floats in 0..255, whatever their stored type.</summary>
public static class KerasPixels
{
    /// <summary>
    /// The image as Keras floats in 0..255 (what <see cref="ImageDataGenerator"/> works on):
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
}
