using System.Runtime.CompilerServices;
using AugSharp.Kernels;

namespace AugSharp;

/// <summary>Helpers of the noise transforms: the type's largest value, element access, draws.</summary>
internal static class NoiseMath
{
    /// <summary>The largest value of the pixel type: 255, 65535, or 1 for float32 images (taken in 0..1).</summary>
    public static double MaxValue<T>() where T : unmanaged => typeof(T) == typeof(byte) ? 255 : typeof(T) == typeof(ushort) ? 65535 : 1;

    /// <summary>An element as a double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Get<T>(T v) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return Unsafe.As<T, byte>(ref v);
        if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref v);
        return Unsafe.As<T, float>(ref v);
    }

    /// <summary>A double as an element: rounded half to even and clamped to 0..max for every type (float32 to 0..1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Put<T>(double v, double max) where T : unmanaged => KernelCommon.FromDouble<T>(v < 0 ? 0 : v > max ? max : v);

    /// <summary>
    /// A Poisson draw of mean <paramref name="lambda"/>: Knuth's product of uniforms up to a mean
    /// of 30, above that a normal approximation rounded to a whole number ≥ 0.
    /// </summary>
    public static double Poisson(RandomStream rng, double lambda)
    {
        if (!(lambda > 0)) return 0;
        if (lambda > 30) return Math.Max(0, Math.Round(lambda + Math.Sqrt(lambda) * rng.NextGaussian()));
        double limit = Math.Exp(-lambda), product = rng.NextDouble();
        int k = 0;
        while (product > limit)
        {
            k++;
            product *= rng.NextDouble();
        }
        return k;
    }

    /// <summary>Applies <paramref name="map"/> to every element, row by row, into a new image.</summary>
    public static ImageBuffer<T> Map<T>(ImageBuffer<T> image, Func<double, int, double> map) where T : unmanaged
    {
        double max = MaxValue<T>();
        int cn = image.Channels;
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, cn);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i++) d[i] = Put<T>(map(Get(s[i]), i % cn), max);
        }
        return result;
    }
}
