namespace AugSharp;

/// <summary>
/// A random transform, in two halves kept apart: <see cref="Sample"/> draws every random number
/// into an immutable <see cref="IOperation"/>; the operation applies deterministically to the
/// image and all its targets. Pipelines hold mixed lists of transforms through this interface.
/// </summary>
public interface ITransform
{
    /// <summary>The transform's name, as pipeline files write it (Albumentations' names).</summary>
    string Name { get; }

    /// <summary>The probability of applying the transform (0..1).</summary>
    double P { get; }

    /// <summary>
    /// Draws the concrete parameters for <paramref name="context"/>'s image from
    /// <paramref name="rng"/>. When the transform is not applied (probability 1-P) the result is
    /// an identity operation.
    /// </summary>
    IOperation Sample(RandomStream rng, TransformContext context);
}

/// <summary>
/// The concrete, immutable result of <see cref="ITransform.Sample"/>: applied to an annotated
/// image it moves the pixels and every target the same way, and leaves the input as it was.
/// Operations serialise to JSON with their transform's name (<see cref="OperationJson"/>), and a
/// replayed operation gives the same bytes.
/// </summary>
public interface IOperation
{
    /// <summary>The name of the transform that made the operation.</summary>
    string Name { get; }

    /// <summary>Applies the operation; returns a new annotated image.</summary>
    AnnotatedImage Apply(AnnotatedImage input);
}

/// <summary>
/// An operation that moves pixels by a projective map: <see cref="GetMatrix"/> sends source
/// pixel-index coordinates to destination ones. Boxes and keypoints follow the same matrix;
/// consecutive geometric operations in a pipeline are multiplied into one matrix and the pixels
/// are warped once.
/// </summary>
public interface IGeometricOperation : IOperation
{
    /// <summary>The map from source to destination pixel-index coordinates for a source of <paramref name="input"/>.</summary>
    Matrix3x3 GetMatrix(ImageShape input);

    /// <summary>The output's width and height for a source of <paramref name="input"/>.</summary>
    (int Width, int Height) GetOutputSize(ImageShape input);
}
