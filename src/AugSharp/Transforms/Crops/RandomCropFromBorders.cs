namespace AugSharp;

/// <summary>
/// Cuts a random amount from each border, at most the given fraction of the width or height
/// (Albumentations' RandomCropFromBorders; p = 1).
/// </summary>
[TransformCategory("crops")]
public sealed class RandomCropFromBorders : Transform<CropOperation>
{
    /// <summary>A RandomCropFromBorders with p = 1.</summary>
    public RandomCropFromBorders() => P = 1;

    /// <summary>Largest fraction of the width cut on the left.</summary>
    public double CropLeft { get; init; } = 0.1;

    /// <summary>Largest fraction of the width cut on the right.</summary>
    public double CropRight { get; init; } = 0.1;

    /// <summary>Largest fraction of the height cut at the top.</summary>
    public double CropTop { get; init; } = 0.1;

    /// <summary>Largest fraction of the height cut at the bottom.</summary>
    public double CropBottom { get; init; } = 0.1;

    /// <inheritdoc />
    protected override CropOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        foreach (var f in new[] { CropLeft, CropRight, CropTop, CropBottom })
            if (!(f >= 0 && f <= 1)) throw new ArgumentException("crop_left, crop_right, crop_top and crop_bottom are fractions between 0 and 1.");
        if (CropLeft + CropRight > 1 || CropTop + CropBottom > 1) throw new ArgumentException("crop_left + crop_right and crop_top + crop_bottom cannot exceed 1.");
        int w = context.Width, h = context.Height;
        int x1 = rng.NextInt(Math.Min((int)(CropLeft * w), w - 1) + 1);
        int x2 = rng.NextInt(Math.Max(x1 + 1, (int)((1 - CropRight) * w)), w + 1);
        int y1 = rng.NextInt(Math.Min((int)(CropTop * h), h - 1) + 1);
        int y2 = rng.NextInt(Math.Max(y1 + 1, (int)((1 - CropBottom) * h)), h + 1);
        return new CropOperation(x1, y1, Math.Max(1, x2 - x1), Math.Max(1, y2 - y1));
    }
}
