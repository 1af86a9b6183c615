namespace AugSharp;

/// <summary>Turns the image by 0, 1, 2 or 3 quarter turns counter-clockwise, drawn uniformly (Albumentations' RandomRotate90; default p = 0.5).</summary>
[TransformCategory("geometric")]
public sealed class RandomRotate90 : Transform<Rotate90Operation>
{
    /// <inheritdoc />
    protected override Rotate90Operation SampleOperation(RandomStream rng, TransformContext context) => new(rng.NextInt(4));
}
