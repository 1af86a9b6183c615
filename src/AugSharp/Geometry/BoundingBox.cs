namespace AugSharp;

/// <summary>
/// An axis-aligned box in pixels, in edge coordinates (the image spans [0, width] x [0, height]),
/// as <c>pascal_voc</c> writes it: left, top, right, bottom. Every transform works on this form;
/// <see cref="BoxFormats"/> converts from and to the other formats. The label travels with the box
/// and is dropped with it.
/// </summary>
/// <param name="X1">Left edge.</param>
/// <param name="Y1">Top edge.</param>
/// <param name="X2">Right edge.</param>
/// <param name="Y2">Bottom edge.</param>
/// <param name="Label">The class or any text the caller attaches; null for none.</param>
public readonly record struct BoundingBox(double X1, double Y1, double X2, double Y2, string? Label = null)
{
    /// <summary>Width (<c>X2 - X1</c>).</summary>
    public double Width => X2 - X1;

    /// <summary>Height (<c>Y2 - Y1</c>).</summary>
    public double Height => Y2 - Y1;

    /// <summary>Area, 0 for an empty or inverted box.</summary>
    public double Area => Width > 0 && Height > 0 ? Width * Height : 0;

    /// <summary>True when the box has a positive width and height and finite edges.</summary>
    public bool IsValid => double.IsFinite(X1) && double.IsFinite(Y1) && double.IsFinite(X2) && double.IsFinite(Y2) && X2 > X1 && Y2 > Y1;

    /// <summary>The box clipped to an image of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public BoundingBox ClipTo(int width, int height) => this with
    {
        X1 = Math.Clamp(X1, 0, width), Y1 = Math.Clamp(Y1, 0, height),
        X2 = Math.Clamp(X2, 0, width), Y2 = Math.Clamp(Y2, 0, height),
    };

    /// <summary>
    /// The smallest box holding the four corners moved by <paramref name="matrix"/>, a map of
    /// pixel-index coordinates (see <see cref="Matrix3x3"/>); a rotated box grows to enclose its
    /// corners.
    /// </summary>
    public BoundingBox Transform(in Matrix3x3 matrix) => TransformEdges(matrix.ForEdgeCoordinates());

    /// <summary>As <see cref="Transform"/>, for a matrix already in edge coordinates.</summary>
    internal BoundingBox TransformEdges(in Matrix3x3 edgeMatrix)
    {
        var (ax, ay) = edgeMatrix.Transform(X1, Y1);
        var (bx, by) = edgeMatrix.Transform(X2, Y1);
        var (cx, cy) = edgeMatrix.Transform(X2, Y2);
        var (dx, dy) = edgeMatrix.Transform(X1, Y2);
        return this with
        {
            X1 = Math.Min(Math.Min(ax, bx), Math.Min(cx, dx)),
            Y1 = Math.Min(Math.Min(ay, by), Math.Min(cy, dy)),
            X2 = Math.Max(Math.Max(ax, bx), Math.Max(cx, dx)),
            Y2 = Math.Max(Math.Max(ay, by), Math.Max(cy, dy)),
        };
    }
}
