using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// A median filter (<c>cv2.medianBlur</c>, edges replicated) with an odd square window drawn
/// from <c>blur_limit</c> (Albumentations' MedianBlur; default p = 0.5). Each channel is
/// filtered on its own, in its own type: uint16 and float32 (0..1) images are filtered natively
/// rather than through uint8.
/// </summary>
[TransformCategory("blur")]
public sealed class MedianBlur : OddKernelTransform<MedianBlurOperation>
{
    /// <inheritdoc />
    protected override MedianBlurOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        return new MedianBlurOperation { Kernel = DrawKernelSize(rng) };
    }
}

/// <summary>A median over a <see cref="Kernel"/> x <see cref="Kernel"/> window per channel.</summary>
public sealed record MedianBlurOperation : Operation
{
    /// <summary>The odd window size.</summary>
    public int Kernel { get; init; } = 3;

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => BlurSampling.Into(image, (s, d) => Convolution.Median(s, d, Kernel));
}
