namespace AugSharp;

/// <summary>A transform with a step that works in 8 bits whatever the input, so 16-bit images lose precision there (Keras' brightness).</summary>
public interface IEightBitStep
{
    /// <summary>The step's name for a one-line warning, or null when this configuration has no such step.</summary>
    string? EightBitStep { get; }
}
