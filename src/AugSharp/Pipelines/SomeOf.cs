namespace AugSharp;

/// <summary>
/// Applies <see cref="N"/> of its transforms chosen with the children's <c>p</c> as weights,
/// with or without replacement, in the order they are listed; each chosen one is applied whatever
/// its own <c>p</c> (Albumentations' SomeOf; default p = 1).
/// </summary>
public sealed class SomeOf : ContainerTransform
{
    /// <summary><paramref name="n"/> of <paramref name="transforms"/>.</summary>
    public SomeOf(IEnumerable<ITransform> transforms, int n, bool replace = false, double p = 1) : base(transforms, p)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n cannot be negative.");
        if (!replace && n > Transforms.Count) throw new ArgumentOutOfRangeException(nameof(n), n, $"Cannot choose {n} of {Transforms.Count} transforms without replacement.");
        N = n;
        Replace = replace;
    }

    /// <summary>How many transforms are applied.</summary>
    public int N { get; }

    /// <summary>Choose with replacement (a transform may apply more than once).</summary>
    public bool Replace { get; }

    /// <summary>Keep the chosen order instead of the listed order (RandomOrder).</summary>
    internal bool Shuffled { get; init; }

    internal override void RunChildren(PipelineRunner runner, RandomStream rng)
    {
        var chosen = new List<int>(N);
        var remaining = Enumerable.Range(0, Transforms.Count).ToList();
        for (int k = 0; k < N && Transforms.Count > 0; k++)
        {
            var pool = Replace ? Enumerable.Range(0, Transforms.Count).ToList() : remaining;
            int pick = pool[PickWeighted(rng, pool.Select(i => Transforms[i]).ToArray())];
            chosen.Add(pick);
            if (!Replace) remaining.Remove(pick);
        }
        if (!Shuffled) chosen.Sort();
        foreach (int i in chosen) runner.Run(Transforms[i], rng, forced: true);
    }
}
