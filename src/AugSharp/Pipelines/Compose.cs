namespace AugSharp;

/// <summary>
/// A pipeline: its transforms in order, each sampled just before it applies (so it sees the
/// shape and targets the previous ones left), with the rules for boxes, keypoints and oriented
/// boxes (Albumentations' Compose). Consecutive geometric steps are warped once. The same seed,
/// item and copy always give the same result; <see cref="Run"/> also returns the recipe to replay.
/// A pipeline with oriented-box rules that holds a transform which cannot carry oriented boxes
/// (<see cref="NoOrientedBoxesAttribute"/>) is refused when built; one without them refuses such a
/// transform when it is given oriented boxes.
/// </summary>
public sealed class Compose : ITransform, IContainerTransform
{
    /// <summary>A pipeline of <paramref name="transforms"/>.</summary>
    /// <param name="transforms">The transforms, in order.</param>
    /// <param name="boxParams">The box rules; null for the defaults.</param>
    /// <param name="keypointParams">The keypoint rules; null for the defaults.</param>
    /// <param name="p">The probability of applying the pipeline.</param>
    /// <param name="orientedBoxParams">The oriented-box rules; null for the defaults (and no check of the transforms until oriented boxes are given).</param>
    /// <exception cref="NotSupportedException">Oriented-box rules are given and a transform cannot carry oriented boxes.</exception>
    public Compose(IEnumerable<ITransform> transforms, BoxParams? boxParams = null, KeypointParams? keypointParams = null, double p = 1, OrientedBoxParams? orientedBoxParams = null)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        Transforms = transforms.ToArray();
        if (Transforms.Any(t => t is null)) throw new ArgumentException("A pipeline cannot hold a null transform.", nameof(transforms));
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be between 0 and 1.");
        BoxParams = boxParams;
        KeypointParams = keypointParams;
        OrientedBoxParams = orientedBoxParams;
        P = p;
        if (orientedBoxParams is not null) CheckOrientedBoxes(Transforms);
    }

    /// <summary>The oriented-box rules; null for the defaults.</summary>
    public OrientedBoxParams? OrientedBoxParams { get; }

    /// <summary>
    /// Throws <see cref="NotSupportedException"/> naming the first of <paramref name="transforms"/>
    /// (containers searched) that cannot carry oriented boxes (<see cref="PipelineInspection.OrientedBoxRefusal"/>).
    /// </summary>
    private static void CheckOrientedBoxes(IEnumerable<ITransform> transforms)
    {
        if (transforms.Select(PipelineInspection.OrientedBoxRefusal).FirstOrDefault(s => s is not null) is { } refusal)
            throw new NotSupportedException(refusal + ". Remove it from a pipeline that moves oriented boxes.");
    }

    /// <summary>The transforms, in order.</summary>
    public IReadOnlyList<ITransform> Transforms { get; }

    /// <summary>The box rules; null for the defaults.</summary>
    public BoxParams? BoxParams { get; }

    /// <summary>The keypoint rules; null for the defaults.</summary>
    public KeypointParams? KeypointParams { get; }

    /// <summary>The seed a pipeline file gave, if any (used by the command line when none is given).</summary>
    public ulong? Seed { get; init; }

    /// <inheritdoc />
    public string Name => "Compose";

    /// <inheritdoc />
    public double P { get; }

    /// <summary>Runs the pipeline on <paramref name="input"/> with <paramref name="rng"/>; returns the result and its recipe.</summary>
    public (AnnotatedImage Result, ComposeOperation Recipe) Run(AnnotatedImage input, RandomStream rng)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rng);
        if (input.OrientedBoxes.Count > 0 && OrientedBoxParams is null) CheckOrientedBoxes(Transforms);
        var runner = new PipelineRunner(input, BoxParams, KeypointParams, OrientedBoxParams);
        ((IContainerTransform)this).Run(runner, rng, forced: false);
        var result = runner.Finish();
        return (result, new ComposeOperation(runner.Recorded.ToArray()) { BoxParams = BoxParams, KeypointParams = KeypointParams, OrientedBoxParams = OrientedBoxParams });
    }

    /// <summary>Runs the pipeline with the stream of (<paramref name="seed"/>, <paramref name="item"/>, <paramref name="copy"/>).</summary>
    public AnnotatedImage Apply(AnnotatedImage input, ulong seed, long item = 0, long copy = 0)
        => Run(input, RandomStream.For(seed, item, copy)).Result;

    /// <summary>Runs the pipeline on an image alone.</summary>
    public ImageBuffer Apply(ImageBuffer image, ulong seed, long item = 0, long copy = 0)
        => Apply(new AnnotatedImage(image), seed, item, copy).Image;

    /// <inheritdoc />
    public IOperation Sample(RandomStream rng, TransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.Target;
        var (result, recipe) = Run(input, rng);
        result.DisposeExcept(input);
        return recipe;
    }

    void IContainerTransform.Run(PipelineRunner runner, RandomStream rng, bool forced)
    {
        if (!forced && P < 1 && !(rng.NextDouble() < P)) return;
        foreach (var t in Transforms) runner.Run(t, rng);
    }
}
