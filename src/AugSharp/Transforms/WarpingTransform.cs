namespace AugSharp;

/// <summary>
/// The base of transforms that resample the image (rotations, affine maps, perspective,
/// distortions): how pixels are interpolated and how the uncovered ones are filled, with
/// Albumentations' names and defaults.
/// </summary>
/// <typeparam name="TOperation">The operation record.</typeparam>
public abstract class WarpingTransform<TOperation> : Transform<TOperation>
    where TOperation : IOperation
{
    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>How pixels that come from outside the image are filled, for the image and masks.</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant border value per channel.</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>Constant border value for masks.</summary>
    public double FillMask { get; init; }

    /// <summary>Interpolation of masks: nearest (the default) keeps label values.</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <summary><paramref name="operation"/> with this transform's interpolation, border and fill settings.</summary>
    protected T WithWarpSettings<T>(T operation) where T : WarpOperation => operation with
    {
        Interpolation = Interpolation,
        BorderMode = BorderMode,
        Fill = Fill,
        FillMask = FillMask,
        MaskInterpolationMode = MaskInterpolation,
    };
}
