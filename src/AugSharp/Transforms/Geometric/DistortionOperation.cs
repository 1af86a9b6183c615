using System.Text.Json.Serialization;
using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// The base of the distortion records (elastic, grid, optical, piecewise affine, thin-plate
/// spline): the image is remapped with <see cref="Interpolation"/>, masks with
/// <see cref="MaskInterpolation"/>, both reading outside the source by <see cref="BorderMode"/>.
/// Points move through the numerical inverse of the map. Within one <see cref="Apply"/> the map is
/// built once and shared by the image, masks, boxes and keypoints; it is not kept afterwards.
/// </summary>
public abstract record DistortionOperation : MappedOperation
{
    [ThreadStatic]
    private static ApplyState? _current;

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>Interpolation of masks (nearest keeps label values).</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <summary>How pixels outside the source are read, for the image and masks.</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant border value per channel (empty for 0).</summary>
    public IReadOnlyList<double> Fill { get; init; } = [];

    /// <summary>Constant border value for masks.</summary>
    public double FillMask { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override Interpolation ImageInterpolation => Interpolation;

    /// <inheritdoc />
    [JsonIgnore]
    public override BorderMode ImageBorder => BorderMode;

    /// <inheritdoc />
    [JsonIgnore]
    public override IReadOnlyList<double> ImageFill => Fill;

    /// <inheritdoc />
    [JsonIgnore]
    public override double MaskFill => FillMask;

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var previous = _current;
        using var map = GetMap(input.Shape);
        _current = new ApplyState(this, input.Shape.Width, input.Shape.Height, map);
        try
        {
            return base.Apply(input);
        }
        finally
        {
            _current = previous;
        }
    }

    /// <inheritdoc />
    public override (double X, double Y)? MapPoint(double x, double y, ImageShape input)
        => WithMap(input, map => InvertMap(map, x, y));

    /// <summary>Calls <paramref name="use"/> with the map for <paramref name="input"/>'s size: the one of the running <see cref="Apply"/>, or a new one.</summary>
    protected TResult WithMap<TResult>(ImageShape input, Func<ImageBuffer<float>, TResult> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        if (_current is { } state && ReferenceEquals(state.Operation, this) && state.Width == input.Width && state.Height == input.Height)
            return use(state.Map);
        using var map = GetMap(input);
        return use(map);
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
        => WithMap(image.Shape, map => Remap(image, map, Interpolation, Fill.ToArray()));

    /// <inheritdoc />
    protected override ImageBuffer ApplyToMask(ImageBuffer mask)
    {
        double[] fill = [FillMask];
        return WithMap<ImageBuffer>(mask.Shape, map => mask switch
        {
            ImageBuffer<byte> b => Remap(b, map, MaskInterpolation, fill),
            ImageBuffer<ushort> u => Remap(u, map, MaskInterpolation, fill),
            _ => Remap(mask.As<float>(), map, MaskInterpolation, fill),
        });
    }

    /// <summary>
    /// Each box becomes the box enclosing its moved outline samples (see
    /// <see cref="MappedOperation"/>) together with the centres of the output pixels that read
    /// from inside it: parts of an outline pushed out of the frame no longer drop the box, and
    /// the box covers what of it remains visible.
    /// </summary>
    protected override IReadOnlyList<BoundingBox> ApplyToBoxes(IReadOnlyList<BoundingBox> boxes, ImageShape input)
    {
        var outlined = base.ApplyToBoxes(boxes, input);
        return WithMap(input, map => EncloseReadPixels(boxes, outlined, map));
    }

    /// <summary>
    /// Each oriented box becomes the minimum-area rectangle around its moved outline samples (see
    /// <see cref="MappedOperation"/>) together with the centres of the output pixels that read from
    /// inside it, as axis-aligned boxes do.
    /// </summary>
    protected override IReadOnlyList<OrientedBox> ApplyToOrientedBoxes(IReadOnlyList<OrientedBox> boxes, ImageShape input)
    {
        var result = new List<OrientedBox>(boxes.Count);
        foreach (var box in boxes)
        {
            var points = MovedOutline(box, input);
            var corners = box.GetCorners();
            var envelope = box.Envelope;
            WithMap(input, map =>
            {
                for (int y = 0; y < map.Height; y++)
                {
                    var row = map.GetRow(y);
                    for (int x = 0; x < map.Width; x++)
                    {
                        double sx = row[2 * x] + 0.5, sy = row[2 * x + 1] + 0.5;
                        if (!(sx >= envelope.X1 && sx <= envelope.X2 && sy >= envelope.Y1 && sy <= envelope.Y2)) continue;
                        if (Polygons.ContainsConvex(corners, sx, sy)) points.Add((x + 0.5, y + 0.5));
                    }
                }
                return 0;
            });
            result.Add(Polygons.MinimumAreaRectangle(points, box.Label));
        }
        return result;
    }

    /// <summary>Throws unless the map was recorded for <paramref name="input"/>'s size.</summary>
    protected static void CheckSize(ImageShape input, int width, int height, string name)
    {
        if (input.Width != width || input.Height != height)
            throw new ArgumentException($"This {name} operation was drawn for a {width}x{height} image, not {input.Width}x{input.Height}.", nameof(input));
    }

    private static List<BoundingBox> EncloseReadPixels(IReadOnlyList<BoundingBox> boxes, IReadOnlyList<BoundingBox> outlined, ImageBuffer<float> map)
    {
        var result = new List<BoundingBox>(boxes.Count);
        for (int i = 0; i < boxes.Count; i++)
        {
            var box = boxes[i];
            var moved = outlined[i];
            bool found = !(moved.X1 == -1 && moved.Y1 == -1 && moved.X2 == -1 && moved.Y2 == -1);
            double minX = found ? moved.X1 : double.MaxValue, minY = found ? moved.Y1 : double.MaxValue;
            double maxX = found ? moved.X2 : double.MinValue, maxY = found ? moved.Y2 : double.MinValue;
            for (int y = 0; y < map.Height; y++)
            {
                var row = map.GetRow(y);
                for (int x = 0; x < map.Width; x++)
                {
                    double sx = row[2 * x] + 0.5, sy = row[2 * x + 1] + 0.5;
                    if (!(sx >= box.X1 && sx <= box.X2 && sy >= box.Y1 && sy <= box.Y2)) continue;
                    minX = Math.Min(minX, x + 0.5); maxX = Math.Max(maxX, x + 0.5);
                    minY = Math.Min(minY, y + 0.5); maxY = Math.Max(maxY, y + 0.5);
                }
            }
            result.Add(minX <= maxX ? box with { X1 = minX, Y1 = minY, X2 = maxX, Y2 = maxY } : moved);
        }
        return result;
    }

    private ImageBuffer<T> Remap<T>(ImageBuffer<T> src, ImageBuffer<float> map, Interpolation interpolation, double[] fill) where T : unmanaged
    {
        var dst = ImageBuffer<T>.CreateUninitialized(map.Width, map.Height, src.Channels);
        Warp.Remap(src, dst, map, interpolation, BorderMode, fill);
        return dst;
    }

    private sealed record ApplyState(DistortionOperation Operation, int Width, int Height, ImageBuffer<float> Map);
}
