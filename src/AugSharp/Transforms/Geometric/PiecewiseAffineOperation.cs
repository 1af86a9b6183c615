namespace AugSharp;

/// <summary>
/// A piecewise-affine map: control point (i, j) of a <paramref name="NbRows"/> x
/// <paramref name="NbCols"/> grid sits at (j·(w-1)/(cols-1), i·(h-1)/(rows-1)) in the output and
/// reads the source there plus its jitter (clipped to the image). Inside each cell, split along
/// the diagonal from its top-left to its bottom-right corner, the map is affine on each triangle.
/// </summary>
/// <param name="NbRows">Rows of control points.</param>
/// <param name="NbCols">Columns of control points.</param>
/// <param name="Jitter">Per control point, row by row: the y then the x offset, in pixels.</param>
public sealed record PiecewiseAffineOperation(int NbRows, int NbCols, IReadOnlyList<double> Jitter) : DistortionOperation
{
    /// <inheritdoc />
    public override ImageBuffer<float> GetMap(ImageShape input)
    {
        if (NbRows < 2 || NbCols < 2 || Jitter.Count != NbRows * NbCols * 2)
            throw new InvalidOperationException($"{Name} needs at least 2x2 control points and two offsets per point.");
        int width = input.Width, height = input.Height;
        double cellW = Math.Max(width - 1, 1e-9) / (NbCols - 1), cellH = Math.Max(height - 1, 1e-9) / (NbRows - 1);
        var dstX = new double[NbRows * NbCols];
        var dstY = new double[NbRows * NbCols];
        for (int i = 0; i < NbRows; i++)
        {
            for (int j = 0; j < NbCols; j++)
            {
                int p = i * NbCols + j;
                dstX[p] = Math.Clamp(j * cellW + Jitter[2 * p + 1], 0, Math.Max(width - 1, 0));
                dstY[p] = Math.Clamp(i * cellH + Jitter[2 * p], 0, Math.Max(height - 1, 0));
            }
        }
        var map = ImageBuffer<float>.CreateUninitialized(width, height, 2);
        for (int y = 0; y < height; y++)
        {
            var row = map.GetRow(y);
            int i = Math.Min((int)(y / cellH), NbRows - 2);
            double v = y / cellH - i;
            for (int x = 0; x < width; x++)
            {
                int j = Math.Min((int)(x / cellW), NbCols - 2);
                double u = x / cellW - j;
                int tl = i * NbCols + j, tr = tl + 1, bl = tl + NbCols, br = bl + 1;
                double sx, sy;
                if (u >= v)
                {
                    sx = dstX[tl] + u * (dstX[tr] - dstX[tl]) + v * (dstX[br] - dstX[tr]);
                    sy = dstY[tl] + u * (dstY[tr] - dstY[tl]) + v * (dstY[br] - dstY[tr]);
                }
                else
                {
                    sx = dstX[tl] + u * (dstX[br] - dstX[bl]) + v * (dstX[bl] - dstX[tl]);
                    sy = dstY[tl] + u * (dstY[br] - dstY[bl]) + v * (dstY[bl] - dstY[tl]);
                }
                row[2 * x] = (float)sx;
                row[2 * x + 1] = (float)sy;
            }
        }
        return map;
    }
}
