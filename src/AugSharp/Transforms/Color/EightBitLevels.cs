using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// The 8-bit route of the histogram transforms (Equalize, AutoContrast, CLAHE), as Albumentations
/// takes it for every type: a uint16 element's level is <c>round(v / 257)</c> and a float32
/// element's (0..1) <c>round(v * 255)</c>; a table over the 256 levels is then applied and the new
/// level written back in the image's scale.
/// </summary>
internal static class EightBitLevels
{
    /// <summary>The 8-bit levels of <paramref name="image"/> (the image itself for uint8).</summary>
    public static ImageBuffer<byte> Of<T>(ImageBuffer<T> image) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return (ImageBuffer<byte>)(object)image;
        var levels = ImageBuffer<byte>.CreateUninitialized(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var d = levels.GetRow(y);
            if (typeof(T) == typeof(ushort))
            {
                var s = ((ImageBuffer<ushort>)(object)image).GetRow(y);
                for (int i = 0; i < s.Length; i++) d[i] = (byte)((s[i] + 128) / 257);
            }
            else
            {
                var s = ((ImageBuffer<float>)(object)image).GetRow(y);
                for (int i = 0; i < s.Length; i++) d[i] = KernelCommon.FromDouble<byte>(Math.Clamp((double)s[i], 0, 1) * 255);
            }
        }
        return levels;
    }

    /// <summary>An image of type T from new 8-bit levels <paramref name="levels"/>: the levels themselves for uint8, times 257 for uint16, divided by 255 for float32.</summary>
    public static ImageBuffer<T> Back<T>(ImageBuffer<byte> levels) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return (ImageBuffer<T>)(object)levels;
        var result = ImageBuffer<T>.CreateUninitialized(levels.Width, levels.Height, levels.Channels);
        for (int y = 0; y < levels.Height; y++)
        {
            var s = levels.GetRow(y);
            if (typeof(T) == typeof(ushort))
            {
                var d = ((ImageBuffer<ushort>)(object)result).GetRow(y);
                for (int i = 0; i < s.Length; i++) d[i] = (ushort)(s[i] * 257);
            }
            else
            {
                var d = ((ImageBuffer<float>)(object)result).GetRow(y);
                for (int i = 0; i < s.Length; i++) d[i] = s[i] / 255f;
            }
        }
        return result;
    }

    /// <summary>The histogram of channel <paramref name="channel"/> of 8-bit <paramref name="image"/>.</summary>
    public static long[] Histogram(ImageBuffer<byte> image, int channel)
    {
        var hist = new long[256];
        int channels = image.Channels;
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.GetRow(y);
            for (int i = channel; i < row.Length; i += channels) hist[row[i]]++;
        }
        return hist;
    }

    /// <summary>Applies one 256-entry table per channel (<paramref name="tables"/>, channel after channel) to the 8-bit levels of <paramref name="image"/> and returns an image of its type.</summary>
    public static ImageBuffer<T> ApplyTables<T>(ImageBuffer<T> image, byte[] tables) where T : unmanaged
    {
        var levels = Of(image);
        var mapped = ImageBuffer<byte>.CreateUninitialized(image.Width, image.Height, image.Channels);
        LookupTable.Apply(levels, mapped, tables);
        if (!ReferenceEquals(levels, image)) levels.Dispose();
        var result = Back<T>(mapped);
        if (!ReferenceEquals(result, mapped)) mapped.Dispose();
        return result;
    }

    /// <summary>The identity table of 256 levels.</summary>
    public static byte[] Identity()
    {
        var t = new byte[256];
        Identity(t);
        return t;
    }

    /// <summary>Writes the identity table into <paramref name="table"/> (its index at each entry).</summary>
    public static void Identity(Span<byte> table)
    {
        for (int i = 0; i < table.Length; i++) table[i] = (byte)i;
    }
}
