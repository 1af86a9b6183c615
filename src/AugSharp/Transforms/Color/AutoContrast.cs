namespace AugSharp;

/// <summary>How <see cref="AutoContrast"/> maps the occupied levels to the full range.</summary>
public enum AutoContrastMethod
{
    /// <summary>By the cumulative histogram between the bounds (an equalisation within them).</summary>
    Cdf,

    /// <summary>Linearly, as Albumentations writes Pillow's ImageOps.autocontrast: the lower bound goes to 0 and the upper to 255, levels between rounded (Pillow truncates them).</summary>
    Pil,
}

/// <summary>
/// Stretches each channel's levels to the full range (Albumentations' AutoContrast; default
/// p = 0.5): the lowest and highest levels of the channel's histogram, after cutting
/// <see cref="Cutoff"/> percent of the pixels at each end, go to 0 and 255. Any number of
/// channels. It works on 8-bit levels, as Albumentations does for every type: uint16 and float32
/// (0..1) images are taken to levels 0..255 and written back in their scale.
/// </summary>
[TransformCategory("color")]
public sealed class AutoContrast : Transform<AutoContrastOperation>
{
    /// <summary>The percentage (0..100) of pixels cut from each end of each channel's histogram.</summary>
    public double Cutoff { get; init; }

    /// <summary>A level left out of the histograms and kept as it is, or null.</summary>
    public int? Ignore { get; init; }

    /// <summary>cdf (by the cumulative histogram) or pil (linear).</summary>
    public AutoContrastMethod Method { get; init; } = AutoContrastMethod.Cdf;

    /// <inheritdoc />
    protected override AutoContrastOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (!(Cutoff >= 0 && Cutoff <= 100)) throw new ArgumentOutOfRangeException(nameof(Cutoff), Cutoff, "cutoff must be a percentage between 0 and 100.");
        if (Ignore is < 0 or > 255) throw new ArgumentOutOfRangeException(nameof(Ignore), Ignore, "ignore must be a level between 0 and 255.");
        return new AutoContrastOperation { Cutoff = Cutoff, Ignore = Ignore, Method = Method };
    }
}

/// <summary>Stretches each channel of the image it meets (the tables come from its own histograms).</summary>
public sealed record AutoContrastOperation : Operation
{
    /// <summary>The percentage of pixels cut at each end.</summary>
    public double Cutoff { get; init; }

    /// <summary>A level left out and kept, or null.</summary>
    public int? Ignore { get; init; }

    /// <summary>cdf or pil.</summary>
    public AutoContrastMethod Method { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int channels = image.Channels;
        var levels = EightBitLevels.Of(image);
        var tables = new byte[channels * 256];
        for (int c = 0; c < channels; c++)
        {
            var hist = EightBitLevels.Histogram(levels, c);
            if (Ignore is int ignored and >= 0 and < 256) hist[ignored] = 0;
            var (low, high) = Bounds(hist, Cutoff);
            var table = high <= low ? EightBitLevels.Identity() : Table(hist, low, high, Method);
            if (Ignore is int kept and >= 0 and < 256) table[kept] = (byte)kept;
            table.CopyTo(tables, c * 256);
        }
        if (!ReferenceEquals(levels, image)) levels.Dispose();
        return EightBitLevels.ApplyTables(image, tables);
    }

    private static (int Low, int High) Bounds(long[] hist, double cutoff)
    {
        if (cutoff == 0)
        {
            int lo = Array.FindIndex(hist, h => h != 0), hi = Array.FindLastIndex(hist, h => h != 0);
            return lo < 0 ? (0, 0) : (lo, hi);
        }
        double total = hist.Sum();
        if (total == 0) return (0, 0);
        double cut = total * cutoff / 100;
        if (hist.All(h => h == hist[0]))
        {
            int m = (int)(256 * cutoff / 100);
            return (m, 255 - m);
        }
        int min = 0;
        double sum = 0;
        for (int i = 0; i < 256; i++)
        {
            sum += hist[i];
            if (sum >= cut)
            {
                min = i + 1;
                break;
            }
        }
        min = Math.Min(min, 255);
        int max = 255;
        sum = 0;
        for (int i = 255; i >= 0; i--)
        {
            sum += hist[i];
            if (sum >= cut)
            {
                max = i;
                break;
            }
        }
        return min > max ? (127, 127) : (min, max);
    }

    private static byte[] Table(long[] hist, int low, int high, AutoContrastMethod method)
    {
        var lut = new byte[256];
        if (method == AutoContrastMethod.Cdf)
        {
            var cdf = new double[high - low + 1];
            double run = 0;
            for (int i = low; i <= high; i++) cdf[i - low] = run += hist[i];
            if (cdf[^1] == 0) return EightBitLevels.Identity();
            double span = cdf[^1] - cdf[0];
            for (int i = low; i <= high; i++)
                lut[i] = span == 0 ? (byte)0 : Kernels.KernelCommon.FromDouble<byte>((cdf[i - low] - cdf[0]) * 255 / span);
        }
        else
        {
            double scale = 255.0 / (high - low);
            for (int i = low; i <= high; i++) lut[i] = Kernels.KernelCommon.FromDouble<byte>((i - low) * scale);
        }
        for (int i = high + 1; i < 256; i++) lut[i] = 255;
        return lut;
    }
}
