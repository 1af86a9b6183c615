namespace AugSharp;

/// <summary>Keeps a <see cref="Height"/> x <see cref="Width"/> rectangle at the centre (Albumentations' CenterCrop; p = 1), padding a smaller image first with <see cref="PadIfNeeded"/>.</summary>
[TransformCategory("crops")]
public sealed class CenterCrop : PaddedCropTransform
{
    /// <summary>Rows kept.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Columns kept.</summary>
    public int Width { get; init; } = 256;

    /// <inheritdoc />
    protected override IOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var pad = PadIfNeeded ? Padding.ForCrop(context.Shape, Width, Height, PadPosition, rng, BorderMode, Fill, FillMask) : null;
        int w = context.Width + (pad is null ? 0 : pad.Left + pad.Right), h = context.Height + (pad is null ? 0 : pad.Top + pad.Bottom);
        var op = new CropOperation((w - Width) / 2, (h - Height) / 2, Width, Height);
        op.CheckFits(new ImageShape(h, w, context.Shape.Channels));
        return Padding.Then(pad, op);
    }
}
