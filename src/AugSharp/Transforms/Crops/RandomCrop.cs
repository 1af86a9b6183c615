namespace AugSharp;

/// <summary>Keeps a <see cref="Height"/> x <see cref="Width"/> rectangle at a uniformly drawn place (Albumentations' RandomCrop; p = 1), padding a smaller image first with <see cref="PadIfNeeded"/>.</summary>
[TransformCategory("crops")]
public sealed class RandomCrop : PaddedCropTransform
{
    /// <summary>Rows kept.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Columns kept.</summary>
    public int Width { get; init; } = 256;

    /// <inheritdoc />
    protected override IOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (!PadIfNeeded && (Height > context.Height || Width > context.Width))
            throw new ArgumentException($"RandomCrop of {Width}x{Height} does not fit a {context.Width}x{context.Height} image; set pad_if_needed or add PadIfNeeded before it.");
        var pad = Padding.ForCrop(context.Shape, Width, Height, PadPosition, rng, BorderMode, Fill, FillMask);
        int w = context.Width + (pad is null ? 0 : pad.Left + pad.Right), h = context.Height + (pad is null ? 0 : pad.Top + pad.Bottom);
        return Padding.Then(pad, new CropOperation(rng.NextInt(w - Width + 1), rng.NextInt(h - Height + 1), Width, Height));
    }
}
