namespace AugSharp.Pictures;

/// <summary>Draws an annotated image's targets over its pixels: masks tinted, boxes and oriented boxes outlined (an oriented box as its four-sided polygon), keypoints dotted, one colour per label.</summary>
public static class AnnotationOverlay
{
    private static readonly (byte R, byte G, byte B)[] Palette =
    [
        (230, 25, 75), (60, 180, 75), (255, 225, 25), (0, 130, 200), (245, 130, 48), (145, 30, 180),
        (70, 240, 240), (240, 50, 230), (210, 245, 60), (250, 190, 212), (0, 128, 128), (170, 110, 40),
    ];

    /// <summary>The picture of <paramref name="annotated"/>: its image as 8-bit RGB with the masks, boxes and keypoints drawn on it.</summary>
    public static ImageBuffer<byte> Draw(AnnotatedImage annotated)
    {
        ArgumentNullException.ThrowIfNull(annotated);
        using var bytes = DisplayPixels.ToBytes(annotated.Image);
        var rgb = PixelConversion.ToRgb(bytes);
        for (int m = 0; m < annotated.Masks.Count; m++)
        {
            var colour = Palette[m % Palette.Length];
            var mask = annotated.Masks[m];
            for (int y = 0; y < rgb.Height; y++)
            {
                for (int x = 0; x < rgb.Width; x++)
                {
                    if (!IsSet(mask, y, x)) continue;
                    rgb[y, x, 0] = Blend(rgb[y, x, 0], colour.R);
                    rgb[y, x, 1] = Blend(rgb[y, x, 1], colour.G);
                    rgb[y, x, 2] = Blend(rgb[y, x, 2], colour.B);
                }
            }
        }
        foreach (var box in annotated.Boxes)
        {
            var c = ColourOf(box.Label);
            int x1 = (int)Math.Round(box.X1), y1 = (int)Math.Round(box.Y1), x2 = (int)Math.Round(box.X2) - 1, y2 = (int)Math.Round(box.Y2) - 1;
            for (int t = 0; t < 2; t++)
            {
                for (int x = x1; x <= x2; x++) { Put(rgb, x, y1 + t, c); Put(rgb, x, y2 - t, c); }
                for (int y = y1; y <= y2; y++) { Put(rgb, x1 + t, y, c); Put(rgb, x2 - t, y, c); }
            }
        }
        foreach (var box in annotated.OrientedBoxes)
        {
            if (!box.IsValid) continue;
            DrawPolygon(rgb, box.GetCorners(), (box.CX, box.CY), ColourOf(box.Label));
        }
        foreach (var k in annotated.Keypoints)
        {
            if (!double.IsFinite(k.X) || !double.IsFinite(k.Y)) continue;
            var c = ColourOf(k.Label);
            int cx = (int)Math.Round(k.X), cy = (int)Math.Round(k.Y);
            for (int dy = -4; dy <= 4; dy++)
                for (int dx = -4; dx <= 4; dx++)
                {
                    int d2 = dx * dx + dy * dy;
                    if (d2 <= 9) Put(rgb, cx + dx, cy + dy, c);
                    else if (d2 <= 17) Put(rgb, cx + dx, cy + dy, (0, 0, 0));
                }
        }
        return rgb;
    }

    /// <summary>
    /// Outlines a convex polygon given in edge coordinates, about two pixels thick: the pixels under
    /// a band 1.5 px wide along the inside of each side (the side towards <paramref name="centre"/>).
    /// </summary>
    private static void DrawPolygon(ImageBuffer<byte> rgb, (double X, double Y)[] corners, (double X, double Y) centre, (byte R, byte G, byte B) c)
    {
        for (int i = 0; i < corners.Length; i++)
        {
            var a = corners[i];
            var b = corners[(i + 1) % corners.Length];
            double dx = b.X - a.X, dy = b.Y - a.Y, length = Math.Sqrt(dx * dx + dy * dy);
            // The unit normal towards the centre: the second pixel of the line's thickness lies inside the box.
            double nx = length > 0 ? -dy / length : 0, ny = length > 0 ? dx / length : 0;
            double mx = (a.X + b.X) / 2, my = (a.Y + b.Y) / 2;
            if ((centre.X - mx) * nx + (centre.Y - my) * ny < 0) (nx, ny) = (-nx, -ny);
            // Points every quarter pixel along the side, at three depths inside it (a band 1.5 px wide);
            // edge coordinates: the pixel under (x, y) is (floor x, floor y).
            int steps = Math.Max(1, (int)Math.Ceiling(length * 4));
            for (int s = 0; s <= steps; s++)
            {
                double t = (double)s / steps;
                foreach (double depth in (ReadOnlySpan<double>)[0.25, 0.75, 1.25])
                    Put(rgb, (int)Math.Floor(a.X + t * dx + depth * nx), (int)Math.Floor(a.Y + t * dy + depth * ny), c);
            }
        }
    }

    /// <summary>The colour the targets of <paramref name="label"/> are drawn in (one colour of a fixed palette per class name, an object tag of a data set reader left out; the first for no label).</summary>
    public static (byte R, byte G, byte B) ColourOf(string? label)
    {
        if (label is null) return Palette[0];
        // A data set reader's object tag does not change the colour: one colour per class.
        string name = LabelTag.Untag(label).Name;
        uint h = 2166136261;
        foreach (char ch in name) h = (h ^ ch) * 16777619;
        return Palette[h % (uint)Palette.Length];
    }

    private static bool IsSet(ImageBuffer mask, int y, int x) => mask switch
    {
        ImageBuffer<byte> b => b[y, x, 0] != 0,
        ImageBuffer<ushort> u => u[y, x, 0] != 0,
        _ => mask.As<float>()[y, x, 0] != 0,
    };

    private static byte Blend(byte under, byte colour) => (byte)((under * 55 + colour * 45 + 50) / 100);

    private static void Put(ImageBuffer<byte> rgb, int x, int y, (byte R, byte G, byte B) c)
    {
        if ((uint)x >= (uint)rgb.Width || (uint)y >= (uint)rgb.Height) return;
        rgb[y, x, 0] = c.R;
        rgb[y, x, 1] = c.G;
        rgb[y, x, 2] = c.B;
    }
}
