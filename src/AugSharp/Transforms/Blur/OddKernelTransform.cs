namespace AugSharp;

/// <summary>
/// The base of the blur transforms whose kernel is an odd square drawn from <see cref="BlurLimit"/>
/// (Albumentations' <c>blur_limit</c>): Blur, MedianBlur, MotionBlur and AdvancedBlur.
/// </summary>
/// <typeparam name="TOperation">The operation record.</typeparam>
public abstract class OddKernelTransform<TOperation> : Transform<TOperation>
    where TOperation : IOperation
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

    /// <summary>An odd kernel size drawn uniformly from <see cref="BlurLimit"/>.</summary>
    protected int DrawKernelSize(RandomStream rng)
    {
        var (low, high) = BlurSampling.Limit(BlurLimit, 3, nameof(BlurLimit));
        return BlurSampling.OddSize(rng, low, high);
    }
}
