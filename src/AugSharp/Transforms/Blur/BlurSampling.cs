using AugSharp.Kernels;

namespace AugSharp;

/// <summary>Shared draws and checks of the blur transforms.</summary>
internal static class BlurSampling
{
    /// <summary>
    /// Reads a <c>blur_limit</c> list: one value L means [<paramref name="low"/>, L], two values
    /// are [min, max].
    /// </summary>
    public static (int Min, int Max) Limit(IReadOnlyList<int> value, int low, string name)
    {
        ArgumentNullException.ThrowIfNull(value);
        var (a, b) = value.Count switch
        {
            1 => (low, value[0]),
            2 => (value[0], value[1]),
            _ => throw new ArgumentException($"{name} takes one number or [min, max].", name),
        };
        if (a < 0 || b < 0) throw new ArgumentOutOfRangeException(name, $"{name} must not be negative.");
        return (a, b);
    }

    /// <summary>
    /// An odd kernel size from [<paramref name="low"/>, <paramref name="high"/>] as Albumentations
    /// draws it: both ends are raised to odd numbers of at least 3, then one odd size is picked
    /// uniformly.
    /// </summary>
    public static int OddSize(RandomStream rng, int low, int high)
    {
        low = Math.Max(3, low + (low % 2 == 0 ? 1 : 0));
        high = Math.Max(3, high + (high % 2 == 0 ? 1 : 0));
        high = Math.Max(high, low);
        if (low == high) return low;
        return low + 2 * rng.NextInt((high - low) / 2 + 1);
    }

    /// <summary>Applies <paramref name="filter"/> into a new buffer of the image's shape.</summary>
    public static ImageBuffer<T> Into<T>(ImageBuffer<T> image, Action<ImageBuffer<T>, ImageBuffer<T>> filter) where T : unmanaged
    {
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, image.Channels);
        filter(image, result);
        return result;
    }

    /// <summary>A 2-D kernel applied with <see cref="Convolution.Filter2D{T}"/> (reflect101 borders, as cv2.filter2D).</summary>
    public static ImageBuffer<T> Convolve<T>(ImageBuffer<T> image, float[] kernel, int size) where T : unmanaged =>
        Into(image, (s, d) => Convolution.Filter2D(s, d, kernel, size, size));
}
