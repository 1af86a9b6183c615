using AugSharp.Kernels;

namespace AugSharp;

/// <summary>How heavy the rain of <see cref="RandomRain"/> is: the number of drops for an image of height h.</summary>
public enum RainType
{
    /// <summary>h / 3 drops.</summary>
    Default,

    /// <summary>h / 4 drops.</summary>
    Drizzle,

    /// <summary>h drops.</summary>
    Heavy,

    /// <summary>2·h drops.</summary>
    Torrential,
}

/// <summary>
/// Rain: slanted streaks over a dimmed image (Albumentations' RandomRain; default p = 0.5). The
/// number of drops follows <see cref="RainType"/>; each starts at a random pixel (its row leaving
/// room for the drop's length) and runs <see cref="DropLength"/> rows down and a slant, drawn
/// from <see cref="SlantRange"/>, columns across, as a 4-connected line <see cref="DropWidth"/>
/// pixels wide. The streaks, in <see cref="DropColor"/>, are blurred by a
/// <see cref="BlurValue"/> box filter and added to the image (saturating); the whole image is
/// then multiplied by <see cref="BrightnessCoefficient"/>. Colours are 0..255 and scaled to the
/// type's range (float32 in 0..1). RGB images (alpha kept) and gray ones (the drop colour's
/// luma) are taken; other channel counts are refused.
/// </summary>
[TransformCategory("weather")]
[RgbImages]
public sealed class RandomRain : Transform<RandomRainOperation>
{
    private readonly ValueRange _slantRange = new(-10, 10);
    private readonly int? _dropLength;
    private readonly int _dropWidth = 1;
    private readonly IReadOnlyList<int> _dropColor = [200, 200, 200];
    private readonly int _blurValue = 7;
    private readonly double _brightnessCoefficient = 0.7;

    /// <summary>The horizontal run of a drop in pixels (its slant), within -45..45. Default [-10, 10].</summary>
    public ValueRange SlantRange
    {
        get => _slantRange;
        init => _slantRange = value.Check(nameof(SlantRange), -45, 45);
    }

    /// <summary>The drop length in rows (≥ 1), or null (the default) for an eighth of the height.</summary>
    public int? DropLength
    {
        get => _dropLength;
        init => _dropLength = value is null || value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(DropLength), value, "drop_length must be at least 1.");
    }

    /// <summary>The drop width in pixels (≥ 1). Default 1.</summary>
    public int DropWidth
    {
        get => _dropWidth;
        init => _dropWidth = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(DropWidth), value, "drop_width must be at least 1.");
    }

    /// <summary>The drop colour, [r, g, b] in 0..255. Default [200, 200, 200].</summary>
    public IReadOnlyList<int> DropColor
    {
        get => _dropColor;
        init => _dropColor = WeatherMath.CheckColor(value, nameof(DropColor));
    }

    /// <summary>The side of the box filter that softens the drops (≥ 1; 1 leaves them sharp). Default 7.</summary>
    public int BlurValue
    {
        get => _blurValue;
        init => _blurValue = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BlurValue), value, "blur_value must be at least 1.");
    }

    /// <summary>The factor of the whole image's brightness, in (0, 1]: rain dims the scene. Default 0.7.</summary>
    public double BrightnessCoefficient
    {
        get => _brightnessCoefficient;
        init => _brightnessCoefficient = value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BrightnessCoefficient), value, "brightness_coefficient must be in (0, 1].");
    }

    /// <summary>How many drops fall. Default <see cref="RainType.Default"/>.</summary>
    public RainType RainType { get; init; } = RainType.Default;

    /// <inheritdoc />
    protected override RandomRainOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int width = context.Shape.Width, height = context.Shape.Height;
        int drops = RainType switch
        {
            RainType.Drizzle => height / 4,
            RainType.Heavy => height,
            RainType.Torrential => height * 2,
            _ => height / 3,
        };
        int length = DropLength ?? Math.Max(1, height / 8);
        double slant = SlantRange.Draw(rng);
        var xs = new int[drops];
        var ys = new int[drops];
        for (int i = 0; i < drops; i++)
        {
            xs[i] = WeatherMath.Integers(rng, 0, width);
            ys[i] = WeatherMath.Integers(rng, 0, height - length);
        }
        return new RandomRainOperation
        {
            Slant = slant,
            DropLength = length,
            DropWidth = DropWidth,
            DropColor = DropColor,
            BlurValue = BlurValue,
            BrightnessCoefficient = BrightnessCoefficient,
            DropXs = xs,
            DropYs = ys,
        };
    }
}

/// <summary>Rain: drops from (<see cref="DropXs"/>[i], <see cref="DropYs"/>[i]) to (x + <see cref="Slant"/>, y + <see cref="DropLength"/>), blurred, added, then the image dimmed.</summary>
public sealed record RandomRainOperation : Operation
{
    /// <summary>The horizontal run of every drop in pixels (the end column is truncated to a whole pixel).</summary>
    public double Slant { get; init; }

    /// <summary>The drop length in rows.</summary>
    public int DropLength { get; init; } = 1;

    /// <summary>The drop width in pixels.</summary>
    public int DropWidth { get; init; } = 1;

    /// <summary>The drop colour, [r, g, b] in 0..255.</summary>
    public IReadOnlyList<int> DropColor { get; init; } = [200, 200, 200];

    /// <summary>The side of the box filter over the drops (1: none).</summary>
    public int BlurValue { get; init; } = 1;

    /// <summary>The factor of the whole image's brightness.</summary>
    public double BrightnessCoefficient { get; init; } = 1;

    /// <summary>The drops' starting columns.</summary>
    public IReadOnlyList<int> DropXs { get; init; } = [];

    /// <summary>The drops' starting rows.</summary>
    public IReadOnlyList<int> DropYs { get; init; } = [];

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        ColorChannels.RequireRgb(Name, image.Channels, 1);
        if (DropXs.Count != DropYs.Count) throw new ArgumentException("RandomRain needs as many drop rows as columns.");
        int w = image.Width, h = image.Height, cn = image.Channels;
        if (DropXs.Count == 0) return image;
        using var streaks = new ImageBuffer<float>(w, h, 1);
        for (int i = 0; i < DropXs.Count; i++)
        {
            int x = DropXs[i], y = DropYs[i];
            Drawing.Line(x, y, (int)(x + Slant), y + DropLength, DropWidth, w, h, (row, x0, x1) => streaks.GetRow(row)[x0..(x1 + 1)].Fill(1f));
        }
        var layer = streaks;
        using var blurred = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        if (BlurValue > 1)
        {
            Convolution.Box(streaks, blurred, BlurValue);
            layer = blurred;
        }
        double max = NoiseMath.MaxValue<T>();
        double[] color = cn == 1
            ? [(0.299 * DropColor[0] + 0.587 * DropColor[1] + 0.114 * DropColor[2]) / 255 * max]
            : DropColor.Select(c => c / 255.0 * max).ToArray();
        int colored = Math.Min(cn, 3);
        var result = ImageBuffer<T>.CreateUninitialized(w, h, cn);
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            var l = layer.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < cn; c++)
                {
                    double v = NoiseMath.Get(s[x * cn + c]);
                    if (c < colored) v = Math.Min(v + l[x] * color[c], max) * BrightnessCoefficient;
                    d[x * cn + c] = c < colored ? NoiseMath.Put<T>(v, max) : s[x * cn + c];
                }
            }
        }
        return result;
    }
}
