namespace AugSharp.Datasets;

/// <summary>
/// COCO segmentations as masks and back (pycocotools' formats): polygons rasterised, run lengths
/// decoded and encoded (plain counts and the compressed string), pixels counted.
/// </summary>
public static class CocoMasks
{
    /// <summary>A mask with 1 at the pixels whose centre lies inside the polygons (even-odd rule), 0 elsewhere.</summary>
    public static ImageBuffer<byte> FromPolygons(IReadOnlyList<IReadOnlyList<double>> polygons, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(polygons);
        var mask = new ImageBuffer<byte>(width, height, 1);
        var crossings = new List<double>();
        for (int y = 0; y < height; y++)
        {
            double cy = y + 0.5;
            crossings.Clear();
            foreach (var p in polygons)
            {
                int n = p.Count / 2;
                for (int i = 0; i < n; i++)
                {
                    double x0 = p[2 * i], y0 = p[2 * i + 1], x1 = p[2 * ((i + 1) % n)], y1 = p[2 * ((i + 1) % n) + 1];
                    if ((y0 <= cy) == (y1 <= cy)) continue;
                    crossings.Add(x0 + (cy - y0) * (x1 - x0) / (y1 - y0));
                }
            }
            crossings.Sort();
            var row = mask.GetRow(y);
            for (int i = 0; i + 1 < crossings.Count; i += 2)
            {
                int from = Math.Max(0, (int)Math.Ceiling(crossings[i] - 0.5)), to = Math.Min(width - 1, (int)Math.Ceiling(crossings[i + 1] - 0.5) - 1);
                for (int x = from; x <= to; x++) row[x] = 1;
            }
        }
        return mask;
    }

    /// <summary>A mask from COCO run lengths: counts of alternating 0 and 1 pixels, column by column.</summary>
    public static ImageBuffer<byte> FromRunLengths(IReadOnlyList<long> counts, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var mask = new ImageBuffer<byte>(width, height, 1);
        long total = (long)width * height, position = 0;
        for (int i = 0; i < counts.Count && position < total; i++)
        {
            long end = Math.Min(total, position + Math.Max(0, counts[i]));
            if (i % 2 == 1)
                for (long p = position; p < end; p++) mask[(int)(p % height), (int)(p / height), 0] = 1;
            position = end;
        }
        return mask;
    }

    /// <summary>Decodes pycocotools' compressed run-length string (six bits a character, deltas from two runs back).</summary>
    public static long[] DecodeCounts(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new List<long>();
        int p = 0;
        while (p < text.Length)
        {
            long x = 0;
            int k = 0;
            bool more = true;
            while (more)
            {
                if (p >= text.Length) throw new FormatException("the run-length string ends inside a number");
                long c = text[p] - 48;
                x |= (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) x |= -1L << (5 * k);
            }
            if (counts.Count > 2) x += counts[^2];
            counts.Add(x);
        }
        return counts.ToArray();
    }

    /// <summary>
    /// The COCO run lengths of <paramref name="mask"/> (its first channel; non-zero is inside):
    /// counts of alternating 0 and 1 pixels in column-major order, starting with the 0 pixels (a
    /// first count of 0 when the first pixel is inside). <see cref="FromRunLengths"/> reads them back.
    /// </summary>
    public static long[] ToRunLengths(ImageBuffer mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var counts = new List<long>();
        bool inside = false;
        long run = 0;
        for (int x = 0; x < mask.Width; x++)
        {
            for (int y = 0; y < mask.Height; y++)
            {
                if (IsSet(mask, y, x) != inside)
                {
                    counts.Add(run);
                    run = 0;
                    inside = !inside;
                }
                run++;
            }
        }
        counts.Add(run);
        return counts.ToArray();
    }

    /// <summary>pycocotools' compressed run-length string of <paramref name="counts"/>: the inverse of <see cref="DecodeCounts"/>.</summary>
    public static string EncodeCounts(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < counts.Count; i++)
        {
            long x = counts[i];
            if (i > 2) x -= counts[i - 2];
            bool more = true;
            while (more)
            {
                long c = x & 0x1f;
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) c |= 0x20;
                text.Append((char)(c + 48));
            }
        }
        return text.ToString();
    }

    /// <summary>The number of non-zero pixels of <paramref name="mask"/>'s first channel (a COCO object's <c>area</c>).</summary>
    public static long PixelCount(ImageBuffer mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        long count = 0;
        for (int y = 0; y < mask.Height; y++)
            for (int x = 0; x < mask.Width; x++)
                if (IsSet(mask, y, x)) count++;
        return count;
    }

    private static bool IsSet(ImageBuffer mask, int y, int x) => mask switch
    {
        ImageBuffer<byte> b => b[y, x, 0] != 0,
        ImageBuffer<ushort> u => u[y, x, 0] != 0,
        ImageBuffer<float> f => f[y, x, 0] != 0,
        _ => throw new NotSupportedException($"a {mask.GetType().Name} mask cannot be read as a COCO segmentation"),
    };
}
