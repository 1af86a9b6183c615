using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// A thin-plate-spline warp (Albumentations' ThinPlateSpline; default p = 0.5): a regular grid of
/// num_control_points x num_control_points points over the unit square is jittered by N(0, s/10)
/// per axis, s drawn from <see cref="ScaleRange"/>, and the smooth interpolating spline through
/// the moved points gives, for each output pixel at (x / width, y / height), the source position
/// in the same normalised units.
/// </summary>
[TransformCategory("geometric")]
public sealed class ThinPlateSpline : WarpingTransform<ThinPlateSplineOperation>
{
    /// <summary>Albumentations' keypoint remapping method, kept for its files; keypoints move through the map's numerical inverse either way (see <see cref="AugSharp.KeypointRemappingMethod"/>). Default mask.</summary>
    public KeypointRemappingMethod KeypointRemappingMethod { get; init; } = KeypointRemappingMethod.Mask;

    /// <summary>The interval of s (within [0, 1]); the jitter's standard deviation is s / 10 of the image size.</summary>
    public ValueRange ScaleRange { get; init; } = new(0.2, 0.4);

    /// <summary>Control points per side (at least 2).</summary>
    public int NumControlPoints { get; init; } = 4;

    /// <inheritdoc />
    protected override ThinPlateSplineOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (NumControlPoints < 2) throw new ArgumentOutOfRangeException(nameof(NumControlPoints), NumControlPoints, "num_control_points must be at least 2.");
        double s = ScaleRange.Check("scale_range", 0, 1).Draw(rng) / 10;
        var offsets = new double[NumControlPoints * NumControlPoints * 2];
        for (int i = 0; i < offsets.Length; i++) offsets[i] = rng.NextGaussian() * s;
        return new ThinPlateSplineOperation(NumControlPoints, offsets)
        {
            Interpolation = Interpolation,
            MaskInterpolation = MaskInterpolation,
            BorderMode = BorderMode,
            Fill = Fill,
            FillMask = FillMask,
        };
    }
}
