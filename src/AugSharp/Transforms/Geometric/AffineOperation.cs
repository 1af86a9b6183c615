
namespace AugSharp;

/// <summary>
/// An affine map about the image centre ((width-1)/2, (height-1)/2): scale, then shear, then
/// rotation, then translation in pixels (the concrete values drawn by Affine, Rotate and
/// ShiftScaleRotate). Positive angles turn the content counter-clockwise on screen, as OpenCV's
/// getRotationMatrix2D. With <see cref="FitOutput"/> the output grows to hold the whole moved
/// image.
/// </summary>
public sealed record AffineOperation : WarpOperation
{
    /// <summary>Rotation in degrees (counter-clockwise).</summary>
    public double Angle { get; init; }

    /// <summary>Horizontal scale.</summary>
    public double ScaleX { get; init; } = 1;

    /// <summary>Vertical scale.</summary>
    public double ScaleY { get; init; } = 1;

    /// <summary>Horizontal shear in degrees (x moves by tan(angle)·y).</summary>
    public double ShearX { get; init; }

    /// <summary>Vertical shear in degrees (y moves by tan(angle)·x).</summary>
    public double ShearY { get; init; }

    /// <summary>Horizontal translation in pixels.</summary>
    public double TranslateX { get; init; }

    /// <summary>Vertical translation in pixels.</summary>
    public double TranslateY { get; init; }

    /// <summary>Grow the output to hold the whole moved image.</summary>
    public bool FitOutput { get; init; }

    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input)
    {
        var m = CentredMatrix(input);
        if (!FitOutput) return m;
        var (minX, minY, _, _) = Bounds(m, input);
        return Matrix3x3.Translation(-minX, -minY) * m;
    }

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input)
    {
        if (!FitOutput) return (input.Width, input.Height);
        var (minX, minY, maxX, maxY) = Bounds(CentredMatrix(input), input);
        return (Math.Max(1, (int)Math.Ceiling(maxX - minX - 1e-9) + 1), Math.Max(1, (int)Math.Ceiling(maxY - minY - 1e-9) + 1));
    }

    private Matrix3x3 CentredMatrix(ImageShape input)
    {
        double cx = (input.Width - 1) / 2.0, cy = (input.Height - 1) / 2.0;
        double tx = Math.Tan(ShearX * Math.PI / 180), ty = Math.Tan(ShearY * Math.PI / 180);
        var shear = new Matrix3x3(1, tx, 0, ty, 1, 0, 0, 0, 1);
        return Matrix3x3.Translation(cx + TranslateX, cy + TranslateY) * Matrix3x3.Rotation(Angle) * shear
            * Matrix3x3.Scale(ScaleX, ScaleY) * Matrix3x3.Translation(-cx, -cy);
    }

    private static (double MinX, double MinY, double MaxX, double MaxY) Bounds(Matrix3x3 m, ImageShape input)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var (x, y) in new[] { (0.0, 0.0), (input.Width - 1.0, 0.0), (0.0, input.Height - 1.0), (input.Width - 1.0, input.Height - 1.0) })
        {
            var (u, v) = m.Transform(x, y);
            minX = Math.Min(minX, u); minY = Math.Min(minY, v); maxX = Math.Max(maxX, u); maxY = Math.Max(maxY, v);
        }
        return (minX, minY, maxX, maxY);
    }
}
