namespace AugSharp;

/// <summary>
/// A mark in a recipe: the pending geometric steps were warped here, because the next transform
/// looked at the pixels when it was sampled. Replaying the recipe warps at the same place, so the
/// replay gives the same bytes. It changes nothing by itself.
/// </summary>
public sealed record FlushOperation : IOperation
{
    /// <inheritdoc />
    [System.Text.Json.Serialization.JsonIgnore]
    public string Name => "Flush";

    /// <inheritdoc />
    public AnnotatedImage Apply(AnnotatedImage input) => input ?? throw new ArgumentNullException(nameof(input));
}
