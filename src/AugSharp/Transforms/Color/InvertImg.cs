namespace AugSharp;

/// <summary>
/// Inverts every element: <c>out = max - v</c>, with max 255 for uint8, 65535 for uint16 and 1 for
/// float32 images (which are in 0..1, Albumentations' convention); any number of channels
/// (Albumentations' InvertImg; default p = 0.5).
/// </summary>
[TransformCategory("color")]
public sealed class InvertImg : Transform<InvertImgOperation>
{
    /// <inheritdoc />
    protected override InvertImgOperation SampleOperation(RandomStream rng, TransformContext context) => new();
}

/// <summary><c>out = max - v</c>.</summary>
public sealed record InvertImgOperation : ChannelMapOperation
{
    /// <inheritdoc />
    protected override double Map(int channel, double value, double max) => max - value;
}
