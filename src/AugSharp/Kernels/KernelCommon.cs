using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AugSharp.Kernels;

/// <summary>Helpers shared by the kernels: border indices, element conversions, argument checks.</summary>
internal static class KernelCommon
{
    /// <summary>Plans kept per thread by <see cref="KeptPlan"/>: a data set of a few image sizes runs without rebuilding (or allocating) its tables.</summary>
    private const int KeptPlans = 4;

    /// <summary>
    /// The plan for <paramref name="key"/> in a thread's <paramref name="plans"/> (a [ThreadStatic]
    /// field of the caller), most recently used first; built (and the least recently used dropped)
    /// when missing. Plans are tables and row buffers a kernel would otherwise allocate per call.
    /// </summary>
    public static TPlan KeptPlan<TKey, TPlan>(ref TPlan?[]? plans, TKey key, Func<TPlan, TKey> keyOf, Func<TKey, TPlan> build)
        where TKey : IEquatable<TKey>
        where TPlan : class
    {
        plans ??= new TPlan?[KeptPlans];
        int found = -1;
        for (int i = 0; i < plans.Length && found < 0; i++)
            if (plans[i] is { } p && keyOf(p).Equals(key)) found = i;
        var plan = found >= 0 ? plans[found]! : build(key);
        Array.Copy(plans, 0, plans, 1, found >= 0 ? found : plans.Length - 1);
        plans[0] = plan;
        return plan;
    }

    /// <summary>
    /// OpenCV's borderInterpolate: the source index read for position <paramref name="p"/> of a line
    /// of <paramref name="length"/> elements, or -1 for <see cref="BorderMode.Constant"/> outside.
    /// </summary>
    public static int BorderIndex(int p, int length, BorderMode border)
    {
        if ((uint)p < (uint)length) return p;
        switch (border)
        {
            case BorderMode.Constant:
                return -1;
            case BorderMode.Replicate:
                return p < 0 ? 0 : length - 1;
            case BorderMode.Reflect:
            case BorderMode.Reflect101:
                {
                    if (length == 1) return 0;
                    int delta = border == BorderMode.Reflect101 ? 1 : 0;
                    do
                    {
                        if (p < 0) p = -p - 1 + delta;
                        else p = length - 1 - (p - length) - delta;
                    }
                    while ((uint)p >= (uint)length);
                    return p;
                }
            case BorderMode.Wrap:
                if (p < 0) p -= ((p - length + 1) / length) * length;
                if (p >= length) p %= length;
                return p;
            default:
                throw new ArgumentOutOfRangeException(nameof(border), border, "Unknown border mode.");
        }
    }

    /// <summary>Converts a double to <typeparamref name="T"/> as OpenCV's saturate_cast does (round half to even, clamp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromDouble<T>(double v) where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            double r = Math.Round(v);
            byte b = double.IsNaN(r) ? (byte)0 : r <= 0 ? (byte)0 : r >= 255 ? (byte)255 : (byte)r;
            return Unsafe.As<byte, T>(ref b);
        }
        if (typeof(T) == typeof(ushort))
        {
            double r = Math.Round(v);
            ushort u = double.IsNaN(r) ? (ushort)0 : r <= 0 ? (ushort)0 : r >= 65535 ? (ushort)65535 : (ushort)r;
            return Unsafe.As<ushort, T>(ref u);
        }
        if (typeof(T) == typeof(float))
        {
            float f = (float)v;
            return Unsafe.As<float, T>(ref f);
        }
        throw new NotSupportedException($"Pixel element type {typeof(T).Name} is not supported; use byte, ushort or float.");
    }

    /// <summary>Converts a float to <typeparamref name="T"/> (round half to even and clamp for integers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromFloat<T>(float v) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Unsafe.As<float, T>(ref v);
        if (typeof(T) == typeof(byte))
        {
            float r = MathF.Round(v);
            byte b = !(r > 0) ? (byte)0 : r >= 255 ? (byte)255 : (byte)r;
            return Unsafe.As<byte, T>(ref b);
        }
        if (typeof(T) == typeof(ushort))
        {
            float r = MathF.Round(v);
            ushort u = !(r > 0) ? (ushort)0 : r >= 65535 ? (ushort)65535 : (ushort)r;
            return Unsafe.As<ushort, T>(ref u);
        }
        throw new NotSupportedException($"Pixel element type {typeof(T).Name} is not supported; use byte, ushort or float.");
    }

    /// <summary>Converts an integer to <typeparamref name="T"/> with saturation (exact for integers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromInt<T>(int v) where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            byte b = (byte)Math.Clamp(v, 0, 255);
            return Unsafe.As<byte, T>(ref b);
        }
        if (typeof(T) == typeof(ushort))
        {
            ushort u = (ushort)Math.Clamp(v, 0, 65535);
            return Unsafe.As<ushort, T>(ref u);
        }
        float f = v;
        return Unsafe.As<float, T>(ref f);
    }

    /// <summary>The element as a float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToFloat<T>(T v) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return Unsafe.As<T, byte>(ref v);
        if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref v);
        if (typeof(T) == typeof(float)) return Unsafe.As<T, float>(ref v);
        throw new NotSupportedException($"Pixel element type {typeof(T).Name} is not supported; use byte, ushort or float.");
    }

    /// <summary>The element as an int (integer element types only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ToInt<T>(T v) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return Unsafe.As<T, byte>(ref v);
        if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref v);
        return (int)Unsafe.As<T, float>(ref v);
    }

    /// <summary>
    /// One border value per channel: a single value broadcasts, an empty span means 0; each is
    /// converted to <typeparamref name="T"/> with rounding and saturation.
    /// </summary>
    public static T[] BorderValues<T>(ReadOnlySpan<double> values, int channels) where T : unmanaged
    {
        var result = new T[channels];
        if (values.Length > 1 && values.Length < channels)
            throw new ArgumentException($"{values.Length} border values for {channels} channels; give one, one per channel, or none.", nameof(values));
        for (int c = 0; c < channels; c++)
        {
            double v = values.Length == 0 ? 0 : values.Length == 1 ? values[0] : values[c];
            result[c] = FromDouble<T>(v);
        }
        return result;
    }

    /// <summary>A reference to the first element of the image; rows follow every <c>Stride</c> elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T Origin<T>(ImageBuffer<T> image) where T : unmanaged => ref MemoryMarshal.GetReference(image.GetRow(0));

    /// <summary>Checks that both images exist and have the same channel count.</summary>
    public static void CheckPair<T>(ImageBuffer<T> src, ImageBuffer<T> dst) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        PixelTypes.Of<T>();
        if (src.Channels != dst.Channels)
            throw new ArgumentException($"The destination has {dst.Channels} channels, the source {src.Channels}.", nameof(dst));
    }

    /// <summary>Checks that two images do not share memory in a way the kernel cannot handle.</summary>
    public static void CheckNotSame<T>(ImageBuffer<T> src, ImageBuffer<T> dst) where T : unmanaged
    {
        if (ReferenceEquals(src, dst))
            throw new ArgumentException("The kernel cannot work in place; give a separate destination.", nameof(dst));
    }
}
