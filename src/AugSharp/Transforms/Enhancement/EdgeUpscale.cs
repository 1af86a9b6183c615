using System.Text.Json.Serialization;
using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Enlarges by a whole factor with the edge-directed method (<see cref="EdgeDirectedUpscale"/>:
/// Lanczos-4, then rounds of smoothing along edges and back projection), which beats Lanczos in
/// PSNR and SSIM on photos. Masks, boxes and keypoints follow as with Resize (pixel centres map as
/// OpenCV's resize maps them; masks nearest). Deterministic; default p = 1.
/// </summary>
[TransformCategory("resize")]
public sealed class EdgeUpscale : Transform<EdgeUpscaleOperation>
{
    private readonly int _scale = 2;

    /// <summary>Creates the transform (p = 1).</summary>
    public EdgeUpscale() => P = 1;

    /// <summary>The whole enlargement factor, 2, 3 or 4. Default 2.</summary>
    public int Scale
    {
        get => _scale;
        init => _scale = value is >= 2 and <= 4 ? value : throw new ArgumentOutOfRangeException(nameof(Scale), value, "scale must be 2, 3 or 4.");
    }

    /// <inheritdoc />
    protected override EdgeUpscaleOperation SampleOperation(RandomStream rng, TransformContext context) => new(Scale);
}

/// <summary>An edge-directed enlargement by <paramref name="Scale"/>; masks, boxes and keypoints move as with <see cref="ResizeOperation"/>.</summary>
/// <param name="Scale">The whole factor.</param>
public sealed record EdgeUpscaleOperation(int Scale) : GeometricOperation
{
    /// <inheritdoc />
    [JsonIgnore]
    public override Fusion Fusion => Fusion.None;

    /// <inheritdoc />
    [JsonIgnore]
    public override Interpolation? ImageInterpolation => Interpolation.Lanczos;

    /// <inheritdoc />
    [JsonIgnore]
    public override BorderMode? ImageBorder => null;

    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input) => new(Scale, 0, 0.5 * Scale - 0.5, 0, Scale, 0.5 * Scale - 0.5, 0, 0, 1);

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input) => (input.Width * Scale, input.Height * Scale);

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        if (Scale is < 2 or > 4) throw new ArgumentException($"EdgeUpscale: the scale must be 2, 3 or 4, not {Scale}.");
        using var values = image.ConvertTo<float>();
        using var big = EdgeDirectedUpscale.Apply(values, Scale);
        return EnhancementPixels.FromValues<T>(big);
    }

    /// <summary>Masks take the nearest source pixel of each output pixel's centre, as Resize's do.</summary>
    protected override ImageBuffer ApplyToMask(ImageBuffer mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return GeometricWarp.WarpMask(mask, GetMatrix(mask.Shape), mask.Width * Scale, mask.Height * Scale, BorderMode.Replicate, 0);
    }
}
