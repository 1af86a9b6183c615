namespace AugSharp;

/// <summary>
/// SLIC superpixels (Achanta et al., "SLIC Superpixels Compared to State-of-the-Art Superpixel
/// Methods", 2012) with the settings and conventions of scikit-image's <c>slic(image, n_segments,
/// compactness=10)</c>: the image is stretched to 0..1 by its own minimum and maximum, a 3-channel
/// image is taken as sRGB and converted to CIE Lab (D65), the other channel counts are used as
/// they are; the cluster centres start on a regular grid of spacing
/// <c>S = √(h·w/n_segments)</c>, and ten rounds assign every pixel, within 2S of a centre, to the centre of
/// smallest <c>d_colour²/m² + d_space²/S²</c> (m the compactness), then move every centre to the
/// mean of its pixels. Finally the labels are made connected: 4-connected pieces smaller than half
/// the mean segment size join a neighbouring segment. Labels start at 1.
/// </summary>
internal static class Slic
{
    private const int Iterations = 10;

    /// <summary>Segments <paramref name="image"/> (float, any channels) into about <paramref name="segments"/> labelled regions; returns the labels row by row, from 1.</summary>
    public static int[] Segment(ImageBuffer<float> image, int segments, double compactness = 10)
    {
        int w = image.Width, h = image.Height, cn = image.Channels, n = w * h;
        var features = Features(image);
        int fc = cn;
        double ratio = 1 / compactness;
        for (int i = 0; i < features.Length; i++) features[i] *= ratio;

        var (startY, stepY, startX, stepX) = Grid(h, w, segments);
        double step = Math.Max(1, Math.Max(stepY, stepX));
        var centres = new List<double[]>();
        for (int y = startY; y < h; y += stepY)
            for (int x = startX; x < w; x += stepX)
                centres.Add(new double[2 + fc]); // colour starts at 0, as scikit-image has it
        {
            int k = 0;
            for (int y = startY; y < h; y += stepY)
                for (int x = startX; x < w; x += stepX)
                {
                    centres[k][0] = y;
                    centres[k][1] = x;
                    k++;
                }
        }
        int count = centres.Count;
        var (_, windowY, _, windowX) = Grid(h, w, count);
        double spatialWeight = 1 / (step * step);
        var labels = new int[n];
        var distance = new double[n];
        var members = new int[count];
        var alive = new bool[count];
        Array.Fill(alive, true);
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Fill(distance, double.MaxValue);
            for (int k = 0; k < count; k++)
            {
                if (!alive[k]) continue;
                var c = centres[k];
                int y0 = (int)Math.Max(c[0] - 2 * windowY, 0), y1 = (int)Math.Min(c[0] + 2 * windowY + 1, h);
                int x0 = (int)Math.Max(c[1] - 2 * windowX, 0), x1 = (int)Math.Min(c[1] + 2 * windowX + 1, w);
                for (int y = y0; y < y1; y++)
                {
                    double dy = c[0] - y;
                    dy *= dy;
                    for (int x = x0; x < x1; x++)
                    {
                        double dx = c[1] - x;
                        double d = (dy + dx * dx) * spatialWeight;
                        int p = y * w + x, f = p * fc;
                        for (int ch = 0; ch < fc; ch++)
                        {
                            double t = features[f + ch] - c[2 + ch];
                            d += t * t;
                        }
                        if (distance[p] > d)
                        {
                            distance[p] = d;
                            labels[p] = k;
                        }
                    }
                }
            }
            Array.Clear(members);
            foreach (var c in centres) Array.Clear(c);
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    int p = y * w + x, k = labels[p], f = p * fc;
                    var c = centres[k];
                    members[k]++;
                    c[0] += y;
                    c[1] += x;
                    for (int ch = 0; ch < fc; ch++) c[2 + ch] += features[f + ch];
                }
            }
            for (int k = 0; k < count; k++)
            {
                alive[k] = members[k] > 0;
                if (!alive[k]) continue;
                var c = centres[k];
                for (int i = 0; i < c.Length; i++) c[i] /= members[k];
            }
        }
        double segmentSize = (double)n / count;
        return Connect(labels, w, h, (int)(0.5 * segmentSize), Math.Max(1, (int)(3 * segmentSize)));
    }

    /// <summary>
    /// The first centre and the spacing along each axis for <paramref name="points"/> centres on
    /// an image of <paramref name="height"/> x <paramref name="width"/> (scikit-image's regular_grid
    /// on a one-deep volume): spacing √(area/points), or the whole short side and long/points when
    /// the short side is shorter than that; starts at half a spacing (floored), spacings rounded.
    /// </summary>
    internal static (int StartY, int StepY, int StartX, int StepX) Grid(int height, int width, int points)
    {
        double area = (double)height * width;
        if (area <= points) return (0, 1, 0, 1);
        double shortSide = Math.Min(height, width), longSide = Math.Max(height, width);
        double s = Math.Sqrt(area / points);
        double shortStep = s, longStep = s;
        if (shortSide < s || longSide < s)
        {
            shortStep = shortSide;
            longStep = longSide / points;
        }
        int shortStart = (int)Math.Floor(shortStep / 2), longStart = (int)Math.Floor(longStep / 2);
        int shortRounded = Math.Max(1, (int)Math.Round(shortStep, MidpointRounding.ToEven));
        int longRounded = Math.Max(1, (int)Math.Round(longStep, MidpointRounding.ToEven));
        return height <= width
            ? (shortStart, shortRounded, longStart, longRounded)
            : (longStart, longRounded, shortStart, shortRounded);
    }

    /// <summary>The features of every pixel: the image stretched to 0..1 by its own range, and in CIE Lab when it has 3 channels.</summary>
    private static double[] Features(ImageBuffer<float> image)
    {
        int w = image.Width, h = image.Height, cn = image.Channels;
        var f = new double[w * h * cn];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int y = 0; y < h; y++)
        {
            var row = image.GetRow(y);
            for (int i = 0; i < row.Length; i++)
            {
                double v = row[i];
                f[y * w * cn + i] = v;
                if (v < min) min = v;
                if (v > max) max = v;
            }
        }
        double range = max - min;
        for (int i = 0; i < f.Length; i++)
        {
            f[i] -= min;
            if (range != 0) f[i] /= range;
        }
        if (cn == 3)
            for (int p = 0; p < w * h; p++) (f[3 * p], f[3 * p + 1], f[3 * p + 2]) = Lab(f[3 * p], f[3 * p + 1], f[3 * p + 2]);
        return f;
    }

    /// <summary>sRGB in 0..1 to CIE L*a*b* (D65 white, 2° observer), as scikit-image's rgb2lab.</summary>
    internal static (double L, double A, double B) Lab(double r, double g, double b)
    {
        static double Linear(double c) => c > 0.04045 ? Math.Pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : 7.787 * t + 16.0 / 116;
        r = Linear(r);
        g = Linear(g);
        b = Linear(b);
        double x = (0.412453 * r + 0.357580 * g + 0.180423 * b) / 0.95047;
        double y = 0.212671 * r + 0.715160 * g + 0.072169 * b;
        double z = (0.019334 * r + 0.119193 * g + 0.950227 * b) / 1.08883;
        double fx = F(x), fy = F(y), fz = F(z);
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    /// <summary>
    /// Relabels 4-connected pieces in scan order, from 1; a piece grows to at most
    /// <paramref name="maxSize"/> pixels, and one smaller than <paramref name="minSize"/> takes the
    /// label of a piece it touches that was labelled before (scikit-image's rule).
    /// </summary>
    private static int[] Connect(int[] labels, int w, int h, int minSize, int maxSize)
    {
        var result = new int[labels.Length];
        var queue = new int[Math.Max(1, maxSize)];
        int next = 1;
        ReadOnlySpan<int> dx = [1, -1, 0, 0];
        ReadOnlySpan<int> dy = [0, 0, 1, -1];
        for (int start = 0; start < labels.Length; start++)
        {
            if (result[start] != 0) continue;
            int adjacent = next, label = labels[start];
            result[start] = next;
            int size = 1, visited = 0;
            queue[0] = start;
            while (visited < size && size < maxSize)
            {
                int p = queue[visited], px = p % w, py = p / w;
                for (int i = 0; i < 4; i++)
                {
                    int x = px + dx[i], y = py + dy[i];
                    if (x < 0 || x >= w || y < 0 || y >= h) continue;
                    int q = y * w + x;
                    if (labels[q] == label && result[q] == 0)
                    {
                        result[q] = next;
                        queue[size++] = q;
                        if (size >= maxSize) break;
                    }
                    else if (result[q] != 0 && result[q] != next)
                    {
                        adjacent = result[q];
                    }
                }
                visited++;
            }
            if (size < minSize)
                for (int i = 0; i < size; i++) result[queue[i]] = adjacent;
            else
                next++;
        }
        return result;
    }
}
