using System.Text.Json.Serialization;
using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Resizes to <paramref name="Width"/> x <paramref name="Height"/> with the resize kernel
/// (area averaging and Lanczos included); masks with nearest-neighbour at the pixel centres. Pixel centres map as
/// OpenCV's resize maps them: x' = (x + 0.5)·sx - 0.5. It runs on its own, never fused into a warp.
/// </summary>
/// <param name="Width">Output columns.</param>
/// <param name="Height">Output rows.</param>
/// <param name="Interpolation">Interpolation of the image.</param>
public sealed record ResizeOperation(int Width, int Height, Interpolation Interpolation = Interpolation.Linear) : GeometricOperation
{
    /// <inheritdoc />
    [JsonIgnore]
    public override Fusion Fusion => Fusion.None;

    /// <inheritdoc />
    [JsonIgnore]
    public override Interpolation? ImageInterpolation => Interpolation;

    /// <inheritdoc />
    [JsonIgnore]
    public override BorderMode? ImageBorder => null;

    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input)
    {
        double sx = (double)Width / input.Width, sy = (double)Height / input.Height;
        return new Matrix3x3(sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5, 0, 0, 1);
    }

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input) => (Width, Height);

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => ResizeTo(image, Interpolation);

    /// <summary>Interpolation of the masks: nearest (the default) keeps their labels; another one resizes them as images.</summary>
    [JsonPropertyName("mask_interpolation")]
    public Interpolation MaskInterpolationMode { get; init; } = Interpolation.Nearest;

    /// <inheritdoc />
    [JsonIgnore]
    public override Interpolation MaskInterpolation => MaskInterpolationMode;

    /// <summary>
    /// Masks take the nearest source pixel of each output pixel's centre through the same map as
    /// the image (OpenCV's INTER_NEAREST_EXACT), so that they stay aligned with a linearly resized
    /// image; OpenCV's INTER_NEAREST would shift them by up to half a source pixel. With another
    /// <see cref="MaskInterpolation"/> they are resized as images.
    /// </summary>
    protected override ImageBuffer ApplyToMask(ImageBuffer mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (MaskInterpolation == Interpolation.Nearest)
            return GeometricWarp.WarpMask(mask, GetMatrix(mask.Shape), Width, Height, BorderMode.Replicate, 0);
        return mask.PixelType switch
        {
            PixelType.UInt8 => ResizeTo(mask.As<byte>(), MaskInterpolation),
            PixelType.UInt16 => ResizeTo(mask.As<ushort>(), MaskInterpolation),
            _ => ResizeTo(mask.As<float>(), MaskInterpolation),
        };
    }

    private ImageBuffer<T> ResizeTo<T>(ImageBuffer<T> source, Interpolation interpolation) where T : unmanaged
    {
        if (Width <= 0 || Height <= 0) throw new ArgumentException($"Cannot resize to {Width}x{Height}.");
        var result = ImageBuffer<T>.CreateUninitialized(Width, Height, source.Channels);
        ResizeKernel.Apply(source, result, interpolation);
        return result;
    }
}
