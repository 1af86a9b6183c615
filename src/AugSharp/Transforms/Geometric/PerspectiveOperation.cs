
namespace AugSharp;

/// <summary>
/// A projective warp that sends the quadrilateral <paramref name="Corners"/> of the source (top-left,
/// top-right, bottom-right, bottom-left, in pixel-index coordinates) onto the corners of the
/// output, which keeps the source's size.
/// </summary>
/// <param name="Corners">x0, y0, ..., x3, y3.</param>
public sealed record PerspectiveOperation(IReadOnlyList<double> Corners) : WarpOperation
{
    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input)
    {
        double w = input.Width - 1, h = input.Height - 1;
        return Matrix3x3.FromQuad(Corners.ToArray(), [0, 0, w, 0, w, h, 0, h]);
    }

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input) => (input.Width, input.Height);
}
