using AugSharp.Kernels;

namespace AugSharp;

/// <summary>A step that works on 8-bit or 16-bit levels (histograms, tables).</summary>
internal interface IIntegerDepthOperation
{
    /// <summary>The step on an 8-bit or 16-bit image.</summary>
    ImageBuffer<TI> Apply<TI>(ImageBuffer<TI> image) where TI : unmanaged;
}

/// <summary>The pixel plumbing the enhancement steps share.</summary>
internal static class EnhancePixels
{
    /// <summary>The largest value of <typeparamref name="T"/>: 255, 65535, or 1 for float.</summary>
    public static double Max<T>() where T : unmanaged => EnhancementPixels.Max<T>();

    /// <summary>Float values in <typeparamref name="T"/>'s scale back to <typeparamref name="T"/> (see <see cref="EnhancementPixels.FromValues{T}"/>).</summary>
    public static ImageBuffer<T> FromValues<T>(ImageBuffer<float> values) where T : unmanaged => EnhancementPixels.FromValues<T>(values);

    /// <summary>Runs <paramref name="operation"/> on an 8-bit or 16-bit image directly, and on a float one (0..1) through 16-bit levels.</summary>
    public static ImageBuffer AtIntegerDepth<T>(ImageBuffer<T> image, IIntegerDepthOperation operation) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return operation.Apply((ImageBuffer<byte>)(object)image);
        if (typeof(T) == typeof(ushort)) return operation.Apply((ImageBuffer<ushort>)(object)image);
        var floats = (ImageBuffer<float>)(object)image;
        using var levels = ImageBuffer<ushort>.CreateUninitialized(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var s = floats.GetRow(y);
            var d = levels.GetRow(y);
            for (int i = 0; i < s.Length; i++) d[i] = KernelCommon.FromFloat<ushort>(Math.Clamp(s[i], 0f, 1f) * 65535f);
        }
        using var done = operation.Apply(levels);
        var result = ImageBuffer<float>.CreateUninitialized(done.Width, done.Height, done.Channels);
        for (int y = 0; y < done.Height; y++)
        {
            var s = done.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i++) d[i] = s[i] / 65535f;
        }
        return result;
    }

    /// <summary>The luminance 0.299 R + 0.587 G + 0.114 B of channels 0..2 (channel 0 of a gray image), rounded.</summary>
    public static ImageBuffer<T> Luminance<T>(ImageBuffer<T> image) where T : unmanaged
    {
        int cn = image.Channels;
        var luma = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, 1);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = luma.GetRow(y);
            for (int x = 0; x < d.Length; x++)
            {
                int o = x * cn;
                d[x] = cn < 3 ? s[o] : KernelCommon.FromFloat<T>(0.299f * KernelCommon.ToFloat(s[o]) + 0.587f * KernelCommon.ToFloat(s[o + 1]) + 0.114f * KernelCommon.ToFloat(s[o + 2]));
            }
        }
        return luma;
    }

    /// <summary>
    /// A gray operation applied to a gray image directly, and to an RGB one (3 channels, or 4 with
    /// alpha kept) through its luminance: R, G and B scaled by new luminance / old luminance.
    /// </summary>
    public static ImageBuffer<T> OnLuminance<T>(ImageBuffer<T> image, string name, Func<ImageBuffer<T>, ImageBuffer<T>> gray) where T : unmanaged
    {
        int cn = image.Channels;
        if (cn == 1) return gray(image);
        if (cn is not (3 or 4)) throw new NotSupportedException($"{name} takes gray or RGB images (1, 3, or 4 channels with alpha kept); this image has {cn}.");
        using var luma = Luminance(image);
        using var mapped = gray(luma);
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, cn);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var l = luma.GetRow(y);
            var m = mapped.GetRow(y);
            var d = result.GetRow(y);
            for (int x = 0; x < l.Length; x++)
            {
                int o = x * cn;
                float before = KernelCommon.ToFloat(l[x]), after = KernelCommon.ToFloat(m[x]);
                if (before <= 0)
                {
                    for (int c = 0; c < 3; c++) d[o + c] = m[x];
                }
                else
                {
                    float ratio = after / before;
                    for (int c = 0; c < 3; c++) d[o + c] = KernelCommon.FromFloat<T>(KernelCommon.ToFloat(s[o + c]) * ratio);
                }
                if (cn == 4) d[o + 3] = s[o + 3];
            }
        }
        return result;
    }

    /// <summary>One table per channel (256 entries each for 8-bit, 65536 for 16-bit) applied to every element.</summary>
    public static ImageBuffer<T> ApplyTables<T>(ImageBuffer<T> image, T[] tables) where T : unmanaged
    {
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, image.Channels);
        if (typeof(T) == typeof(byte))
            LookupTable.Apply((ImageBuffer<byte>)(object)image, (ImageBuffer<byte>)(object)result, (byte[])(object)tables);
        else
            LookupTable.Apply((ImageBuffer<ushort>)(object)image, (ImageBuffer<ushort>)(object)result, (ushort[])(object)tables);
        return result;
    }
}
