namespace AugSharp;

/// <summary>The light pattern of <see cref="Illumination"/>.</summary>
public enum IlluminationMode
{
    /// <summary>A straight gradient across the image, along the drawn angle (directional light).</summary>
    Linear,

    /// <summary>A radial gradient from one of the four corners (light from a corner).</summary>
    Corner,

    /// <summary>A Gaussian spot around the drawn centre (a spotlight).</summary>
    Gaussian,
}

/// <summary>Whether <see cref="Illumination"/> adds or removes light.</summary>
public enum IlluminationEffect
{
    /// <summary>Adds light.</summary>
    Brighten,

    /// <summary>Removes light.</summary>
    Darken,

    /// <summary>Either, with even odds.</summary>
    Both,
}

/// <summary>
/// Multiplies the image by a smooth light pattern (Albumentations' Illumination; default p = 0.5),
/// the same factor for every channel of a pixel, so texture is kept:
/// <list type="bullet">
/// <item><see cref="IlluminationMode.Linear"/>: with g the position along the drawn angle (0° left to right, 90° top to
/// bottom), stretched to 0..1, the factor runs from 1 − i at g = 0 to 1 + i at g = 1 (reversed when darkening);</item>
/// <item><see cref="IlluminationMode.Corner"/>: the factor is 1 − i·d/D, with d the distance to a randomly chosen corner
/// and D the image's diagonal (the corner keeps its value; brightening makes it the brightest point);</item>
/// <item><see cref="IlluminationMode.Gaussian"/>: the factor is 1 + i·exp(−r²/(2(σ·max(w, h))²)) around a centre drawn in
/// <see cref="CenterRange"/> (fractions of the width and height).</item>
/// </list>
/// The intensity i is drawn in <see cref="IntensityRange"/> and is negative when darkening. Any
/// channel count; uint8, uint16 and float32 (0..1) images, clamped to their range.
/// </summary>
[TransformCategory("color")]
public sealed class Illumination : Transform<IlluminationOperation>
{
    /// <summary>The light pattern. Default linear.</summary>
    public IlluminationMode Mode { get; init; } = IlluminationMode.Linear;

    /// <summary>The strength of the effect, within [0.01, 0.2]. Default [0.01, 0.2].</summary>
    public ValueRange IntensityRange { get; init; } = new(0.01, 0.2);

    /// <summary>Whether light is added, removed, or either. Default both.</summary>
    public IlluminationEffect EffectType { get; init; } = IlluminationEffect.Both;

    /// <summary>The direction of the linear gradient in degrees, within [0, 360] (linear mode). Default [0, 360].</summary>
    public ValueRange AngleRange { get; init; } = new(0, 360);

    /// <summary>The spot's centre as fractions of the width and height, within [0, 1] (gaussian mode). Default [0.1, 0.9].</summary>
    public ValueRange CenterRange { get; init; } = new(0.1, 0.9);

    /// <summary>The spot's size as a fraction of the larger side, within [0.2, 1] (gaussian mode). Default [0.2, 1].</summary>
    public ValueRange SigmaRange { get; init; } = new(0.2, 1.0);

    /// <inheritdoc />
    protected override IlluminationOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        double intensity = IntensityRange.Check(nameof(IntensityRange), 0.01, 0.2).Draw(rng);
        bool darken = EffectType switch
        {
            IlluminationEffect.Both => !(rng.NextDouble() > 0.5),
            IlluminationEffect.Darken => true,
            _ => false,
        };
        var op = new IlluminationOperation { Mode = Mode, Intensity = darken ? -intensity : intensity };
        return Mode switch
        {
            IlluminationMode.Linear => op with { Angle = AngleRange.Check(nameof(AngleRange), 0, 360).Draw(rng) },
            IlluminationMode.Corner => op with { Corner = rng.NextInt(4) },
            _ => op with
            {
                CenterX = CenterRange.Check(nameof(CenterRange), 0, 1).Draw(rng),
                CenterY = CenterRange.Draw(rng),
                Sigma = SigmaRange.Check(nameof(SigmaRange), 0.2, 1).Draw(rng),
            },
        };
    }
}

/// <summary>Multiplies every pixel by the light pattern of <see cref="Mode"/> with the drawn values.</summary>
public sealed record IlluminationOperation : Operation
{
    /// <summary>The light pattern.</summary>
    public IlluminationMode Mode { get; init; }

    /// <summary>The signed strength: positive brightens, negative darkens.</summary>
    public double Intensity { get; init; }

    /// <summary>The gradient's direction in degrees (linear mode).</summary>
    public double Angle { get; init; }

    /// <summary>The corner (corner mode): 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left.</summary>
    public int Corner { get; init; }

    /// <summary>The spot's centre, as a fraction of the width (gaussian mode).</summary>
    public double CenterX { get; init; }

    /// <summary>The spot's centre, as a fraction of the height (gaussian mode).</summary>
    public double CenterY { get; init; }

    /// <summary>The spot's size as a fraction of the larger side (gaussian mode).</summary>
    public double Sigma { get; init; }

    /// <summary>The factor of every pixel, row by row.</summary>
    internal double[] Pattern(int width, int height)
    {
        var factor = new double[width * height];
        switch (Mode)
        {
            case IlluminationMode.Linear:
            {
                double a = Angle * Math.PI / 180, cos = Math.Cos(a), sin = Math.Sin(a);
                // The position along the direction, with x and y each running 0..1, stretched to 0..1.
                double Along(int x, int y) => cos * (width > 1 ? x / (width - 1.0) : 0) + sin * (height > 1 ? y / (height - 1.0) : 0);
                double lo = Math.Min(Math.Min(Along(0, 0), Along(width - 1, 0)), Math.Min(Along(0, height - 1), Along(width - 1, height - 1)));
                double hi = Math.Max(Math.Max(Along(0, 0), Along(width - 1, 0)), Math.Max(Along(0, height - 1), Along(width - 1, height - 1)));
                double span = hi - lo > 1e-12 ? hi - lo : 0, abs = Math.Abs(Intensity);
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                    {
                        double g = span > 0 ? (Along(x, y) - lo) / span : 0;
                        if (Intensity < 0) g = 1 - g;
                        factor[y * width + x] = 1 - abs + 2 * abs * g;
                    }
                break;
            }
            case IlluminationMode.Corner:
            {
                double diagonal = Math.Sqrt((double)width * width + (double)height * height);
                int cx = Corner is 1 or 2 ? width - 1 : 0, cy = Corner is 2 or 3 ? height - 1 : 0;
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                        factor[y * width + x] = 1 - Intensity * Math.Sqrt((double)(x - cx) * (x - cx) + (double)(y - cy) * (y - cy)) / diagonal;
                break;
            }
            default:
            {
                double cx = width * CenterX, cy = height * CenterY, s = Math.Max(width, height) * Sigma, twoSigma2 = 2 * s * s;
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                        factor[y * width + x] = 1 + Intensity * Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / twoSigma2);
                break;
            }
        }
        return factor;
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        if (Intensity == 0) return image;
        var factor = Pattern(image.Width, image.Height);
        return PixelPattern.Multiply(image, factor);
    }
}

/// <summary>Helpers of the transforms that scale each pixel (all its channels) by a factor map.</summary>
internal static class PixelPattern
{
    /// <summary>The image with every element of pixel (x, y) multiplied by <c>factor[y * width + x]</c>, clamped to the type's range.</summary>
    public static ImageBuffer<T> Multiply<T>(ImageBuffer<T> image, double[] factor) where T : unmanaged
    {
        double max = NoiseMath.MaxValue<T>();
        int w = image.Width, cn = image.Channels;
        var result = ImageBuffer<T>.CreateUninitialized(w, image.Height, cn);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                double f = factor[y * w + x];
                for (int c = 0; c < cn; c++) d[x * cn + c] = NoiseMath.Put<T>(NoiseMath.Get(s[x * cn + c]) * f, max);
            }
        }
        return result;
    }
}
