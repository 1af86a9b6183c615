namespace AugSharp;

/// <summary>Applies the first transform with probability <c>p</c>, else the second, each whatever its own <c>p</c> (Albumentations' OneOrOther; default p = 0.5).</summary>
public sealed class OneOrOther : ContainerTransform
{
    /// <summary>The first or the second transform.</summary>
    public OneOrOther(ITransform first, ITransform second, double p = 0.5) : base([first, second], p)
    {
    }

    /// <summary>The probability of the first transform (<see cref="ContainerTransform.P"/>).</summary>
    public double FirstProbability => P;

    internal override bool RollsOwnProbability => false;

    internal override void RunChildren(PipelineRunner runner, RandomStream rng)
        => runner.Run(rng.NextDouble() < FirstProbability ? Transforms[0] : Transforms[1], rng, forced: true);
}
