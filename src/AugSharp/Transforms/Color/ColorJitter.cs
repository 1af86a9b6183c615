using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Jitters brightness, contrast, saturation and hue in a random order, with torchvision's
/// meanings as Albumentations applies them (Albumentations' ColorJitter; default p = 0.5):
/// brightness multiplies by a factor; contrast blends with the mean gray level
/// (<c>v * f + mean * (1 - f)</c>); saturation blends with the pixel's gray (BT.601) value;
/// hue turns the HSV hue by a fraction of a full turn. uint8 RGB images use OpenCV's 8-bit gray
/// and HSV conversions; uint16 and float32 (0..1, Albumentations' convention) images are computed
/// in double precision; results are clamped (and rounded for integer types). Takes RGB images (3
/// channels, or 4 with alpha kept); a gray image gets brightness and contrast only.
/// </summary>
[TransformCategory("color")]
[RgbImages]
public sealed class ColorJitter : Transform<ColorJitterOperation>
{
    /// <summary>The interval of brightness factors (a single number b means [max(0, 1 - b), 1 + b]).</summary>
    public ValueRange Brightness { get; init; } = new(0.8, 1.2);

    /// <summary>The interval of contrast factors (a single number c means [max(0, 1 - c), 1 + c]).</summary>
    public ValueRange Contrast { get; init; } = new(0.8, 1.2);

    /// <summary>The interval of saturation factors (a single number s means [max(0, 1 - s), 1 + s]).</summary>
    public ValueRange Saturation { get; init; } = new(0.8, 1.2);

    /// <summary>The interval of hue turns, as fractions of a full turn within [-0.5, 0.5] (a single number h means [-h, h]).</summary>
    public ValueRange Hue { get; init; } = new(-0.5, 0.5);

    private static ValueRange Factor(ValueRange r) => r.Min == r.Max && r.Min != 1 ? new ValueRange(Math.Max(0, 1 - r.Min), 1 + r.Min) : r;

    /// <inheritdoc />
    protected override ColorJitterOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var brightness = Factor(Brightness).Check(nameof(Brightness), 0);
        var contrast = Factor(Contrast).Check(nameof(Contrast), 0);
        var saturation = Factor(Saturation).Check(nameof(Saturation), 0);
        var hue = (Hue.Min == Hue.Max && Hue.Min != 0 ? ValueRange.Symmetric(Hue.Min) : Hue).Check(nameof(Hue), -0.5, 0.5);
        return new ColorJitterOperation
        {
            Brightness = brightness.Draw(rng),
            Contrast = contrast.Draw(rng),
            Saturation = saturation.Draw(rng),
            Hue = hue.Draw(rng),
            Order = rng.Permutation(4),
        };
    }
}

/// <summary>The four adjustments with their factors, applied in <see cref="Order"/> (0 brightness, 1 contrast, 2 saturation, 3 hue).</summary>
public sealed record ColorJitterOperation : Operation
{
    /// <summary>The brightness factor.</summary>
    public double Brightness { get; init; } = 1;

    /// <summary>The contrast factor.</summary>
    public double Contrast { get; init; } = 1;

    /// <summary>The saturation factor.</summary>
    public double Saturation { get; init; } = 1;

    /// <summary>The hue turn, as a fraction of a full turn.</summary>
    public double Hue { get; init; }

    /// <summary>The order of the adjustments: a permutation of 0 (brightness), 1 (contrast), 2 (saturation), 3 (hue).</summary>
    public IReadOnlyList<int> Order { get; init; } = [0, 1, 2, 3];

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int channels = image.Channels;
        ColorChannels.RequireRgb("ColorJitter", channels, 1);
        if (Order.Count != 4 || Order.Distinct().Count() != 4 || Order.Any(k => k is < 0 or > 3))
            throw new ArgumentException("ColorJitter: order must be a permutation of 0, 1, 2, 3.");
        var current = image;
        foreach (int step in Order)
        {
            var next = step switch
            {
                0 => Brightness == 1 ? current : new LinearOperation { Scale = Brightness, ColorChannels = Math.Min(channels, 3) }.ApplyTo(current),
                1 => Contrast == 1 ? current : new LinearOperation { Scale = Contrast, Offset = MeanGray(current) * (1 - Contrast), ColorChannels = Math.Min(channels, 3) }.ApplyTo(current),
                2 => Saturation == 1 || channels == 1 ? current : Saturate(current, Saturation),
                _ => Hue == 0 || channels == 1 ? current : TurnHue(current, Hue),
            };
            if (!ReferenceEquals(current, image) && !ReferenceEquals(next, current)) current.Dispose();
            current = next;
        }
        return current;
    }

    /// <summary>The mean gray level (BT.601 for RGB; the channel itself for gray) as a fraction of the largest value.</summary>
    private static double MeanGray<T>(ImageBuffer<T> image) where T : unmanaged
    {
        int channels = image.Channels;
        double max = ColorChannels.Max<T>(), sum = 0;
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            for (int i = 0; i < s.Length; i += channels) sum += channels == 1 ? ColorMatrix.ToDouble(s[i]) : Gray(s[i], s[i + 1], s[i + 2]);
        }
        return sum / ((double)image.Width * image.Height) / max;
    }

    /// <summary>BT.601 gray in the type's scale (OpenCV's integer form for uint8).</summary>
    private static double Gray<T>(T r, T g, T b) where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
            return (KernelCommon.ToInt(r) * 9798 + KernelCommon.ToInt(g) * 19235 + KernelCommon.ToInt(b) * 3735 + (1 << 14)) >> 15;
        return 0.299 * ColorMatrix.ToDouble(r) + 0.587 * ColorMatrix.ToDouble(g) + 0.114 * ColorMatrix.ToDouble(b);
    }

    private static ImageBuffer<T> Saturate<T>(ImageBuffer<T> image, double factor) where T : unmanaged
    {
        int channels = image.Channels;
        double max = ColorChannels.Max<T>();
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, channels);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i += channels)
            {
                double gray = Gray(s[i], s[i + 1], s[i + 2]) * (1 - factor);
                for (int c = 0; c < 3; c++) d[i + c] = ColorMatrix.FromDouble<T>(ColorMatrix.ToDouble(s[i + c]) * factor + gray, max);
                for (int c = 3; c < channels; c++) d[i + c] = s[i + c];
            }
        }
        return result;
    }

    private static ImageBuffer<T> TurnHue<T>(ImageBuffer<T> image, double turn) where T : unmanaged
    {
        var hue8 = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            double h = (i + turn * 180) % 180;
            hue8[i] = (byte)(h < 0 ? h + 180 : h);
        }
        var same = EightBitLevels.Identity();
        return Hsv.Map(image, hue8, same, same, h => h + turn * 360, s => s, v => v);
    }

    /// <summary><c>v * Scale + Offset * max</c> on the first <see cref="ColorChannels"/> channels.</summary>
    private sealed record LinearOperation : ChannelMapOperation
    {
        public double Scale { get; init; } = 1;

        public double Offset { get; init; }

        public int ColorChannels { get; init; }

        protected override bool IsIdentity(int channel) => channel >= ColorChannels || Scale == 1 && Offset == 0;

        protected override double Map(int channel, double value, double max) => value * Scale + Offset * max;
    }
}
