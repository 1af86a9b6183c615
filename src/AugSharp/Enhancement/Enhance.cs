namespace AugSharp;

/// <summary>The ready-made chains of <see cref="Enhance.Preset"/>.</summary>
public enum EnhancePreset
{
    /// <summary>Security footage: nlmeans denoise, edge-directed 2x upscale, auto-levels (0.5%, luminance), gamma 0.8, CLAHE 2,8, sharpen 0.6,1,2.</summary>
    Security,

    /// <summary>Medical images (any depth, 16-bit kept): bilateral denoise, CLAHE 2,8, sharpen 0.4,1,0.</summary>
    Medical,

    /// <summary>Scanned or photographed documents: median 3, auto-levels 2% on luminance, contrast 1.3, sharpen 1,1,2.</summary>
    Document,
}

/// <summary>
/// Image enhancement and restoration: upscaling, brightness, contrast, gamma, auto-levels,
/// equalisation, CLAHE, sharpening, denoising, deblurring and window/level, as deterministic
/// <see cref="EnhanceStep"/>s applied in order. Every method returns a new image; the input stays
/// the caller's.
/// </summary>
/// <example>
/// <code>
/// using var frame = ImageCodec.Read("cam.png");
/// using var better = Enhance.Apply(frame, [new DenoiseStep(DenoiseMethod.NlMeans), new UpscaleStep(2, UpscaleMethod.Edge), new SharpenStep(0.6)]);
/// </code>
/// </example>
public static class Enhance
{
    /// <summary>Applies <paramref name="steps"/> in order, giving a new image (a copy when there are none).</summary>
    public static ImageBuffer Apply(ImageBuffer image, IEnumerable<EnhanceStep> steps)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(steps);
        ImageBuffer current = image;
        foreach (var step in steps)
        {
            var next = step.Apply(current);
            if (!ReferenceEquals(current, image)) current.Dispose();
            current = next;
        }
        return ReferenceEquals(current, image) ? image.ConvertTo(image.PixelType) : current;
    }

    /// <summary>The steps of a preset (see <see cref="EnhancePreset"/>).</summary>
    public static IReadOnlyList<EnhanceStep> Preset(EnhancePreset preset) => preset switch
    {
        EnhancePreset.Security =>
        [
            new DenoiseStep(DenoiseMethod.NlMeans),
            new UpscaleStep(2, UpscaleMethod.Edge),
            new AutoLevelsStep(0.5, Luminance: true),
            new GammaStep(0.8),
            new ClaheStep(2, 8),
            new SharpenStep(0.6, 1, 2),
        ],
        EnhancePreset.Medical =>
        [
            new DenoiseStep(DenoiseMethod.Bilateral),
            new ClaheStep(2, 8),
            new SharpenStep(0.4, 1, 0),
        ],
        EnhancePreset.Document =>
        [
            new DenoiseStep(DenoiseMethod.Median, 3),
            new AutoLevelsStep(2, Luminance: true),
            new ContrastStep(1.3),
            new SharpenStep(1, 1, 2),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Unknown preset."),
    };

    /// <summary>Enlarges by 2, 3 or 4 (see <see cref="UpscaleStep"/>).</summary>
    public static ImageBuffer Upscale(ImageBuffer image, int factor, UpscaleMethod method = UpscaleMethod.Lanczos) => new UpscaleStep(factor, method).Apply(image);

    /// <summary>Adds a fraction of the range (see <see cref="BrightnessStep"/>).</summary>
    public static ImageBuffer Brightness(ImageBuffer image, double amount) => new BrightnessStep(amount).Apply(image);

    /// <summary>Scales the distance from the mean (see <see cref="ContrastStep"/>).</summary>
    public static ImageBuffer Contrast(ImageBuffer image, double factor) => new ContrastStep(factor).Apply(image);

    /// <summary>Raises to a power (see <see cref="GammaStep"/>).</summary>
    public static ImageBuffer Gamma(ImageBuffer image, double gamma) => new GammaStep(gamma).Apply(image);

    /// <summary>Percentile stretch (see <see cref="AutoLevelsStep"/>).</summary>
    public static ImageBuffer AutoLevels(ImageBuffer image, double percent = 0.5, bool luminance = false) => new AutoLevelsStep(percent, luminance).Apply(image);

    /// <summary>Global histogram equalisation (see <see cref="EqualizeStep"/>).</summary>
    public static ImageBuffer Equalize(ImageBuffer image) => new EqualizeStep().Apply(image);

    /// <summary>CLAHE (see <see cref="ClaheStep"/>).</summary>
    public static ImageBuffer Clahe(ImageBuffer image, double clipLimit = 2, int tiles = 8) => new ClaheStep(clipLimit, tiles).Apply(image);

    /// <summary>Unsharp mask (see <see cref="SharpenStep"/>).</summary>
    public static ImageBuffer Sharpen(ImageBuffer image, double amount, double radius = 1, double threshold = 0) => new SharpenStep(amount, radius, threshold).Apply(image);

    /// <summary>Noise removal (see <see cref="DenoiseStep"/>).</summary>
    public static ImageBuffer Denoise(ImageBuffer image, DenoiseMethod method, double? strength = null) => new DenoiseStep(method, strength).Apply(image);

    /// <summary>Richardson–Lucy deconvolution (see <see cref="DeblurStep"/>).</summary>
    public static ImageBuffer Deblur(ImageBuffer image, BlurModel blur, int iterations = 30) => new DeblurStep(blur, iterations).Apply(image);

    /// <summary>Window and level (see <see cref="WindowStep"/>).</summary>
    public static ImageBuffer Window(ImageBuffer image, double center, double width, bool keepDepth = false) => new WindowStep(center, width, keepDepth).Apply(image);
}
