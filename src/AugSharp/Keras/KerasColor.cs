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

    /// <summary>
    /// <c>apply_brightness_shift(x, brightness, scale=False)</c> on an array read as (H, W, C) with
    /// <paramref name="channels"/> = 1, 3 or 4: quantise to uint8 by truncation (min-max stretched
    /// first when the values leave [0, 255]), Pillow's blend with black in float32 (alpha kept),
    /// and back.
    /// </summary>
    public static void BrightnessShift(Span<float> x, int channels, double brightness)
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
