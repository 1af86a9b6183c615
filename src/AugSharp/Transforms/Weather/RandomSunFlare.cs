using AugSharp.Kernels;

namespace AugSharp;

/// <summary>How <see cref="RandomSunFlare"/> paints the flare.</summary>
public enum SunFlareMethod
{
    /// <summary>Flare circles and a sun of growing discs alpha-blended over the image, one after the other.</summary>
    Overlay,

    /// <summary>
    /// A flare layer (the sun disc, four diffraction spikes and the flare circles), softened by a
    /// Gaussian of σ 15, faded with the distance from the sun, its first and third channels blurred
    /// again (σ 3 and 5: colour fringes), and screen-blended over the image.
    /// </summary>
    PhysicsBased,
}

/// <summary>
/// A sun flare: a bright sun and a line of translucent circles (Albumentations' RandomSunFlare;
/// default p = 0.5). The sun's centre is drawn uniformly inside <see cref="FlareRoi"/>, the
/// line's angle from <see cref="AngleRange"/> (in turns: 1 is 2π), the number of circles from
/// <see cref="NumFlareCirclesRange"/>. Each circle sits on the line through the sun, at a step
/// of 1% of the diagonal; it has an alpha in [0.05, 0.2], a radius of r³ pixels with r from 1 to
/// 1% of the height (at least 2), and a colour up to 20% darker than <see cref="SrcColor"/>.
/// <see cref="Method"/> chooses how they are painted. Colours are 0..255 and scaled to the
/// type's range (float32 in 0..1). RGB images only (alpha kept).
/// </summary>
[TransformCategory("weather")]
[RgbImages]
public sealed class RandomSunFlare : Transform<RandomSunFlareOperation>
{
    private readonly IReadOnlyList<double> _flareRoi = [0, 0, 1, 0.5];
    private readonly ValueRange _angleRange = new(0, 1);
    private readonly IReadOnlyList<int> _numFlareCirclesRange = [6, 10];
    private readonly int _srcRadius = 400;
    private readonly IReadOnlyList<int> _srcColor = [255, 255, 255];

    /// <summary>The region of the sun's centre, [x_min, y_min, x_max, y_max] in fractions of the width and height (0..1, min &lt; max). Default [0, 0, 1, 0.5].</summary>
    public IReadOnlyList<double> FlareRoi
    {
        get => _flareRoi;
        init => _flareRoi = WeatherMath.CheckRoi(value, nameof(FlareRoi), strict: true);
    }

    /// <summary>The angles of the flare line, in turns within 0..1 (1 is 2π radians). Default [0, 1].</summary>
    public ValueRange AngleRange
    {
        get => _angleRange;
        init => _angleRange = value.Check(nameof(AngleRange), 0, 1);
    }

    /// <summary>The number of flare circles, [min, max] with 1 ≤ min ≤ max. Default [6, 10].</summary>
    public IReadOnlyList<int> NumFlareCirclesRange
    {
        get => _numFlareCirclesRange;
        init => _numFlareCirclesRange = WeatherMath.CheckIntRange(value, nameof(NumFlareCirclesRange), 1);
    }

    /// <summary>The sun's radius in pixels (&gt; 1). Default 400.</summary>
    public int SrcRadius
    {
        get => _srcRadius;
        init => _srcRadius = value > 1 ? value : throw new ArgumentOutOfRangeException(nameof(SrcRadius), value, "src_radius must be greater than 1.");
    }

    /// <summary>The sun's colour, [r, g, b] in 0..255. Default [255, 255, 255].</summary>
    public IReadOnlyList<int> SrcColor
    {
        get => _srcColor;
        init => _srcColor = WeatherMath.CheckColor(value, nameof(SrcColor));
    }

    /// <summary>How the flare is painted. Default <see cref="SunFlareMethod.Overlay"/>.</summary>
    public SunFlareMethod Method { get; init; } = SunFlareMethod.Overlay;

    /// <inheritdoc />
    protected override RandomSunFlareOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int width = context.Shape.Width, height = context.Shape.Height;
        double diagonal = Math.Sqrt((double)height * height + (double)width * width);
        double angle = 2 * Math.PI * AngleRange.Draw(rng);
        int centerX = (int)(width * rng.Uniform(FlareRoi[0], FlareRoi[2]));
        int centerY = (int)(height * rng.Uniform(FlareRoi[1], FlareRoi[3]));
        var (lo, hi) = WeatherMath.IntRange(NumFlareCirclesRange, nameof(NumFlareCirclesRange));
        int count = WeatherMath.RandInt(rng, lo, hi);
        int step = Math.Max(1, (int)(diagonal * 0.01));
        int maxRadius = Math.Max(2, (int)(height * 0.01));
        int colorRange = (int)(SrcColor.Max() * 0.2);
        var points = new List<(double X, double Y)>();
        for (int t = -centerX; t < width - centerX; t += step) points.Add((centerX + t * Math.Cos(angle), centerY + t * Math.Sin(angle)));
        var circles = new FlareCircle[count];
        for (int i = 0; i < count; i++)
        {
            double alpha = rng.Uniform(0.05, 0.2);
            var point = points[rng.NextInt(points.Count)];
            int r = WeatherMath.RandInt(rng, 1, maxRadius);
            var color = SrcColor.Select(c => WeatherMath.RandInt(rng, Math.Max(c - colorRange, 0), c)).ToArray();
            circles[i] = new FlareCircle(alpha, (int)point.X, (int)point.Y, r * r * r, color);
        }
        return new RandomSunFlareOperation
        {
            CenterX = centerX,
            CenterY = centerY,
            SrcRadius = SrcRadius,
            SrcColor = SrcColor,
            Method = Method,
            Circles = circles,
        };
    }
}

/// <summary>One flare circle.</summary>
/// <param name="Alpha">Its opacity in the overlay method.</param>
/// <param name="X">Its centre's column.</param>
/// <param name="Y">Its centre's row.</param>
/// <param name="Radius">Its radius in pixels in the overlay method (the physics-based method takes its cube root).</param>
/// <param name="Color">Its colour, [r, g, b] in 0..255.</param>
public sealed record FlareCircle(double Alpha, int X, int Y, int Radius, IReadOnlyList<int> Color);

/// <summary>A sun flare: the sun at (<see cref="CenterX"/>, <see cref="CenterY"/>) and its circles, painted by <see cref="Method"/>.</summary>
public sealed record RandomSunFlareOperation : Operation
{
    /// <summary>The sun's centre column.</summary>
    public int CenterX { get; init; }

    /// <summary>The sun's centre row.</summary>
    public int CenterY { get; init; }

    /// <summary>The sun's radius in pixels.</summary>
    public int SrcRadius { get; init; } = 400;

    /// <summary>The sun's colour, [r, g, b] in 0..255.</summary>
    public IReadOnlyList<int> SrcColor { get; init; } = [255, 255, 255];

    /// <summary>How the flare is painted.</summary>
    public SunFlareMethod Method { get; init; }

    /// <summary>The flare circles, in painting order.</summary>
    public IReadOnlyList<FlareCircle> Circles { get; init; } = [];

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        ColorChannels.RequireRgb(Name, image.Channels);
        return Method == SunFlareMethod.PhysicsBased ? PhysicsBased(image) : Overlay(image);
    }

    private ImageBuffer<T> Overlay<T>(ImageBuffer<T> image) where T : unmanaged
    {
        double max = NoiseMath.MaxValue<T>();
        int w = image.Width, h = image.Height, cn = image.Channels;
        double weighted = 0, total = 0;
        foreach (var c in Circles)
        {
            weighted += c.Alpha * c.Radius;
            total += c.Radius;
        }
        int steps = SrcRadius / 10;
        double maxAlpha = total > 0 ? Math.Min(weighted / total * 5, 1) : 0;
        // The sun's discs grow from radius 1 to src_radius while their opacity falls from maxAlpha³
        // to 0. Every disc blends towards the same colour, so a pixel first covered by disc i keeps
        // keep[i] = Π(1 - alpha_j), j ≥ i, of its distance from that colour.
        var discRadius2 = new long[steps];
        var keep = new double[steps + 1];
        keep[steps] = 1;
        for (int i = steps - 1; i >= 0; i--)
        {
            double a = steps == 1 ? 0 : maxAlpha * (steps - 1 - i) / (steps - 1);
            long r = (long)(steps == 1 ? 1 : 1 + (SrcRadius - 1.0) * i / (steps - 1));
            discRadius2[i] = r * r;
            keep[i] = keep[i + 1] * (1 - a * a * a);
        }
        long sunReach2 = steps == 0 ? -1 : discRadius2[steps - 1];
        var circleColors = Circles.Select(c => Scaled(c.Color, max)).ToArray();
        var sunColor = Scaled(SrcColor, max);
        var result = image.Clone();
        Span<double> overlay = stackalloc double[3];
        Span<double> output = stackalloc double[3];
        for (int y = 0; y < h; y++)
        {
            var row = result.GetRow(y);
            long sy = y - CenterY;
            for (int x = 0; x < w; x++)
            {
                long sx = x - CenterX, d2 = sx * sx + sy * sy;
                int first = -1;
                for (int k = 0; k < Circles.Count && first < 0; k++)
                {
                    long dx = x - Circles[k].X, dy = y - Circles[k].Y, r = Circles[k].Radius;
                    if (dx * dx + dy * dy <= r * r) first = k;
                }
                if (first < 0 && d2 > sunReach2) continue;
                for (int c = 0; c < 3; c++) output[c] = NoiseMath.Get(row[x * cn + c]);
                if (first >= 0)
                {
                    // Before the first circle over the pixel the overlay equals the output; from it on the
                    // overlay holds the colour of the last circle drawn over the pixel.
                    for (int k = first; k < Circles.Count; k++)
                    {
                        var circle = Circles[k];
                        long dx = x - circle.X, dy = y - circle.Y, r = circle.Radius;
                        if (dx * dx + dy * dy <= r * r)
                            for (int c = 0; c < 3; c++) overlay[c] = circleColors[k][c];
                        for (int c = 0; c < 3; c++) output[c] = overlay[c] * circle.Alpha + output[c] * (1 - circle.Alpha);
                    }
                }
                if (d2 <= sunReach2)
                {
                    int lo = 0, hi = steps - 1;
                    while (lo < hi)
                    {
                        int mid = (lo + hi) / 2;
                        if (discRadius2[mid] >= d2) hi = mid;
                        else lo = mid + 1;
                    }
                    for (int c = 0; c < 3; c++) output[c] = sunColor[c] + (output[c] - sunColor[c]) * keep[lo];
                }
                for (int c = 0; c < 3; c++) row[x * cn + c] = NoiseMath.Put<T>(output[c], max);
            }
        }
        return result;
    }

    private ImageBuffer<T> PhysicsBased<T>(ImageBuffer<T> image) where T : unmanaged
    {
        double max = NoiseMath.MaxValue<T>();
        int w = image.Width, h = image.Height, cn = image.Channels;
        using var layer = new ImageBuffer<float>(w, h, 3);
        void Fill(int y, int x0, int x1, IReadOnlyList<int> color)
        {
            var row = layer.GetRow(y);
            for (int x = x0; x <= x1; x++)
                for (int c = 0; c < 3; c++) row[x * 3 + c] = color[c] / 255f;
        }
        Drawing.Circle(CenterX, CenterY, SrcRadius, w, h, (y, x0, x1) => Fill(y, x0, x1, SrcColor));
        int reach = Math.Max(w, h);
        foreach (int degrees in new[] { 0, 45, 90, 135 })
        {
            double a = degrees * Math.PI / 180;
            int ex = (int)(CenterX + Math.Cos(a) * reach), ey = (int)(CenterY + Math.Sin(a) * reach);
            Drawing.Line(CenterX, CenterY, ex, ey, 2, w, h, (y, x0, x1) => Fill(y, x0, x1, SrcColor));
        }
        foreach (var circle in Circles)
            Drawing.Circle(circle.X, circle.Y, (int)Math.Pow(circle.Radius, 0.33), w, h, (y, x0, x1) => Fill(y, x0, x1, circle.Color));
        using var soft = ImageBuffer<float>.CreateUninitialized(w, h, 3);
        Convolution.Gaussian(layer, soft, Convolution.GaussianSizeFor(15, uint8: false), 15);
        double fade = reach * 0.7;
        for (int y = 0; y < h; y++)
        {
            var row = soft.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                double d = Math.Sqrt((double)(x - CenterX) * (x - CenterX) + (double)(y - CenterY) * (y - CenterY));
                float m = (float)(1 - Math.Clamp(d / fade, 0, 1));
                for (int c = 0; c < 3; c++) row[x * 3 + c] *= m;
            }
        }
        using var fringe0 = BlurChannel(soft, 0, 3);
        using var fringe2 = BlurChannel(soft, 2, 5);
        var result = image.Clone();
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            var f = soft.GetRow(y);
            var f0 = fringe0.GetRow(y);
            var f2 = fringe2.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double flare = c == 0 ? f0[x] : c == 2 ? f2[x] : f[x * 3 + 1];
                    double v = NoiseMath.Get(s[x * cn + c]) / max;
                    d[x * cn + c] = NoiseMath.Put<T>((1 - (1 - v) * (1 - flare)) * max, max);
                }
            }
        }
        return result;
    }

    private static ImageBuffer<float> BlurChannel(ImageBuffer<float> layer, int channel, double sigma)
    {
        int w = layer.Width, h = layer.Height;
        using var plane = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        for (int y = 0; y < h; y++)
        {
            var s = layer.GetRow(y);
            var d = plane.GetRow(y);
            for (int x = 0; x < w; x++) d[x] = s[x * 3 + channel];
        }
        var blurred = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        Convolution.Gaussian(plane, blurred, Convolution.GaussianSizeFor(sigma, uint8: false), sigma);
        return blurred;
    }

    private static double[] Scaled(IReadOnlyList<int> color, double max) => color.Select(c => c / 255.0 * max).ToArray();
}
