namespace AugSharp;

/// <summary>
/// The sepia filter: each RGB pixel is multiplied by the classic sepia matrix
/// (<c>R' = 0.393R + 0.769G + 0.189B</c>, <c>G' = 0.349R + 0.686G + 0.168B</c>,
/// <c>B' = 0.272R + 0.534G + 0.131B</c>) and clamped (Albumentations' ToSepia; default p = 0.5).
/// Takes RGB images (3 channels, or 4 with alpha kept) of uint8 (0..255, rounded), uint16
/// (0..65535) or float32 (0..1, Albumentations' convention).
/// </summary>
[TransformCategory("color")]
[RgbImages]
public sealed class ToSepia : Transform<ToSepiaOperation>
{
    /// <inheritdoc />
    protected override ToSepiaOperation SampleOperation(RandomStream rng, TransformContext context) => new();
}

/// <summary>Multiplies each RGB pixel by the sepia matrix.</summary>
public sealed record ToSepiaOperation : Operation
{
    private static readonly double[] Matrix = [0.393, 0.769, 0.189, 0.349, 0.686, 0.168, 0.272, 0.534, 0.131];

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        ColorChannels.RequireRgb("ToSepia", image.Channels);
        return ColorMatrix.Apply(image, Matrix);
    }
}

/// <summary>A 3x3 matrix over the RGB channels of each pixel (cv2.transform), other channels kept.</summary>
internal static class ColorMatrix
{
    /// <summary>Applies the row-major 3x3 <paramref name="m"/> to channels 0..2 of every pixel; results clamped and rounded to the type.</summary>
    public static ImageBuffer<T> Apply<T>(ImageBuffer<T> image, double[] m) where T : unmanaged
    {
        int channels = image.Channels;
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, channels);
        if (typeof(T) == typeof(byte))
        {
            // Nine tables of m[k] * v in 16-bit fixed point: out = (t[r] + t[g] + t[b] + half) >> 16, clamped.
            var src = (ImageBuffer<byte>)(object)image;
            var dst = (ImageBuffer<byte>)(object)result;
            var t = new int[9 * 256];
            for (int k = 0; k < 9; k++) for (int v = 0; v < 256; v++) t[k * 256 + v] = (int)Math.Round(m[k] * v * 65536);
            for (int y = 0; y < image.Height; y++)
            {
                ReadOnlySpan<byte> s = src.GetRow(y);
                Span<byte> d = dst.GetRow(y);
                for (int i = 0; i < s.Length; i += channels)
                {
                    int r = s[i], g = s[i + 1], b = s[i + 2];
                    d[i] = Clamp(t[r] + t[256 + g] + t[512 + b]);
                    d[i + 1] = Clamp(t[768 + r] + t[1024 + g] + t[1280 + b]);
                    d[i + 2] = Clamp(t[1536 + r] + t[1792 + g] + t[2048 + b]);
                    for (int c = 3; c < channels; c++) d[i + c] = s[i + c];
                }
            }
            return result;

            static byte Clamp(int fixedPoint)
            {
                int v = (fixedPoint + 32768) >> 16;
                return v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
            }
        }
        double max = ColorChannels.Max<T>();
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i += channels)
            {
                double r = ToDouble(s[i]), g = ToDouble(s[i + 1]), b = ToDouble(s[i + 2]);
                for (int c = 0; c < 3; c++)
                    d[i + c] = FromDouble<T>(m[3 * c] * r + m[3 * c + 1] * g + m[3 * c + 2] * b, max);
                for (int c = 3; c < channels; c++) d[i + c] = s[i + c];
            }
        }
        return result;
    }

    /// <summary>An element as a double in its own scale.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double ToDouble<T>(T v) where T : unmanaged => Kernels.KernelCommon.ToFloat(v);

    /// <summary>A double in the type's scale, clamped to 0..max (rounded half to even for integer types).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static T FromDouble<T>(double v, double max) where T : unmanaged
        => Kernels.KernelCommon.FromDouble<T>(typeof(T) == typeof(float) ? ChannelMapOperation.ClampUnit(v) : v);
}
