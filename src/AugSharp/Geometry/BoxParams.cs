namespace AugSharp;

/// <summary>
/// How a pipeline treats boxes (Albumentations' <c>BboxParams</c>). Before the first transform:
/// boxes are clipped to the image when <see cref="Clip"/> is set, then invalid ones (zero or
/// negative size, not finite) are dropped when <see cref="FilterInvalidBboxes"/> is set, or
/// refused with an error otherwise. After every geometric step: each box is clipped to the new
/// image and dropped when its clipped area is below <see cref="MinArea"/>, its clipped area over
/// its moved area is below <see cref="MinVisibility"/>, or its clipped width or height is below
/// <see cref="MinWidth"/> or <see cref="MinHeight"/>. A dropped box takes its label with it.
/// </summary>
public sealed record BoxParams
{
    /// <summary>The format of the numbers in files and at the API's edges.</summary>
    public BoxFormat Format { get; init; } = BoxFormat.PascalVoc;

    /// <summary>Smallest area in pixels a box may keep after a transform.</summary>
    public double MinArea { get; init; }

    /// <summary>Smallest fraction of a box's moved area that must stay inside the image (0..1).</summary>
    public double MinVisibility { get; init; }

    /// <summary>Smallest width in pixels.</summary>
    public double MinWidth { get; init; }

    /// <summary>Smallest height in pixels.</summary>
    public double MinHeight { get; init; }

    /// <summary>Clip the input boxes to the image before the first transform.</summary>
    public bool Clip { get; init; }

    /// <summary>Drop invalid input boxes instead of refusing them.</summary>
    public bool FilterInvalidBboxes { get; init; }

    /// <summary>
    /// When the input has one mask per box (box i is the object of mask i, as COCO instances are),
    /// each result box is tightened to the pixels of its moved mask: a rotated object gets the box
    /// of its pixels instead of the box around its rotated box's corners; a box whose mask lost
    /// every pixel is dropped.
    /// </summary>
    public bool BoxesFromMasks { get; init; }

    /// <summary>The defaults: pascal_voc, no minimum, no clipping of the input.</summary>
    public static BoxParams Default { get; } = new();

    /// <summary>Checks the input boxes of an image of <paramref name="width"/> x <paramref name="height"/> (clip, then drop or refuse invalid ones).</summary>
    public IReadOnlyList<BoundingBox> Prepare(IReadOnlyList<BoundingBox> boxes, int width, int height) => Prepare(boxes, width, height, null);

    internal IReadOnlyList<BoundingBox> Prepare(IReadOnlyList<BoundingBox> boxes, int width, int height, List<int>? kept)
    {
        if (boxes.Count == 0) return boxes;
        var result = new List<BoundingBox>(boxes.Count);
        for (int i = 0; i < boxes.Count; i++)
        {
            var input = boxes[i];
            var box = Clip ? input.ClipTo(width, height) : input;
            if (!box.IsValid)
            {
                if (FilterInvalidBboxes) continue;
                throw new ArgumentException($"The box ({input.X1}, {input.Y1}, {input.X2}, {input.Y2}) has no area; set filter_invalid_bboxes to drop such boxes.");
            }
            result.Add(box);
            kept?.Add(i);
        }
        return result;
    }

    /// <summary>
    /// The boxes kept after a step: <paramref name="moved"/> clipped to the new image of
    /// <paramref name="width"/> x <paramref name="height"/>, filtered by the minimums.
    /// </summary>
    public IReadOnlyList<BoundingBox> Filter(IReadOnlyList<BoundingBox> moved, int width, int height) => Filter(moved, width, height, null);

    internal IReadOnlyList<BoundingBox> Filter(IReadOnlyList<BoundingBox> moved, int width, int height, List<int>? kept)
    {
        if (moved.Count == 0) return moved;
        var result = new List<BoundingBox>(moved.Count);
        for (int i = 0; i < moved.Count; i++)
        {
            var box = moved[i];
            double area = box.Area;
            var clipped = box.ClipTo(width, height);
            double visible = clipped.Area;
            if (area <= 0 || visible <= 0) continue;
            if (visible / area < MinVisibility) continue;
            if (visible < MinArea) continue;
            if (clipped.Width < MinWidth || clipped.Height < MinHeight) continue;
            result.Add(clipped);
            kept?.Add(i);
        }
        return result;
    }
}
