namespace AugSharp;

/// <summary>
/// Pixels as a picture shows them, 8-bit: integer images as <see cref="PixelConversion.ToBytes"/>
/// gives them; a float32 image by its values: within 0..1 (the catalogue's float range) scaled by
/// 255, within 0..255 (Keras' range) as they are, and otherwise (after Normalize, say) stretched
/// from its own lowest to its highest value, so that its content stays visible instead of
/// clipping to black and white.
/// </summary>
public static class DisplayPixels
{
    /// <summary>The 8-bit picture of <paramref name="image"/> (a new buffer).</summary>
    public static ImageBuffer<byte> ToBytes(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image is not ImageBuffer<float> f) return PixelConversion.ToBytes(image);
        float low = float.PositiveInfinity, high = float.NegativeInfinity;
        for (int y = 0; y < f.Height; y++)
        {
            foreach (float v in f.GetRow(y))
            {
                if (!float.IsFinite(v)) continue;
                if (v < low) low = v;
                if (v > high) high = v;
            }
        }
        if (low >= 0 && high > 1 && high <= 255) return PixelConversion.ToBytes(image);
        var result = new ImageBuffer<byte>(f.Width, f.Height, f.Channels);
        if (!(low <= high)) return result;
        double scale;
        if (low >= 0 && high <= 1)
        {
            low = 0;
            scale = 255;
        }
        else
        {
            scale = high > low ? 255.0 / (high - low) : 0;
        }
        for (int y = 0; y < f.Height; y++)
        {
            var source = f.GetRow(y);
            var target = result.GetRow(y);
            for (int i = 0; i < source.Length; i++)
                target[i] = float.IsFinite(source[i]) ? (byte)Math.Clamp(Math.Round((source[i] - low) * scale), 0, 255) : (byte)0;
        }
        return result;
    }
}
