using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// The two interpolations of <see cref="Downscale"/> (Albumentations' <c>interpolation_pair</c>):
/// files write it as a mapping <c>{downscale: ..., upscale: ...}</c> with interpolation names or
/// OpenCV codes (0 nearest, 1 linear, 2 cubic, 3 area, 4 lanczos).
/// </summary>
/// <param name="Downscale">The interpolation of the shrinking resize.</param>
/// <param name="Upscale">The interpolation of the enlarging resize.</param>
public sealed record InterpolationPair(Interpolation Downscale, Interpolation Upscale)
{
    /// <summary>The pair as a file writes it.</summary>
    internal Dictionary<string, object?> ToFileValue() => new(StringComparer.Ordinal)
    {
        ["downscale"] = TransformRegistry.SnakeCase(Downscale.ToString()),
        ["upscale"] = TransformRegistry.SnakeCase(Upscale.ToString()),
    };

    /// <summary>Reads the mapping <c>{downscale, upscale}</c> of a file; both keys are required.</summary>
    internal static InterpolationPair FromFileValue(object? value)
    {
        if (value is not IReadOnlyDictionary<string, object?> map)
            throw new FormatException("must be a mapping {downscale: ..., upscale: ...}");
        foreach (var key in map.Keys)
            if (key is not ("downscale" or "upscale")) throw new FormatException($"takes the keys downscale and upscale, not '{key}'");
        if (!map.TryGetValue("downscale", out var down) || !map.TryGetValue("upscale", out var up))
            throw new FormatException("needs both keys, downscale and upscale");
        return new InterpolationPair(
            (Interpolation)TransformRegistry.Convert(down, typeof(Interpolation), false)!,
            (Interpolation)TransformRegistry.Convert(up, typeof(Interpolation), false)!);
    }
}

/// <summary>
/// Lowers the resolution (Albumentations' Downscale; default p = 0.5): the image is shrunk by a
/// factor drawn from <see cref="ScaleRange"/> to <c>round(w·scale)</c> x <c>round(h·scale)</c>
/// (at least 1 x 1) with <c>cv2.resize</c>'s numbers, then enlarged back to its size, with the
/// two interpolations of <see cref="InterpolationPair"/> (nearest for both by default, which
/// gives a blocky look; linear or cubic give a soft one). The shrink places its samples by the
/// ratio of the two sizes, as <c>cv2.resize</c> with a target size does; Albumentations calls
/// <c>cv2.resize</c> with <c>fx = fy = scale</c>, which places them by 1/scale, so the two give the
/// same pixels when w·scale and h·scale are whole numbers and samples up to half a source pixel
/// apart otherwise. Every pixel type and channel count; float32 results (taken in 0..1) are
/// clamped to 0..1.
/// </summary>
[TransformCategory("quality")]
public sealed class Downscale : Transform<DownscaleOperation>
{
    private readonly InterpolationPair _interpolationPair = new(Interpolation.Nearest, Interpolation.Nearest);

    /// <summary>The scale factors, within (0, 1]. Default [0.25, 0.25].</summary>
    public ValueRange ScaleRange { get; init; } = new(0.25, 0.25);

    /// <summary>The interpolations of the shrinking and the enlarging resize. Default nearest and nearest.</summary>
    public InterpolationPair InterpolationPair
    {
        get => _interpolationPair;
        init => _interpolationPair = value ?? throw new ArgumentNullException(nameof(InterpolationPair));
    }

    /// <inheritdoc />
    protected override DownscaleOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var range = ScaleRange.Check("scale_range", 0, 1);
        if (!(range.Min > 0)) throw new ArgumentOutOfRangeException("scale_range", range, "scale_range must lie within (0, 1].");
        return new DownscaleOperation { Scale = range.Draw(rng), Downscale = InterpolationPair.Downscale, Upscale = InterpolationPair.Upscale };
    }
}

/// <summary>A shrink by <see cref="Scale"/> and an enlargement back to the original size.</summary>
public sealed record DownscaleOperation : Operation
{
    /// <summary>The scale factor, within (0, 1].</summary>
    public double Scale { get; init; } = 0.25;

    /// <summary>The interpolation of the shrinking resize.</summary>
    public Interpolation Downscale { get; init; } = Interpolation.Nearest;

    /// <summary>The interpolation of the enlarging resize.</summary>
    public Interpolation Upscale { get; init; } = Interpolation.Nearest;

    /// <summary>The size of the shrunk image for an image of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public (int Width, int Height) ShrunkSize(int width, int height) =>
        (Math.Max(1, (int)Math.Round(width * Scale, MidpointRounding.ToEven)), Math.Max(1, (int)Math.Round(height * Scale, MidpointRounding.ToEven)));

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        var (sw, sh) = ShrunkSize(image.Width, image.Height);
        using var small = ImageBuffer<T>.CreateUninitialized(sw, sh, image.Channels);
        ResizeKernel.Apply(image, small, Downscale);
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, image.Channels);
        ResizeKernel.Apply(small, result, Upscale);
        if (typeof(T) == typeof(float)) QualityPixels.ClampUnit(result.As<float>());
        return result;
    }
}
