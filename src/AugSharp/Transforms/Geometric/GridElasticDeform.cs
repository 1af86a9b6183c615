namespace AugSharp;

/// <summary>
/// Elastic deformation on a coarse grid (Albumentations' GridElasticDeform; p = 1): the image is
/// cut into <see cref="NumGridXy"/> (columns, rows) cells whose sizes differ by at most a pixel
/// (the larger ones at shuffled places), every inner grid vertex moves by a whole number of pixels
/// drawn from [-<see cref="Magnitude"/>, <see cref="Magnitude"/>] on each axis, the image's edges stay
/// where they are, and each cell is warped by the perspective map that takes its rectangle to its
/// moved quadrilateral. Masks, boxes and keypoints move with the pixels. (Albumentations splits
/// rows by the first number and columns by the second and then reshapes the cells the other way
/// round, which scrambles non-square grids; here the first number is the columns, as its name
/// says.) Pixels read just outside the image repeat its edge.
/// </summary>
[TransformCategory("geometric")]
public sealed class GridElasticDeform : Transform<GridElasticDeformOperation>
{
    /// <summary>A GridElasticDeform with p = 1.</summary>
    public GridElasticDeform() => P = 1;

    /// <summary>The grid's (columns, rows), each at least 1. Default (4, 4).</summary>
    public IReadOnlyList<int> NumGridXy { get; init; } = [4, 4];

    /// <summary>The largest move of an inner vertex, in pixels per axis (above 0). Default 10.</summary>
    public int Magnitude { get; init; } = 10;

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>Interpolation of the masks. Default nearest.</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <inheritdoc />
    protected override GridElasticDeformOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (NumGridXy.Count != 2 || NumGridXy[0] < 1 || NumGridXy[1] < 1)
            throw new ArgumentException($"GridElasticDeform.num_grid_xy must be [columns, rows], each at least 1, not [{string.Join(", ", NumGridXy)}].");
        if (Magnitude <= 0) throw new ArgumentException($"GridElasticDeform.magnitude must be above 0, not {Magnitude}.");
        int columns = Math.Min(NumGridXy[0], context.Width), rows = Math.Min(NumGridXy[1], context.Height);
        var ys = Splits(context.Height, rows, rng);
        var xs = Splits(context.Width, columns, rng);
        var moves = new int[(rows - 1) * (columns - 1) * 2];
        for (int i = 0; i < moves.Length; i++) moves[i] = rng.NextInt(-Magnitude, Magnitude + 1);
        return new GridElasticDeformOperation(xs, ys, moves) { Interpolation = Interpolation, MaskInterpolation = MaskInterpolation, BorderMode = BorderMode.Replicate };
    }

    /// <summary>The cells' edges along an axis of <paramref name="size"/> pixels: sizes size/n, the remainder's extra pixels at shuffled cells.</summary>
    private static int[] Splits(int size, int n, RandomStream rng)
    {
        var sizes = new int[n];
        for (int i = 0; i < n; i++) sizes[i] = size / n + (i < size % n ? 1 : 0);
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (sizes[i], sizes[j]) = (sizes[j], sizes[i]);
        }
        var edges = new int[n + 1];
        for (int i = 0; i < n; i++) edges[i + 1] = edges[i] + sizes[i];
        return edges;
    }
}

/// <summary>
/// A grid elastic deformation: cell (row i, column j) is the rectangle from
/// (<paramref name="XEdges"/>[j], <paramref name="YEdges"/>[i]) to (XEdges[j+1], YEdges[i+1]); inner
/// vertex (i, j), 1 ≤ i &lt; rows, 1 ≤ j &lt; columns, moves by <paramref name="Moves"/>[2k],
/// Moves[2k+1] with k = (i-1)·(columns-1) + (j-1). Each output pixel inside a moved cell reads
/// the source through the inverse of that cell's perspective map (a later cell wins on a shared
/// edge); the map is in pixel-index coordinates.
/// </summary>
/// <param name="XEdges">The columns' edges, columns + 1 values from 0 to the width.</param>
/// <param name="YEdges">The rows' edges, rows + 1 values from 0 to the height.</param>
/// <param name="Moves">The inner vertices' moves (dx, dy), row by row.</param>
public sealed record GridElasticDeformOperation(IReadOnlyList<int> XEdges, IReadOnlyList<int> YEdges, IReadOnlyList<int> Moves) : DistortionOperation
{
    /// <inheritdoc />
    public override ImageBuffer<float> GetMap(ImageShape input)
    {
        int columns = XEdges.Count - 1, rows = YEdges.Count - 1;
        if (columns < 1 || rows < 1 || Moves.Count != (rows - 1) * (columns - 1) * 2)
            throw new InvalidOperationException($"{Name} needs edges for at least one cell and two moves per inner vertex.");
        if (XEdges[^1] != input.Width || YEdges[^1] != input.Height)
            throw new InvalidOperationException($"{Name} was drawn for a {XEdges[^1]}x{YEdges[^1]} image, not {input.Width}x{input.Height}.");
        int w = input.Width, h = input.Height;
        var map = ImageBuffer<float>.CreateUninitialized(w, h, 2);
        for (int y = 0; y < h; y++)
        {
            var row = map.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                row[2 * x] = x;
                row[2 * x + 1] = y;
            }
        }
        (double X, double Y) Vertex(int i, int j)
        {
            double vx = XEdges[j], vy = YEdges[i];
            if (i > 0 && i < rows && j > 0 && j < columns)
            {
                int k = ((i - 1) * (columns - 1) + (j - 1)) * 2;
                vx += Moves[k];
                vy += Moves[k + 1];
            }
            return (vx, vy);
        }
        Span<double> from = stackalloc double[8];
        Span<double> to = stackalloc double[8];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double x1 = XEdges[j], y1 = YEdges[i], x2 = XEdges[j + 1], y2 = YEdges[i + 1];
                var (ax, ay) = Vertex(i, j);
                var (bx, by) = Vertex(i, j + 1);
                var (cx, cy) = Vertex(i + 1, j + 1);
                var (dx, dy) = Vertex(i + 1, j);
                from[0] = x1; from[1] = y1; from[2] = x2; from[3] = y1; from[4] = x2; from[5] = y2; from[6] = x1; from[7] = y2;
                to[0] = ax; to[1] = ay; to[2] = bx; to[3] = by; to[4] = cx; to[5] = cy; to[6] = dx; to[7] = dy;
                var inverse = Matrix3x3.FromQuad(to, from);
                int left = Math.Max(0, (int)Math.Floor(Math.Min(ax, dx))), right = Math.Min(w - 1, (int)Math.Ceiling(Math.Max(bx, cx)));
                int top = Math.Max(0, (int)Math.Floor(Math.Min(ay, by))), bottom = Math.Min(h - 1, (int)Math.Ceiling(Math.Max(cy, dy)));
                const double Slack = 1e-9;
                for (int y = top; y <= bottom; y++)
                {
                    var row = map.GetRow(y);
                    for (int x = left; x <= right; x++)
                    {
                        var (u, v) = inverse.Transform(x, y);
                        if (u < x1 - Slack || u > x2 + Slack || v < y1 - Slack || v > y2 + Slack) continue;
                        row[2 * x] = (float)u;
                        row[2 * x + 1] = (float)v;
                    }
                }
            }
        }
        return map;
    }
}
