namespace AugSharp;

/// <summary>
/// Picks <see cref="N"/> of its transforms uniformly, with or without replacement, and applies
/// them in the order they are listed, each with its own <c>p</c> (Albumentations 2's SomeOf;
/// default p = 1). Without replacement, an <c>n</c> above the number of transforms means all of
/// them.
/// </summary>
public sealed class SomeOf : ContainerTransform
{
    /// <summary><paramref name="n"/> of <paramref name="transforms"/>.</summary>
    public SomeOf(IEnumerable<ITransform> transforms, int n, bool replace = false, double p = 1) : base(transforms, p)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n cannot be negative.");
        N = replace ? n : Math.Min(n, Transforms.Count);
        Replace = replace;
    }

    /// <summary>How many transforms are picked.</summary>
    public int N { get; }

    /// <summary>Pick with replacement (a transform may apply more than once).</summary>
    public bool Replace { get; }

    /// <summary>Apply the picked transforms in the order they were drawn (RandomOrder) instead of the listed order.</summary>
    internal bool Shuffled { get; init; }

    internal override void RunChildren(PipelineRunner runner, RandomStream rng)
    {
        if (Transforms.Count == 0) return;
        var chosen = new List<int>(N);
        if (Replace)
        {
            for (int k = 0; k < N; k++) chosen.Add(rng.NextInt(Transforms.Count));
        }
        else
        {
            chosen.AddRange(rng.Permutation(Transforms.Count).Take(N));
        }
        if (!Shuffled) chosen.Sort();
        foreach (int i in chosen) runner.Run(Transforms[i], rng);
    }
}
