namespace AugSharp;

/// <summary>
/// Cuts holes inside chosen objects (Albumentations' ConstrainedCoarseDropout; default p = 0.5).
/// The same number of holes per object is drawn from <see cref="NumHolesRange"/>. With
/// <see cref="MaskIndices"/> and a mask, the objects are the 8-connected regions of the first
/// mask's pixels whose value is one of the indices: each hole is centred on a pixel of its
/// region drawn uniformly (with repetition) and its height and width are fractions, drawn from
/// <see cref="HoleHeightRange"/> and <see cref="HoleWidthRange"/>, of the square root of the
/// region's area; holes are clipped to the image. Otherwise, with <see cref="BboxLabels"/>, the
/// objects are the boxes with one of those labels: a hole's height and width are fractions of
/// the box's, at a uniform position inside it. Without either, nothing changes. Fill, mask fill,
/// boxes and keypoints as <see cref="CoarseDropout"/> (float32 images hold 0..1).
/// </summary>
[TransformCategory("dropout")]
public sealed class ConstrainedCoarseDropout : Transform<HoleDropoutOperation>
{
    private readonly ValueRange _numHoles = new(1, 1);
    private readonly ValueRange _height = new(0.1, 0.1);
    private readonly ValueRange _width = new(0.1, 0.1);

    /// <summary>The number of holes per object, [min, max] inclusive, min ≥ 1; default [1, 1].</summary>
    public ValueRange NumHolesRange
    {
        get => _numHoles;
        init
        {
            value.Check(nameof(NumHolesRange), 1);
            if (value.Min != Math.Floor(value.Min) || value.Max != Math.Floor(value.Max)) throw new ArgumentOutOfRangeException(nameof(NumHolesRange), value, "num_holes_range takes whole numbers.");
            _numHoles = value;
        }
    }

    /// <summary>Hole height as a fraction (0..1) of the object's height (boxes) or of the square root of its area (masks); default [0.1, 0.1].</summary>
    public ValueRange HoleHeightRange { get => _height; init => _height = value.Check(nameof(HoleHeightRange), 0, 1); }

    /// <summary>Hole width as a fraction (0..1) of the object's width (boxes) or of the square root of its area (masks); default [0.1, 0.1].</summary>
    public ValueRange HoleWidthRange { get => _width; init => _width = value.Check(nameof(HoleWidthRange), 0, 1); }

    /// <summary>The values of the first mask whose objects get holes (each at least 1), or null (the default).</summary>
    public IReadOnlyList<int>? MaskIndices
    {
        get;
        init => field = value is null || value.All(i => i >= 1) ? value : throw new ArgumentOutOfRangeException(nameof(MaskIndices), "mask_indices must be at least 1.");
    }

    /// <summary>The labels of the boxes that get holes, or null (the default); used when <see cref="MaskIndices"/> finds no mask.</summary>
    public IReadOnlyList<string>? BboxLabels { get; init; }

    /// <summary>The image fill: a number, one per channel, random_uniform (a colour per hole) or random (a value per pixel); default 0.</summary>
    public DropoutFill Fill { get; init; } = DropoutFill.Zero;

    /// <summary>The mask fill, or null (the default) to leave masks alone.</summary>
    public IReadOnlyList<double>? FillMask { get; init; }

    /// <inheritdoc />
    protected override HoleDropoutOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int perObject = rng.NextInt((int)NumHolesRange.Min, (int)NumHolesRange.Max + 1);
        var rectangles = new List<(int X1, int Y1, int X2, int Y2)>();
        int width = context.Width, height = context.Height;
        if (MaskIndices is not null && context.MaskCount > 0)
        {
            var mask = context.Target.Masks[0];
            var values = MaskDropout.Values(mask);
            var wanted = MaskIndices.Select(i => (double)i).ToHashSet();
            var binary = values.Select(v => wanted.Contains(v) ? 1.0 : 0.0).ToArray();
            var (labels, count) = MaskDropout.Label(binary, mask.Width, mask.Height);
            var pixels = new List<int>[count + 1];
            for (int i = 0; i < labels.Length; i++)
                if (labels[i] != 0) (pixels[labels[i]] ??= []).Add(i);
            for (int label = 1; label <= count; label++)
            {
                var region = pixels[label];
                double size = Math.Sqrt(region.Count);
                for (int k = 0; k < perObject; k++)
                {
                    int p = region[rng.NextInt(region.Count)];
                    int cx = p % mask.Width, cy = p / mask.Width;
                    double halfH = Math.Floor(HoleHeightRange.Draw(rng) * size / 2), halfW = Math.Floor(HoleWidthRange.Draw(rng) * size / 2);
                    int x1 = Math.Clamp((int)(cx - halfW), 0, width - 1), y1 = Math.Clamp((int)(cy - halfH), 0, height - 1);
                    int x2 = Math.Clamp((int)(cx + halfW), 0, width), y2 = Math.Clamp((int)(cy + halfH), 0, height);
                    if (x2 > x1 && y2 > y1) rectangles.Add((x1, y1, x2, y2));
                }
            }
        }
        else if (BboxLabels is not null)
        {
            foreach (var box in context.Boxes)
            {
                if (box.Label is null || !BboxLabels.Contains(box.Label)) continue;
                for (int k = 0; k < perObject; k++)
                {
                    int h = (int)(HoleHeightRange.Draw(rng) * box.Height), w = (int)(HoleWidthRange.Draw(rng) * box.Width);
                    double x = box.X1 + rng.NextDouble() * (box.Width - w), y = box.Y1 + rng.NextDouble() * (box.Height - h);
                    int x1 = (int)x, y1 = (int)y;
                    int x2 = (int)(x + w), y2 = (int)(y + h);
                    if (x2 > x1 && y2 > y1) rectangles.Add((x1, y1, x2, y2));
                }
            }
        }
        var holes = rectangles.Select(r => new DropoutHole(r.X1, r.Y1, r.X2, r.Y2, Fill.RandomUniform ? Fill.Draw(rng, context.PixelType, context.Shape.Channels) : null)).ToArray();
        return Fill.Operation(holes, FillMask, rng);
    }
}
