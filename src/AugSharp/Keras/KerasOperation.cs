using System.Text.Json.Serialization;

namespace AugSharp.Keras;

/// <summary>
/// One Keras random transform as an operation of the engine: the drawn
/// <see cref="KerasTransformParameters"/> with the generator settings that apply them, so that
/// the record replays alone. The image goes through Keras' own float path (scipy-exact resampling,
/// channel shift, flips, PIL brightness) and comes back in its own pixel type; masks move with
/// spline order 0 and no colour change; 16-bit images are scaled into Keras' 0..255 range and back (see <see cref="KerasPixels"/>); boxes and keypoints follow the same matrix.
/// </summary>
/// <param name="Parameters">The drawn values.</param>
public sealed record KerasOperation(KerasTransformParameters Parameters) : Operation, IGeometricOperation
{
    /// <summary>Keras' fill_mode.</summary>
    public FillMode FillMode { get; init; } = FillMode.Nearest;

    /// <summary>Keras' cval.</summary>
    public double Cval { get; init; }

    /// <summary>Keras' interpolation_order.</summary>
    public int InterpolationOrder { get; init; } = 1;

    /// <summary>Keras' geometry or the corrected one.</summary>
    public KerasGeometry Geometry { get; init; } = KerasGeometry.Keras;

    /// <inheritdoc />
    [JsonIgnore]
    public override string Name => "ImageDataGenerator";

    /// <inheritdoc />
    public Matrix3x3 GetMatrix(ImageShape input)
    {
        var p = Parameters;
        var affine = Geometry == KerasGeometry.Keras
            ? KerasAffine.BuildMatrix(p.Theta, p.Tx, p.Ty, p.Shear, p.Zx, p.Zy, input.Height, input.Width)
            : KerasAffine.BuildMatrix(p.Theta, p.Tx, p.Ty, p.Shear, p.Zx, p.Zy, input.Height, input.Width, trueCentre: true);
        var m = Matrix3x3.Identity;
        if (affine is { } a)
        {
            // scipy maps output (row, col) to input (row, col); in (x, y) = (col, row) that is the inverse map.
            m = new Matrix3x3(a.M11, a.M10, a.Offset1, a.M01, a.M00, a.Offset0, 0, 0, 1).Invert();
        }
        if (p.FlipHorizontal) m = new Matrix3x3(-1, 0, input.Width - 1, 0, 1, 0, 0, 0, 1) * m;
        if (p.FlipVertical) m = new Matrix3x3(1, 0, 0, 0, -1, input.Height - 1, 0, 0, 1) * m;
        return m;
    }

    /// <inheritdoc />
    public (int Width, int Height) GetOutputSize(ImageShape input) => (input.Width, input.Height);

    /// <inheritdoc />
    protected override ImageBuffer ApplyToImage(ImageBuffer image) => Run(image, Parameters, InterpolationOrder, Cval);

    /// <inheritdoc />
    protected override ImageBuffer ApplyToMask(ImageBuffer mask)
        => Run(mask, Parameters with { ChannelShiftIntensity = null, Brightness = null }, 0, 0);

    /// <inheritdoc />
    protected override IReadOnlyList<BoundingBox> ApplyToBoxes(IReadOnlyList<BoundingBox> boxes, ImageShape input) => GeometricOperation.MoveBoxes(boxes, GetMatrix(input));

    /// <inheritdoc />
    protected override IReadOnlyList<OrientedBox> ApplyToOrientedBoxes(IReadOnlyList<OrientedBox> boxes, ImageShape input) => GeometricOperation.MoveOrientedBoxes(boxes, GetMatrix(input));

    /// <inheritdoc />
    protected override IReadOnlyList<Keypoint> ApplyToKeypoints(IReadOnlyList<Keypoint> keypoints, ImageShape input) => GeometricOperation.MoveKeypoints(keypoints, GetMatrix(input));

    private ImageBuffer Run(ImageBuffer image, KerasTransformParameters parameters, int order, double cval)
    {
        var generator = new ImageDataGenerator(fillMode: FillMode, cval: cval, interpolationOrder: order, geometry: Geometry);
        if (image is ImageBuffer<float> f) return generator.ApplyTransform(f, parameters);
        using var input = KerasPixels.ToKerasFloat(image);
        using var output = generator.ApplyTransform(input, parameters);
        return KerasPixels.FromKerasFloat(output, image.PixelType);
    }
}
