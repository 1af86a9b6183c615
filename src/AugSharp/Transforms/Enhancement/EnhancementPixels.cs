namespace AugSharp;

/// <summary>The pixel plumbing of the enhancement transforms.</summary>
internal static class EnhancementPixels
{
    /// <summary>The largest value of <typeparamref name="T"/>: 255, 65535, or 1 for float.</summary>
    public static double Max<T>() where T : unmanaged =>
        typeof(T) == typeof(byte) ? 255 : typeof(T) == typeof(ushort) ? 65535 : 1;

    /// <summary>One 8-bit level in <typeparamref name="T"/>'s scale.</summary>
    public static double Scale<T>() where T : unmanaged => Max<T>() / 255;

    /// <summary>Float values in <typeparamref name="T"/>'s scale back to <typeparamref name="T"/>: rounded and clamped (floats clamped to 0..1).</summary>
    public static ImageBuffer<T> FromValues<T>(ImageBuffer<float> values) where T : unmanaged
    {
        if (typeof(T) != typeof(float)) return values.ConvertTo<T>();
        var result = ImageBuffer<float>.CreateUninitialized(values.Width, values.Height, values.Channels);
        for (int y = 0; y < values.Height; y++)
        {
            var s = values.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i++) d[i] = Math.Clamp(s[i], 0f, 1f);
        }
        return (ImageBuffer<T>)(object)result;
    }
}
