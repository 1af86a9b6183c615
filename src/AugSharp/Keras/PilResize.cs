namespace AugSharp.Keras;

/// <summary>Pillow resampling filters, by Keras' interpolation names.</summary>
public enum PilInterpolation
{
    /// <summary>Pillow NEAREST ("nearest"), Keras' default.</summary>
    Nearest,

    /// <summary>Pillow BILINEAR ("bilinear"): triangle filter, support 1, antialiased when downscaling.</summary>
    Bilinear,

    /// <summary>Pillow BICUBIC ("bicubic"): Keys cubic with a = -0.5, support 2.</summary>
    Bicubic,

    /// <summary>Pillow LANCZOS ("lanczos"): Lanczos-3 windowed sinc.</summary>
    Lanczos,

    /// <summary>Pillow BOX ("box"): area average, support 0.5.</summary>
    Box,

    /// <summary>Pillow HAMMING ("hamming"): Hamming-windowed sinc, support 1.</summary>
    Hamming,
}

/// <summary>
/// Reproduces Pillow 9.4.0's <c>Image.resize(size, resample, box)</c> for 8-bit L, RGB and RGBA images
/// and 16-bit grayscale (I;16), bit for bit: NEAREST through Pillow's affine scale (running double
/// sum) and every other filter through its two-pass, fixed-point antialiased resampler.
/// </summary>
internal static partial class PilResize
{
    private static readonly string[] Names = ["nearest", "bilinear", "bicubic", "lanczos", "box", "hamming"];

    /// <summary>Parses Keras' interpolation names.</summary>
    public static PilInterpolation Parse(string name) => name switch
    {
        "nearest" => PilInterpolation.Nearest,
        "bilinear" => PilInterpolation.Bilinear,
        "bicubic" => PilInterpolation.Bicubic,
        "lanczos" => PilInterpolation.Lanczos,
        "box" => PilInterpolation.Box,
        "hamming" => PilInterpolation.Hamming,
        _ => throw new ArgumentException(
            $"Invalid interpolation method '{name}'. Supported methods are: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// Like Pillow's <c>Image.resize((width, height), filter, box)</c> on an 8-bit image of 1, 3 or 4
    /// interleaved channels (modes L, RGB, RGBA). <paramref name="box"/> is (left, top, right, bottom)
    /// in source pixels; null means the whole image.
    /// </summary>
    public static ImageBuffer<byte> Resize(ImageBuffer<byte> source, int width, int height, PilInterpolation filter,
        (double Left, double Top, double Right, double Bottom)? box = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        int channels = source.Channels;
        if (channels is not (1 or 3 or 4))
            throw new ArgumentException($"Only 1, 3 or 4 channels (L, RGB, RGBA) are supported, not {channels}.", nameof(source));
        var b = PrepareBox(source.Width, source.Height, width, height, box, out bool identity);
        if (identity) return source.Clone();

        // Pillow resizes RGBA through premultiplied RGBa for every filter except NEAREST.
        if (channels == 4 && filter != PilInterpolation.Nearest)
        {
            using var premultiplied = Premultiply(source);
            using var resized = ResizeCore(premultiplied, width, height, filter, b);
            return Unpremultiply(resized);
        }
        return ResizeCore(source, width, height, filter, b);
    }

    /// <summary>
    /// Like Pillow's <c>Image.resize</c> on a 16-bit grayscale image (mode I;16). NEAREST is exact.
    /// Pillow 9.4 refuses every other filter for I;16 ("image has wrong mode"), and so does this method,
    /// with a <see cref="NotSupportedException"/>.
    /// </summary>
    public static ImageBuffer<ushort> Resize(ImageBuffer<ushort> source, int width, int height, PilInterpolation filter,
        (double Left, double Top, double Right, double Bottom)? box = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Channels != 1)
            throw new ArgumentException($"16-bit images must have one channel (I;16), not {source.Channels}.", nameof(source));
        var b = PrepareBox(source.Width, source.Height, width, height, box, out bool identity);
        if (identity) return source.Clone();
        if (IsCrop(b, width, height)) return CropCopy(source, b);
        if (filter != PilInterpolation.Nearest)
            throw new NotSupportedException(
                $"Pillow 9.4 cannot resize 16-bit grayscale (I;16) images with {filter} (\"image has wrong mode\"); only nearest is supported.");

        // I;16 is a "special" Pillow type: NEAREST goes through the generic transform, which computes
        // every coordinate afresh as a0*(x+0.5) + a2 instead of keeping a running sum.
        double a0 = (double)(b[2] - b[0]) / width;
        double a4 = (double)(b[3] - b[1]) / height;
        double a2 = b[0], a5 = b[1];
        var output = new ImageBuffer<ushort>(width, height, 1);
        int inW = source.Width, inH = source.Height;
        for (int y = 0; y < height; y++)
        {
            var outRow = output.GetRow(y);
            double yin = y + 0.5;
            for (int x = 0; x < width; x++)
            {
                double xin = x + 0.5;
                double xx = a0 * xin + 0.0 * yin + a2;
                double yy = 0.0 * xin + a4 * yin + a5;
                int xi = Coord(xx), yi = Coord(yy);
                outRow[x] = xi < 0 || xi >= inW || yi < 0 || yi >= inH ? (ushort)0 : source[yi, xi, 0];
            }
        }
        return output;
    }

    /// <summary>Pillow's COORD macro: -1 for negative values, truncation otherwise.</summary>
    private static int Coord(double v) => v < 0.0 ? -1 : (int)v;

    /// <summary>
    /// Validates the request like Pillow's <c>Image.resize</c> and <c>_resize</c> and returns the box
    /// as float32 values (Pillow parses it with the "ffff" format).
    /// </summary>
    private static float[] PrepareBox(int inW, int inH, int width, int height,
        (double Left, double Top, double Right, double Bottom)? box, out bool identity)
    {
        if (width < 1 || height < 1)
            throw new ArgumentOutOfRangeException(nameof(width), $"Height and width must be > 0 (got {width}x{height}).");
        var bx = box ?? (0, 0, inW, inH);
        identity = width == inW && height == inH && bx.Left == 0 && bx.Top == 0 && bx.Right == inW && bx.Bottom == inH;
        float[] b = [(float)bx.Left, (float)bx.Top, (float)bx.Right, (float)bx.Bottom];
        if (b[0] < 0 || b[1] < 0) throw new ArgumentException("box offset can't be negative", nameof(box));
        if (b[2] > inW || b[3] > inH) throw new ArgumentException("box can't exceed original image size", nameof(box));
        if (b[2] - b[0] < 0 || b[3] - b[1] < 0) throw new ArgumentException("box can't be empty", nameof(box));
        return b;
    }

    /// <summary>Pillow's shortcut: an integer box of exactly the output size is a plain crop.</summary>
    private static bool IsCrop(float[] b, int width, int height)
        => b[0] - (int)b[0] == 0 && b[2] - b[0] == width && b[1] - (int)b[1] == 0 && b[3] - b[1] == height;

    private static ImageBuffer<T> CropCopy<T>(ImageBuffer<T> source, float[] b) where T : unmanaged
    {
        int x0 = (int)b[0], y0 = (int)b[1], x1 = (int)b[2], y1 = (int)b[3];
        using var view = source.Crop(x0, y0, x1 - x0, y1 - y0);
        return view.Clone();
    }

    private static ImageBuffer<byte> ResizeCore(ImageBuffer<byte> source, int width, int height, PilInterpolation filter, float[] b)
    {
        if (IsCrop(b, width, height)) return CropCopy(source, b);
        return filter == PilInterpolation.Nearest
            ? ScaleNearest(source, width, height, b)
            : Resample(source, width, height, filter, b);
    }

    /// <summary>Pillow's ImagingScaleAffine: source positions accumulated in a running double sum.</summary>
    private static ImageBuffer<byte> ScaleNearest(ImageBuffer<byte> source, int width, int height, float[] b)
    {
        double a0 = (double)(b[2] - b[0]) / width;
        double a4 = (double)(b[3] - b[1]) / height;
        double a2 = b[0], a5 = b[1];
        int channels = source.Channels;
        var xintab = new int[width];
        int xmin = width, xmax = 0;
        double xo = a2 + a0 * 0.5;
        for (int x = 0; x < width; x++)
        {
            int xin = Coord(xo);
            if (xin >= 0 && xin < source.Width)
            {
                xmax = x + 1;
                if (x < xmin) xmin = x;
                xintab[x] = xin;
            }
            xo += a0;
        }

        var output = new ImageBuffer<byte>(width, height, channels);
        double yo = a5 + a4 * 0.5;
        for (int y = 0; y < height; y++)
        {
            int yi = Coord(yo);
            if (yi >= 0 && yi < source.Height)
            {
                var inRow = source.GetRow(yi);
                var outRow = output.GetRow(y);
                for (int x = xmin; x < xmax; x++)
                    inRow.Slice(xintab[x] * channels, channels).CopyTo(outRow.Slice(x * channels, channels));
            }
            yo += a4;
        }
        return output;
    }

    /// <summary>MULDIV255 premultiplication, as Pillow's RGBA to RGBa conversion.</summary>
    private static ImageBuffer<byte> Premultiply(ImageBuffer<byte> source)
    {
        var result = new ImageBuffer<byte>(source.Width, source.Height, 4);
        for (int y = 0; y < source.Height; y++)
        {
            var inRow = source.GetRow(y);
            var outRow = result.GetRow(y);
            for (int i = 0; i < inRow.Length; i += 4)
            {
                uint alpha = inRow[i + 3];
                for (int c = 0; c < 3; c++)
                {
                    uint tmp = inRow[i + c] * alpha + 128;
                    outRow[i + c] = (byte)(((tmp >> 8) + tmp) >> 8);
                }
                outRow[i + 3] = (byte)alpha;
            }
        }
        return result;
    }

    /// <summary>Pillow's RGBa to RGBA conversion: truncating division by alpha, clipped to 255.</summary>
    private static ImageBuffer<byte> Unpremultiply(ImageBuffer<byte> source)
    {
        var result = new ImageBuffer<byte>(source.Width, source.Height, 4);
        for (int y = 0; y < source.Height; y++)
        {
            var inRow = source.GetRow(y);
            var outRow = result.GetRow(y);
            for (int i = 0; i < inRow.Length; i += 4)
            {
                int alpha = inRow[i + 3];
                for (int c = 0; c < 3; c++)
                {
                    int v = inRow[i + c];
                    outRow[i + c] = alpha is 255 or 0 ? (byte)v : (byte)Math.Min(255, 255 * v / alpha);
                }
                outRow[i + 3] = (byte)alpha;
            }
        }
        return result;
    }
}
