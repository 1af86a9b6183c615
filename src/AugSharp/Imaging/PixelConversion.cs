using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        var result = ImageBuffer<TOut>.CreateUninitialized(source.Width, source.Height, source.Channels);
        for (int y = 0; y < source.Height; y++)
        {
            ConvertRow<TIn, TOut>(source.GetRow(y), result.GetRow(y));
        }
        return result;
    }

    private static void ConvertRow<TIn, TOut>(Span<TIn> input, Span<TOut> output)
        where TIn : unmanaged
        where TOut : unmanaged
    {
        if (typeof(TIn) == typeof(TOut))
        {
            MemoryMarshal.Cast<TIn, TOut>(input).CopyTo(output);
            return;
        }
        // The type tests below are JIT-time constants: each instantiation keeps one branch.
        int done = 0;
        if (typeof(TIn) == typeof(byte) && typeof(TOut) == typeof(float))
            done = VectorConversion.BytesToFloats(MemoryMarshal.Cast<TIn, byte>(input), MemoryMarshal.Cast<TOut, float>(output));
        else if (typeof(TIn) == typeof(float) && typeof(TOut) == typeof(byte))
            done = VectorConversion.FloatsToBytes(MemoryMarshal.Cast<TIn, float>(input), MemoryMarshal.Cast<TOut, byte>(output));
        for (int i = done; i < input.Length; i++)
        {
            output[i] = FromDouble<TOut>(ToDouble<TIn, TOut>(input[i]));
        }
    }

    // The value in the output type's scale.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ToDouble<TIn, TOut>(TIn value)
        where TIn : unmanaged
        where TOut : unmanaged
    {
        if (typeof(TIn) == typeof(byte))
        {
            byte b = Unsafe.As<TIn, byte>(ref value);
            return typeof(TOut) == typeof(ushort) ? b * 257.0 : b;
        }
        if (typeof(TIn) == typeof(ushort))
        {
            ushort u = Unsafe.As<TIn, ushort>(ref value);
            return typeof(TOut) == typeof(byte) ? u / 257.0 : u;
        }
        if (typeof(TIn) == typeof(float)) return Unsafe.As<TIn, float>(ref value);
        throw new NotSupportedException($"Pixel element type {typeof(TIn).Name} is not supported.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TOut FromDouble<TOut>(double v) where TOut : unmanaged
    {
        if (typeof(TOut) == typeof(byte))
        {
            var b = (byte)Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), 0, 255);
            return Unsafe.As<byte, TOut>(ref b);
        }
        if (typeof(TOut) == typeof(ushort))
        {
            var u = (ushort)Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), 0, 65535);
            return Unsafe.As<ushort, TOut>(ref u);
        }
        var f = (float)v;
        return Unsafe.As<float, TOut>(ref f);
    }

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
