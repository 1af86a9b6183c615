namespace AugSharp;

/// <summary>Keeps a <see cref="Height"/> x <see cref="Width"/> rectangle at a uniformly drawn place (Albumentations' RandomCrop; p = 1).</summary>
[TransformCategory("crops")]
public sealed class RandomCrop : Transform<CropOperation>
{
    /// <summary>A RandomCrop with p = 1.</summary>
    public RandomCrop() => P = 1;

    /// <summary>Rows kept.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Columns kept.</summary>
    public int Width { get; init; } = 256;

    /// <inheritdoc />
    protected override CropOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (Height > context.Height || Width > context.Width)
            throw new ArgumentException($"RandomCrop of {Width}x{Height} does not fit a {context.Width}x{context.Height} image; add PadIfNeeded before it.");
        return new CropOperation(rng.NextInt(context.Width - Width + 1), rng.NextInt(context.Height - Height + 1), Width, Height);
    }
}
