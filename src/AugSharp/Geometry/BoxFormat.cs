namespace AugSharp;

/// <summary>How four numbers describe a box (Albumentations' names).</summary>
public enum BoxFormat
{
    /// <summary><c>[x_min, y_min, x_max, y_max]</c> in pixels.</summary>
    PascalVoc,

    /// <summary><c>[x_min, y_min, width, height]</c> in pixels.</summary>
    Coco,

    /// <summary><c>[x_center, y_center, width, height]</c>, normalised to 0..1.</summary>
    Yolo,

    /// <summary><c>[x_min, y_min, x_max, y_max]</c>, normalised to 0..1.</summary>
    Albumentations,
}

/// <summary>Conversions between <see cref="BoxFormat"/>s and <see cref="BoundingBox"/> (pixels, pascal_voc).</summary>
public static class BoxFormats
{
    /// <summary>Reads four numbers in <paramref name="format"/> for an image of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static BoundingBox FromValues(ReadOnlySpan<double> values, BoxFormat format, int width, int height, string? label = null)
    {
        if (values.Length != 4) throw new ArgumentException($"A box has 4 numbers, not {values.Length}.", nameof(values));
        double a = values[0], b = values[1], c = values[2], d = values[3];
        return format switch
        {
            BoxFormat.PascalVoc => new(a, b, c, d, label),
            BoxFormat.Coco => new(a, b, a + c, b + d, label),
            BoxFormat.Yolo => new((a - c / 2) * width, (b - d / 2) * height, (a + c / 2) * width, (b + d / 2) * height, label),
            BoxFormat.Albumentations => new(a * width, b * height, c * width, d * height, label),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    /// <summary>Writes <paramref name="box"/> as four numbers in <paramref name="format"/>.</summary>
    public static double[] ToValues(BoundingBox box, BoxFormat format, int width, int height) => format switch
    {
        BoxFormat.PascalVoc => [box.X1, box.Y1, box.X2, box.Y2],
        BoxFormat.Coco => [box.X1, box.Y1, box.Width, box.Height],
        BoxFormat.Yolo => [(box.X1 + box.X2) / 2 / width, (box.Y1 + box.Y2) / 2 / height, box.Width / width, box.Height / height],
        BoxFormat.Albumentations => [box.X1 / width, box.Y1 / height, box.X2 / width, box.Y2 / height],
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
