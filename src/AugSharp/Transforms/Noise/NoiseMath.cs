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

    /// <summary>
    /// Adds noise drawn by <paramref name="draw"/> (in fractions of the largest value) to every
    /// element: the noise is drawn row by row on a grid of <paramref name="scale"/> times the
    /// image's size (at least 1x1; 1 draws a value per pixel) and enlarged bilinearly, with
    /// <paramref name="noiseChannels"/> values per pixel (1: the channels share one).
    /// </summary>
    public static ImageBuffer<T> AddNoise<T>(ImageBuffer<T> image, int noiseChannels, double scale, Func<double> draw) where T : unmanaged
    {
        double max = MaxValue<T>();
        int w = image.Width, h = image.Height, cn = image.Channels, ncn = noiseChannels;
        int gw = scale >= 1 ? w : Math.Max(1, (int)(w * scale)), gh = scale >= 1 ? h : Math.Max(1, (int)(h * scale));
        var grid = new ImageBuffer<float>(gw, gh, ncn);
        for (int y = 0; y < gh; y++)
        {
            var row = grid.GetRow(y);
            for (int i = 0; i < row.Length; i++) row[i] = (float)(draw() * max);
        }
        var noise = grid;
        if (gw != w || gh != h)
        {
            noise = ImageBuffer<float>.CreateUninitialized(w, h, ncn);
            Kernels.ResizeKernel.Apply(grid, noise, Interpolation.Linear);
            grid.Dispose();
        }
        var result = ImageBuffer<T>.CreateUninitialized(w, h, cn);
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            var n = noise.GetRow(y);
            for (int x = 0; x < w; x++)
                for (int c = 0; c < cn; c++)
                    d[x * cn + c] = Put<T>(Get(s[x * cn + c]) + n[x * ncn + (ncn == 1 ? 0 : c)], max);
        }
        noise.Dispose();
        return result;
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
