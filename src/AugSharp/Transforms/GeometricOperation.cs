using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// The base of operations that move pixels by a matrix: by default the image is warped with
/// <see cref="ImageInterpolation"/> and <see cref="ImageBorder"/>, masks with nearest-neighbour,
/// boxes, oriented boxes and keypoints through the same matrix (a box becomes the enclosing box of
/// its moved corners, an oriented box the minimum-area rectangle around them). Exact operations (flips, quarter turns, crops) override the image and mask hooks
/// with their own kernels. Boxes are not clipped or filtered here: a pipeline does that with its
/// <see cref="BoxParams"/> after the step.
/// </summary>
public abstract record GeometricOperation : Operation, IGeometricOperation
{
    /// <inheritdoc />
    public abstract Matrix3x3 GetMatrix(ImageShape input);

    /// <inheritdoc />
    public abstract (int Width, int Height) GetOutputSize(ImageShape input);

    /// <summary>The interpolation of the image's pixels; null when the map sends pixels onto pixels (no interpolation happens).</summary>
    [JsonIgnore]
    public virtual Interpolation? ImageInterpolation => Interpolation.Linear;

    /// <summary>How pixels outside the source are read; null when the map never reads outside.</summary>
    [JsonIgnore]
    public virtual BorderMode? ImageBorder => BorderMode.Constant;

    /// <summary>The constant border's value per channel (empty for 0).</summary>
    [JsonIgnore]
    public virtual IReadOnlyList<double> ImageFill => [];

    /// <summary>The constant border's value for masks.</summary>
    [JsonIgnore]
    public virtual double MaskFill => 0;

    /// <summary>The interpolation of masks: nearest (the default) keeps label values; linear suits soft masks.</summary>
    [JsonIgnore]
    public virtual Interpolation MaskInterpolation => Interpolation.Nearest;

    /// <summary>
    /// How a pipeline may fuse this step with its neighbours: <see cref="Fusion.Any"/> (a pure
    /// matrix), <see cref="Fusion.RunStart"/> (a crop: it bounds the source, so it may only open a
    /// fused run) or <see cref="Fusion.None"/> (it runs on its own: resizing, padding).
    /// </summary>
    [JsonIgnore]
    public virtual Fusion Fusion => Fusion.Any;

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        var (w, h) = GetOutputSize(image.Shape);
        return GeometricWarp.Warp(image, GetMatrix(image.Shape), w, h, ImageInterpolation ?? Interpolation.Nearest, ImageBorder ?? BorderMode.Constant, ImageFill);
    }

    /// <inheritdoc />
    protected override ImageBuffer ApplyToMask(ImageBuffer mask)
    {
        var (w, h) = GetOutputSize(mask.Shape);
        return GeometricWarp.WarpMask(mask, GetMatrix(mask.Shape), w, h, ImageBorder ?? BorderMode.Constant, MaskFill, MaskInterpolation);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<BoundingBox> ApplyToBoxes(IReadOnlyList<BoundingBox> boxes, ImageShape input) => MoveBoxes(boxes, GetMatrix(input));

    /// <inheritdoc />
    protected override IReadOnlyList<Keypoint> ApplyToKeypoints(IReadOnlyList<Keypoint> keypoints, ImageShape input) => MoveKeypoints(keypoints, GetMatrix(input));

    /// <inheritdoc />
    protected override IReadOnlyList<OrientedBox> ApplyToOrientedBoxes(IReadOnlyList<OrientedBox> boxes, ImageShape input) => MoveOrientedBoxes(boxes, GetMatrix(input));

    /// <summary>Oriented boxes through a pixel-index matrix: each becomes the minimum-area rectangle around its moved corners.</summary>
    internal static IReadOnlyList<OrientedBox> MoveOrientedBoxes(IReadOnlyList<OrientedBox> boxes, Matrix3x3 matrix)
    {
        var edges = matrix.ForEdgeCoordinates();
        var result = new OrientedBox[boxes.Count];
        for (int i = 0; i < result.Length; i++) result[i] = boxes[i].TransformEdges(edges);
        return result;
    }

    /// <summary>Boxes through a pixel-index matrix: each becomes the enclosing box of its moved corners.</summary>
    internal static IReadOnlyList<BoundingBox> MoveBoxes(IReadOnlyList<BoundingBox> boxes, Matrix3x3 matrix)
    {
        var edges = matrix.ForEdgeCoordinates();
        var result = new BoundingBox[boxes.Count];
        for (int i = 0; i < result.Length; i++) result[i] = boxes[i].TransformEdges(edges);
        return result;
    }

    /// <summary>Keypoints through a pixel-index matrix, their angle and scale following it.</summary>
    internal static IReadOnlyList<Keypoint> MoveKeypoints(IReadOnlyList<Keypoint> keypoints, Matrix3x3 matrix)
    {
        var result = new Keypoint[keypoints.Count];
        for (int i = 0; i < result.Length; i++) result[i] = keypoints[i].Transform(matrix);
        return result;
    }
}

/// <summary>How a geometric step may be fused with its neighbours into one warp.</summary>
public enum Fusion
{
    /// <summary>A pure matrix: fuses with its neighbours.</summary>
    Any,

    /// <summary>A crop: it may open a fused run (the run warps from a view of the crop), never join one.</summary>
    RunStart,

    /// <summary>Runs on its own with its own kernel (resizing with antialiasing, padding).</summary>
    None,
}

/// <summary>Warps an image or a mask by a matrix into a new buffer.</summary>
internal static class GeometricWarp
{
    public static ImageBuffer<T> Warp<T>(ImageBuffer<T> src, Matrix3x3 matrix, int width, int height, Interpolation interpolation, BorderMode border, IReadOnlyList<double> fill)
        where T : unmanaged
    {
        var dst = ImageBuffer<T>.CreateUninitialized(width, height, src.Channels);
        var inverse = matrix.Invert();
        Span<double> values = stackalloc double[Math.Max(1, fill.Count)];
        for (int i = 0; i < fill.Count; i++) values[i] = fill[i];
        ReadOnlySpan<double> borderValue = fill.Count == 0 ? ReadOnlySpan<double>.Empty : values;
        if (matrix.IsAffine) Kernels.Warp.Affine(src, dst, inverse, interpolation, border, borderValue);
        else Kernels.Warp.Perspective(src, dst, inverse, interpolation, border, borderValue);
        return dst;
    }

    public static ImageBuffer WarpMask(ImageBuffer mask, Matrix3x3 matrix, int width, int height, BorderMode border, double fill, Interpolation interpolation = Interpolation.Nearest) => mask.PixelType switch
    {
        PixelType.UInt8 => Warp(mask.As<byte>(), matrix, width, height, interpolation, border, [fill]),
        PixelType.UInt16 => Warp(mask.As<ushort>(), matrix, width, height, interpolation, border, [fill]),
        _ => Warp(mask.As<float>(), matrix, width, height, interpolation, border, [fill]),
    };
}
