namespace AugSharp;

/// <summary>
/// A random augmentation in two halves (sample, then apply): <see cref="Sample"/> draws every
/// random number into an immutable operation record; <see cref="Apply"/> applies a record
/// deterministically. Replaying a record gives the same pixels; recording it gives the recipe.
/// </summary>
/// <typeparam name="TOperation">The operation record: concrete angles, offsets, factors.</typeparam>
public interface IAugmentation<TOperation>
    where TOperation : notnull
{
    /// <summary>Draws the parameters for an image of <paramref name="shape"/> from <paramref name="rng"/>.</summary>
    TOperation Sample(RandomStream rng, ImageShape shape);

    /// <summary>Applies <paramref name="operation"/> to <paramref name="image"/>; returns a new image and leaves the input as it was.</summary>
    ImageBuffer<float> Apply(ImageBuffer<float> image, TOperation operation);
}

/// <summary>Helpers for every <see cref="IAugmentation{TOperation}"/>.</summary>
public static class AugmentationExtensions
{
    /// <summary>
    /// Samples from the stream of (<paramref name="seed"/>, <paramref name="item"/>,
    /// <paramref name="copy"/>) and applies: the same key always gives the same result, whatever
    /// thread or machine computes it.
    /// </summary>
    public static ImageBuffer<float> Augment<TOperation>(this IAugmentation<TOperation> augmentation, ImageBuffer<float> image, ulong seed, long item, long copy = 0)
        where TOperation : notnull
    {
        ArgumentNullException.ThrowIfNull(augmentation);
        ArgumentNullException.ThrowIfNull(image);
        var operation = augmentation.Sample(RandomStream.For(seed, item, copy), image.Shape);
        return augmentation.Apply(image, operation);
    }
}
