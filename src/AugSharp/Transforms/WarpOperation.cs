using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>The base of geometric records that carry their own interpolation and border (affine and perspective maps).</summary>
public abstract record WarpOperation : GeometricOperation
{
    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>Border of the image and masks.</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant border value per channel (empty for 0).</summary>
    public IReadOnlyList<double> Fill { get; init; } = [];

    /// <summary>Constant border value for masks.</summary>
    public double FillMask { get; init; }

    /// <summary>Interpolation of masks (nearest keeps label values).</summary>
    [JsonPropertyName("mask_interpolation")]
    public Interpolation MaskInterpolationMode { get; init; } = Interpolation.Nearest;

    /// <inheritdoc />
    [JsonIgnore]
    public override Interpolation MaskInterpolation => MaskInterpolationMode;

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
}
