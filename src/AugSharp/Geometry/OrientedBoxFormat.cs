namespace AugSharp;

/// <summary>How numbers describe an oriented box.</summary>
public enum OrientedBoxFormat
{
    /// <summary>
    /// <c>[x_center, y_center, width, height, angle]</c> in pixels, the angle in the unit of
    /// <see cref="OrientedBoxParams.AngleUnit"/> (Ultralytics' <c>xywhr</c> in radians).
    /// </summary>
    Xywha,

    /// <summary>
    /// <c>[x1, y1, x2, y2, x3, y3, x4, y4]</c>, the four corners (DOTA's polygon), in pixels or
    /// normalised to 0..1 by <see cref="OrientedBoxParams.Normalized"/>. Any four points are read
    /// as the minimum-area rectangle around them; written corners follow
    /// <see cref="OrientedBox.GetCorners"/>.
    /// </summary>
    Xyxyxyxy,

    /// <summary>
    /// Ultralytics' YOLO-OBB label numbers: the four corners normalised to 0..1 by the image's
    /// width and height (x) and height (y), <c>[x1, y1, x2, y2, x3, y3, x4, y4]</c>.
    /// </summary>
    YoloObb,
}

/// <summary>The unit of the angle in <see cref="OrientedBoxFormat.Xywha"/> numbers.</summary>
public enum AngleUnit
{
    /// <summary>Degrees.</summary>
    Degrees,

    /// <summary>Radians.</summary>
    Radians,
}

/// <summary>Conversions between <see cref="OrientedBoxFormat"/>s and <see cref="OrientedBox"/> (pixels, radians, canonical).</summary>
public static class OrientedBoxFormats
{
    /// <summary>The number of values a box has in <paramref name="format"/>.</summary>
    public static int ValueCount(OrientedBoxFormat format) => format == OrientedBoxFormat.Xywha ? 5 : 8;

    /// <summary>
    /// Reads the numbers of one box in <paramref name="format"/> for an image of
    /// <paramref name="width"/> x <paramref name="height"/>; the result is canonical.
    /// </summary>
    /// <param name="values">5 numbers for xywha, 8 for the corner formats.</param>
    /// <param name="format">The format.</param>
    /// <param name="width">The image's width (for normalised numbers).</param>
    /// <param name="height">The image's height (for normalised numbers).</param>
    /// <param name="unit">The unit of an xywha angle.</param>
    /// <param name="normalized">Whether xyxyxyxy corners are normalised to 0..1 (yolo_obb always is; xywha never).</param>
    /// <param name="label">The label.</param>
    public static OrientedBox FromValues(ReadOnlySpan<double> values, OrientedBoxFormat format, int width, int height, AngleUnit unit = AngleUnit.Degrees, bool normalized = false, string? label = null)
    {
        int need = ValueCount(format);
        if (values.Length != need) throw new ArgumentException($"An oriented box in {Name(format)} has {need} numbers, not {values.Length}.", nameof(values));
        if (format == OrientedBoxFormat.Xywha)
        {
            if (normalized) throw new ArgumentException("xywha boxes are in pixels: a width and height along a rotated axis cannot be normalised by the image's width and height.", nameof(normalized));
            double angle = unit == AngleUnit.Degrees ? values[4] * Math.PI / 180 : values[4];
            return new OrientedBox(values[0], values[1], values[2], values[3], angle, label).Normalized();
        }
        bool scale = format == OrientedBoxFormat.YoloObb || normalized;
        Span<(double X, double Y)> corners = stackalloc (double X, double Y)[4];
        for (int i = 0; i < 4; i++)
            corners[i] = scale ? (values[2 * i] * width, values[2 * i + 1] * height) : (values[2 * i], values[2 * i + 1]);
        return OrientedBox.FromQuadrilateral(corners, label);
    }

    /// <summary>Writes <paramref name="box"/> as numbers in <paramref name="format"/> (see <see cref="FromValues"/>).</summary>
    public static double[] ToValues(OrientedBox box, OrientedBoxFormat format, int width, int height, AngleUnit unit = AngleUnit.Degrees, bool normalized = false)
    {
        if (format == OrientedBoxFormat.Xywha)
        {
            if (normalized) throw new ArgumentException("xywha boxes are in pixels: a width and height along a rotated axis cannot be normalised by the image's width and height.", nameof(normalized));
            return [box.CX, box.CY, box.Width, box.Height, unit == AngleUnit.Degrees ? box.Angle * 180 / Math.PI : box.Angle];
        }
        bool scale = format == OrientedBoxFormat.YoloObb || normalized;
        var corners = box.GetCorners();
        var result = new double[8];
        for (int i = 0; i < 4; i++)
        {
            result[2 * i] = scale ? corners[i].X / width : corners[i].X;
            result[2 * i + 1] = scale ? corners[i].Y / height : corners[i].Y;
        }
        return result;
    }

    /// <summary>The format's name in files: <c>xywha</c>, <c>xyxyxyxy</c>, <c>yolo_obb</c>.</summary>
    public static string Name(OrientedBoxFormat format) => format switch
    {
        OrientedBoxFormat.Xywha => "xywha",
        OrientedBoxFormat.Xyxyxyxy => "xyxyxyxy",
        OrientedBoxFormat.YoloObb => "yolo_obb",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The format named <paramref name="name"/> in a file (<see cref="Name"/>; case and <c>-</c> for <c>_</c> ignored), or null.</summary>
    public static OrientedBoxFormat? Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().Replace('-', '_').ToLowerInvariant() switch
        {
            "xywha" or "xywhr" => OrientedBoxFormat.Xywha,
            "xyxyxyxy" or "dota" => OrientedBoxFormat.Xyxyxyxy,
            "yolo_obb" => OrientedBoxFormat.YoloObb,
            _ => null,
        };
    }
}
