using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// An operation that moves pixels by a coordinate map rather than a matrix (elastic, grid and
/// optical distortions, piecewise affine, thin-plate splines, grid shuffles): <see cref="GetMap"/>
/// gives, for every output pixel, the source position it reads; points move forwards through
/// <see cref="MapPoint"/>.
/// </summary>
public interface IMappedOperation : IOperation
{
    /// <summary>For a source of <paramref name="input"/>: the output's size and a two-channel map (source x, source y per output pixel, pixel-index coordinates).</summary>
    ImageBuffer<float> GetMap(ImageShape input);

    /// <summary>Where the source point (<paramref name="x"/>, <paramref name="y"/>) (pixel-index coordinates) lands in the output, or null when it leaves the image.</summary>
    (double X, double Y)? MapPoint(double x, double y, ImageShape input);
}

/// <summary>
/// The base of map operations: the image is remapped with <see cref="ImageInterpolation"/> and
/// <see cref="ImageBorder"/>, masks with nearest-neighbour through the same map; keypoints move
/// through <see cref="MapPoint"/> (their angle and scale follow the map's local Jacobian); a box
/// becomes the enclosing box of its densely sampled moved outline, an oriented box the
/// minimum-area rectangle around the convex hull of its densely sampled moved outline. By default
/// <see cref="MapPoint"/> inverts the map numerically (a fixed-point search that converges for
/// maps close to the identity, which distortions are); exact maps override it.
/// </summary>
public abstract record MappedOperation : Operation, IMappedOperation
{
    /// <summary>Points sampled along each side of a box's outline.</summary>
    public const int OutlineSamples = 16;

    /// <inheritdoc />
    public abstract ImageBuffer<float> GetMap(ImageShape input);

    /// <summary>The interpolation of the image.</summary>
    [JsonIgnore]
    public virtual Interpolation ImageInterpolation => Interpolation.Linear;

    /// <summary>How pixels outside the source are read.</summary>
    [JsonIgnore]
    public virtual BorderMode ImageBorder => BorderMode.Reflect101;

    /// <summary>The constant border's value per channel (empty for 0).</summary>
    [JsonIgnore]
    public virtual IReadOnlyList<double> ImageFill => [];

    /// <summary>The constant border's value for masks.</summary>
    [JsonIgnore]
    public virtual double MaskFill => 0;

    /// <inheritdoc />
    public virtual (double X, double Y)? MapPoint(double x, double y, ImageShape input)
    {
        using var map = GetMap(input);
        return InvertMap(map, x, y);
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        using var map = GetMap(image.Shape);
        return Remap(image, map, ImageInterpolation, ImageBorder, ImageFill);
    }

    /// <inheritdoc />
    protected override ImageBuffer ApplyToMask(ImageBuffer mask)
    {
        using var map = GetMap(mask.Shape);
        IReadOnlyList<double> fill = [MaskFill];
        return mask switch
        {
            ImageBuffer<byte> b => Remap(b, map, Interpolation.Nearest, ImageBorder, fill),
            ImageBuffer<ushort> u => Remap(u, map, Interpolation.Nearest, ImageBorder, fill),
            _ => Remap(mask.As<float>(), map, Interpolation.Nearest, ImageBorder, fill),
        };
    }

    /// <inheritdoc />
    protected override IReadOnlyList<Keypoint> ApplyToKeypoints(IReadOnlyList<Keypoint> keypoints, ImageShape input)
    {
        var result = new List<Keypoint>(keypoints.Count);
        foreach (var k in keypoints)
        {
            if (MapPoint(k.X, k.Y, input) is not { } p)
            {
                result.Add(k with { X = double.NaN, Y = double.NaN });
                continue;
            }
            const double h = 0.5;
            var a = MapPoint(k.X + h * Math.Cos(k.Angle), k.Y + h * Math.Sin(k.Angle), input) ?? p;
            var px = MapPoint(k.X + h, k.Y, input) ?? p;
            var py = MapPoint(k.X, k.Y + h, input) ?? p;
            double det = ((px.X - p.X) * (py.Y - p.Y) - (px.Y - p.Y) * (py.X - p.X)) / (h * h);
            double angle = Math.Atan2(a.Y - p.Y, a.X - p.X);
            if (angle < 0) angle += 2 * Math.PI;
            result.Add(k with { X = p.X, Y = p.Y, Angle = angle, Scale = k.Scale * Math.Sqrt(Math.Abs(det)) });
        }
        return result;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<BoundingBox> ApplyToBoxes(IReadOnlyList<BoundingBox> boxes, ImageShape input)
    {
        var result = new List<BoundingBox>(boxes.Count);
        foreach (var box in boxes)
        {
            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            for (int i = 0; i <= OutlineSamples; i++)
            {
                double t = (double)i / OutlineSamples;
                // Edge coordinates to pixel-index ones and back: the outline runs along the box's edges.
                foreach (var (ex, ey) in new[] { (box.X1 + t * box.Width, box.Y1), (box.X1 + t * box.Width, box.Y2), (box.X1, box.Y1 + t * box.Height), (box.X2, box.Y1 + t * box.Height) })
                {
                    if (MapPoint(ex - 0.5, ey - 0.5, input) is not { } p) continue;
                    minX = Math.Min(minX, p.X + 0.5); maxX = Math.Max(maxX, p.X + 0.5);
                    minY = Math.Min(minY, p.Y + 0.5); maxY = Math.Max(maxY, p.Y + 0.5);
                }
            }
            result.Add(minX <= maxX ? box with { X1 = minX, Y1 = minY, X2 = maxX, Y2 = maxY } : box with { X1 = -1, Y1 = -1, X2 = -1, Y2 = -1 });
        }
        return result;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<OrientedBox> ApplyToOrientedBoxes(IReadOnlyList<OrientedBox> boxes, ImageShape input)
    {
        var result = new List<OrientedBox>(boxes.Count);
        foreach (var box in boxes) result.Add(Polygons.MinimumAreaRectangle(MovedOutline(box, input), box.Label));
        return result;
    }

    /// <summary>
    /// The points of <paramref name="box"/>'s outline (<see cref="OutlineSamples"/> + 1 per side,
    /// edge coordinates) moved through <see cref="MapPoint"/>; points that leave the image are left out.
    /// </summary>
    protected List<(double X, double Y)> MovedOutline(OrientedBox box, ImageShape input)
    {
        var corners = box.GetCorners();
        var points = new List<(double X, double Y)>(4 * (OutlineSamples + 1));
        for (int side = 0; side < 4; side++)
        {
            var a = corners[side];
            var b = corners[(side + 1) % 4];
            for (int i = 0; i <= OutlineSamples; i++)
            {
                double t = (double)i / OutlineSamples;
                double ex = a.X + t * (b.X - a.X), ey = a.Y + t * (b.Y - a.Y);
                // Edge coordinates to pixel-index ones and back.
                if (MapPoint(ex - 0.5, ey - 0.5, input) is { } p) points.Add((p.X + 0.5, p.Y + 0.5));
            }
        }
        return points;
    }

    /// <summary>
    /// The output point whose map value is (<paramref name="x"/>, <paramref name="y"/>): a
    /// fixed-point search from the point itself, p ← p + (s − map(p)), with the map read
    /// bilinearly; null when it does not converge inside the output.
    /// </summary>
    protected static (double X, double Y)? InvertMap(ImageBuffer<float> map, double x, double y)
    {
        double px = x, py = y;
        for (int iteration = 0; iteration < 50; iteration++)
        {
            // Points on the image's outer edge (half a pixel outside the centres) are kept in
            // reach: the map is extrapolated linearly from its edge cells there.
            if (!(px >= -0.5 && py >= -0.5 && px <= map.Width - 0.5 && py <= map.Height - 0.5))
            {
                px = Math.Clamp(px, -0.5, map.Width - 0.5);
                py = Math.Clamp(py, -0.5, map.Height - 0.5);
            }
            var (mx, my) = Sample(map, px, py);
            double dx = x - mx, dy = y - my;
            px += dx;
            py += dy;
            if (dx * dx + dy * dy < 1e-6)
                return px >= -0.5 && py >= -0.5 && px <= map.Width - 0.5 && py <= map.Height - 0.5 ? (px, py) : null;
        }
        return null;
    }

    private static (double X, double Y) Sample(ImageBuffer<float> map, double x, double y)
    {
        int x0 = Math.Clamp((int)Math.Floor(x), 0, Math.Max(0, map.Width - 2)), y0 = Math.Clamp((int)Math.Floor(y), 0, Math.Max(0, map.Height - 2));
        int x1 = Math.Min(x0 + 1, map.Width - 1), y1 = Math.Min(y0 + 1, map.Height - 1);
        // Inside the map this is bilinear; within half a pixel outside it, linear extrapolation of the edge cell.
        double fx = x1 == x0 ? 0 : x - x0, fy = y1 == y0 ? 0 : y - y0;
        double Lerp(int c) =>
            (map[y0, x0, c] * (1 - fx) + map[y0, x1, c] * fx) * (1 - fy) + (map[y1, x0, c] * (1 - fx) + map[y1, x1, c] * fx) * fy;
        return (Lerp(0), Lerp(1));
    }

    private static ImageBuffer<T> Remap<T>(ImageBuffer<T> src, ImageBuffer<float> map, Interpolation interpolation, BorderMode border, IReadOnlyList<double> fill)
        where T : unmanaged
    {
        var dst = ImageBuffer<T>.CreateUninitialized(map.Width, map.Height, src.Channels);
        Kernels.Warp.Remap(src, dst, map, interpolation, border, fill.ToArray());
        return dst;
    }
}
