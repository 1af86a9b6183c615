using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Grid distortion (Albumentations' GridDistortion; default p = 0.5): each axis is cut into
/// <see cref="NumSteps"/> cells of width / num_steps pixels (a last, shorter cell takes the
/// remainder), and each cell is stretched by a factor 1 + d, d drawn from
/// <see cref="DistortLimit"/>, independently for x and y. The map is piecewise linear along each
/// axis with the cell's factor as its slope; with <see cref="Normalized"/> the factors are scaled
/// so the distorted grid spans exactly the image. (Albumentations fills each cell with a linspace
/// that includes both ends, which stretches every cell by one pixel; here the slope is the factor
/// itself, so a limit of 0 is exactly the identity.)
/// </summary>
[TransformCategory("geometric")]
public sealed class GridDistortion : WarpingTransform<GridDistortionOperation>
{
    /// <summary>Albumentations' keypoint remapping method, kept for its files; keypoints move through the map's numerical inverse either way (see <see cref="AugSharp.KeypointRemappingMethod"/>). Default mask.</summary>
    public KeypointRemappingMethod KeypointRemappingMethod { get; init; } = KeypointRemappingMethod.Mask;

    /// <summary>The number of grid cells along each side (at least 1).</summary>
    public int NumSteps { get; init; } = 5;

    /// <summary>The interval of the per-cell distortion d (factor 1 + d), within [-1, 1]; a number L means [-L, L].</summary>
    [SymmetricScalar]
    public ValueRange DistortLimit { get; init; } = new(-0.3, 0.3);

    /// <summary>Scale the factors so the distorted grid covers exactly the image.</summary>
    public bool Normalized { get; init; } = true;

    /// <inheritdoc />
    protected override GridDistortionOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (NumSteps < 1) throw new ArgumentOutOfRangeException(nameof(NumSteps), NumSteps, "num_steps must be at least 1.");
        var limit = DistortLimit.Check("distort_limit", -1, 1);
        var stepsX = new double[NumSteps + 1];
        var stepsY = new double[NumSteps + 1];
        for (int i = 0; i < stepsX.Length; i++) stepsX[i] = 1 + limit.Draw(rng);
        for (int i = 0; i < stepsY.Length; i++) stepsY[i] = 1 + limit.Draw(rng);
        if (Normalized)
        {
            Normalize(stepsX, context.Width, NumSteps);
            Normalize(stepsY, context.Height, NumSteps);
        }
        return new GridDistortionOperation(NumSteps, stepsX, stepsY)
        {
            Interpolation = Interpolation,
            MaskInterpolation = MaskInterpolation,
            BorderMode = BorderMode,
            Fill = Fill,
            FillMask = FillMask,
        };
    }

    /// <summary>Scales the factors so the cells, weighted by their lengths, span exactly <paramref name="size"/> pixels.</summary>
    private static void Normalize(double[] steps, int size, int numSteps)
    {
        double total = 0;
        for (int k = 0; k < steps.Length; k++) total += steps[k] * GridDistortionOperation.CellLength(k, size, numSteps);
        if (!(total > 0)) return;
        double scale = size / total;
        for (int k = 0; k < steps.Length; k++) steps[k] *= scale;
    }
}
