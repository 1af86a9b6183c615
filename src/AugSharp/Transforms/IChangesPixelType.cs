namespace AugSharp;

/// <summary>
/// A transform whose output image has another pixel type than its input (ToFloat and Normalize
/// give float32, FromFloat its <c>dtype</c>); every other transform keeps the input's type.
/// Masks keep their type.
/// </summary>
public interface IChangesPixelType
{
    /// <summary>The pixel type of the output for an input of <paramref name="input"/>.</summary>
    PixelType OutputPixelType(PixelType input);
}
