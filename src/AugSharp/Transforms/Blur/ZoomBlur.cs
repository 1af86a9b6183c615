using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// A radial zoom blur (Albumentations' ZoomBlur; default p = 0.5): the image is averaged with
/// centre crops of itself enlarged by the factors 1, 1+s, 1+2s, ... below a maximum drawn from
/// <see cref="MaxFactor"/> (s drawn from <see cref="StepFactor"/>), with bilinear enlargement.
/// Computed in float; uint8 and uint16 results are rounded, float32 ones (0..1) clamped to 0..1.
/// </summary>
[TransformCategory("blur")]
public sealed class ZoomBlur : Transform<ZoomBlurOperation>
{
    /// <summary>The largest zoom factor's interval, at least 1 (a single number is that value). Default [1, 1.31].</summary>
    public ValueRange MaxFactor { get; init; } = new(1, 1.31);

    /// <summary>The step between factors (positive; a single number is that value). Default [0.01, 0.03].</summary>
    public ValueRange StepFactor { get; init; } = new(0.01, 0.03);

    /// <inheritdoc />
    protected override ZoomBlurOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        double step = StepFactor.Check(nameof(StepFactor), 0).Draw(rng);
        double max = MaxFactor.Check(nameof(MaxFactor), 1).Draw(rng);
        return new ZoomBlurOperation { MaxFactor = max, StepFactor = step };
    }
}

/// <summary>A zoom blur over the factors 1, 1+<see cref="StepFactor"/>, ... below <see cref="MaxFactor"/>.</summary>
public sealed record ZoomBlurOperation : Operation
{
    /// <summary>The factors stay below this.</summary>
    public double MaxFactor { get; init; } = 1;

    /// <summary>The step between factors.</summary>
    public double StepFactor { get; init; } = 0.01;

    /// <summary>The zoom factors (numpy's <c>arange(1, max, step)</c>).</summary>
    public IReadOnlyList<double> Factors()
    {
        var result = new List<double>();
        if (!(StepFactor > 0)) return result;
        int n = (int)Math.Ceiling((MaxFactor - 1) / StepFactor);
        for (int i = 0; i < n && i < 10000; i++) result.Add(1 + i * StepFactor);
        return result;
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        var factors = Factors();
        if (factors.Count == 0) return image;
        int w = image.Width, h = image.Height, cn = image.Channels, len = w * cn;
        double unit = typeof(T) == typeof(byte) ? 255 : typeof(T) == typeof(ushort) ? 65535 : 1;
        using var source = image.ConvertTo<float>();
        var sum = new float[h * len];
        for (int y = 0; y < h; y++) source.GetRow(y).CopyTo(sum.AsSpan(y * len, len));
        foreach (double factor in factors)
        {
            int ch = (int)Math.Ceiling(h / factor), cw = (int)Math.Ceiling(w / factor);
            int top = (h - ch) / 2, left = (w - cw) / 2;
            int sh = (int)Math.Round(ch * factor, MidpointRounding.ToEven), sw = (int)Math.Round(cw * factor, MidpointRounding.ToEven);
            using var zoomed = ImageBuffer<float>.CreateUninitialized(sw, sh, cn);
            ResizeKernel.Apply(source.Crop(left, top, cw, ch), zoomed, Interpolation.Linear);
            int trimTop = (sh - h) / 2, trimLeft = (sw - w) / 2;
            for (int y = 0; y < h; y++)
            {
                int sy = Math.Clamp(y + trimTop, 0, sh - 1);
                var row = zoomed.GetRow(sy);
                var acc = sum.AsSpan(y * len, len);
                for (int x = 0; x < w; x++)
                {
                    int sx = Math.Clamp(x + trimLeft, 0, sw - 1);
                    for (int c = 0; c < cn; c++) acc[x * cn + c] += row[sx * cn + c];
                }
            }
        }
        var result = ImageBuffer<T>.CreateUninitialized(w, h, cn);
        float scale = 1f / (factors.Count + 1);
        for (int y = 0; y < h; y++)
        {
            var d = result.GetRow(y);
            var acc = sum.AsSpan(y * len, len);
            for (int i = 0; i < len; i++) d[i] = KernelCommon.FromFloat<T>(Math.Clamp(acc[i] * scale, 0f, (float)unit));
        }
        return result;
    }
}
