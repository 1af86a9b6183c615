using System.Globalization;
using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// One deterministic enhancement step: it takes an image and gives a new one (never the input
/// itself, which the caller still owns). 8-bit and 16-bit images keep their depth unless the step
/// says otherwise (<see cref="WindowStep"/> gives 8 bits); float32 images (0..1) are accepted too.
/// Steps are records: they compare by value, print their settings and serialise to JSON.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "step")]
[JsonDerivedType(typeof(UpscaleStep), "upscale")]
[JsonDerivedType(typeof(BrightnessStep), "brightness")]
[JsonDerivedType(typeof(ContrastStep), "contrast")]
[JsonDerivedType(typeof(GammaStep), "gamma")]
[JsonDerivedType(typeof(AutoLevelsStep), "auto_levels")]
[JsonDerivedType(typeof(EqualizeStep), "equalize")]
[JsonDerivedType(typeof(ClaheStep), "clahe")]
[JsonDerivedType(typeof(SharpenStep), "sharpen")]
[JsonDerivedType(typeof(DenoiseStep), "denoise")]
[JsonDerivedType(typeof(DeblurStep), "deblur")]
[JsonDerivedType(typeof(WindowStep), "window")]
[JsonDerivedType(typeof(ModelUpscaleStep), "model")]
public abstract record EnhanceStep
{
    /// <summary>Applies the step to <paramref name="image"/>, giving a new image.</summary>
    public ImageBuffer Apply(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = image.PixelType switch
        {
            PixelType.UInt8 => ApplyTo(image.As<byte>()),
            PixelType.UInt16 => ApplyTo(image.As<ushort>()),
            _ => ApplyTo(image.As<float>()),
        };
        return ReferenceEquals(result, image) ? image.ConvertTo(image.PixelType) : result;
    }

    /// <summary>The typed step (may return the input itself when nothing changes; <see cref="Apply"/> then copies it).</summary>
    protected abstract ImageBuffer ApplyTo<T>(ImageBuffer<T> image) where T : unmanaged;

    /// <summary>The step as the command line writes it (<c>--sharpen 1,1,0</c>).</summary>
    public abstract string CommandLine { get; }

    /// <summary>A number as the command line writes it.</summary>
    protected static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>How <see cref="UpscaleStep"/> enlarges.</summary>
public enum UpscaleMethod
{
    /// <summary>Lanczos over 8x8 neighbours, OpenCV's INTER_LANCZOS4 (sharp, slight ringing).</summary>
    Lanczos,

    /// <summary>Bicubic (a = -0.75), OpenCV's INTER_CUBIC.</summary>
    Bicubic,

    /// <summary>Edge-directed and consistent with the input (EdgeUpscale's operation, <see cref="Kernels.EdgeDirectedUpscale"/>): straighter edges, higher PSNR and SSIM on photos, about 20 times slower than Lanczos.</summary>
    Edge,
}

/// <summary>Enlarges by a whole factor (2, 3 or 4).</summary>
/// <param name="Factor">2, 3 or 4.</param>
/// <param name="Method">The interpolation.</param>
public sealed record UpscaleStep(int Factor, UpscaleMethod Method = UpscaleMethod.Lanczos) : EnhanceStep
{
    /// <inheritdoc />
    public override string CommandLine => $"--upscale {Factor} --method {Method.ToString().ToLowerInvariant()}";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        if (Factor is < 2 or > 4) throw new ArgumentOutOfRangeException(nameof(Factor), Factor, "the upscale factor must be 2, 3 or 4");
        if (Method == UpscaleMethod.Edge) return new EdgeUpscaleOperation(Factor).Apply(new AnnotatedImage(image)).Image;
        var dst = ImageBuffer<T>.CreateUninitialized(image.Width * Factor, image.Height * Factor, image.Channels);
        Kernels.ResizeKernel.Apply(image, dst, Method == UpscaleMethod.Bicubic ? Interpolation.Cubic : Interpolation.Lanczos);
        return dst;
    }
}

/// <summary>Adds <see cref="Amount"/> times the largest value (255, 65535 or 1) to every element: RandomBrightnessContrast's operation with beta fixed.</summary>
/// <param name="Amount">-1..1; 0.1 brightens by a tenth of the range.</param>
public sealed record BrightnessStep(double Amount) : EnhanceStep
{
    /// <inheritdoc />
    public override string CommandLine => $"--brightness {Format(Amount)}";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        if (!(Amount >= -1 && Amount <= 1)) throw new ArgumentOutOfRangeException(nameof(Amount), Amount, "brightness must be within -1..1");
        return new BrightnessContrastOperation { Alpha = 1, Beta = Amount }.Apply(new AnnotatedImage(image)).Image;
    }
}

/// <summary>
/// Scales every element's distance from the image's mean by <see cref="Factor"/>:
/// <c>out = mean + F·(v - mean)</c> (Pillow's ImageEnhance.Contrast, with the mean of all elements),
/// through RandomBrightnessContrast's operation.
/// </summary>
/// <param name="Factor">Above 0; 1 changes nothing, 1.3 gives 30% more contrast, 0.5 half.</param>
public sealed record ContrastStep(double Factor) : EnhanceStep
{
    /// <inheritdoc />
    public override string CommandLine => $"--contrast {Format(Factor)}";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        if (!(Factor > 0 && Factor <= 100)) throw new ArgumentOutOfRangeException(nameof(Factor), Factor, "contrast must be above 0 (1 changes nothing)");
        double max = EnhancePixels.Max<T>(), total = 0;
        long count = 0;
        for (int y = 0; y < image.Height; y++)
        {
            foreach (var v in image.GetRow(y)) total += Kernels.KernelCommon.ToFloat(v);
            count += image.RowLength;
        }
        double mean = total / count / max;
        return new BrightnessContrastOperation { Alpha = Factor, Beta = (1 - Factor) * mean }.Apply(new AnnotatedImage(image)).Image;
    }
}

/// <summary><c>out = max·(v/max)^G</c>: RandomGamma's operation with the exponent fixed (G below 1 brightens the shadows, above 1 darkens).</summary>
/// <param name="Gamma">Above 0.</param>
public sealed record GammaStep(double Gamma) : EnhanceStep
{
    /// <inheritdoc />
    public override string CommandLine => $"--gamma {Format(Gamma)}";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        if (!(Gamma > 0 && Gamma <= 100)) throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "gamma must be above 0");
        return new GammaOperation { Gamma = Gamma }.Apply(new AnnotatedImage(image)).Image;
    }
}

/// <summary>
/// Stretches levels so that the darkest <see cref="Percent"/> % of the pixels become black and the
/// brightest <see cref="Percent"/> % white, linearly in between: per channel (each channel its own
/// stretch), or on the luminance (0.299 R + 0.587 G + 0.114 B: one stretch for R, G and B, which
/// keeps the hues; gray images are their own luminance). A channel whose two percentiles meet is
/// left alone. Alpha (a fourth channel) is never stretched in luminance mode.
/// </summary>
/// <param name="Percent">0..49.9; 0 stretches from the minimum to the maximum.</param>
/// <param name="Luminance">True: one stretch from the luminance; false: one per channel.</param>
public sealed record AutoLevelsStep(double Percent = 0.5, bool Luminance = false) : EnhanceStep, IIntegerDepthOperation
{
    /// <inheritdoc />
    public override string CommandLine => $"--auto-levels {Format(Percent)}{(Luminance ? ",luminance" : "")}";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        if (!(Percent >= 0 && Percent < 50)) throw new ArgumentOutOfRangeException(nameof(Percent), Percent, "the auto-levels percentile must be within 0..50");
        return EnhancePixels.AtIntegerDepth(image, this);
    }

    ImageBuffer<TI> IIntegerDepthOperation.Apply<TI>(ImageBuffer<TI> image)
    {
        int cn = image.Channels, levels = Kernels.HistogramKernels.Levels<TI>();
        double fraction = Percent / 100;
        var bounds = new (int Low, int High)[cn];
        if (Luminance && cn >= 3)
        {
            using var luma = EnhancePixels.Luminance(image);
            var hist = Kernels.HistogramKernels.Histogram(luma, 0);
            var b = (Kernels.HistogramKernels.Percentile(hist, fraction), Kernels.HistogramKernels.Percentile(hist, 1 - fraction));
            for (int c = 0; c < cn; c++) bounds[c] = c < 3 ? b : (0, 0);
        }
        else
        {
            for (int c = 0; c < cn; c++)
            {
                var hist = Kernels.HistogramKernels.Histogram(image, c);
                bounds[c] = (Kernels.HistogramKernels.Percentile(hist, fraction), Kernels.HistogramKernels.Percentile(hist, 1 - fraction));
            }
        }
        var tables = new TI[cn * levels];
        for (int c = 0; c < cn; c++)
        {
            var (low, high) = bounds[c];
            for (int v = 0; v < levels; v++)
                tables[c * levels + v] = high > low
                    ? Kernels.KernelCommon.FromDouble<TI>((v - low) * (double)(levels - 1) / (high - low))
                    : Kernels.KernelCommon.FromInt<TI>(v);
        }
        return EnhancePixels.ApplyTables(image, tables);
    }
}

/// <summary>
/// Global histogram equalisation: a gray image directly, an RGB one on its luma. 8-bit images take
/// Equalize's operation (OpenCV's equalizeHist, RGB on the Y of YCrCb); 16-bit ones are equalised
/// over their 65536 levels, RGB through the luminance (each pixel's R, G and B scaled by the ratio of
/// its new luminance to its old).
/// </summary>
public sealed record EqualizeStep : EnhanceStep, IIntegerDepthOperation
{
    /// <inheritdoc />
    public override string CommandLine => "--equalize";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        if (typeof(T) == typeof(byte))
            return new EqualizeOperation { Mode = EqualizeMode.Cv, ByChannels = false }.Apply(new AnnotatedImage(image)).Image;
        return EnhancePixels.AtIntegerDepth(image, this);
    }

    ImageBuffer<TI> IIntegerDepthOperation.Apply<TI>(ImageBuffer<TI> image) => EnhancePixels.OnLuminance(image, "equalize", Kernels.HistogramKernels.Equalize);
}

/// <summary>
/// Contrast limited adaptive histogram equalisation. 8-bit images take CLAHE's operation (OpenCV's
/// createCLAHE; RGB on the L of CIE Lab); 16-bit ones are equalised over their 65536 levels as
/// OpenCV does for CV_16U (gray directly, RGB through the luminance ratio), keeping their depth.
/// </summary>
/// <param name="ClipLimit">OpenCV's clipLimit (0: no limit; 2 is mild, 4 strong).</param>
/// <param name="Tiles">Tiles across and down (OpenCV's tileGridSize, square).</param>
public sealed record ClaheStep(double ClipLimit = 2, int Tiles = 8) : EnhanceStep, IIntegerDepthOperation
{
    /// <inheritdoc />
    public override string CommandLine => $"--clahe {Format(ClipLimit)},{Tiles}";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        if (!(ClipLimit >= 0 && ClipLimit <= 1000)) throw new ArgumentOutOfRangeException(nameof(ClipLimit), ClipLimit, "the CLAHE clip limit must be within 0..1000");
        if (Tiles is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(Tiles), Tiles, "the CLAHE tiles must be within 1..256");
        if (typeof(T) == typeof(byte))
            return new ClaheOperation { ClipLimit = ClipLimit, TileGridSize = [Tiles, Tiles] }.Apply(new AnnotatedImage(image)).Image;
        return EnhancePixels.AtIntegerDepth(image, this);
    }

    ImageBuffer<TI> IIntegerDepthOperation.Apply<TI>(ImageBuffer<TI> image) => EnhancePixels.OnLuminance(image, "CLAHE", g => Kernels.HistogramKernels.Clahe(g, ClipLimit, Tiles, Tiles));
}

/// <summary>
/// The unsharp mask of photo editors: with G a Gaussian blur of σ = <see cref="Radius"/> pixels,
/// every element where <c>|v - G|</c> reaches <see cref="Threshold"/> (in 8-bit levels, scaled to
/// the type) becomes <c>v + amount·(v - G)</c>, clamped; the others are kept.
/// </summary>
/// <param name="Amount">The gain, 0..10 (0.5 to 1.5 is usual).</param>
/// <param name="Radius">σ of the blur in pixels, 0.1..50.</param>
/// <param name="Threshold">The smallest difference sharpened, in 8-bit levels (0: all).</param>
public sealed record SharpenStep(double Amount, double Radius = 1, double Threshold = 0) : EnhanceStep
{
    /// <inheritdoc />
    public override string CommandLine => $"--sharpen {Format(Amount)},{Format(Radius)},{Format(Threshold)}";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        if (!(Amount >= 0 && Amount <= 10)) throw new ArgumentOutOfRangeException(nameof(Amount), Amount, "the sharpen amount must be within 0..10");
        if (!(Radius >= 0.1 && Radius <= 50)) throw new ArgumentOutOfRangeException(nameof(Radius), Radius, "the sharpen radius must be within 0.1..50");
        if (!(Threshold >= 0 && Threshold <= 255)) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "the sharpen threshold must be within 0..255");
        using var values = image.ConvertTo<float>();
        using var blur = ImageBuffer<float>.CreateUninitialized(image.Width, image.Height, image.Channels);
        Kernels.Convolution.Gaussian(values, blur, Kernels.Convolution.GaussianSizeFor(Radius, uint8: false), Radius);
        float amount = (float)Amount, threshold = (float)(Threshold * EnhancePixels.Max<T>() / 255);
        for (int y = 0; y < image.Height; y++)
        {
            var s = values.GetRow(y);
            var b = blur.GetRow(y);
            for (int i = 0; i < s.Length; i++)
            {
                float d = s[i] - b[i];
                if (Math.Abs(d) >= threshold) b[i] = s[i] + amount * d;
                else b[i] = s[i];
            }
        }
        return EnhancePixels.FromValues<T>(blur);
    }
}

/// <summary>How <see cref="DenoiseStep"/> removes noise.</summary>
public enum DenoiseMethod
{
    /// <summary>The median of a square (MedianBlur's operation): salt and pepper, light noise.</summary>
    Median,

    /// <summary>The bilateral filter: neighbours weighted by distance and by likeness.</summary>
    Bilateral,

    /// <summary>Non-local means: pixels weighted by the likeness of their surrounding patches; the strongest and slowest.</summary>
    NlMeans,
}

/// <summary>
/// Removes noise. <see cref="Strength"/> is, for median, the odd window size (default 3); for
/// bilateral and nlmeans, the noise's standard deviation in 8-bit levels (scaled to the type),
/// estimated from the image when not given (<see cref="Kernels.Denoising.EstimateNoiseSigma"/>).
/// Bilateral uses σc = 2σ and σs = 1.5 pixels; nlmeans 5x5 patches, a 15x15 search window and
/// h = 0.6σ.
/// </summary>
/// <param name="Method">median, bilateral or nlmeans.</param>
/// <param name="Strength">See above; null for the default.</param>
public sealed record DenoiseStep(DenoiseMethod Method, double? Strength = null) : EnhanceStep
{
    /// <inheritdoc />
    public override string CommandLine => $"--denoise {Method.ToString().ToLowerInvariant()}{(Strength is { } s ? " " + Format(s) : "")}";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        if (Method == DenoiseMethod.Median)
        {
            int size = Strength is { } s ? (int)s : 3;
            if (Strength is { } given && (given != size || size < 3 || size % 2 == 0 || size > 99))
                throw new ArgumentOutOfRangeException(nameof(Strength), given, "the median window must be an odd whole number from 3 to 99");
            return new MedianBlurOperation { Kernel = size }.Apply(new AnnotatedImage(image)).Image;
        }
        if (Strength is { } strength && !(strength > 0 && strength <= 255))
            throw new ArgumentOutOfRangeException(nameof(Strength), strength, "the denoise strength must be within 0..255 (8-bit levels)");
        Operation operation = Method == DenoiseMethod.Bilateral
            ? new BilateralFilterOperation { SigmaColor = 2 * (Strength ?? 0), SigmaSpace = 1.5 }
            : new NonLocalMeansOperation { Sigma = Strength ?? 0, HFactor = 0.6, PatchSize = 5, SearchSize = 15 };
        return operation.Apply(new AnnotatedImage(image)).Image;
    }
}

/// <summary>The known blur <see cref="DeblurStep"/> undoes.</summary>
/// <param name="Kind">Gaussian or motion.</param>
/// <param name="Sigma">The Gaussian's σ in pixels.</param>
/// <param name="Length">The motion streak's length in pixels.</param>
/// <param name="Angle">The motion streak's angle in degrees, anticlockwise from the x axis.</param>
public sealed record BlurModel(PointSpread Kind, double Sigma = 0, double Length = 0, double Angle = 0)
{
    /// <summary>A Gaussian blur of σ <paramref name="sigma"/> pixels.</summary>
    public static BlurModel Gaussian(double sigma) => new(PointSpread.Gaussian, Sigma: sigma);

    /// <summary>A straight motion streak of <paramref name="length"/> pixels at <paramref name="angle"/> degrees.</summary>
    public static BlurModel Motion(double length, double angle) => new(PointSpread.Motion, Length: length, Angle: angle);

    /// <summary>The point spread function.</summary>
    public float[,] Psf() => Kind == PointSpread.Motion ? Kernels.Deconvolution.MotionPsf(Length, Angle) : Kernels.Deconvolution.GaussianPsf(Sigma);

    /// <inheritdoc />
    public override string ToString() => Kind == PointSpread.Motion
        ? FormattableString.Invariant($"motion:{Length:0.###},{Angle:0.###}")
        : FormattableString.Invariant($"gaussian:{Sigma:0.###}");
}

/// <summary>Richardson–Lucy deconvolution of a known blur: RichardsonLucy's operation (<see cref="Kernels.Deconvolution.RichardsonLucy"/>).</summary>
/// <param name="Blur">The blur to undo.</param>
/// <param name="Iterations">1..1000 (default 30; more gives more detail and more noise).</param>
public sealed record DeblurStep(BlurModel Blur, int Iterations = 30) : EnhanceStep
{
    /// <inheritdoc />
    public override string CommandLine => $"--deblur {Blur} --iterations {Iterations}";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        ArgumentNullException.ThrowIfNull(Blur);
        if (Iterations is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "the deblur iterations must be within 1..1000");
        Blur.Psf();
        return new RichardsonLucyOperation { Psf = Blur.Kind, Sigma = Blur.Sigma, Length = Blur.Length, Angle = Blur.Angle, Iterations = Iterations }.Apply(new AnnotatedImage(image)).Image;
    }
}

/// <summary>
/// Window and level, as medical viewers show CT and X-ray images (DICOM PS3.3 C.11.2.1.2.1):
/// values below <c>center - width/2</c> become black, above <c>center + width/2</c> white, linear
/// in between: WindowLevel's operation. The result is 8-bit, or of the input's depth with <see cref="KeepDepth"/>.
/// </summary>
/// <param name="Center">The window's centre (level), in the image's values (0..65535 for 16-bit).</param>
/// <param name="Width">The window's width: at least 1 for integer images, above 0 for float ones (0..1).</param>
/// <param name="KeepDepth">True: write the input's depth (16-bit stays 16-bit) instead of 8 bits.</param>
public sealed record WindowStep(double Center, double Width, bool KeepDepth = false) : EnhanceStep
{
    /// <inheritdoc />
    public override string CommandLine => $"--window {Format(Center)},{Format(Width)}{(KeepDepth ? ",keep" : "")}";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        if (!(Width > 0) || (typeof(T) != typeof(float) && Width < 1)) throw new ArgumentOutOfRangeException(nameof(Width), Width, "the window width must be at least 1 (above 0 for float images)");
        if (!double.IsFinite(Center)) throw new ArgumentOutOfRangeException(nameof(Center), Center, "the window centre must be a number");
        return new WindowLevelOperation { Center = Center, Width = Width, KeepDepth = KeepDepth }.Apply(new AnnotatedImage(image)).Image;
    }
}
