namespace AugSharp;

/// <summary>Applies all its transforms in order, each with its own <c>p</c>, when its own <c>p</c> says so (Albumentations' Sequential; default p = 0.5).</summary>
public sealed class Sequential : ContainerTransform
{
    /// <summary>All of <paramref name="transforms"/>, in order.</summary>
    public Sequential(IEnumerable<ITransform> transforms, double p = 0.5) : base(transforms, p) { }

    internal override void RunChildren(PipelineRunner runner, RandomStream rng)
    {
        foreach (var t in Transforms) runner.Run(t, rng);
    }
}
