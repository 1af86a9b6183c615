using System.Runtime.CompilerServices;
using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// The base of the color operations that change each element on its own, by a curve per channel
/// (brightness, contrast, gamma, inversion, solarisation, posterisation, shifts, tone curves).
/// The curve is given in the image's own scale: 0..255 for uint8, 0..65535 for uint16 and 0..1
/// for float32 (Albumentations' convention for float images); results are rounded to the nearest
/// level for integer types and clamped to the type's range. uint8 images go through one 256-entry
/// table per channel, large uint16 images through 65536-entry tables, float32 images through the
/// curve itself.
/// </summary>
public abstract record ChannelMapOperation : Operation
{
    /// <summary>The curve of channel <paramref name="channel"/> at <paramref name="value"/>, for a type whose largest value is <paramref name="max"/> (255, 65535 or 1).</summary>
    protected abstract double Map(int channel, double value, double max);

    /// <summary>True when the curve of <paramref name="channel"/> leaves every value unchanged (the channel is then copied).</summary>
    protected virtual bool IsIdentity(int channel) => false;

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int channels = image.Channels;
        if (Enumerable.Range(0, channels).All(IsIdentity)) return image;
        if (typeof(T) == typeof(byte))
        {
            var src = (ImageBuffer<byte>)(object)image;
            var tables = new byte[channels * LookupTable.ByteTableLength];
            for (int c = 0; c < channels; c++)
                for (int v = 0; v < LookupTable.ByteTableLength; v++)
                    tables[c * LookupTable.ByteTableLength + v] = IsIdentity(c) ? (byte)v : KernelCommon.FromDouble<byte>(Map(c, v, 255));
            var dst = ImageBuffer<byte>.CreateUninitialized(image.Width, image.Height, channels);
            LookupTable.Apply(src, dst, tables);
            return (ImageBuffer<T>)(object)dst;
        }
        if (typeof(T) == typeof(ushort))
        {
            var src = (ImageBuffer<ushort>)(object)image;
            var dst = ImageBuffer<ushort>.CreateUninitialized(image.Width, image.Height, channels);
            if ((long)image.Width * image.Height >= LookupTable.UInt16TableLength / 4)
            {
                var tables = new ushort[channels * LookupTable.UInt16TableLength];
                for (int c = 0; c < channels; c++)
                    for (int v = 0; v < LookupTable.UInt16TableLength; v++)
                        tables[c * LookupTable.UInt16TableLength + v] = IsIdentity(c) ? (ushort)v : KernelCommon.FromDouble<ushort>(Map(c, v, 65535));
                LookupTable.Apply(src, dst, tables);
            }
            else
            {
                for (int y = 0; y < image.Height; y++)
                {
                    var s = src.GetRow(y);
                    var d = dst.GetRow(y);
                    for (int i = 0; i < s.Length; i += channels)
                        for (int c = 0; c < channels; c++)
                            d[i + c] = IsIdentity(c) ? s[i + c] : KernelCommon.FromDouble<ushort>(Map(c, s[i + c], 65535));
                }
            }
            return (ImageBuffer<T>)(object)dst;
        }
        {
            var src = (ImageBuffer<float>)(object)image;
            var dst = ImageBuffer<float>.CreateUninitialized(image.Width, image.Height, channels);
            for (int y = 0; y < image.Height; y++)
            {
                var s = src.GetRow(y);
                var d = dst.GetRow(y);
                for (int i = 0; i < s.Length; i += channels)
                    for (int c = 0; c < channels; c++)
                        d[i + c] = IsIdentity(c) ? s[i + c] : ClampUnit(Map(c, s[i + c], 1));
            }
            return (ImageBuffer<T>)(object)dst;
        }
    }

    /// <summary>Applies the curves to a typed image (for operations that reuse them).</summary>
    internal ImageBuffer<T> ApplyTo<T>(ImageBuffer<T> image) where T : unmanaged => ApplyToPixels(image);

    /// <summary>A float result clamped to 0..1 (NaN stays NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float ClampUnit(double v) => v < 0 ? 0f : v > 1 ? 1f : (float)v;
}

/// <summary>
/// Marks a transform defined on RGB images: it takes 3 channels (R, G, B), or 4 with the fourth
/// (alpha) kept, and throws a <see cref="NotSupportedException"/> naming itself for other channel
/// counts (the class documents any other count it also takes, such as gray).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RgbImagesAttribute : Attribute
{
}

/// <summary>Helpers for the RGB color transforms.</summary>
internal static class ColorChannels
{
    /// <summary>Throws unless <paramref name="channels"/> is 3 or 4 (or one of <paramref name="alsoAllowed"/>).</summary>
    public static void RequireRgb(string transform, int channels, params int[] alsoAllowed)
    {
        if (channels is 3 or 4 || alsoAllowed.Contains(channels)) return;
        string others = alsoAllowed.Length == 0 ? "" : " (or " + string.Join(" or ", alsoAllowed) + ")";
        throw new NotSupportedException($"{transform} takes RGB images of 3 channels, or 4 with alpha kept{others}; this image has {channels}.");
    }

    /// <summary>The largest value of <typeparamref name="T"/>'s scale: 255, 65535, or 1 for float.</summary>
    public static double Max<T>() => typeof(T) == typeof(byte) ? 255 : typeof(T) == typeof(ushort) ? 65535 : 1;
}
