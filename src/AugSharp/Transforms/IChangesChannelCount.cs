namespace AugSharp;

/// <summary>
/// A transform whose output image has another channel count than its input (ToRGB gives three
/// channels from one); every other transform keeps the input's channels. Masks keep theirs.
/// </summary>
public interface IChangesChannelCount
{
    /// <summary>
    /// The channel count of the output for an input of <paramref name="input"/> channels; throws
    /// <see cref="NotSupportedException"/>, naming the transform, for a count it does not take.
    /// </summary>
    int OutputChannels(int input);
}
