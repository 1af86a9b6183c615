namespace AugSharp;

/// <summary>
/// A small rasteriser for the weather transforms: filled polygons (even-odd rule, outline
/// included, as <c>cv2.fillPoly</c>), filled circles and lines of any thickness, clipped to the
/// image. Shapes are given in pixel-index coordinates and reported as horizontal runs
/// (row, first column, last column inclusive) or as masks.
/// </summary>
internal static class Drawing
{
    /// <summary>A run of pixels on one row: columns <paramref name="x0"/> to <paramref name="x1"/> inclusive.</summary>
    public delegate void RunAction(int y, int x0, int x1);

    /// <summary>
    /// The pixels of a polygon with integer vertices: those whose centre is inside by the even-odd
    /// rule, and those on its outline; true where covered, row by row.
    /// </summary>
    public static bool[] PolygonMask(IReadOnlyList<int> xs, IReadOnlyList<int> ys, int width, int height)
    {
        var mask = new bool[width * height];
        int n = xs.Count;
        if (n == 0) return mask;
        var crossings = new List<double>(n);
        int yMin = int.MaxValue, yMax = int.MinValue;
        for (int i = 0; i < n; i++)
        {
            yMin = Math.Min(yMin, ys[i]);
            yMax = Math.Max(yMax, ys[i]);
        }
        for (int y = Math.Max(0, yMin); y <= Math.Min(height - 1, yMax); y++)
        {
            crossings.Clear();
            for (int i = 0; i < n; i++)
            {
                int j = (i + 1) % n;
                int ya = ys[i], yb = ys[j];
                if (ya == yb) continue;
                // Half-open in y so that a vertex on the scan line is counted once.
                if (y < Math.Min(ya, yb) || y >= Math.Max(ya, yb)) continue;
                crossings.Add(xs[i] + (double)(y - ya) * (xs[j] - xs[i]) / (yb - ya));
            }
            crossings.Sort();
            for (int k = 0; k + 1 < crossings.Count; k += 2)
            {
                int x0 = Math.Max(0, (int)Math.Ceiling(crossings[k])), x1 = Math.Min(width - 1, (int)Math.Floor(crossings[k + 1]));
                for (int x = x0; x <= x1; x++) mask[y * width + x] = true;
            }
        }
        for (int i = 0; i < n; i++)
        {
            int j = (i + 1) % n;
            EightConnected(xs[i], ys[i], xs[j], ys[j], width, height, (y, x0, x1) =>
            {
                for (int x = x0; x <= x1; x++) mask[y * width + x] = true;
            });
        }
        return mask;
    }

    /// <summary>The runs of a filled circle: the pixels within <paramref name="radius"/> of the centre (dx² + dy² ≤ r²).</summary>
    public static void Circle(int cx, int cy, int radius, int width, int height, RunAction run)
    {
        if (radius < 0) return;
        long r2 = (long)radius * radius;
        for (int y = Math.Max(0, cy - radius); y <= Math.Min(height - 1, cy + radius); y++)
        {
            long dy = y - cy;
            int half = (int)Math.Floor(Math.Sqrt(r2 - dy * dy));
            int x0 = Math.Max(0, cx - half), x1 = Math.Min(width - 1, cx + half);
            if (x0 <= x1) run(y, x0, x1);
        }
    }

    /// <summary>
    /// The runs of a line segment. A thickness of 1 is a 4-connected line (<c>cv2.LINE_4</c>); a
    /// thicker line covers the pixels within (thickness + 1) / 2 of the segment (round caps), close
    /// to what OpenCV's thick lines cover.
    /// </summary>
    public static void Line(int xa, int ya, int xb, int yb, int thickness, int width, int height, RunAction run)
    {
        if (thickness <= 1)
        {
            FourConnected(xa, ya, xb, yb, width, height, run);
            return;
        }
        double half = (thickness + 1) / 2.0, h2 = half * half;
        double dx = xb - xa, dy = yb - ya, len2 = dx * dx + dy * dy;
        int yLo = Math.Max(0, (int)Math.Floor(Math.Min(ya, yb) - half)), yHi = Math.Min(height - 1, (int)Math.Ceiling(Math.Max(ya, yb) + half));
        int xLo = Math.Max(0, (int)Math.Floor(Math.Min(xa, xb) - half)), xHi = Math.Min(width - 1, (int)Math.Ceiling(Math.Max(xa, xb) + half));
        for (int y = yLo; y <= yHi; y++)
        {
            int first = -1, last = -1;
            for (int x = xLo; x <= xHi; x++)
            {
                double t = len2 > 0 ? Math.Clamp(((x - xa) * dx + (y - ya) * dy) / len2, 0, 1) : 0;
                double ex = xa + t * dx - x, ey = ya + t * dy - y;
                if (ex * ex + ey * ey <= h2)
                {
                    if (first < 0) first = x;
                    last = x;
                }
            }
            if (first >= 0) run(y, first, last);
        }
    }

    /// <summary>Bresenham's 8-connected line (<c>cv2.LINE_8</c>), both ends included.</summary>
    private static void EightConnected(int xa, int ya, int xb, int yb, int width, int height, RunAction run)
    {
        int dx = Math.Abs(xb - xa), dy = -Math.Abs(yb - ya);
        int sx = xa < xb ? 1 : -1, sy = ya < yb ? 1 : -1;
        int err = dx + dy, x = xa, y = ya;
        for (int steps = Math.Max(dx, -dy); ; steps--)
        {
            if ((uint)x < (uint)width && (uint)y < (uint)height) run(y, x, x);
            if (steps == 0) break;
            int e2 = 2 * err;
            if (e2 >= dy)
            {
                err += dy;
                x += sx;
            }
            if (e2 <= dx)
            {
                err += dx;
                y += sy;
            }
        }
    }

    private static void FourConnected(int xa, int ya, int xb, int yb, int width, int height, RunAction run)
    {
        int dx = Math.Abs(xb - xa), dy = -Math.Abs(yb - ya);
        int sx = xa < xb ? 1 : -1, sy = ya < yb ? 1 : -1;
        int err = dx + dy, x = xa, y = ya;
        for (int steps = dx - dy; ; steps--)
        {
            if ((uint)x < (uint)width && (uint)y < (uint)height) run(y, x, x);
            if (steps == 0) break;
            // One step along x or y, never both: the line stays 4-connected.
            if (2 * err - dy > dx - 2 * err)
            {
                err += dy;
                x += sx;
            }
            else
            {
                err += dx;
                y += sy;
            }
        }
    }
}
