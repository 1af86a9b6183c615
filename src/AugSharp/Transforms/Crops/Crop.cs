namespace AugSharp;

/// <summary>
/// Keeps the rectangle from (<see cref="XMin"/>, <see cref="YMin"/>) up to (not including)
/// (<see cref="XMax"/>, <see cref="YMax"/>) (Albumentations' Crop; p = 1). With
/// <see cref="PadIfNeeded"/> an image that ends before the rectangle is padded first: the
/// missing rows and columns, spread by <see cref="PadPosition"/> but never fewer below and right
/// than the rectangle needs, as Albumentations does; the rectangle is then taken from the padded
/// image.
/// </summary>
[TransformCategory("crops")]
public sealed class Crop : PaddedCropTransform
{
    /// <summary>Left column of the rectangle.</summary>
    public int XMin { get; init; }

    /// <summary>Top row of the rectangle.</summary>
    public int YMin { get; init; }

    /// <summary>Column after the rectangle's right edge.</summary>
    public int XMax { get; init; } = 1024;

    /// <summary>Row after the rectangle's bottom edge.</summary>
    public int YMax { get; init; } = 1024;

    /// <inheritdoc />
    protected override IOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var op = new CropOperation(XMin, YMin, XMax - XMin, YMax - YMin);
        int bottom = Math.Max(0, YMax - context.Height), right = Math.Max(0, XMax - context.Width);
        if (!PadIfNeeded || bottom + right == 0)
        {
            op.CheckFits(context.Shape);
            return op;
        }
        var (t, b, l, r) = Padding.Place(bottom / 2, bottom - bottom / 2, right / 2, right - right / 2, PadPosition, rng);
        var pad = new PadOperation(t, Math.Max(b, bottom), l, Math.Max(r, right), BorderMode, Fill, FillMask);
        op.CheckFits(new ImageShape(context.Height + pad.Top + pad.Bottom, context.Width + pad.Left + pad.Right, context.Shape.Channels));
        return Padding.Then(pad, op);
    }
}
