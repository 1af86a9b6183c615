using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Local affine distortions (Albumentations' PiecewiseAffine; default p = 0.5): a regular grid
/// of nb_rows x nb_cols control points spans the image corner pixel to corner pixel, each point
/// is jittered by N(0, s/3·min(width, height)) pixels per axis (N(0, s/3) with
/// <see cref="AbsoluteScale"/>), s drawn from <see cref="Scale"/>, and clipped to the image. Each
/// grid cell is cut along its diagonal into two triangles and every triangle is mapped affinely
/// onto its jittered counterpart, so the map is continuous and exactly piecewise affine.
/// (Albumentations 2.0.8 interpolates the jittered points by inverse-distance weighting instead,
/// which is not the identity even without jitter.)
/// </summary>
[TransformCategory("geometric")]
public sealed class PiecewiseAffine : WarpingTransform<PiecewiseAffineOperation>
{
    /// <summary>Albumentations' keypoint remapping method, kept for its files; keypoints move through the map's numerical inverse either way (see <see cref="AugSharp.KeypointRemappingMethod"/>). Default mask.</summary>
    public KeypointRemappingMethod KeypointRemappingMethod { get; init; } = KeypointRemappingMethod.Mask;

    /// <summary>
    /// The interval of s, the jitter's standard deviation (a fraction of the smaller side, or
    /// pixels with absolute_scale). A single number in a file is that fixed value (Albumentations
    /// reads it as [0, scale]).
    /// </summary>
    public ValueRange Scale { get; init; } = new(0.03, 0.05);

    /// <summary>The number of rows of control points: one value, or [min, max] drawn as an integer (at least 2).</summary>
    public IReadOnlyList<int> NbRows { get; init; } = [4, 4];

    /// <summary>The number of columns of control points: one value, or [min, max] (at least 2).</summary>
    public IReadOnlyList<int> NbCols { get; init; } = [4, 4];

    /// <summary>Read <see cref="Scale"/> in pixels rather than as a fraction of the image.</summary>
    public bool AbsoluteScale { get; init; }

    /// <summary>Accepted for files written for Albumentations 1.x; keypoints move exactly through the map, so it has no effect.</summary>
    public double KeypointsThreshold { get; init; } = 0.01;

    /// <inheritdoc />
    protected override PiecewiseAffineOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int rows = Math.Max(2, DrawCount(NbRows, nameof(NbRows), rng));
        int cols = Math.Max(2, DrawCount(NbCols, nameof(NbCols), rng));
        double s = Scale.Check("scale", 0).Draw(rng);
        double sd = AbsoluteScale ? s / 3 : s * Math.Min(context.Width, context.Height) / 3;
        var jitter = new double[rows * cols * 2];
        for (int i = 0; i < jitter.Length; i++) jitter[i] = rng.NextGaussian() * sd;
        return new PiecewiseAffineOperation(rows, cols, jitter)
        {
            Interpolation = Interpolation,
            MaskInterpolation = MaskInterpolation,
            BorderMode = BorderMode,
            Fill = Fill,
            FillMask = FillMask,
        };
    }

    private static int DrawCount(IReadOnlyList<int> range, string name, RandomStream rng)
    {
        if (range.Count is not (1 or 2) || range[0] < 2 || range[^1] < range[0])
            throw new ArgumentOutOfRangeException(name, $"{TransformRegistry.SnakeCase(name)} must be a number of at least 2 or [min, max] with 2 ≤ min ≤ max.");
        return range.Count == 1 || range[0] == range[1] ? range[0] : rng.NextInt(range[0], range[1] + 1);
    }
}
