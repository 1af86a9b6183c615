namespace AugSharp;

/// <summary>
/// Changes brightness and contrast: <c>out = alpha * v + beta * max</c>, with
/// <c>alpha = 1 + contrast</c> drawn from <see cref="ContrastLimit"/> and <c>beta</c> drawn from
/// <see cref="BrightnessLimit"/> (Albumentations' RandomBrightnessContrast; default p = 0.5).
/// Values are in the image's scale (uint8 0..255, uint16 0..65535, float32 0..1, Albumentations'
/// convention for float) and are clamped to it; any number of channels.
/// </summary>
[TransformCategory("color")]
public sealed class RandomBrightnessContrast : Transform<BrightnessContrastOperation>
{
    /// <summary>The brightness change, as a fraction of the largest value (a single number L means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange BrightnessLimit { get; init; } = new(-0.2, 0.2);

    /// <summary>The contrast change: alpha = 1 + a draw from this interval (a single number L means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange ContrastLimit { get; init; } = new(-0.2, 0.2);

    /// <summary>True: the brightness is a fraction of the type's largest value; false: of the image's mean.</summary>
    public bool BrightnessByMax { get; init; } = true;

    /// <summary>True: alpha and beta are narrowed so that 0 and the largest value stay within range (nothing is clipped).</summary>
    public bool EnsureSafeRange { get; init; }

    /// <inheritdoc />
    protected override BrightnessContrastOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        double alpha = 1 + ContrastLimit.Check(nameof(ContrastLimit)).Draw(rng);
        double beta = BrightnessLimit.Check(nameof(BrightnessLimit)).Draw(rng);
        if (!BrightnessByMax) beta *= ColorStatistics.Mean(context.Target.Image);
        if (EnsureSafeRange)
        {
            if (alpha > 0)
            {
                beta = Math.Clamp(beta, 0, 1);
                alpha = Math.Min(alpha, 1 - beta);
            }
            else
            {
                beta = Math.Min(beta, 1);
                alpha = Math.Max(alpha, -beta);
            }
        }
        return new BrightnessContrastOperation { Alpha = alpha, Beta = beta };
    }
}

/// <summary><c>out = Alpha * v + Beta * max</c>, clamped, with max the type's largest value (255, 65535, 1).</summary>
public sealed record BrightnessContrastOperation : ChannelMapOperation
{
    /// <summary>The contrast factor.</summary>
    public double Alpha { get; init; } = 1;

    /// <summary>The brightness offset, as a fraction of the type's largest value.</summary>
    public double Beta { get; init; }

    /// <inheritdoc />
    protected override bool IsIdentity(int channel) => Alpha == 1 && Beta == 0;

    /// <inheritdoc />
    protected override double Map(int channel, double value, double max) => Alpha * value + Beta * max;
}

/// <summary>Image statistics the color transforms draw from.</summary>
internal static class ColorStatistics
{
    /// <summary>The mean of every element, as a fraction of the type's largest value (0..1).</summary>
    public static double Mean(ImageBuffer image)
    {
        double sum = 0;
        switch (image)
        {
            case ImageBuffer<byte> b:
                return (double)Kernels.ImageStatistics.Sum(b) / image.Shape.Length / 255.0;
            case ImageBuffer<ushort> u:
                for (int y = 0; y < u.Height; y++) { long s = 0; foreach (var v in u.GetRow(y)) s += v; sum += s; }
                return sum / image.Shape.Length / 65535.0;
            default:
                var f = image.As<float>();
                for (int y = 0; y < f.Height; y++) foreach (var v in f.GetRow(y)) sum += v;
                return sum / image.Shape.Length;
        }
    }
}
