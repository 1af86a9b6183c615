namespace AugSharp;

/// <summary>
/// How a pipeline treats oriented boxes (the oriented counterpart of <see cref="BoxParams"/>;
/// <c>obb_params</c> in pipeline files). Before the first transform: boxes are clipped to the
/// image when <see cref="Clip"/> is set, then invalid ones are dropped when
/// <see cref="FilterInvalidBoxes"/> is set, or refused otherwise. After every geometric step each
/// moved box's polygon is clipped to the new image (Sutherland–Hodgman); the box is dropped when
/// the clipped polygon's area is below <see cref="MinArea"/> or its share of the moved box's area
/// is below <see cref="MinVisibility"/>. A box cut by the image's edge becomes the minimum-area
/// rectangle around its clipped polygon (where the edge cuts a corner off obliquely that
/// rectangle may reach slightly past the edge: it is the tightest rectangle, not one clipped
/// again); a box wholly inside is kept as it is. A dropped box takes its label with it.
/// </summary>
public sealed record OrientedBoxParams
{
    /// <summary>The format of the numbers at the API's edges and in files.</summary>
    public OrientedBoxFormat Format { get; init; } = OrientedBoxFormat.Xywha;

    /// <summary>The unit of <see cref="OrientedBoxFormat.Xywha"/> angles (degrees by default, as <see cref="KeypointParams.AngleInDegrees"/>).</summary>
    public AngleUnit AngleUnit { get; init; } = AngleUnit.Degrees;

    /// <summary>Whether <see cref="OrientedBoxFormat.Xyxyxyxy"/> corners are normalised to 0..1 (<see cref="OrientedBoxFormat.YoloObb"/> always is).</summary>
    public bool Normalized { get; init; }

    /// <summary>Smallest area in pixels a box may keep inside the image after a transform.</summary>
    public double MinArea { get; init; }

    /// <summary>Smallest fraction of a box's moved area that must stay inside the image (0..1).</summary>
    public double MinVisibility { get; init; }

    /// <summary>Clip the input boxes to the image before the first transform.</summary>
    public bool Clip { get; init; }

    /// <summary>Drop invalid input boxes instead of refusing them.</summary>
    public bool FilterInvalidBoxes { get; init; }

    /// <summary>The defaults: xywha in degrees, no minimum, no clipping of the input.</summary>
    public static OrientedBoxParams Default { get; } = new();

    /// <summary>Reads one box's numbers in <see cref="Format"/> for an image of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public OrientedBox FromValues(ReadOnlySpan<double> values, int width, int height, string? label = null)
        => OrientedBoxFormats.FromValues(values, Format, width, height, AngleUnit, Normalized, label);

    /// <summary>Writes one box in <see cref="Format"/> for an image of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public double[] ToValues(OrientedBox box, int width, int height)
        => OrientedBoxFormats.ToValues(box, Format, width, height, AngleUnit, Normalized);

    /// <summary>Checks the input boxes of an image of <paramref name="width"/> x <paramref name="height"/> (clip, then drop or refuse invalid ones); the kept boxes are canonical.</summary>
    public IReadOnlyList<OrientedBox> Prepare(IReadOnlyList<OrientedBox> boxes, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        if (boxes.Count == 0) return boxes;
        var result = new List<OrientedBox>(boxes.Count);
        foreach (var input in boxes)
        {
            var box = input.Normalized();
            if (Clip && box.IsValid) box = ClipToImage(box, width, height)?.Box ?? box with { Width = 0 };
            if (!box.IsValid)
            {
                if (FilterInvalidBoxes) continue;
                throw new ArgumentException($"The oriented box ({input.CX}, {input.CY}, {input.Width}, {input.Height}, {input.Angle} rad) has no area; set filter_invalid_boxes to drop such boxes.");
            }
            result.Add(box);
        }
        return result;
    }

    /// <summary>
    /// The boxes kept after a step: <paramref name="moved"/> clipped to the new image of
    /// <paramref name="width"/> x <paramref name="height"/>, filtered by the minimums.
    /// </summary>
    public IReadOnlyList<OrientedBox> Filter(IReadOnlyList<OrientedBox> moved, int width, int height) => Filter(moved, width, height, null);

    internal IReadOnlyList<OrientedBox> Filter(IReadOnlyList<OrientedBox> moved, int width, int height, List<int>? kept)
        => FilterToRectangle(moved, 0, 0, width, height, kept);

    /// <summary>As <see cref="Filter(IReadOnlyList{OrientedBox}, int, int)"/>, for the rectangle [x1, x2] x [y1, y2] (a cell of a mosaic, a pasted patch).</summary>
    internal IReadOnlyList<OrientedBox> FilterToRectangle(IReadOnlyList<OrientedBox> moved, double x1, double y1, double x2, double y2, List<int>? kept)
    {
        if (moved.Count == 0) return moved;
        var result = new List<OrientedBox>(moved.Count);
        for (int i = 0; i < moved.Count; i++)
        {
            if (Judge(moved[i], x1, y1, x2, y2) is not { } box) continue;
            result.Add(box);
            kept?.Add(i);
        }
        return result;
    }

    /// <summary>The box clipped to the rectangle and judged by the minimums, or null when it is dropped.</summary>
    internal OrientedBox? Judge(OrientedBox box, double x1, double y1, double x2, double y2)
    {
        double area = box.Area;
        if (!(area > 0) || !box.IsValid) return null;
        if (ClipToRectangle(box, x1, y1, x2, y2) is not { } clipped) return null;
        if (clipped.Visible / area < MinVisibility || clipped.Visible < MinArea) return null;
        return clipped.Box;
    }

    /// <summary>The box clipped to an image of <paramref name="width"/> x <paramref name="height"/> and its visible area; null when nothing of it shows.</summary>
    internal static (OrientedBox Box, double Visible)? ClipToImage(OrientedBox box, int width, int height) => ClipToRectangle(box, 0, 0, width, height);

    /// <summary>
    /// The part of <paramref name="box"/> inside the rectangle: the box itself when it lies wholly
    /// inside, else the minimum-area rectangle of its clipped polygon; with the clipped area.
    /// </summary>
    internal static (OrientedBox Box, double Visible)? ClipToRectangle(OrientedBox box, double x1, double y1, double x2, double y2)
    {
        var corners = box.GetCorners();
        if (corners.All(c => c.X >= x1 && c.X <= x2 && c.Y >= y1 && c.Y <= y2)) return (box, box.Area);
        var clipped = Polygons.ClipToRectangle(corners, x1, y1, x2, y2);
        double visible = clipped.Length < 3 ? 0 : Polygons.Area(clipped);
        if (!(visible > 0)) return null;
        var fitted = Polygons.MinimumAreaRectangle(clipped, box.Label);
        return fitted.IsValid ? (fitted, visible) : null;
    }
}
