namespace AugSharp.Datasets;

/// <summary>
/// The outlines of the objects of a mask, as polygons: how segmentation polygons (YOLO-seg) are
/// written again after the pipeline moved their masks.
/// </summary>
/// <remarks>
/// Each region of 8-connected pixels (pixels touching at a side or a corner) holding one non-zero value is one object. Its outer outline
/// follows the pixels' edges (edge coordinates: a pixel (x, y) spans [x, x+1] x [y, y+1]), so
/// that filling the outline by pixel centres gives the region's pixels back exactly (holes are not
/// outlined: the outer contour only; where two parts of a region touch at a corner only, the outline
/// passes that corner twice). The outline is then simplified by Douglas–Peucker: a corner
/// is dropped when it lies within <c>tolerance</c> pixels of the simplified line, which turns the
/// pixel staircases of a slanted edge into straight lines.
/// </remarks>
public static class MaskOutlines
{
    /// <summary>The objects of <paramref name="mask"/> (its first channel), in the raster order of their first pixel: each object's value and its outer outline (at least 3 corners, clockwise on screen).</summary>
    /// <param name="mask">A mask of any pixel type; values are read as integers.</param>
    /// <param name="tolerance">The Douglas–Peucker tolerance in pixels (0 keeps every corner of the pixel outline).</param>
    public static IReadOnlyList<(int Value, (double X, double Y)[] Outline)> Trace(ImageBuffer mask, double tolerance = 0.5)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int width = mask.Width, height = mask.Height;
        var values = new int[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                values[y * width + x] = ValueAt(mask, y, x);

        var region = new int[width * height];
        var result = new List<(int, (double X, double Y)[])>();
        var queue = new Queue<int>();
        int regions = 0;
        for (int start = 0; start < values.Length; start++)
        {
            if (values[start] == 0 || region[start] != 0) continue;
            int id = ++regions, value = values[start];
            region[start] = id;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                int p = queue.Dequeue();
                int px = p % width, py = p / width;
                for (int ny = Math.Max(0, py - 1); ny <= Math.Min(height - 1, py + 1); ny++)
                    for (int nx = Math.Max(0, px - 1); nx <= Math.Min(width - 1, px + 1); nx++)
                        Visit(ny * width + nx);
            }
            var outline = Outline(region, width, height, id, start % width, start / width);
            result.Add((value, Simplify(outline, tolerance)));

            void Visit(int q)
            {
                if (region[q] != 0 || values[q] != value) return;
                region[q] = id;
                queue.Enqueue(q);
            }
        }
        return result;
    }

    private static int ValueAt(ImageBuffer mask, int y, int x) => mask switch
    {
        ImageBuffer<byte> b => b[y, x, 0],
        ImageBuffer<ushort> u => u[y, x, 0],
        ImageBuffer<float> f => (int)MathF.Round(f[y, x, 0]),
        _ => throw new NotSupportedException($"a {mask.GetType().Name} mask cannot be outlined"),
    };

    // East, south, west, north (y grows downwards).
    private static readonly int[] Dx = [1, 0, -1, 0];
    private static readonly int[] Dy = [0, 1, 0, -1];

    /// <summary>
    /// The outer outline of region <paramref name="id"/>, whose first pixel in raster order is
    /// (<paramref name="x0"/>, <paramref name="y0"/>): its edges followed with the region on the
    /// right, from that pixel's top-left corner, keeping the corners where the direction turns.
    /// </summary>
    private static List<(double X, double Y)> Outline(int[] region, int width, int height, int id, int x0, int y0)
    {
        bool Inside(int x, int y) => x >= 0 && y >= 0 && x < width && y < height && region[y * width + x] == id;
        var corners = new List<(double X, double Y)> { (x0, y0) };
        int vx = x0, vy = y0, d = 0;
        long guard = 4L * (width + 1) * (height + 1) + 8;
        while (guard-- > 0)
        {
            vx += Dx[d];
            vy += Dy[d];
            if (vx == x0 && vy == y0) break;
            // The two pixels ahead of the corner, to the left and to the right of the direction.
            var (lx, ly, rx, ry) = d switch
            {
                0 => (vx, vy - 1, vx, vy),
                1 => (vx, vy, vx - 1, vy),
                2 => (vx - 1, vy, vx - 1, vy - 1),
                _ => (vx - 1, vy - 1, vx, vy - 1),
            };
            // Pixels that touch at a corner are one object (8-connected): the outline goes on to the diagonal pixel.
            int next = Inside(lx, ly) ? (d + 3) % 4 : Inside(rx, ry) ? d : (d + 1) % 4;
            if (next != d) corners.Add((vx, vy));
            d = next;
        }
        return corners;
    }

    /// <summary>Douglas–Peucker on a closed outline: split at the corner farthest from the first, each half simplified.</summary>
    private static (double X, double Y)[] Simplify(List<(double X, double Y)> outline, double tolerance)
    {
        if (tolerance <= 0 || outline.Count <= 4) return outline.ToArray();
        int far = 0;
        double best = -1;
        for (int i = 1; i < outline.Count; i++)
        {
            double dx = outline[i].X - outline[0].X, dy = outline[i].Y - outline[0].Y, d = dx * dx + dy * dy;
            if (d > best) { best = d; far = i; }
        }
        var keep = new bool[outline.Count + 1];
        keep[0] = keep[far] = keep[outline.Count] = true;
        var closed = new List<(double X, double Y)>(outline) { outline[0] };
        Mark(closed, 0, far, tolerance, keep);
        Mark(closed, far, outline.Count, tolerance, keep);
        var result = new List<(double X, double Y)>();
        for (int i = 0; i < outline.Count; i++)
            if (keep[i]) result.Add(outline[i]);
        return result.Count >= 3 ? result.ToArray() : outline.ToArray();
    }

    private static void Mark(List<(double X, double Y)> points, int from, int to, double tolerance, bool[] keep)
    {
        var stack = new Stack<(int, int)>();
        stack.Push((from, to));
        while (stack.Count > 0)
        {
            var (a, b) = stack.Pop();
            if (b - a < 2) continue;
            double ax = points[a].X, ay = points[a].Y, bx = points[b].X, by = points[b].Y;
            double ex = bx - ax, ey = by - ay, length = Math.Sqrt(ex * ex + ey * ey);
            int far = -1;
            double best = tolerance;
            for (int i = a + 1; i < b; i++)
            {
                double px = points[i].X - ax, py = points[i].Y - ay;
                double distance = length > 0 ? Math.Abs(px * ey - py * ex) / length : Math.Sqrt(px * px + py * py);
                if (distance > best) { best = distance; far = i; }
            }
            if (far < 0) continue;
            keep[far] = true;
            stack.Push((a, far));
            stack.Push((far, b));
        }
    }
}
