using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugSharp.Keras;

/// <summary>Keras' channel shift and brightness shift, with Keras' float32 and Pillow's 8-bit arithmetic.</summary>
internal static class KerasColor
{
    /// <summary>
    /// <c>apply_channel_shift</c>: adds <paramref name="intensity"/> (as float32) to every element and
    /// clips to the array's own global [min, max], alpha included.
    /// </summary>
    public static void ChannelShift(Span<float> x, double intensity)
    {
        if (x.IsEmpty) return;
        var (min, max) = MinMax(x);
        float add = (float)intensity;
        for (int i = 0; i < x.Length; i++)
        {
            float v = x[i] + add;
            x[i] = v < min ? min : v > max ? max : v;
        }
    }

    /// <summary>Lets tests compare the vector brightness path with the scalar one.</summary>
    internal static bool UseVectors = true;

    /// <summary>The widest vectors used (512, 256 or 128 bits), so that tests reach every path on one machine.</summary>
    internal static int MaxVectorBits = 512;

    /// <summary>
    /// <c>apply_brightness_shift(x, brightness, scale=False)</c> on an array read as (H, W, C) with
    /// <paramref name="channels"/> = 1, 3 or 4: quantise to uint8 by truncation (min-max stretched
    /// first when the values leave [0, 255]), Pillow's blend with black in float32 (alpha kept),
    /// and back. 8 or 4 elements at a time in the same float32 operations as
    /// <see cref="BrightnessShiftScalar"/> (the levels as exact small floats); bit-exact with it.
    /// </summary>
    public static unsafe void BrightnessShift(Span<float> x, int channels, double brightness)
    {
        if (!UseVectors || !Sse41.IsSupported || !Vector128.IsHardwareAccelerated)
        {
            BrightnessShiftScalar(x, channels, brightness);
            return;
        }
        if (channels is not (1 or 3 or 4))
            throw new ArgumentException($"Unsupported channel number: {channels}", nameof(channels));
        if (x.IsEmpty) return;
        var (xMin, xMax) = MinMaxVector(x);
        bool localScale = xMin < 0 || xMax > 255;
        float stretchMax = xMax - xMin;
        float alpha = (float)brightness;
        bool hasAlpha = channels == 4;

        // lut[q]: a colour level q after the blend and the way back; lut[256 + q]: an alpha level.
        float* lut = stackalloc float[512];
        for (int q = 0; q < 256; q++)
        {
            lut[q] = Back(Blend(q, alpha));
            lut[256 + q] = Back(q);
        }

        fixed (float* p = x)
        {
            int n = x.Length, i = 0;
            // Pillow's blend of level q, min(max(trunc(alpha * q), 0), 255) (NaN to 0), in float
            // vectors; the alpha channel keeps q. Then the way back when the values were stretched.
            if (MaxVectorBits >= 256 && Vector256.IsHardwareAccelerated && Avx.IsSupported)
            {
                var vMin = Vector256.Create(xMin);
                var vStretch = Vector256.Create(stretchMax);
                var vRange = Vector256.Create(xMax - xMin);
                var vAlpha = Vector256.Create(alpha);
                var v255 = Vector256.Create(255f);
                var v256 = Vector256.Create(256f);
                var keep = hasAlpha ? Vector256.Create(0, 0, 0, -1, 0, 0, 0, -1).AsSingle() : Vector256<float>.Zero;
                for (; i + 8 <= n; i += 8)
                {
                    var v = Vector256.Load(p + i);
                    if (localScale)
                    {
                        v -= vMin;
                        if (stretchMax != 0) v /= vStretch;
                        v *= v255;
                    }
                    // 256 and above (never reached: the values are within [0, 255] here) are left to the scalar code.
                    if (Vector256.GreaterThanOrEqualAny(v, v256)) break;
                    var back = BrightenInRange(v, vAlpha, keep); // NaN and negatives: level 0
                    if (localScale) back = back / v255 * vRange + vMin;
                    back.Store(p + i);
                }
            }
            else
            {
                var vMin = Vector128.Create(xMin);
                var vStretch = Vector128.Create(stretchMax);
                var vRange = Vector128.Create(xMax - xMin);
                var vAlpha = Vector128.Create(alpha);
                var v255 = Vector128.Create(255f);
                var v256 = Vector128.Create(256f);
                var keep = hasAlpha ? Vector128.Create(0, 0, 0, -1).AsSingle() : Vector128<float>.Zero;
                for (; i + 4 <= n; i += 4)
                {
                    var v = Vector128.Load(p + i);
                    if (localScale)
                    {
                        v -= vMin;
                        if (stretchMax != 0) v /= vStretch;
                        v *= v255;
                    }
                    if (Vector128.GreaterThanOrEqualAny(v, v256)) break;
                    var back = BrightenInRange(v, vAlpha, keep);
                    if (localScale) back = back / v255 * vRange + vMin;
                    back.Store(p + i);
                }
            }
            for (; i < n; i++)
            {
                float v = p[i];
                if (localScale)
                {
                    v -= xMin;
                    if (stretchMax != 0) v /= stretchMax;
                    v *= 255f;
                }
                int q = TruncateToByte(v);
                if (hasAlpha && i % 4 == 3)
                {
                    float back = q;
                    if (localScale) back = back / 255f * (xMax - xMin) + xMin;
                    p[i] = back;
                }
                else
                {
                    p[i] = lut[q];
                }
            }
        }

        float Back(int outValue)
        {
            float back = outValue;
            if (localScale) back = back / 255f * (xMax - xMin) + xMin;
            return back;
        }
    }

    /// <summary>
    /// <see cref="BrightnessShift"/> of a run of whole pixels of an image whose values all lie in
    /// [0, 255] (no min-max stretch): each element becomes Pillow's blend of its truncated level
    /// (the alpha channel keeps the level). Returns true when some element lies outside [0, 255]
    /// (NaN aside, as the image's min and max skip it); the run is then not the shift of the image.
    /// </summary>
    internal static unsafe bool BrightnessInRange(Span<float> x, int channels, float alpha)
    {
        bool hasAlpha = channels == 4;
        bool outOfRange = false;
        int n = x.Length, i = 0;
        fixed (float* p = x)
        {
            if (UseVectors && MaxVectorBits >= 256 && Vector256.IsHardwareAccelerated && Avx.IsSupported)
            {
                var vAlpha = Vector256.Create(alpha);
                var outside = Vector256<float>.Zero;
                var keep = hasAlpha ? Vector256.Create(0, 0, 0, -1, 0, 0, 0, -1).AsSingle() : Vector256<float>.Zero;
                for (; i + 8 <= n; i += 8)
                {
                    var v = Vector256.Load(p + i);
                    outside |= OutsideByteRange(v);
                    BrightenInRange(v, vAlpha, keep).Store(p + i);
                }
                outOfRange = outside != Vector256<float>.Zero;
            }
            else if (UseVectors && Sse41.IsSupported)
            {
                var vAlpha = Vector128.Create(alpha);
                var outside = Vector128<float>.Zero;
                var keep = hasAlpha ? Vector128.Create(0, 0, 0, -1).AsSingle() : Vector128<float>.Zero;
                for (; i + 4 <= n; i += 4)
                {
                    var v = Vector128.Load(p + i);
                    outside |= OutsideByteRange(v);
                    BrightenInRange(v, vAlpha, keep).Store(p + i);
                }
                outOfRange = outside != Vector128<float>.Zero;
            }
            for (; i < n; i++)
            {
                float v = p[i];
                if (v < 0 || v > 255) outOfRange = true;
                int q = TruncateToByte(v);
                p[i] = hasAlpha && i % 4 == 3 ? q : Blend(q, alpha);
            }
        }
        return outOfRange;
    }

    /// <summary>Lanes below 0 or above 255 (all bits set); NaN is not outside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> OutsideByteRange(Vector256<float> v) =>
        Vector256.LessThan(v, Vector256<float>.Zero) | Vector256.GreaterThan(v, Vector256.Create(255f));

    /// <inheritdoc cref="OutsideByteRange(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> OutsideByteRange(Vector128<float> v) =>
        Vector128.LessThan(v, Vector128<float>.Zero) | Vector128.GreaterThan(v, Vector128.Create(255f));

    /// <summary>
    /// Pillow's brightness blend of in-range values, eight at a time: the level truncated (NaN: 0),
    /// multiplied by <paramref name="alpha"/>, truncated and clipped to [0, 255]; lanes of
    /// <paramref name="keep"/> (an alpha channel) keep the level.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> BrightenInRange(Vector256<float> v, Vector256<float> alpha, Vector256<float> keep)
    {
        var q = Avx.Max(Avx.RoundToZero(v), Vector256<float>.Zero); // NaN: 0
        var blended = Avx.Min(Avx.Max(Avx.RoundToZero(alpha * q), Vector256<float>.Zero), Vector256.Create(255f));
        return Vector256.ConditionalSelect(keep, q, blended);
    }

    /// <inheritdoc cref="BrightenInRange(Vector256{float}, Vector256{float}, Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> BrightenInRange(Vector128<float> v, Vector128<float> alpha, Vector128<float> keep)
    {
        var q = Sse.Max(Sse41.RoundToZero(v), Vector128<float>.Zero);
        var blended = Sse.Min(Sse.Max(Sse41.RoundToZero(alpha * q), Vector128<float>.Zero), Vector128.Create(255f));
        return Vector128.ConditionalSelect(keep, q, blended);
    }

    /// <summary>The element-by-element form of <see cref="BrightnessShift"/> (the scalar fallback and the tests' reference).</summary>
    internal static void BrightnessShiftScalar(Span<float> x, int channels, double brightness)
    {
        if (channels is not (1 or 3 or 4))
            throw new ArgumentException($"Unsupported channel number: {channels}", nameof(channels));
        if (x.IsEmpty) return;
        var (xMin, xMax) = MinMax(x);
        bool localScale = xMin < 0 || xMax > 255;

        // array_to_img(x, scale=local_scale): float32 x - min, /= max(x - min), *= 255, astype(uint8).
        float stretchMax = xMax - xMin;
        float alpha = (float)brightness;
        bool hasAlpha = channels == 4;
        for (int i = 0; i < x.Length; i++)
        {
            float v = x[i];
            if (localScale)
            {
                v -= xMin;
                if (stretchMax != 0) v /= stretchMax;
                v *= 255f;
            }
            int q = TruncateToByte(v);
            int outValue;
            if (hasAlpha && i % 4 == 3)
            {
                outValue = q; // the degenerate image carries the original alpha: blend leaves it.
            }
            else
            {
                outValue = Blend(q, alpha);
            }
            float back = outValue;
            if (localScale) back = back / 255f * (xMax - xMin) + xMin;
            x[i] = back;
        }
    }

    /// <summary>
    /// <see cref="MinMax"/> 16, 8 or 4 elements at a time: NaN is skipped as the scalar loop skips
    /// it (comparisons with NaN are false).
    /// </summary>
    private static unsafe (float Min, float Max) MinMaxVector(ReadOnlySpan<float> x)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        int i = 0, n = x.Length;
        fixed (float* p = x)
        {
            if (MaxVectorBits >= 512 && Vector512.IsHardwareAccelerated && n >= 16)
            {
                var vMin = Vector512.Create(min);
                var vMax = Vector512.Create(max);
                for (; i + 16 <= n; i += 16)
                {
                    var v = Vector512.Load(p + i);
                    vMin = Vector512.ConditionalSelect(Vector512.LessThan(v, vMin), v, vMin);
                    vMax = Vector512.ConditionalSelect(Vector512.GreaterThan(v, vMax), v, vMax);
                }
                for (int k = 0; k < 16; k++)
                {
                    if (vMin[k] < min) min = vMin[k];
                    if (vMax[k] > max) max = vMax[k];
                }
            }
            else if (MaxVectorBits >= 256 && Vector256.IsHardwareAccelerated && n >= 8)
            {
                var vMin = Vector256.Create(min);
                var vMax = Vector256.Create(max);
                for (; i + 8 <= n; i += 8)
                {
                    var v = Vector256.Load(p + i);
                    vMin = Vector256.ConditionalSelect(Vector256.LessThan(v, vMin), v, vMin);
                    vMax = Vector256.ConditionalSelect(Vector256.GreaterThan(v, vMax), v, vMax);
                }
                for (int k = 0; k < 8; k++)
                {
                    if (vMin[k] < min) min = vMin[k];
                    if (vMax[k] > max) max = vMax[k];
                }
            }
            else if (Vector128.IsHardwareAccelerated && n >= 4)
            {
                var vMin = Vector128.Create(min);
                var vMax = Vector128.Create(max);
                for (; i + 4 <= n; i += 4)
                {
                    var v = Vector128.Load(p + i);
                    vMin = Vector128.ConditionalSelect(Vector128.LessThan(v, vMin), v, vMin);
                    vMax = Vector128.ConditionalSelect(Vector128.GreaterThan(v, vMax), v, vMax);
                }
                for (int k = 0; k < 4; k++)
                {
                    if (vMin[k] < min) min = vMin[k];
                    if (vMax[k] > max) max = vMax[k];
                }
            }
            for (; i < n; i++)
            {
                float v = p[i];
                if (v < min) min = v;
                if (v > max) max = v;
            }
        }
        return (min, max);
    }

    /// <summary>The smallest and largest element (numpy's <c>x.min()</c>, <c>x.max()</c>).</summary>
    private static (float Min, float Max) MinMax(ReadOnlySpan<float> x)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in x)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (min, max);
    }

    /// <summary>numpy's <c>astype(uint8)</c> on values inside [0, 255]: truncation toward zero.</summary>
    private static int TruncateToByte(float v)
    {
        if (!(v >= 0)) return 0;
        if (v >= 256) return (int)v & 0xFF;
        return (int)v;
    }

    /// <summary>Pillow's ImagingBlend of black (0) and <paramref name="value"/> with factor <paramref name="alpha"/>, in float32.</summary>
    private static int Blend(int value, float alpha)
    {
        float temp = 0 + alpha * (value - 0);
        if (alpha >= 0 && alpha <= 1.0f) return (int)(byte)(int)temp;
        if (temp <= 0.0f) return 0;
        if (temp >= 255.0f) return 255;
        return (int)temp;
    }
}
