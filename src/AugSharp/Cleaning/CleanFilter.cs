namespace AugSharp.Cleaning;

/// <summary>The outcome of <see cref="CleanFilter.Run"/>.</summary>
/// <param name="Result">The augmented image: the first draw that passed the checks, or the last draw when none did.</param>
/// <param name="Recipe">Its recipe (what a manifest records and replays).</param>
/// <param name="Attempts">Draws made (1 when the first one passed).</param>
/// <param name="Rejected">The reasons of each rejected draw, in order; the last draw's are also in <see cref="Reasons"/> when none passed.</param>
/// <param name="Reasons">Why the result fails the checks; empty when it passes.</param>
public sealed record FilteredAugmentation(AnnotatedImage Result, ComposeOperation Recipe, int Attempts, IReadOnlyList<IReadOnlyList<CleanReason>> Rejected, IReadOnlyList<CleanReason> Reasons)
{
    /// <summary>True when the result passes the checks.</summary>
    public bool Accepted => Reasons.Count == 0;
}

/// <summary>
/// A pipeline that checks what it makes: an augmentation whose output fails the clean-up checks
/// (too much fill, no information, black or white, blurred relative to the source, all objects
/// lost) is drawn again, from the same random stream, so that a generated data set keeps its
/// requested count of usable images. A first draw that passes is returned as the plain pipeline
/// returns it: the filter never changes a good output.
/// </summary>
public sealed class CleanFilter
{
    /// <summary>Wraps <paramref name="pipeline"/>.</summary>
    /// <param name="pipeline">The augmentation.</param>
    /// <param name="thresholds">The checks' limits, or null for the defaults.</param>
    /// <param name="maxAttempts">Draws before giving up (the last draw is then returned with its reasons).</param>
    public CleanFilter(Compose pipeline, CleanThresholds? thresholds = null, int maxAttempts = 10)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        Pipeline = pipeline;
        Thresholds = thresholds ?? new CleanThresholds();
        Thresholds.Validate();
        MaxAttempts = maxAttempts;
    }

    /// <summary>The wrapped pipeline.</summary>
    public Compose Pipeline { get; }

    /// <summary>The checks' limits.</summary>
    public CleanThresholds Thresholds { get; }

    /// <summary>Draws before giving up.</summary>
    public int MaxAttempts { get; }

    /// <summary>Runs the pipeline on <paramref name="input"/>, drawing again from <paramref name="rng"/> while the output fails the checks.</summary>
    public FilteredAugmentation Run(AnnotatedImage input, RandomStream rng)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rng);
        var source = ImageMetrics.Measure(input.Image);
        var rejected = new List<IReadOnlyList<CleanReason>>();
        for (int attempt = 1; ; attempt++)
        {
            var (result, recipe) = Pipeline.Run(input, rng);
            var reasons = Check(input, source, result, recipe);
            if (reasons.Count == 0 || attempt == MaxAttempts)
                return new FilteredAugmentation(result, recipe, attempt, rejected, reasons);
            rejected.Add(reasons);
            result.DisposeExcept(input);
        }
    }

    /// <summary>The reasons <paramref name="result"/> (made from <paramref name="input"/> by <paramref name="recipe"/>) fails the checks.</summary>
    public IReadOnlyList<CleanReason> Check(AnnotatedImage input, ImageMeasures source, AnnotatedImage result, ComposeOperation recipe)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(recipe);
        // The exact fill needs the recipe alone; the several-image transforms need their companions, so their fill is estimated.
        double? fill = input.Metadata.Count == 0 ? FillFraction.FromOperations(recipe, input.Image.Width, input.Image.Height, input.Image.Channels) : null;
        var reasons = new List<CleanReason>(ImageChecks.Judge(ImageMetrics.Measure(result.Image), Thresholds, source, fill));
        if (ImageChecks.ObjectsLost(input, result) is { } lost) reasons.Add(lost);
        return reasons;
    }
}
