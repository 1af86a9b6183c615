using System.Globalization;

namespace AugSharp;

/// <summary>
/// A 3x3 projective matrix in double precision, acting on column vectors (x, y, 1): a point
/// maps to <c>(M11 x + M12 y + M13, M21 x + M22 y + M23) / (M31 x + M32 y + M33)</c>. Geometric
/// operations use it in pixel-index coordinates (the centre of the top-left pixel is (0, 0)), as
/// OpenCV's warps do. <c>a * b</c> applies <c>b</c> first, then <c>a</c>.
/// </summary>
public readonly record struct Matrix3x3(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    /// <summary>The identity.</summary>
    public static Matrix3x3 Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>A translation by (<paramref name="dx"/>, <paramref name="dy"/>).</summary>
    public static Matrix3x3 Translation(double dx, double dy) => new(1, 0, dx, 0, 1, dy, 0, 0, 1);

    /// <summary>A scale about the origin.</summary>
    public static Matrix3x3 Scale(double sx, double sy) => new(sx, 0, 0, 0, sy, 0, 0, 0, 1);

    /// <summary>
    /// A rotation by <paramref name="degrees"/> about the origin; positive turns the content
    /// counter-clockwise on the screen (y points down), as OpenCV's getRotationMatrix2D does.
    /// </summary>
    public static Matrix3x3 Rotation(double degrees)
    {
        double r = degrees * Math.PI / 180.0;
        double c = Math.Cos(r), s = Math.Sin(r);
        return new(c, s, 0, -s, c, 0, 0, 0, 1);
    }

    /// <summary>An affine matrix from the six coefficients of a 2x3 matrix (OpenCV's layout).</summary>
    public static Matrix3x3 Affine(double a, double b, double c, double d, double e, double f) => new(a, b, c, d, e, f, 0, 0, 1);

    /// <summary>
    /// The projective map that sends the four points <paramref name="from"/> onto
    /// <paramref name="to"/> (OpenCV's getPerspectiveTransform), each given as x0, y0, ..., x3, y3.
    /// </summary>
    public static Matrix3x3 FromQuad(ReadOnlySpan<double> from, ReadOnlySpan<double> to)
    {
        if (from.Length != 8 || to.Length != 8) throw new ArgumentException("A quadrilateral has 8 numbers (4 points).");
        var a = new double[8, 9];
        for (int i = 0; i < 4; i++)
        {
            double x = from[2 * i], y = from[2 * i + 1], u = to[2 * i], v = to[2 * i + 1];
            a[i, 0] = x; a[i, 1] = y; a[i, 2] = 1; a[i, 6] = -x * u; a[i, 7] = -y * u; a[i, 8] = u;
            a[i + 4, 3] = x; a[i + 4, 4] = y; a[i + 4, 5] = 1; a[i + 4, 6] = -x * v; a[i + 4, 7] = -y * v; a[i + 4, 8] = v;
        }
        for (int col = 0; col < 8; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < 8; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (Math.Abs(a[pivot, col]) < 1e-12) throw new ArgumentException("Three of the points are on one line: no projective map sends them.");
            if (pivot != col) for (int k = 0; k < 9; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            for (int r = 0; r < 8; r++)
            {
                if (r == col) continue;
                double f = a[r, col] / a[col, col];
                if (f == 0) continue;
                for (int k = col; k < 9; k++) a[r, k] -= f * a[col, k];
            }
        }
        double H(int i) => a[i, 8] / a[i, i];
        return new(H(0), H(1), H(2), H(3), H(4), H(5), H(6), H(7), 1);
    }

    /// <summary>True when the last row is (0, 0, 1).</summary>
    public bool IsAffine => M31 == 0 && M32 == 0 && M33 == 1;

    /// <summary>The determinant.</summary>
    public double Determinant =>
        M11 * (M22 * M33 - M23 * M32) - M12 * (M21 * M33 - M23 * M31) + M13 * (M21 * M32 - M22 * M31);

    /// <summary>The product <c>a * b</c>: <paramref name="b"/> applies first, then <paramref name="a"/>.</summary>
    public static Matrix3x3 operator *(Matrix3x3 a, Matrix3x3 b) => new(
        a.M11 * b.M11 + a.M12 * b.M21 + a.M13 * b.M31, a.M11 * b.M12 + a.M12 * b.M22 + a.M13 * b.M32, a.M11 * b.M13 + a.M12 * b.M23 + a.M13 * b.M33,
        a.M21 * b.M11 + a.M22 * b.M21 + a.M23 * b.M31, a.M21 * b.M12 + a.M22 * b.M22 + a.M23 * b.M32, a.M21 * b.M13 + a.M22 * b.M23 + a.M23 * b.M33,
        a.M31 * b.M11 + a.M32 * b.M21 + a.M33 * b.M31, a.M31 * b.M12 + a.M32 * b.M22 + a.M33 * b.M32, a.M31 * b.M13 + a.M32 * b.M23 + a.M33 * b.M33);

    /// <summary>The inverse; throws when the matrix is singular.</summary>
    public Matrix3x3 Invert()
    {
        double det = Determinant;
        if (det == 0 || !double.IsFinite(det)) throw new InvalidOperationException($"The matrix {this} cannot be inverted.");
        double k = 1.0 / det;
        if (IsAffine)
        {
            // An affine map's inverse is affine: keep the last row exactly (0, 0, 1).
            double a = M22 * k, b = -M12 * k, d = -M21 * k, e = M11 * k;
            return new(a, b, -(a * M13 + b * M23), d, e, -(d * M13 + e * M23), 0, 0, 1);
        }
        return new(
            (M22 * M33 - M23 * M32) * k, (M13 * M32 - M12 * M33) * k, (M12 * M23 - M13 * M22) * k,
            (M23 * M31 - M21 * M33) * k, (M11 * M33 - M13 * M31) * k, (M13 * M21 - M11 * M23) * k,
            (M21 * M32 - M22 * M31) * k, (M12 * M31 - M11 * M32) * k, (M11 * M22 - M12 * M21) * k);
    }

    /// <summary>Maps the point (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (double X, double Y) Transform(double x, double y)
    {
        double w = M31 * x + M32 * y + M33;
        return ((M11 * x + M12 * y + M13) / w, (M21 * x + M22 * y + M23) / w);
    }

    /// <summary>
    /// The same map expressed for edge coordinates (the top-left corner of the top-left pixel is
    /// (0, 0), as boxes use): <c>T(+0.5) * this * T(-0.5)</c>.
    /// </summary>
    public Matrix3x3 ForEdgeCoordinates() => Translation(0.5, 0.5) * this * Translation(-0.5, -0.5);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"[[{M11:G6}, {M12:G6}, {M13:G6}], [{M21:G6}, {M22:G6}, {M23:G6}], [{M31:G6}, {M32:G6}, {M33:G6}]]");
}
