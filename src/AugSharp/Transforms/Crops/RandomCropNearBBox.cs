namespace AugSharp;

/// <summary>
/// Crops around one box, each edge moved in or out by up to <see cref="MaxPartShift"/> of the box's
/// size: the box whose label is <see cref="CroppingBoxLabel"/>, or the first box when that is
/// null; without boxes the image is kept whole (Albumentations' RandomCropNearBBox, where the box
/// comes from a <c>cropping_bbox</c> target; p = 1).
/// </summary>
[TransformCategory("crops")]
public sealed class RandomCropNearBBox : Transform<CropOperation>
{
    /// <summary>A RandomCropNearBBox with p = 1.</summary>
    public RandomCropNearBBox() => P = 1;

    /// <summary>Largest shift of each edge as a fraction of the box's (height, width).</summary>
    public AxisRange MaxPartShift { get; init; } = new(ValueRange.Fixed(0.3), ValueRange.Fixed(0.3));

    /// <summary>The label of the box to crop around; null for the first box.</summary>
    public string? CroppingBoxLabel { get; init; }

    /// <summary>Albumentations' name of the target holding the box: only its default, cropping_bbox, is supported (the box is chosen by <see cref="CroppingBoxLabel"/>).</summary>
    public string CroppingBboxKey { get; init; } = "cropping_bbox";

    /// <inheritdoc />
    protected override CropOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        AlbumentationsOptions.RequireDefault(Name, "cropping_bbox_key", CroppingBboxKey, "cropping_bbox");
        int w = context.Width, h = context.Height;
        var candidates = context.EnclosingBoxes.Where(b => CroppingBoxLabel is null || b.Label == CroppingBoxLabel).ToArray();
        if (candidates.Length == 0) return new CropOperation(0, 0, w, h);
        var box = candidates[0];
        int sx = (int)Math.Round(MaxPartShift.X.Max * box.Width), sy = (int)Math.Round(MaxPartShift.Y.Max * box.Height);
        int x1 = Math.Clamp((int)Math.Round(box.X1) + rng.NextInt(-sx, sx + 1), 0, w - 1);
        int x2 = Math.Clamp((int)Math.Round(box.X2) + rng.NextInt(-sx, sx + 1), x1 + 1, w);
        int y1 = Math.Clamp((int)Math.Round(box.Y1) + rng.NextInt(-sy, sy + 1), 0, h - 1);
        int y2 = Math.Clamp((int)Math.Round(box.Y2) + rng.NextInt(-sy, sy + 1), y1 + 1, h);
        return new CropOperation(x1, y1, x2 - x1, y2 - y1);
    }
}
