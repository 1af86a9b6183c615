using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Helpers of the quality transforms: images to float in 0..1 and back, 2-D kernels applied with
/// results clamped to the type's range, and ranges whose single number means [low, L].
/// </summary>
internal static class QualityPixels
{
    /// <summary>The largest value of the pixel type: 255, 65535, or 1 for float32 images (taken in 0..1).</summary>
    public static double MaxValue<T>() where T : unmanaged => NoiseMath.MaxValue<T>();

    /// <summary>The image as float32 in 0..1 (integers divided by the type's largest value; floats copied).</summary>
    public static ImageBuffer<float> ToUnit<T>(ImageBuffer<T> image) where T : unmanaged
    {
        float scale = (float)(1 / MaxValue<T>());
        var result = ImageBuffer<float>.CreateUninitialized(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i++) d[i] = KernelCommon.ToFloat(s[i]) * scale;
        }
        return result;
    }

    /// <summary>A 0..1 float image in <typeparamref name="T"/>: clamped to 0..1, scaled by the type's largest value, rounded half to even.</summary>
    public static ImageBuffer<T> FromUnit<T>(ImageBuffer<float> image) where T : unmanaged
    {
        double max = MaxValue<T>();
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i++)
            {
                double v = s[i];
                d[i] = KernelCommon.FromDouble<T>((v < 0 ? 0 : v > 1 ? 1 : v) * max);
            }
        }
        return result;
    }

    /// <summary>
    /// <paramref name="kernel"/> (<paramref name="size"/> x <paramref name="size"/>) applied as
    /// <c>cv2.filter2D</c> (reflect101 borders): integer results are rounded and saturated, float
    /// results clamped to 0..1.
    /// </summary>
    public static ImageBuffer<T> Convolve<T>(ImageBuffer<T> image, float[] kernel, int size) where T : unmanaged
    {
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, image.Channels);
        Convolution.Filter2D(image, result, kernel, size, size);
        if (typeof(T) == typeof(float)) ClampUnit(result.As<float>());
        return result;
    }

    /// <summary>Clamps every element of a float image to 0..1 in place (NaN becomes 0).</summary>
    public static void ClampUnit(ImageBuffer<float> image)
    {
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.GetRow(y);
            for (int i = 0; i < row.Length; i++)
            {
                float v = row[i];
                row[i] = v > 0 ? (v < 1 ? v : 1) : 0;
            }
        }
    }

    /// <summary>Reads a range written as one number L (meaning [<paramref name="low"/>, L]) or as [min, max]; checks the bounds.</summary>
    public static (double Min, double Max) Range(IReadOnlyList<double> value, double low, double lowest, double highest, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        var (a, b) = value.Count switch
        {
            1 => (Math.Min(low, value[0]), Math.Max(low, value[0])),
            2 => (value[0], value[1]),
            _ => throw new ArgumentException($"{name} takes one number or [min, max].", name),
        };
        if (!(a <= b) || a < lowest || b > highest)
            throw new ArgumentOutOfRangeException(name, $"{name} must be [min, max] with min ≤ max within [{lowest}, {highest}].");
        return (a, b);
    }

    /// <summary>Reads an integer range written as one number L (meaning [<paramref name="low"/>, L]) or as [min, max]; checks the bounds.</summary>
    public static (int Min, int Max) Range(IReadOnlyList<int> value, int low, int lowest, int highest, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        var (a, b) = value.Count switch
        {
            1 => (Math.Min(low, value[0]), Math.Max(low, value[0])),
            2 => (value[0], value[1]),
            _ => throw new ArgumentException($"{name} takes one number or [min, max].", name),
        };
        if (a > b || a < lowest || b > highest)
            throw new ArgumentOutOfRangeException(name, $"{name} must be [min, max] with min ≤ max within [{lowest}, {highest}].");
        return (a, b);
    }

    /// <summary>The 3x3 kernel <c>(1 - alpha)·identity + alpha·effect</c>, as Sharpen and Emboss blend their kernels.</summary>
    public static float[] Blend3x3(double alpha, ReadOnlySpan<double> effect)
    {
        var k = new float[9];
        for (int i = 0; i < 9; i++) k[i] = (float)((i == 4 ? 1 - alpha : 0) + alpha * effect[i]);
        return k;
    }
}
