namespace AugSharp;

/// <summary>
/// Shadows: dark polygons cast over the image (Albumentations' RandomShadow; default p = 0.5).
/// A number of shadows is drawn from <see cref="NumShadowsLimit"/>; each is a polygon of
/// <see cref="ShadowDimension"/> vertices placed uniformly in whole pixels inside
/// <see cref="ShadowRoi"/>, with an intensity a from <see cref="ShadowIntensityRange"/>; the
/// pixels it covers (even-odd rule, outline included) are multiplied by 1 - a, overlapping
/// shadows compounding. Every channel is darkened alike, so any channel count works; values stay
/// in the type's range (float32 in 0..1).
/// </summary>
[TransformCategory("weather")]
public sealed class RandomShadow : Transform<RandomShadowOperation>
{
    private readonly IReadOnlyList<double> _shadowRoi = [0, 0.5, 1, 1];
    private readonly IReadOnlyList<int> _numShadowsLimit = [1, 2];
    private readonly int _shadowDimension = 5;
    private readonly ValueRange _shadowIntensityRange = new(0.5, 0.5);

    /// <summary>The region where shadows fall, [x_min, y_min, x_max, y_max] in fractions of the width and height (0..1, min ≤ max). Default [0, 0.5, 1, 1].</summary>
    public IReadOnlyList<double> ShadowRoi
    {
        get => _shadowRoi;
        init => _shadowRoi = WeatherMath.CheckRoi(value, nameof(ShadowRoi), strict: false);
    }

    /// <summary>The number of shadows, [min, max] with 1 ≤ min ≤ max (one number N means N). Default [1, 2].</summary>
    public IReadOnlyList<int> NumShadowsLimit
    {
        get => _numShadowsLimit;
        init => _numShadowsLimit = WeatherMath.CheckIntRange(value, nameof(NumShadowsLimit), 1);
    }

    /// <summary>The number of vertices of each shadow polygon (≥ 3). Default 5.</summary>
    public int ShadowDimension
    {
        get => _shadowDimension;
        init => _shadowDimension = value >= 3 ? value : throw new ArgumentOutOfRangeException(nameof(ShadowDimension), value, "shadow_dimension must be at least 3.");
    }

    /// <summary>The shadow intensities, within 0..1: 0 leaves the pixels, 1 makes them black. Default [0.5, 0.5].</summary>
    public ValueRange ShadowIntensityRange
    {
        get => _shadowIntensityRange;
        init => _shadowIntensityRange = value.Check(nameof(ShadowIntensityRange), 0, 1);
    }

    /// <inheritdoc />
    protected override RandomShadowOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int width = context.Shape.Width, height = context.Shape.Height;
        var (lo, hi) = WeatherMath.IntRange(NumShadowsLimit, nameof(NumShadowsLimit));
        int count = WeatherMath.RandInt(rng, lo, hi);
        int xMin = (int)(ShadowRoi[0] * width), yMin = (int)(ShadowRoi[1] * height);
        int xMax = (int)(ShadowRoi[2] * width), yMax = (int)(ShadowRoi[3] * height);
        var shadows = new ShadowPolygon[count];
        for (int i = 0; i < count; i++)
        {
            var xs = new int[ShadowDimension];
            var ys = new int[ShadowDimension];
            for (int k = 0; k < ShadowDimension; k++) xs[k] = WeatherMath.Integers(rng, xMin, xMax);
            for (int k = 0; k < ShadowDimension; k++) ys[k] = WeatherMath.Integers(rng, yMin, yMax);
            shadows[i] = new ShadowPolygon(xs, ys, 0);
        }
        for (int i = 0; i < count; i++) shadows[i] = shadows[i] with { Intensity = ShadowIntensityRange.Draw(rng) };
        return new RandomShadowOperation { Shadows = shadows };
    }
}

/// <summary>One shadow: a polygon of vertices (<paramref name="Xs"/>[i], <paramref name="Ys"/>[i]) in pixels, darkening by <paramref name="Intensity"/>.</summary>
/// <param name="Xs">The vertices' columns.</param>
/// <param name="Ys">The vertices' rows.</param>
/// <param name="Intensity">The darkening: covered pixels are multiplied by 1 - intensity.</param>
public sealed record ShadowPolygon(IReadOnlyList<int> Xs, IReadOnlyList<int> Ys, double Intensity);

/// <summary>Shadow polygons cast over the image: each covered pixel is multiplied by 1 - intensity, shadow after shadow.</summary>
public sealed record RandomShadowOperation : Operation
{
    /// <summary>The shadows, in pixels of the image the operation was drawn for.</summary>
    public IReadOnlyList<ShadowPolygon> Shadows { get; init; } = [];

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int w = image.Width, h = image.Height, cn = image.Channels;
        var factor = new double[w * h];
        Array.Fill(factor, 1.0);
        foreach (var shadow in Shadows)
        {
            if (shadow.Xs.Count != shadow.Ys.Count) throw new ArgumentException("A shadow polygon needs as many rows as columns.");
            var mask = Drawing.PolygonMask(shadow.Xs, shadow.Ys, w, h);
            double darkness = 1 - shadow.Intensity;
            for (int i = 0; i < mask.Length; i++)
                if (mask[i]) factor[i] *= darkness;
        }
        double max = NoiseMath.MaxValue<T>();
        var result = image.Clone();
        for (int y = 0; y < h; y++)
        {
            var row = result.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                double f = factor[y * w + x];
                if (f == 1) continue;
                for (int c = 0; c < cn; c++) row[x * cn + c] = NoiseMath.Put<T>(NoiseMath.Get(row[x * cn + c]) * f, max);
            }
        }
        return result;
    }
}
