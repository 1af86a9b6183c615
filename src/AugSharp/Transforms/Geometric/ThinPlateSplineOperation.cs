using MathNet.Numerics.LinearAlgebra;

namespace AugSharp;

/// <summary>
/// A thin-plate-spline map: control point (i, j) of an n x n grid sits at (j/(n-1), i/(n-1)) in
/// normalised output coordinates (x / width, y / height) and reads the source at that point plus
/// its offset. The spline f(p) = a + A·p + Σ wₖ U(|p - pₖ|), U(r) = r² ln r, interpolates the
/// control points with the least bending; the source pixel is f(x / w, y / h) scaled back by
/// (w, h).
/// </summary>
/// <param name="NumControlPoints">Control points per side.</param>
/// <param name="Offsets">Per control point, row by row: the x then the y offset, in normalised units.</param>
public sealed record ThinPlateSplineOperation(int NumControlPoints, IReadOnlyList<double> Offsets) : DistortionOperation
{
    /// <inheritdoc />
    public override ImageBuffer<float> GetMap(ImageShape input)
    {
        int n = NumControlPoints, count = n * n;
        if (n < 2 || Offsets.Count != count * 2)
            throw new InvalidOperationException($"{Name} needs at least 2x2 control points and two offsets per point.");
        int width = input.Width, height = input.Height;
        var map = ImageBuffer<float>.CreateUninitialized(width, height, 2);
        var px = new double[count];
        var py = new double[count];
        bool identity = true;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                px[i * n + j] = (double)j / (n - 1);
                py[i * n + j] = (double)i / (n - 1);
            }
        foreach (var o in Offsets) identity &= o == 0;
        if (identity)
        {
            for (int y = 0; y < height; y++)
            {
                var row = map.GetRow(y);
                for (int x = 0; x < width; x++) { row[2 * x] = x; row[2 * x + 1] = y; }
            }
            return map;
        }

        // [K P; Pᵀ 0] [w; a] = [dst; 0]
        var l = Matrix<double>.Build.Dense(count + 3, count + 3);
        var rhs = Matrix<double>.Build.Dense(count + 3, 2);
        for (int a = 0; a < count; a++)
        {
            for (int b = 0; b < count; b++) l[a, b] = Kernel(px[a] - px[b], py[a] - py[b]);
            l[a, count] = 1; l[a, count + 1] = px[a]; l[a, count + 2] = py[a];
            l[count, a] = 1; l[count + 1, a] = px[a]; l[count + 2, a] = py[a];
            rhs[a, 0] = px[a] + Offsets[2 * a];
            rhs[a, 1] = py[a] + Offsets[2 * a + 1];
        }
        var solution = l.Solve(rhs);
        var wx = new double[count];
        var wy = new double[count];
        for (int a = 0; a < count; a++) { wx[a] = solution[a, 0]; wy[a] = solution[a, 1]; }
        double ax0 = solution[count, 0], ax1 = solution[count + 1, 0], ax2 = solution[count + 2, 0];
        double ay0 = solution[count, 1], ay1 = solution[count + 1, 1], ay2 = solution[count + 2, 1];

        for (int y = 0; y < height; y++)
        {
            var row = map.GetRow(y);
            double v = (double)y / height;
            for (int x = 0; x < width; x++)
            {
                double u = (double)x / width;
                double sx = ax0 + ax1 * u + ax2 * v, sy = ay0 + ay1 * u + ay2 * v;
                for (int a = 0; a < count; a++)
                {
                    double k = Kernel(u - px[a], v - py[a]);
                    sx += wx[a] * k;
                    sy += wy[a] * k;
                }
                row[2 * x] = (float)(sx * width);
                row[2 * x + 1] = (float)(sy * height);
            }
        }
        return map;
    }

    private static double Kernel(double dx, double dy)
    {
        double r2 = dx * dx + dy * dy;
        return r2 == 0 ? 0 : 0.5 * r2 * Math.Log(r2);
    }
}
