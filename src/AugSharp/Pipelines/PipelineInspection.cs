namespace AugSharp;

/// <summary>Questions about what a pipeline holds, asked before it runs.</summary>
public static class PipelineInspection
{
    /// <summary>
    /// The name of a step that works in 8 bits whatever the input (Keras' brightness, which goes
    /// through an 8-bit picture as Keras does), or null: 16-bit inputs lose precision there.
    /// </summary>
    public static string? EightBitStep(ITransform transform) => transform switch
    {
        IEightBitStep { EightBitStep: { } step } => step,
        Compose c => c.Transforms.Select(EightBitStep).FirstOrDefault(s => s is not null),
        ContainerTransform k => k.Transforms.Select(EightBitStep).FirstOrDefault(s => s is not null),
        _ => null,
    };

    /// <summary>
    /// Why <paramref name="transform"/> cannot carry oriented boxes: the first step it holds
    /// (containers searched) marked <see cref="NoOrientedBoxesAttribute"/>, named with its reason;
    /// null when every step carries them.
    /// </summary>
    public static string? OrientedBoxRefusal(ITransform transform) => transform switch
    {
        null => throw new ArgumentNullException(nameof(transform)),
        Compose c => c.Transforms.Select(OrientedBoxRefusal).FirstOrDefault(s => s is not null),
        ContainerTransform k => k.Transforms.Select(OrientedBoxRefusal).FirstOrDefault(s => s is not null),
        _ => transform.GetType().GetCustomAttributes(typeof(NoOrientedBoxesAttribute), false) is [NoOrientedBoxesAttribute refusal, ..]
            ? $"{transform.Name} cannot carry oriented boxes: {refusal.Reason}"
            : null,
    };
}
