namespace AugSharp;

/// <summary>
/// Applies exactly one of its transforms, chosen with the children's <c>p</c> as weights; the
/// chosen one is applied whatever its own <c>p</c> (Albumentations' OneOf; default p = 0.5).
/// </summary>
public sealed class OneOf : ContainerTransform
{
    /// <summary>One of <paramref name="transforms"/>.</summary>
    public OneOf(IEnumerable<ITransform> transforms, double p = 0.5) : base(transforms, p) { }

    /// <inheritdoc />
    internal override void RunChildren(PipelineRunner runner, RandomStream rng)
    {
        if (Transforms.Count == 0) return;
        runner.Run(Transforms[PickWeighted(rng, Transforms)], rng, forced: true);
    }
}
