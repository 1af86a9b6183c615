namespace AugSharp;

/// <summary>A random crop that keeps every box whole (Albumentations' BBoxSafeRandomCrop; p = 1).</summary>
[TransformCategory("crops")]
public sealed class BBoxSafeRandomCrop : Transform<CropOperation>
{
    /// <summary>A BBoxSafeRandomCrop with p = 1.</summary>
    public BBoxSafeRandomCrop() => P = 1;

    /// <summary>How much of the boxes' union may be cut, as a fraction of its size (0 keeps every box whole).</summary>
    public double ErosionRate { get; init; }

    /// <inheritdoc />
    protected override CropOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var (x, y, w, h) = BoxSafeCrop.Draw(rng, context, ErosionRate);
        return new CropOperation(x, y, w, h);
    }
}
