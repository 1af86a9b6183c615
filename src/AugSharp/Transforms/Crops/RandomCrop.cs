namespace AugSharp;

/// <summary>Keeps a <see cref="Height"/> x <see cref="Width"/> rectangle at a uniformly drawn place (Albumentations' RandomCrop; p = 1), padding a smaller image first with <see cref="PadIfNeeded"/>.</summary>
[TransformCategory("crops")]
public sealed class RandomCrop : Transform<IOperation>
{
    /// <summary>A RandomCrop with p = 1.</summary>
    public RandomCrop() => P = 1;

    /// <summary>Rows kept.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Columns kept.</summary>
    public int Width { get; init; } = 256;

    /// <summary>Whether an image smaller than the crop is padded first (by <see cref="BorderMode"/>, placed by <see cref="PadPosition"/>); otherwise it is refused. Default false.</summary>
    public bool PadIfNeeded { get; init; }

    /// <summary>Where the image sits in the padding (with pad_if_needed).</summary>
    public PadPosition PadPosition { get; init; } = PadPosition.Center;

    /// <summary>How padded pixels would be filled (with pad_if_needed).</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant value per channel of padded pixels (with pad_if_needed).</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>Constant value of padded mask pixels (with pad_if_needed).</summary>
    public double FillMask { get; init; }

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
