using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// A projective warp that sends the quadrilateral <paramref name="Corners"/> of the source (top-left,
/// top-right, bottom-right, bottom-left, in pixel-index coordinates) onto the corners of the
/// output, which keeps the source's size.
/// </summary>
/// <param name="Corners">x0, y0, ..., x3, y3.</param>
public sealed record PerspectiveOperation(IReadOnlyList<double> Corners) : GeometricOperation
{
    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>Border of the image and masks.</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant border value per channel.</summary>
    public IReadOnlyList<double> Fill { get; init; } = [];

    /// <summary>Constant border value for masks.</summary>
    public double FillMask { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override Interpolation? ImageInterpolation => Interpolation;

    /// <inheritdoc />
    [JsonIgnore]
    public override BorderMode? ImageBorder => BorderMode;

    /// <inheritdoc />
    [JsonIgnore]
    public override IReadOnlyList<double> ImageFill => Fill;

    /// <inheritdoc />
    [JsonIgnore]
    public override double MaskFill => FillMask;

    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input)
    {
        double w = input.Width - 1, h = input.Height - 1;
        return Matrix3x3.FromQuad(Corners.ToArray(), [0, 0, w, 0, w, h, 0, h]);
    }

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input) => (input.Width, input.Height);
}
