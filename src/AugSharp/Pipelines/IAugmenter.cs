namespace AugSharp;

/// <summary>
/// Makes one augmented image and its recipe from an input and a random stream. A
/// <see cref="Compose"/> is one; a pipeline with checks that draws again when its output is
/// unusable (<see cref="Cleaning.CleanFilter"/>) is another. The data-set engine runs any of them.
/// </summary>
public interface IAugmenter
{
    /// <summary>The augmented image of <paramref name="input"/> and the operations that made it.</summary>
    (AnnotatedImage Result, ComposeOperation Recipe) Run(AnnotatedImage input, RandomStream rng);
}
