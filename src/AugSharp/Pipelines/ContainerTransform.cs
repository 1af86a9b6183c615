namespace AugSharp;

/// <summary>The base of the transforms that hold others: it rolls its own <see cref="P"/>, then runs its children inside the pipeline.</summary>
public abstract class ContainerTransform : ITransform, IContainerTransform
{
    /// <summary>A container of <paramref name="transforms"/> applied with probability <paramref name="p"/>.</summary>
    protected ContainerTransform(IEnumerable<ITransform> transforms, double p)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        Transforms = transforms.ToArray();
        if (Transforms.Any(t => t is null)) throw new ArgumentException("A container cannot hold a null transform.", nameof(transforms));
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be between 0 and 1.");
        P = p;
    }

    /// <summary>The children, in order.</summary>
    public IReadOnlyList<ITransform> Transforms { get; }

    /// <inheritdoc />
    public virtual string Name => GetType().Name;

    /// <inheritdoc />
    public double P { get; }

    /// <inheritdoc />
    public IOperation Sample(RandomStream rng, TransformContext context)
        => new Compose([this]).Sample(rng, context);

    void IContainerTransform.Run(PipelineRunner runner, RandomStream rng, bool forced)
    {
        if (RollsOwnProbability && !forced && P < 1 && !(rng.NextDouble() < P)) return;
        RunChildren(runner, rng);
    }

    /// <summary>False for a container whose <see cref="P"/> chooses between its children rather than whether it applies (OneOrOther).</summary>
    internal virtual bool RollsOwnProbability => true;

    /// <summary>Runs the children (the container's own probability has said yes).</summary>
    internal abstract void RunChildren(PipelineRunner runner, RandomStream rng);

    /// <summary>An index drawn with the children's <c>p</c> as weights (uniform when they are all 0).</summary>
    internal static int PickWeighted(RandomStream rng, IReadOnlyList<ITransform> transforms)
    {
        double total = transforms.Sum(t => t.P);
        if (total <= 0) return rng.NextInt(transforms.Count);
        double r = rng.NextDouble() * total;
        for (int i = 0; i < transforms.Count; i++)
        {
            r -= transforms[i].P;
            if (r < 0) return i;
        }
        return transforms.Count - 1;
    }
}
