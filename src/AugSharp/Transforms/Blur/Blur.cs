using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// A box blur (<c>cv2.blur</c>) with an odd square kernel drawn from <see cref="BlurLimit"/>
/// (Albumentations' Blur; default p = 0.5). Each channel is blurred on its own; borders reflect
/// about the edge pixel (reflect101). uint8 and uint16 results are rounded; float32 images (in
/// 0..1) stay in float.
/// </summary>
[TransformCategory("blur")]
public sealed class Blur : Transform<BlurOperation>
{
    private readonly IReadOnlyList<int> _blurLimit = [3, 7];

    /// <summary>The kernel sizes [min, max] (odd, at least 3; one number L means [3, L]). Default [3, 7].</summary>
    public IReadOnlyList<int> BlurLimit
    {
        get => _blurLimit;
        init
        {
            BlurSampling.Limit(value, 3, nameof(BlurLimit));
            _blurLimit = value;
        }
    }

    /// <inheritdoc />
    protected override BlurOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var (low, high) = BlurSampling.Limit(BlurLimit, 3, nameof(BlurLimit));
        return new BlurOperation { Kernel = BlurSampling.OddSize(rng, low, high) };
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
