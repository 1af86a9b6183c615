namespace AugSharp;

/// <summary>
/// A <see cref="Height"/> x <see cref="Width"/> crop that holds at least one whole box (a box
/// chosen uniformly; one larger than the crop keeps as much of it as fits), or a plain random crop
/// when there are no boxes (Albumentations' AtLeastOneBBoxRandomCrop; p = 1). An oriented box
/// counts as its axis-aligned envelope (<see cref="TransformContext.EnclosingBoxes"/>).
/// </summary>
[TransformCategory("crops")]
public sealed class AtLeastOneBBoxRandomCrop : Transform<CropOperation>
{
    /// <summary>An AtLeastOneBBoxRandomCrop with p = 1.</summary>
    public AtLeastOneBBoxRandomCrop() => P = 1;

    /// <summary>Rows kept.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Columns kept.</summary>
    public int Width { get; init; } = 256;

    /// <summary>How much of the chosen box may be cut, as a fraction of its size.</summary>
    public double ErosionFactor { get; init; }

    /// <inheritdoc />
    protected override CropOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int w = context.Width, h = context.Height;
        if (Height > h || Width > w || Height <= 0 || Width <= 0)
            throw new ArgumentException($"AtLeastOneBBoxRandomCrop of {Width}x{Height} does not fit a {w}x{h} image.");
        if (!(ErosionFactor >= 0 && ErosionFactor < 1)) throw new ArgumentException("erosion_factor must be in [0, 1).");
        var boxes = context.EnclosingBoxes;
        if (boxes.Count == 0) return new CropOperation(rng.NextInt(w - Width + 1), rng.NextInt(h - Height + 1), Width, Height);
        var box = boxes[rng.NextInt(boxes.Count)];
        double ex = box.Width * ErosionFactor / 2, ey = box.Height * ErosionFactor / 2;
        int bx1 = (int)Math.Floor(box.X1 + ex), by1 = (int)Math.Floor(box.Y1 + ey);
        int bx2 = (int)Math.Ceiling(box.X2 - ex), by2 = (int)Math.Ceiling(box.Y2 - ey);
        int xLow = Math.Clamp(Math.Min(bx2 - Width, bx1), 0, w - Width), xHigh = Math.Clamp(Math.Max(bx1, bx2 - Width), 0, w - Width);
        int yLow = Math.Clamp(Math.Min(by2 - Height, by1), 0, h - Height), yHigh = Math.Clamp(Math.Max(by1, by2 - Height), 0, h - Height);
        return new CropOperation(rng.NextInt(xLow, xHigh + 1), rng.NextInt(yLow, yHigh + 1), Width, Height);
    }
}
