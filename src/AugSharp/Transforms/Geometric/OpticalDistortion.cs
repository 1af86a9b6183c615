using AugSharp.Kernels;

namespace AugSharp;

/// <summary>The lens model of <see cref="OpticalDistortion"/>.</summary>
public enum OpticalDistortionMode
{
    /// <summary>OpenCV's camera model with k1 = k2 = k: r' = r (1 + k r² + k r⁴), r normalised by the width and height.</summary>
    Camera,

    /// <summary>A radial model r' = r (1 + k r²/R²), R the distance from the centre to the farthest corner.</summary>
    Fisheye,
}

/// <summary>
/// Barrel or pincushion distortion (Albumentations' OpticalDistortion; default p = 0.5): a
/// coefficient k drawn from <see cref="DistortLimit"/> bends the image radially about its centre.
/// In the camera model each output pixel reads the source where OpenCV's undistortion map sends
/// it (focal lengths = width and height). Unlike Albumentations, which takes OpenCV's default new
/// camera matrix and so shifts the image by half a pixel even for k = 0, the source and output
/// share one principal point, the image centre ((w-1)/2, (h-1)/2), so k = 0 is the identity. The
/// fisheye model is centred on (w/2, h/2) as Albumentations has it.
/// </summary>
[TransformCategory("geometric")]
public sealed class OpticalDistortion : WarpingTransform<OpticalDistortionOperation>
{
    /// <summary>Albumentations' keypoint remapping method, kept for its files; keypoints move through the map's numerical inverse either way (see <see cref="AugSharp.KeypointRemappingMethod"/>). Default mask.</summary>
    public KeypointRemappingMethod KeypointRemappingMethod { get; init; } = KeypointRemappingMethod.Mask;

    /// <summary>The interval of k (a number L in a file means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange DistortLimit { get; init; } = new(-0.05, 0.05);

    /// <summary>The lens model.</summary>
    public OpticalDistortionMode Mode { get; init; } = OpticalDistortionMode.Camera;

    /// <inheritdoc />
    protected override OpticalDistortionOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        double k = DistortLimit.Check("distort_limit").Draw(rng);
        double w = context.Width, h = context.Height;
        if (Mode == OpticalDistortionMode.Camera)
            return Make(new OpticalDistortionOperation(k, Mode, (w - 1) / 2, (h - 1) / 2, w, h));
        double cx = w / 2, cy = h / 2;
        double radius = Math.Sqrt(Math.Pow(Math.Max(cx, w - cx), 2) + Math.Pow(Math.Max(cy, h - cy), 2));
        return Make(new OpticalDistortionOperation(k, Mode, cx, cy, radius, radius));
    }

    private OpticalDistortionOperation Make(OpticalDistortionOperation op) => op with
    {
        Interpolation = Interpolation,
        MaskInterpolation = MaskInterpolation,
        BorderMode = BorderMode,
        Fill = Fill,
        FillMask = FillMask,
    };
}
