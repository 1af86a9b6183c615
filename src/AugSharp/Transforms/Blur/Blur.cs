using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// A box blur (<c>cv2.blur</c>) with an odd square kernel drawn from <c>blur_limit</c>
/// (Albumentations' Blur; default p = 0.5). Each channel is blurred on its own; borders reflect
/// about the edge pixel (reflect101). uint8 and uint16 results are rounded; float32 images (in
/// 0..1) stay in float.
/// </summary>
[TransformCategory("blur")]
public sealed class Blur : OddKernelTransform<BlurOperation>
{
    /// <inheritdoc />
    protected override BlurOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        return new BlurOperation { Kernel = DrawKernelSize(rng) };
    }
}

/// <summary>A box blur with a <see cref="Kernel"/> x <see cref="Kernel"/> window.</summary>
public sealed record BlurOperation : Operation
{
    /// <summary>The odd kernel size.</summary>
    public int Kernel { get; init; } = 3;

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => BlurSampling.Into(image, (s, d) => Convolution.Box(s, d, Kernel));
}
