namespace AugSharp;

/// <summary>
/// Plane geometry for oriented boxes: convex hulls, the minimum-area rectangle around points,
/// clipping of a convex polygon to a rectangle, areas and point-in-polygon tests. Points are
/// (x, y) in edge coordinates.
/// </summary>
public static class Polygons
{
    /// <summary>
    /// The convex hull of <paramref name="points"/> (Andrew's monotone chain), counter-clockwise in
    /// a y-up frame (clockwise on screen), without repeated or collinear points; non-finite
    /// points are ignored.
    /// </summary>
    public static (double X, double Y)[] ConvexHull(IEnumerable<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var p = points.Where(q => double.IsFinite(q.X) && double.IsFinite(q.Y)).Distinct().ToArray();
        if (p.Length < 3) return p;
        Array.Sort(p, (a, b) => a.X != b.X ? a.X.CompareTo(b.X) : a.Y.CompareTo(b.Y));
        var hull = new (double X, double Y)[2 * p.Length];
        int k = 0;
        for (int i = 0; i < p.Length; i++)
        {
            while (k >= 2 && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0) k--;
            hull[k++] = p[i];
        }
        for (int i = p.Length - 2, lower = k + 1; i >= 0; i--)
        {
            while (k >= lower && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0) k--;
            hull[k++] = p[i];
        }
        return hull[..(k - 1)];
    }

    /// <summary>
    /// The minimum-area rectangle around <paramref name="points"/>, canonical (see
    /// <see cref="OrientedBox"/>): one of its sides lies along an edge of the points' convex hull
    /// (Freeman and Shapira's theorem, which rotating calipers use), so each hull edge's direction is
    /// tried and the smallest area kept (the first of equals). Fewer than three distinct points
    /// give a rectangle of zero width or height (an invalid box); no finite point gives NaNs.
    /// </summary>
    public static OrientedBox MinimumAreaRectangle(IEnumerable<(double X, double Y)> points, string? label = null)
    {
        var hull = ConvexHull(points);
        if (hull.Length == 0) return new OrientedBox(double.NaN, double.NaN, 0, 0, 0, label);
        if (hull.Length == 1) return new OrientedBox(hull[0].X, hull[0].Y, 0, 0, 0, label);
        if (hull.Length == 2)
        {
            double dx = hull[1].X - hull[0].X, dy = hull[1].Y - hull[0].Y;
            return new OrientedBox((hull[0].X + hull[1].X) / 2, (hull[0].Y + hull[1].Y) / 2, Math.Sqrt(dx * dx + dy * dy), 0, Math.Atan2(dy, dx), label).Normalized();
        }
        double bestArea = double.PositiveInfinity;
        OrientedBox best = default;
        for (int i = 0; i < hull.Length; i++)
        {
            var a = hull[i];
            var b = hull[(i + 1) % hull.Length];
            double ex = b.X - a.X, ey = b.Y - a.Y, length = Math.Sqrt(ex * ex + ey * ey);
            if (!(length > 0)) continue;
            double ux = ex / length, uy = ey / length;
            double minU = double.PositiveInfinity, maxU = double.NegativeInfinity, minV = double.PositiveInfinity, maxV = double.NegativeInfinity;
            foreach (var q in hull)
            {
                double rx = q.X - a.X, ry = q.Y - a.Y;
                double pu = rx * ux + ry * uy, pv = -rx * uy + ry * ux;
                minU = Math.Min(minU, pu); maxU = Math.Max(maxU, pu);
                minV = Math.Min(minV, pv); maxV = Math.Max(maxV, pv);
            }
            double area = (maxU - minU) * (maxV - minV);
            if (!(area < bestArea)) continue;
            bestArea = area;
            double mu = (minU + maxU) / 2, mv = (minV + maxV) / 2;
            best = new OrientedBox(a.X + mu * ux - mv * uy, a.Y + mu * uy + mv * ux, maxU - minU, maxV - minV, Math.Atan2(uy, ux), label);
        }
        return best.Normalized();
    }

    /// <summary>The area of a simple polygon (shoelace formula), whatever way round it runs.</summary>
    public static double Area(IReadOnlyList<(double X, double Y)> polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        double sum = 0;
        for (int i = 0; i < polygon.Count; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Count];
            sum += a.X * b.Y - b.X * a.Y;
        }
        return Math.Abs(sum) / 2;
    }

    /// <summary>
    /// <paramref name="polygon"/> clipped to the rectangle [<paramref name="x1"/>, <paramref name="x2"/>] x
    /// [<paramref name="y1"/>, <paramref name="y2"/>] (Sutherland–Hodgman, one rectangle side after
    /// the other); empty when nothing of it lies inside.
    /// </summary>
    public static (double X, double Y)[] ClipToRectangle(IReadOnlyList<(double X, double Y)> polygon, double x1, double y1, double x2, double y2)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var current = polygon.ToList();
        // The cut points take the side's coordinate exactly.
        current = ClipSide(current, p => p.X - x1, (a, b) => (x1, Cut(a, b, (x1 - a.X) / (b.X - a.X)).Y));
        current = ClipSide(current, p => x2 - p.X, (a, b) => (x2, Cut(a, b, (x2 - a.X) / (b.X - a.X)).Y));
        current = ClipSide(current, p => p.Y - y1, (a, b) => (Cut(a, b, (y1 - a.Y) / (b.Y - a.Y)).X, y1));
        current = ClipSide(current, p => y2 - p.Y, (a, b) => (Cut(a, b, (y2 - a.Y) / (b.Y - a.Y)).X, y2));
        return current.ToArray();
    }

    /// <summary>True when (<paramref name="x"/>, <paramref name="y"/>) lies inside or on the convex polygon <paramref name="convex"/> (either way round).</summary>
    public static bool ContainsConvex(ReadOnlySpan<(double X, double Y)> convex, double x, double y)
    {
        int sign = 0;
        for (int i = 0; i < convex.Length; i++)
        {
            var a = convex[i];
            var b = convex[(i + 1) % convex.Length];
            double c = (b.X - a.X) * (y - a.Y) - (b.Y - a.Y) * (x - a.X);
            if (c == 0) continue;
            int s = c > 0 ? 1 : -1;
            if (sign == 0) sign = s;
            else if (s != sign) return false;
        }
        return convex.Length > 0;
    }

    private static List<(double X, double Y)> ClipSide(List<(double X, double Y)> input, Func<(double X, double Y), double> inside, Func<(double X, double Y), (double X, double Y), (double X, double Y)> cut)
    {
        var output = new List<(double X, double Y)>(input.Count + 4);
        for (int i = 0; i < input.Count; i++)
        {
            var current = input[i];
            var previous = input[(i + input.Count - 1) % input.Count];
            bool currentIn = inside(current) >= 0, previousIn = inside(previous) >= 0;
            if (currentIn)
            {
                if (!previousIn) output.Add(cut(previous, current));
                output.Add(current);
            }
            else if (previousIn)
            {
                output.Add(cut(previous, current));
            }
        }
        return output;
    }

    private static (double X, double Y) Cut((double X, double Y) a, (double X, double Y) b, double t) => (a.X + t * (b.X - a.X), a.Y + t * (b.Y - a.Y));

    private static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) => (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);
}
