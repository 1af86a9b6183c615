namespace AugSharp;

/// <summary>
/// A point in pixel-index coordinates (the centre of the top-left pixel is (0, 0)), with an
/// orientation in radians and a scale that follow the geometric transforms, and a label.
/// </summary>
/// <param name="X">Column.</param>
/// <param name="Y">Row.</param>
/// <param name="Angle">Orientation in radians, measured from the x axis towards the y axis (clockwise on screen), in [0, 2π).</param>
/// <param name="Scale">Scale (1 for none).</param>
/// <param name="Label">The label (for example "left_eye"); null for none.</param>
public readonly record struct Keypoint(double X, double Y, double Angle = 0, double Scale = 1, string? Label = null)
{
    /// <summary>
    /// The point moved by <paramref name="matrix"/>: its angle turns and its scale grows with the
    /// map's local Jacobian at the point.
    /// </summary>
    public Keypoint Transform(in Matrix3x3 matrix)
    {
        var (x, y) = matrix.Transform(X, Y);
        const double h = 1e-3;
        var (ax, ay) = matrix.Transform(X + h * Math.Cos(Angle), Y + h * Math.Sin(Angle));
        var (px, py) = matrix.Transform(X + h, Y);
        var (qx, qy) = matrix.Transform(X, Y + h);
        double det = ((px - x) * (qy - y) - (py - y) * (qx - x)) / (h * h);
        double angle = Math.Atan2(ay - y, ax - x);
        if (angle < 0) angle += 2 * Math.PI;
        return this with { X = x, Y = y, Angle = angle, Scale = Scale * Math.Sqrt(Math.Abs(det)) };
    }

    /// <summary>True when the point lies inside an image of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public bool IsInside(int width, int height) => X >= 0 && Y >= 0 && X < width && Y < height;
}

/// <summary>How numbers describe a keypoint (Albumentations' names).</summary>
public enum KeypointFormat
{
    /// <summary>x, y.</summary>
    Xy,

    /// <summary>y, x.</summary>
    Yx,

    /// <summary>x, y, angle.</summary>
    Xya,

    /// <summary>x, y, scale.</summary>
    Xys,

    /// <summary>x, y, angle, scale.</summary>
    Xyas,

    /// <summary>x, y, scale, angle.</summary>
    Xysa,
}

/// <summary>
/// How a pipeline treats keypoints (Albumentations' <c>KeypointParams</c>): their format at the
/// edges, angles in degrees or radians, whether points that leave the image are removed, and
/// label swaps for transforms that mirror (for HorizontalFlip, "left_eye" becomes "right_eye").
/// </summary>
public sealed record KeypointParams
{
    /// <summary>The format of the numbers at the API's edges.</summary>
    public KeypointFormat Format { get; init; } = KeypointFormat.Xy;

    /// <summary>Remove points that leave the image.</summary>
    public bool RemoveInvisible { get; init; } = true;

    /// <summary>Angles at the edges are in degrees (radians otherwise).</summary>
    public bool AngleInDegrees { get; init; } = true;

    /// <summary>Per transform name, the labels to swap when that transform is applied.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> LabelMapping { get; init; }
        = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>The defaults.</summary>
    public static KeypointParams Default { get; } = new();

    /// <summary>Reads numbers in <see cref="Format"/>.</summary>
    public Keypoint FromValues(ReadOnlySpan<double> v, string? label = null)
    {
        double Angle(double a) => AngleInDegrees ? a * Math.PI / 180 : a;
        int need = Format is KeypointFormat.Xy or KeypointFormat.Yx ? 2 : Format is KeypointFormat.Xya or KeypointFormat.Xys ? 3 : 4;
        if (v.Length < need) throw new ArgumentException($"A {Format} keypoint has {need} numbers, not {v.Length}.", nameof(v));
        return Format switch
        {
            KeypointFormat.Xy => new(v[0], v[1], 0, 1, label),
            KeypointFormat.Yx => new(v[1], v[0], 0, 1, label),
            KeypointFormat.Xya => new(v[0], v[1], Angle(v[2]), 1, label),
            KeypointFormat.Xys => new(v[0], v[1], 0, v[2], label),
            KeypointFormat.Xyas => new(v[0], v[1], Angle(v[2]), v[3], label),
            _ => new(v[0], v[1], Angle(v[3]), v[2], label),
        };
    }

    /// <summary>Writes a keypoint in <see cref="Format"/>.</summary>
    public double[] ToValues(Keypoint k)
    {
        double a = AngleInDegrees ? k.Angle * 180 / Math.PI : k.Angle;
        return Format switch
        {
            KeypointFormat.Xy => [k.X, k.Y],
            KeypointFormat.Yx => [k.Y, k.X],
            KeypointFormat.Xya => [k.X, k.Y, a],
            KeypointFormat.Xys => [k.X, k.Y, k.Scale],
            KeypointFormat.Xyas => [k.X, k.Y, a, k.Scale],
            _ => [k.X, k.Y, k.Scale, a],
        };
    }
}
