using AugSharp.Kernels;

namespace AugSharp;

/// <summary>How <see cref="RandomSnow"/> paints the snow.</summary>
public enum SnowMethod
{
    /// <summary>Pixels whose HLS lightness is below a threshold have it multiplied by the brightness coefficient.</summary>
    Bleach,

    /// <summary>
    /// In HSV: the value raised by the brightness coefficient, a blurred random snow texture added
    /// (thicker at the top), a faint cool tint, and a sparkle of white pixels.
    /// </summary>
    Texture,
}

/// <summary>
/// Snow (Albumentations' RandomSnow; default p = 0.5). A snow point s is drawn from
/// <see cref="SnowPointRange"/>. With <see cref="SnowMethod.Bleach"/>, every pixel whose HLS
/// lightness is below s/2 + 1/3 has its lightness multiplied by <see cref="BrightnessCoeff"/>
/// (hue and saturation kept; the others stay as they are). With <see cref="SnowMethod.Texture"/>,
/// in HSV (hue in half degrees, saturation and value in 0..255 units, as OpenCV's 8-bit HSV): the
/// value is multiplied by 1 + coeff·s, a texture (normal noise of mean 0.5 and σ 0.3, twice
/// blurred by a Gaussian of σ 1, fading linearly from 1 at the top row to 0.2 at the bottom)
/// times 255·s is added to all three, they are scaled by 0.85 and tinted by 0.15·s·(0.6, 0.75, 1);
/// hue wraps around, saturation and value are clamped; then about 1% of the pixels (a uniform
/// draw above 0.99) turn white. Each type works in its own range (float32 in 0..1). RGB images
/// only (alpha kept). The texture is too big for a record: the operation holds a 64-bit seed
/// drawn from the transform's random stream and regenerates it when applied.
/// </summary>
[TransformCategory("weather")]
[RgbImages]
public sealed class RandomSnow : Transform<RandomSnowOperation>
{
    private readonly ValueRange _snowPointRange = new(0.1, 0.3);
    private readonly double _brightnessCoeff = 2.5;

    /// <summary>The snow points, within 0..1: more snow as it grows. Default [0.1, 0.3].</summary>
    public ValueRange SnowPointRange
    {
        get => _snowPointRange;
        init => _snowPointRange = value.Check(nameof(SnowPointRange), 0, 1);
    }

    /// <summary>The brightening of snowy pixels (&gt; 0). Default 2.5.</summary>
    public double BrightnessCoeff
    {
        get => _brightnessCoeff;
        init => _brightnessCoeff = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(BrightnessCoeff), value, "brightness_coeff must be greater than 0.");
    }

    /// <summary>How the snow is painted. Default <see cref="SnowMethod.Bleach"/>.</summary>
    public SnowMethod Method { get; init; } = SnowMethod.Bleach;

    /// <inheritdoc />
    protected override RandomSnowOperation SampleOperation(RandomStream rng, TransformContext context) => new()
    {
        SnowPoint = SnowPointRange.Draw(rng),
        BrightnessCoeff = BrightnessCoeff,
        Method = Method,
        Seed = Method == SnowMethod.Texture ? rng.NextUInt64() : null,
    };
}

/// <summary>Snow of snow point <see cref="SnowPoint"/>, painted by <see cref="Method"/>; the texture comes from <see cref="Seed"/>.</summary>
public sealed record RandomSnowOperation : Operation
{
    /// <summary>The snow point (0..1).</summary>
    public double SnowPoint { get; init; }

    /// <summary>The brightening coefficient.</summary>
    public double BrightnessCoeff { get; init; } = 2.5;

    /// <summary>How the snow is painted.</summary>
    public SnowMethod Method { get; init; }

    /// <summary>The seed of the texture method's noise (normal values row by row, then the sparkle draws); null for bleach.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ulong? Seed { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        ColorChannels.RequireRgb(Name, image.Channels);
        return Method == SnowMethod.Texture ? Texture(image) : Bleach(image);
    }

    private ImageBuffer<T> Bleach<T>(ImageBuffer<T> image) where T : unmanaged
    {
        double max = NoiseMath.MaxValue<T>(), threshold = SnowPoint / 2 + 1.0 / 3;
        int cn = image.Channels;
        var result = image.Clone();
        for (int y = 0; y < image.Height; y++)
        {
            var row = result.GetRow(y);
            for (int x = 0; x < image.Width; x++)
            {
                var pixel = row.Slice(x * cn, 3);
                double r = NoiseMath.Get(pixel[0]) / max, g = NoiseMath.Get(pixel[1]) / max, b = NoiseMath.Get(pixel[2]) / max;
                double lightness = (Math.Max(r, Math.Max(g, b)) + Math.Min(r, Math.Min(g, b))) / 2;
                if (!(lightness < threshold)) continue;
                WeatherMath.MapLightness(pixel, max, l => l * BrightnessCoeff);
            }
        }
        return result;
    }

    private ImageBuffer<T> Texture<T>(ImageBuffer<T> image) where T : unmanaged
    {
        int w = image.Width, h = image.Height, cn = image.Channels;
        double max = NoiseMath.MaxValue<T>(), s = SnowPoint;
        var rng = new RandomStream(Seed ?? 0);
        using var noise = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        for (int y = 0; y < h; y++)
        {
            var row = noise.GetRow(y);
            for (int x = 0; x < w; x++) row[x] = (float)(0.5 + 0.3 * rng.NextGaussian());
        }
        var sparkle = new bool[w * h];
        for (int i = 0; i < sparkle.Length; i++) sparkle[i] = rng.NextDouble() > 0.99;
        int size = Convolution.GaussianSizeFor(1, uint8: false);
        using var once = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        using var texture = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        Convolution.Gaussian(noise, once, size, 1);
        Convolution.Gaussian(once, texture, size, 1);
        var result = image.Clone();
        for (int y = 0; y < h; y++)
        {
            var row = result.GetRow(y);
            var t = texture.GetRow(y);
            double depth = h == 1 ? 1 : 1 - 0.8 * y / (h - 1);
            for (int x = 0; x < w; x++)
            {
                var pixel = row.Slice(x * cn, 3);
                if (sparkle[y * w + x])
                {
                    pixel.Fill(NoiseMath.Put<T>(max, max));
                    continue;
                }
                var (hue, sat, val) = Hsv.FromRgb(NoiseMath.Get(pixel[0]) / max, NoiseMath.Get(pixel[1]) / max, NoiseMath.Get(pixel[2]) / max);
                // OpenCV's 8-bit HSV units: hue in half degrees, saturation and value 0..255.
                double hh = hue / 2, ss = sat * 255, vv = Math.Clamp(val * 255 * (1 + BrightnessCoeff * s), 0, 255);
                double snow = t[x] * depth * 255 * s;
                hh = 0.85 * (hh + snow) + 0.15 * s * 0.6;
                ss = Math.Clamp(0.85 * (ss + snow) + 0.15 * s * 0.75, 0, 255);
                vv = Math.Clamp(0.85 * (vv + snow) + 0.15 * s, 0, 255);
                var (r, g, b) = Hsv.ToRgb((hh % 180 + 180) % 180 * 2, ss / 255, vv / 255);
                pixel[0] = NoiseMath.Put<T>(r * max, max);
                pixel[1] = NoiseMath.Put<T>(g * max, max);
                pixel[2] = NoiseMath.Put<T>(b * max, max);
            }
        }
        return result;
    }
}
