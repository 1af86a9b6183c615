namespace AugSharp;

/// <summary>
/// Marks a transform that cannot carry oriented boxes (<see cref="AnnotatedImage.OrientedBoxes"/>):
/// a pipeline with oriented-box rules (<see cref="Compose.OrientedBoxParams"/>) that holds it is
/// refused when it is built, and a pipeline given oriented boxes refuses to run, naming the
/// transform and <see cref="Reason"/>.
/// </summary>
/// <param name="reason">Why the transform cannot carry them, for the error message.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NoOrientedBoxesAttribute(string reason) : Attribute
{
    /// <summary>Why the transform cannot carry oriented boxes.</summary>
    public string Reason { get; } = reason;
}
