namespace AugSharp;

/// <summary>
/// The recipe of one pipeline call: the operations applied, in order, with the box and keypoint
/// rules. Applied again (to the same image or to other data of the same size) it gives the same
/// result byte for byte; it serialises to JSON with <see cref="OperationJson"/>.
/// </summary>
/// <param name="Operations">The operations, in order.</param>
public sealed record ComposeOperation(IReadOnlyList<IOperation> Operations) : IOperation
{
    /// <summary>The box rules used when the recipe was recorded.</summary>
    public BoxParams? BoxParams { get; init; }

    /// <summary>The keypoint rules used when the recipe was recorded.</summary>
    public KeypointParams? KeypointParams { get; init; }

    /// <summary>The oriented-box rules used when the recipe was recorded.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public OrientedBoxParams? OrientedBoxParams { get; init; }

    /// <inheritdoc />
    [System.Text.Json.Serialization.JsonIgnore]
    public string Name => "Compose";

    /// <inheritdoc />
    public AnnotatedImage Apply(AnnotatedImage input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var runner = new PipelineRunner(input, BoxParams, KeypointParams, OrientedBoxParams);
        foreach (var operation in Operations) runner.Step(operation);
        return runner.Finish();
    }
}
