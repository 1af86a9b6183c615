namespace AugSharp;

/// <summary>
/// Element type conversions. Integer to integer scales by the ratio of the ranges (8-bit
/// <c>v</c> becomes <c>v*257</c> in 16-bit; 16-bit becomes <c>round(v/257)</c>). Integer to float keeps
/// the values (0..255 stays 0..255, as Keras expects). Float to integer rounds half away from
/// zero and saturates.
/// </summary>
public static class PixelConversion
{
    /// <summary>Converts every element of <paramref name="source"/>.</summary>
    public static ImageBuffer<TOut> Convert<TIn, TOut>(ImageBuffer<TIn> source)
        where TIn : unmanaged
        where TOut : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = new ImageBuffer<TOut>(source.Width, source.Height, source.Channels);
        for (int y = 0; y < source.Height; y++)
        {
            ConvertRow(source.GetRow(y), result.GetRow(y));
        }
        return result;
    }

    private static void ConvertRow<TIn, TOut>(Span<TIn> input, Span<TOut> output)
        where TIn : unmanaged
        where TOut : unmanaged
    {
        if (typeof(TIn) == typeof(TOut))
        {
            System.Runtime.InteropServices.MemoryMarshal.Cast<TIn, TOut>(input).CopyTo(output);
            return;
        }
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = FromDouble<TOut>(ToDouble(input[i], typeof(TOut)));
        }
    }

    // Value in the output type's scale.
    private static double ToDouble<TIn>(TIn value, Type target) where TIn : unmanaged
    {
        if (value is byte b) return target == typeof(ushort) ? b * 257.0 : b;
        if (value is ushort u) return target == typeof(byte) ? u / 257.0 : u;
        if (value is float f) return f;
        throw new NotSupportedException();
    }

    private static TOut FromDouble<TOut>(double v) where TOut : unmanaged
    {
        if (typeof(TOut) == typeof(byte))
        {
            var b = (byte)Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), 0, 255);
            return System.Runtime.CompilerServices.Unsafe.As<byte, TOut>(ref b);
        }
        if (typeof(TOut) == typeof(ushort))
        {
            var u = (ushort)Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), 0, 65535);
            return System.Runtime.CompilerServices.Unsafe.As<ushort, TOut>(ref u);
        }
        var f = (float)v;
        return System.Runtime.CompilerServices.Unsafe.As<float, TOut>(ref f);
    }
}
