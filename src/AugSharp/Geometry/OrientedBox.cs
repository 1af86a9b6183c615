namespace AugSharp;

/// <summary>
/// An oriented (rotated) box in pixels, in edge coordinates (the image spans [0, width] x
/// [0, height]): its centre, its size along its own axes and its angle in radians, measured from
/// the image's x axis towards its y axis (clockwise on screen, as OpenCV, DOTA and Ultralytics
/// measure it). The label travels with the box and is dropped with it.
/// <para>
/// The canonical form, which every transform and every reader returns (<see cref="Normalized"/>),
/// is Ultralytics' <c>xywhr</c> convention: the angle lies in [0, π/2) (0° to 90°, 90° excluded),
/// and a box whose angle modulo π falls in [π/2, π) has its width and height swapped and its angle
/// reduced by π/2. One rectangle therefore has one set of numbers; <see cref="Width"/> is not
/// necessarily the longer side.
/// </para>
/// <para>
/// The corners (<see cref="GetCorners"/>) follow Ultralytics' <c>xywhr2xyxyxyxy</c> order: with
/// u = (w/2)(cos θ, sin θ) and v = (h/2)(−sin θ, cos θ), they are c + u + v, c + u − v, c − u − v,
/// c − u + v.
/// </para>
/// </summary>
/// <param name="CX">Centre, x.</param>
/// <param name="CY">Centre, y.</param>
/// <param name="Width">Size along the box's own x axis (the direction of <paramref name="Angle"/>).</param>
/// <param name="Height">Size along the box's own y axis.</param>
/// <param name="Angle">Angle in radians, from the image's x axis towards its y axis; [0, π/2) in the canonical form.</param>
/// <param name="Label">The class or any text the caller attaches; null for none.</param>
public readonly record struct OrientedBox(double CX, double CY, double Width, double Height, double Angle, string? Label = null)
{
    /// <summary>Area, 0 for an empty or inverted box.</summary>
    public double Area => Width > 0 && Height > 0 ? Width * Height : 0;

    /// <summary>True when the box has a positive width and height and finite numbers.</summary>
    public bool IsValid => double.IsFinite(CX) && double.IsFinite(CY) && double.IsFinite(Width) && double.IsFinite(Height) && double.IsFinite(Angle) && Width > 0 && Height > 0;

    /// <summary>The axis-aligned box an image of this box sits in: pascal_voc edges of its corners.</summary>
    public BoundingBox Envelope
    {
        get
        {
            var corners = GetCorners();
            return new BoundingBox(corners.Min(c => c.X), corners.Min(c => c.Y), corners.Max(c => c.X), corners.Max(c => c.Y), Label);
        }
    }

    /// <summary>The four corners in edge coordinates, in Ultralytics' order (see <see cref="OrientedBox"/>).</summary>
    public (double X, double Y)[] GetCorners()
    {
        double cos = Math.Cos(Angle), sin = Math.Sin(Angle);
        double ux = Width / 2 * cos, uy = Width / 2 * sin;
        double vx = -Height / 2 * sin, vy = Height / 2 * cos;
        return
        [
            (CX + ux + vx, CY + uy + vy),
            (CX + ux - vx, CY + uy - vy),
            (CX - ux - vx, CY - uy - vy),
            (CX - ux + vx, CY - uy + vy),
        ];
    }

    /// <summary>
    /// The same rectangle in the canonical form: angle in [0, π/2), width and height swapped when
    /// the angle modulo π lies in [π/2, π). Angles within 1e-9 rad below π/2 become 0 (with the
    /// swap), so that a box turned by a quarter turn reads as the axis-aligned box it is.
    /// </summary>
    public OrientedBox Normalized()
    {
        if (!double.IsFinite(Angle)) return this;
        double t = Angle % Math.PI;
        if (t < 0) t += Math.PI;
        double w = Width, h = Height;
        if (t >= Math.PI / 2)
        {
            t -= Math.PI / 2;
            (w, h) = (h, w);
        }
        if (Math.PI / 2 - t < 1e-9)
        {
            t = 0;
            (w, h) = (h, w);
        }
        if (Math.Abs(t) < 1e-12) t = 0;
        return this with { Width = w, Height = h, Angle = t };
    }

    /// <summary>
    /// The box moved by <paramref name="matrix"/>, a map of pixel-index coordinates (see
    /// <see cref="Matrix3x3"/>): its corners move through the matrix and the result is the
    /// minimum-area rectangle around them (the moved rectangle itself when the map keeps right
    /// angles: flips, quarter turns, rotations, uniform scales, shifts).
    /// </summary>
    public OrientedBox Transform(in Matrix3x3 matrix) => TransformEdges(matrix.ForEdgeCoordinates());

    /// <summary>The four corners moved by <paramref name="matrix"/> (pixel-index coordinates), before the minimum-area step, in edge coordinates.</summary>
    public (double X, double Y)[] TransformCorners(in Matrix3x3 matrix) => TransformCornersEdges(matrix.ForEdgeCoordinates());

    internal (double X, double Y)[] TransformCornersEdges(in Matrix3x3 edgeMatrix)
    {
        var corners = GetCorners();
        for (int i = 0; i < corners.Length; i++) corners[i] = edgeMatrix.Transform(corners[i].X, corners[i].Y);
        return corners;
    }

    /// <summary>As <see cref="Transform"/>, for a matrix already in edge coordinates.</summary>
    internal OrientedBox TransformEdges(in Matrix3x3 edgeMatrix) => FromQuadrilateral(TransformCornersEdges(edgeMatrix), Label);

    /// <summary>
    /// The box of four corners: the rectangle they form when they form one (to rounding), the
    /// minimum-area rectangle around them otherwise; canonical.
    /// </summary>
    internal static OrientedBox FromQuadrilateral(ReadOnlySpan<(double X, double Y)> p, string? label)
    {
        if (p.Length == 4 && IsRectangle(p))
        {
            // p0 - p3 runs along the width (2u), p0 - p1 along the height (2v), as GetCorners lays them out.
            double ax = p[0].X - p[3].X, ay = p[0].Y - p[3].Y;
            double bx = p[0].X - p[1].X, by = p[0].Y - p[1].Y;
            double w = Math.Sqrt(ax * ax + ay * ay), h = Math.Sqrt(bx * bx + by * by);
            double cx = (p[0].X + p[1].X + p[2].X + p[3].X) / 4, cy = (p[0].Y + p[1].Y + p[2].Y + p[3].Y) / 4;
            // A rectangle is symmetric: which way round its corners run (a mirrored map reverses them) does not change it.
            return new OrientedBox(cx, cy, w, h, Math.Atan2(ay, ax), label).Normalized();
        }
        var points = new (double X, double Y)[p.Length];
        p.CopyTo(points);
        return Polygons.MinimumAreaRectangle(points, label);
    }

    private static bool IsRectangle(ReadOnlySpan<(double X, double Y)> p)
    {
        double scale = 0;
        for (int i = 0; i < 4; i++) scale = Math.Max(scale, Math.Max(Math.Abs(p[i].X - p[(i + 1) % 4].X), Math.Abs(p[i].Y - p[(i + 1) % 4].Y)));
        if (!(scale > 0) || !double.IsFinite(scale)) return false;
        double tolerance = 1e-12 * scale * scale;
        for (int i = 0; i < 4; i++)
        {
            var a = p[(i + 3) % 4];
            var b = p[i];
            var c = p[(i + 1) % 4];
            double dot = (a.X - b.X) * (c.X - b.X) + (a.Y - b.Y) * (c.Y - b.Y);
            if (Math.Abs(dot) > tolerance) return false;
        }
        return true;
    }
}
