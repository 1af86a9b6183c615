namespace AugSharp;

/// <summary>The histogram equalisation of <see cref="Equalize"/>.</summary>
public enum EqualizeMode
{
    /// <summary>OpenCV's cv2.equalizeHist: the cumulative histogram from the first occupied level, scaled to 0..255.</summary>
    Cv,

    /// <summary>Pillow's ImageOps.equalize as Albumentations writes it: levels stepped by the histogram without its last occupied bin.</summary>
    Pil,
}

/// <summary>
/// Histogram equalisation (Albumentations' Equalize; default p = 0.5). With
/// <see cref="ByChannels"/> every channel is equalised on its own (any number of channels);
/// otherwise an RGB image (3 channels, or 4 with alpha kept) is equalised on the Y channel of
/// YCrCb and a gray one directly. It works on 8-bit levels, as Albumentations does for every
/// type: uint16 and float32 (0..1) images are taken to levels 0..255 and written back in their
/// scale. (Albumentations' optional mask is not supported.)
/// </summary>
[TransformCategory("color")]
public sealed class Equalize : Transform<EqualizeOperation>
{
    /// <summary>cv (OpenCV's equalizeHist) or pil (Pillow's).</summary>
    public EqualizeMode Mode { get; init; } = EqualizeMode.Cv;

    /// <summary>True: each channel on its own; false: the luma (Y of YCrCb) of an RGB image.</summary>
    public bool ByChannels { get; init; } = true;

    /// <summary>Albumentations' mask limiting the histogram: only null (the whole image) is supported; a mask array cannot come from a file.</summary>
    public string? Mask { get; init; }

    /// <summary>Albumentations' names of targets holding that mask: only empty is supported.</summary>
    public IReadOnlyList<string> MaskParams { get; init; } = [];

    /// <inheritdoc />
    protected override EqualizeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        AlbumentationsOptions.RequireDefault(Name, "mask", Mask, null);
        if (MaskParams.Count > 0) throw new NotSupportedException($"{Name}.mask_params = [{string.Join(", ", MaskParams)}] is not supported; only an empty list is.");
        return new() { Mode = Mode, ByChannels = ByChannels };
    }
}

/// <summary>Equalises the histogram of the image it meets (its tables come from the image's own histograms).</summary>
public sealed record EqualizeOperation : Operation
{
    /// <summary>cv or pil.</summary>
    public EqualizeMode Mode { get; init; }

    /// <summary>Each channel on its own, or the luma of RGB.</summary>
    public bool ByChannels { get; init; } = true;

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int channels = image.Channels;
        if (ByChannels || channels == 1)
        {
            var levels = EightBitLevels.Of(image);
            var tables = new byte[channels * 256];
            // The counts of up to four channels on the stack (8 KB), more on the heap.
            Span<long> counts = channels <= 4 ? stackalloc long[channels * 256] : new long[channels * 256];
            Kernels.ImageStatistics.Histograms(levels, counts);
            for (int c = 0; c < channels; c++) Table(counts.Slice(c * 256, 256), Mode, tables.AsSpan(c * 256, 256));
            if (!ReferenceEquals(levels, image)) levels.Dispose();
            return EightBitLevels.ApplyTables(image, tables);
        }
        if (channels is not (3 or 4)) throw new NotSupportedException($"Equalize with by_channels false takes gray or RGB images (1, 3, or 4 channels with alpha kept); this image has {channels}.");
        var src = EightBitLevels.Of(image);
        var ycc = YCrCb.FromRgb(src);
        var table = Table(EightBitLevels.Histogram(ycc, 0), Mode);
        for (int y = 0; y < ycc.Height; y++)
        {
            var row = ycc.GetRow(y);
            for (int i = 0; i < row.Length; i += 3) row[i] = table[row[i]];
        }
        var rgb = YCrCb.ToRgb(ycc, src);
        ycc.Dispose();
        if (!ReferenceEquals(src, image)) src.Dispose();
        var result = EightBitLevels.Back<T>(rgb);
        if (!ReferenceEquals(result, rgb)) rgb.Dispose();
        return result;
    }

    /// <summary>The equalisation table of one histogram.</summary>
    internal static byte[] Table(long[] hist, EqualizeMode mode)
    {
        var lut = new byte[256];
        Table(hist, mode, lut);
        return lut;
    }

    /// <summary>The equalisation table of one histogram (256 counts) into <paramref name="lut"/> (256 levels).</summary>
    internal static void Table(ReadOnlySpan<long> hist, EqualizeMode mode, Span<byte> lut)
    {
        if (hist.Length != 256 || lut.Length != 256) throw new ArgumentException("A histogram and a table have 256 entries.");
        if (mode == EqualizeMode.Cv) CvTable(hist, lut);
        else PilTable(hist, lut);
    }

    private static void CvTable(ReadOnlySpan<long> hist, Span<byte> lut)
    {
        int i = 0;
        while (i < 256 && hist[i] == 0) i++;
        if (i == 256)
        {
            EightBitLevels.Identity(lut);
            return;
        }
        long total = 0;
        foreach (long h in hist) total += h;
        if (hist[i] == total)
        {
            lut.Fill((byte)i);
            return;
        }
        lut[..i].Clear();
        float scale = 255f / (total - hist[i]);
        long sum = 0;
        for (lut[i++] = 0; i < 256; i++)
        {
            sum += hist[i];
            lut[i] = Kernels.KernelCommon.FromFloat<byte>(sum * scale);
        }
    }

    private static void PilTable(ReadOnlySpan<long> hist, Span<byte> lut)
    {
        // PIL's step: the counts of every occupied level but the last one, over 255.
        int occupied = 0, last = -1;
        long sumOfOccupied = 0;
        for (int i = 0; i < 256; i++)
        {
            if (hist[i] == 0) continue;
            occupied++;
            sumOfOccupied += hist[i];
            last = i;
        }
        long step = occupied <= 1 ? 0 : (sumOfOccupied - hist[last]) / 255;
        if (step == 0)
        {
            EightBitLevels.Identity(lut);
            return;
        }
        // Albumentations' cumulative sum counts the level itself (Pillow's loop counts the levels below it).
        long cumulative = 0;
        for (int i = 0; i < 256; i++)
        {
            cumulative += hist[i];
            lut[i] = (byte)Math.Min((cumulative + step / 2) / step, 255);
        }
    }
}

/// <summary>OpenCV's 8-bit RGB to YCrCb and back (BT.601, Cr and Cb offset by 128).</summary>
internal static class YCrCb
{
    /// <summary>A 3-channel Y, Cr, Cb image from channels 0..2 of an 8-bit RGB image.</summary>
    public static ImageBuffer<byte> FromRgb(ImageBuffer<byte> rgb)
    {
        var result = ImageBuffer<byte>.CreateUninitialized(rgb.Width, rgb.Height, 3);
        int channels = rgb.Channels;
        for (int y = 0; y < rgb.Height; y++)
        {
            var s = rgb.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0, o = 0; i < s.Length; i += channels, o += 3)
            {
                int r = s[i], g = s[i + 1], b = s[i + 2];
                int luma = (r * 4899 + g * 9617 + b * 1868 + (1 << 13)) >> 14;
                d[o] = (byte)luma;
                d[o + 1] = Kernels.KernelCommon.FromInt<byte>(((r - luma) * 11682 + (1 << 13) + (128 << 14)) >> 14);
                d[o + 2] = Kernels.KernelCommon.FromInt<byte>(((b - luma) * 9241 + (1 << 13) + (128 << 14)) >> 14);
            }
        }
        return result;
    }

    /// <summary>An RGB image of <paramref name="like"/>'s channel count from Y, Cr, Cb (channels after the third copied from <paramref name="like"/>).</summary>
    public static ImageBuffer<byte> ToRgb(ImageBuffer<byte> ycc, ImageBuffer<byte> like)
    {
        int channels = like.Channels;
        var result = ImageBuffer<byte>.CreateUninitialized(ycc.Width, ycc.Height, channels);
        for (int y = 0; y < ycc.Height; y++)
        {
            var s = ycc.GetRow(y);
            var l = like.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0, o = 0; i < s.Length; i += 3, o += channels)
            {
                int luma = s[i], cr = s[i + 1] - 128, cb = s[i + 2] - 128;
                d[o] = Kernels.KernelCommon.FromInt<byte>(luma + ((cr * 22987 + (1 << 13)) >> 14));
                d[o + 1] = Kernels.KernelCommon.FromInt<byte>(luma + ((-cr * 11698 - cb * 5636 + (1 << 13)) >> 14));
                d[o + 2] = Kernels.KernelCommon.FromInt<byte>(luma + ((cb * 29049 + (1 << 13)) >> 14));
                for (int c = 3; c < channels; c++) d[o + c] = l[o + c];
            }
        }
        return result;
    }
}
