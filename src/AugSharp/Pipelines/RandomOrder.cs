namespace AugSharp;

/// <summary>Applies <c>n</c> of its transforms, picked uniformly, in a random order, each with its own <c>p</c> (Albumentations' RandomOrder; default n = 1, p = 1).</summary>
public sealed class RandomOrder : ContainerTransform
{
    /// <summary><paramref name="n"/> of <paramref name="transforms"/> in a random order.</summary>
    public RandomOrder(IEnumerable<ITransform> transforms, int n = 1, bool replace = false, double p = 1)
        : base(transforms, p)
    {
        _inner = new SomeOf(Transforms, n, replace, 1) { Shuffled = true };
    }

    private readonly SomeOf _inner;

    /// <summary>How many transforms are applied.</summary>
    public int N => _inner.N;

    /// <summary>Choose with replacement.</summary>
    public bool Replace => _inner.Replace;

    internal override void RunChildren(PipelineRunner runner, RandomStream rng) => _inner.RunChildren(runner, rng);
}
