using AugSharp.Kernels;

namespace AugSharp;

/// <summary>The colour fringing of <see cref="ChromaticAberration"/>.</summary>
public enum ChromaticAberrationMode
{
    /// <summary>Red and blue are distorted with coefficients of the same sign (Albumentations' green_purple).</summary>
    GreenPurple,

    /// <summary>Red and blue are distorted with coefficients of opposite signs (Albumentations' red_blue).</summary>
    RedBlue,

    /// <summary>The signs of red's and blue's coefficients are drawn independently.</summary>
    Random,
}

/// <summary>
/// Lateral chromatic aberration (Albumentations' ChromaticAberration; default p = 0.5): the red and
/// blue channels are bent radially, each by its own lens distortion, and green is kept. Each of
/// red and blue gets a primary coefficient k1 from <see cref="PrimaryDistortionLimit"/> and a
/// secondary k2 from <see cref="SecondaryDistortionLimit"/> (k2 takes k1's sign); the output pixel
/// (u, v) reads the channel at OpenCV's camera model <c>p' = c + (p - c)·(1 + k1·r² + k2·r⁴)</c>,
/// with r measured in units of the width and height (focal lengths w and h) from the centre c,
/// as <c>cv2.initUndistortRectifyMap</c> + <c>cv2.remap</c> (replicated edges) do, with
/// Albumentations' camera matrix (centre (w/2, h/2)). <see cref="Mode"/> sets the signs
/// of blue's coefficients against red's. RGB images only (3 channels, or 4 with the alpha channel
/// kept); every pixel type natively (Albumentations passes float32 through 8 bits).
/// </summary>
[TransformCategory("quality")]
[RgbImages]
public sealed class ChromaticAberration : Transform<ChromaticAberrationOperation>
{
    private readonly Interpolation _interpolation = Interpolation.Linear;

    /// <summary>The primary (r²) coefficients (a number L in a file means [-L, L]). Default [-0.02, 0.02].</summary>
    [SymmetricScalar]
    public ValueRange PrimaryDistortionLimit { get; init; } = new(-0.02, 0.02);

    /// <summary>The secondary (r⁴) coefficients (a number L in a file means [-L, L]). Default [-0.05, 0.05].</summary>
    [SymmetricScalar]
    public ValueRange SecondaryDistortionLimit { get; init; } = new(-0.05, 0.05);

    /// <summary>The fringing: green_purple, red_blue or random. Default green_purple.</summary>
    public ChromaticAberrationMode Mode { get; init; } = ChromaticAberrationMode.GreenPurple;

    /// <summary>The interpolation of the remap: nearest, linear, cubic or area (taken as linear, as cv2.remap does). Default linear.</summary>
    public Interpolation Interpolation
    {
        get => _interpolation;
        init => _interpolation = value != Interpolation.Lanczos ? value : throw new ArgumentOutOfRangeException(nameof(Interpolation), value, "ChromaticAberration interpolates with nearest, linear, cubic or area, not lanczos.");
    }

    /// <inheritdoc />
    protected override ChromaticAberrationOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        ColorChannels.RequireRgb(Name, context.Shape.Channels);
        var primary = PrimaryDistortionLimit.Check("primary_distortion_limit");
        var secondary = SecondaryDistortionLimit.Check("secondary_distortion_limit");
        double redPrimary = primary.Draw(rng), redSecondary = secondary.Draw(rng);
        double bluePrimary = primary.Draw(rng), blueSecondary = secondary.Draw(rng);
        redSecondary = MatchSign(redPrimary, redSecondary);
        blueSecondary = MatchSign(bluePrimary, blueSecondary);
        if (Mode == ChromaticAberrationMode.GreenPurple)
        {
            bluePrimary = MatchSign(redPrimary, bluePrimary);
            blueSecondary = MatchSign(redSecondary, blueSecondary);
        }
        else if (Mode == ChromaticAberrationMode.RedBlue)
        {
            bluePrimary = UnmatchSign(redPrimary, bluePrimary);
            blueSecondary = UnmatchSign(redSecondary, blueSecondary);
        }
        return new ChromaticAberrationOperation
        {
            PrimaryDistortionRed = redPrimary,
            SecondaryDistortionRed = redSecondary,
            PrimaryDistortionBlue = bluePrimary,
            SecondaryDistortionBlue = blueSecondary,
            Interpolation = Interpolation,
        };
    }

    // b with a's sign (b unchanged when either is 0).
    private static double MatchSign(double a, double b) => a < 0 && b > 0 || a > 0 && b < 0 ? -b : b;

    // b with the sign opposite to a's (b unchanged when either is 0).
    private static double UnmatchSign(double a, double b) => a < 0 && b < 0 || a > 0 && b > 0 ? -b : b;
}

/// <summary>Radial distortions of the red and blue channels.</summary>
public sealed record ChromaticAberrationOperation : Operation
{
    /// <summary>The red channel's r² coefficient.</summary>
    public double PrimaryDistortionRed { get; init; }

    /// <summary>The red channel's r⁴ coefficient.</summary>
    public double SecondaryDistortionRed { get; init; }

    /// <summary>The blue channel's r² coefficient.</summary>
    public double PrimaryDistortionBlue { get; init; }

    /// <summary>The blue channel's r⁴ coefficient.</summary>
    public double SecondaryDistortionBlue { get; init; }

    /// <summary>The interpolation of the remap.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        ColorChannels.RequireRgb(Name, image.Channels);
        var result = image.Clone();
        Distort(image, result, 0, PrimaryDistortionRed, SecondaryDistortionRed);
        Distort(image, result, 2, PrimaryDistortionBlue, SecondaryDistortionBlue);
        return result;
    }

    private void Distort<T>(ImageBuffer<T> image, ImageBuffer<T> result, int channel, double k1, double k2) where T : unmanaged
    {
        if (k1 == 0 && k2 == 0) return;
        int w = image.Width, h = image.Height, cn = image.Channels;
        using var map = BuildMap(w, h, k1, k2);
        using var plane = ImageBuffer<T>.CreateUninitialized(w, h, 1);
        using var moved = ImageBuffer<T>.CreateUninitialized(w, h, 1);
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            var d = plane.GetRow(y);
            for (int x = 0; x < w; x++) d[x] = s[x * cn + channel];
        }
        Warp.Remap(plane, moved, map, Interpolation, BorderMode.Replicate, []);
        for (int y = 0; y < h; y++)
        {
            var s = moved.GetRow(y);
            var d = result.GetRow(y);
            for (int x = 0; x < w; x++) d[x * cn + channel] = s[x];
        }
    }

    /// <summary>The source position of every output pixel for coefficients <paramref name="k1"/> and <paramref name="k2"/> (two float channels: x, y).</summary>
    internal static ImageBuffer<float> BuildMap(int width, int height, double k1, double k2)
    {
        var map = ImageBuffer<float>.CreateUninitialized(width, height, 2);
        double fx = width, fy = height, cx = width / 2.0, cy = height / 2.0;
        for (int v = 0; v < height; v++)
        {
            var row = map.GetRow(v);
            double y = (v - cy) / fy;
            for (int u = 0; u < width; u++)
            {
                double x = (u - cx) / fx, r2 = x * x + y * y, k = 1 + k1 * r2 + k2 * r2 * r2;
                row[2 * u] = (float)(fx * x * k + cx);
                row[2 * u + 1] = (float)(fy * y * k + cy);
            }
        }
        return map;
    }
}
