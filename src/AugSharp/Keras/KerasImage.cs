namespace AugSharp.Keras;

/// <summary>
/// Keras' image utilities: <c>load_img</c>, <c>img_to_array</c>, <c>array_to_img</c>,
/// <c>save_img</c>, with Pillow's colour conversions and resizing.
/// </summary>
public static class KerasImage
{
    /// <summary>The extensions Keras accepts in directories, matched with <c>EndsWith</c> and no dot, case-insensitively.</summary>
    public static IReadOnlyList<string> WhiteListFormats { get; } = ["png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff"];

    private static readonly ImageReadOptions KerasReadOptions = new() { ApplyExifOrientation = false };

    /// <summary>
    /// Keras' <c>load_img</c>: decodes <paramref name="path"/>, converts it to
    /// <paramref name="colorMode"/> ("grayscale", "rgb" or "rgba", as Pillow's <c>convert</c> does;
    /// 16-bit grayscale stays 16-bit in grayscale mode), and resizes it to
    /// <paramref name="targetSize"/> (height, width) with Pillow's filter when the size differs.
    /// Returns a byte image, or a ushort image for 16-bit grayscale.
    /// </summary>
    /// <remarks>
    /// As in Keras (Pillow's <c>Image.open</c> without <c>exif_transpose</c>), the EXIF orientation
    /// of a JPEG is ignored: the pixels are returned as stored, so a portrait photo taken sideways
    /// stays sideways. <see cref="ImageReadOptions.ApplyExifOrientation"/> in <paramref name="options"/> is
    /// overridden; call <see cref="ImageCodec.Read(string, ImageReadOptions?)"/> to get the oriented image.
    /// The other <paramref name="options"/> (<see cref="ImageReadOptions.MaxPixels"/>,
    /// <see cref="ImageReadOptions.AllowTruncated"/>) apply.
    /// </remarks>
    public static ImageBuffer LoadImg(string path, string colorMode = "rgb", (int Height, int Width)? targetSize = null,
        string interpolation = "nearest", bool keepAspectRatio = false, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (colorMode is not ("grayscale" or "rgb" or "rgba"))
            throw new ArgumentException("color_mode must be \"grayscale\", \"rgb\", or \"rgba\"", nameof(colorMode));
        var decoded = ImageCodec.Read(path, (options ?? KerasReadOptions) with { ApplyExifOrientation = false });
        if (decoded.PixelType == PixelType.Float32)
        {
            decoded.Dispose();
            throw new NotSupportedException(
                $"{path}: load_img reads 8- and 16-bit images, and this file holds 32-bit float samples (a float TIFF); read it with ImageCodec.Read to keep its values.");
        }
        ImageBuffer image;
        try
        {
            image = ConvertColor(decoded, colorMode);
        }
        finally
        {
            decoded.Dispose();
        }
        if (targetSize is not { } size || (size.Width == image.Width && size.Height == image.Height)) return image;
        if (size.Width <= 0 || size.Height <= 0)
            throw new ArgumentException($"target_size must be positive, got ({size.Height}, {size.Width}).", nameof(targetSize));

        PilInterpolation filter;
        try
        {
            filter = PilResize.Parse(interpolation);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"Invalid interpolation method {interpolation} specified. Supported methods are nearest, bilinear, bicubic, lanczos, box, hamming", nameof(interpolation));
        }
        (double, double, double, double)? box = null;
        if (keepAspectRatio)
        {
            int width = image.Width, height = image.Height;
            // Python's // on non-negative integers is C#'s integer division.
            int cropHeight = (int)Math.Min(height, (long)width * size.Height / size.Width);
            int cropWidth = (int)Math.Min(width, (long)height * size.Width / size.Height);
            int hStart = (height - cropHeight) / 2;
            int wStart = (width - cropWidth) / 2;
            box = (wStart, hStart, wStart + cropWidth, hStart + cropHeight);
        }
        using (image)
        {
            return image switch
            {
                ImageBuffer<byte> b => PilResize.Resize(b, size.Width, size.Height, filter, box),
                ImageBuffer<ushort> u => PilResize.Resize(u, size.Width, size.Height, filter, box),
                _ => throw new NotSupportedException($"Cannot resize {image.PixelType} images."),
            };
        }
    }

    /// <summary>Keras' <c>img_to_array</c>: float32 (H, W, C), or (C, H, W) for channels_first.</summary>
    public static NdArray ImgToArray(ImageBuffer image, DataFormat dataFormat = DataFormat.ChannelsLast)
    {
        ArgumentNullException.ThrowIfNull(image);
        int h = image.Height, w = image.Width, c = image.Channels;
        float[] hwc;
        using (var asFloat = (ImageBuffer<float>)image.ConvertTo(PixelType.Float32)) hwc = asFloat.ToArray();
        if (dataFormat == DataFormat.ChannelsLast) return new NdArray(hwc, h, w, c);
        var chw = new float[hwc.Length];
        for (int ch = 0; ch < c; ch++)
        {
            for (int i = 0; i < h * w; i++) chw[ch * h * w + i] = hwc[i * c + ch];
        }
        return new NdArray(chw, c, h, w);
    }

    /// <summary>
    /// Keras' <c>array_to_img</c>: a rank-3 array to an 8-bit image, min-max stretched to 0..255
    /// when <paramref name="scale"/> is set, then truncated (not rounded). One channel with values
    /// above 255 gives a 16-bit image (Pillow's mode I, saturated to 65535).
    /// </summary>
    public static ImageBuffer ArrayToImg(NdArray x, DataFormat dataFormat = DataFormat.ChannelsLast, bool scale = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 3)
            throw new ArgumentException($"Expected image array to have rank 3 (single image). Got array with shape: ({string.Join(", ", x.Shape)})", nameof(x));
        var hwc = dataFormat == DataFormat.ChannelsLast ? (float[])x.Data.Clone() : ToChannelsLast(x);
        int h = dataFormat == DataFormat.ChannelsLast ? x.Shape[0] : x.Shape[1];
        int w = dataFormat == DataFormat.ChannelsLast ? x.Shape[1] : x.Shape[2];
        int c = dataFormat == DataFormat.ChannelsLast ? x.Shape[2] : x.Shape[0];
        if (scale && hwc.Length > 0)
        {
            float min = hwc.Min();
            for (int i = 0; i < hwc.Length; i++) hwc[i] -= min;
            float max = hwc.Max();
            for (int i = 0; i < hwc.Length; i++)
            {
                if (max != 0) hwc[i] /= max;
                hwc[i] *= 255f;
            }
        }
        if (c is not (1 or 3 or 4)) throw new ArgumentException($"Unsupported channel number: {c}", nameof(x));
        if (c == 1 && hwc.Length > 0 && hwc.Max() > 255)
        {
            var wide = new ImageBuffer<ushort>(w, h, 1);
            var span = wide.GetSpan();
            for (int i = 0; i < hwc.Length; i++) span[i] = (ushort)Math.Clamp((int)hwc[i], 0, 65535);
            return wide;
        }
        var result = new ImageBuffer<byte>(w, h, c);
        var bytes = result.GetSpan();
        for (int i = 0; i < hwc.Length; i++) bytes[i] = unchecked((byte)(int)hwc[i]);
        return result;
    }

    /// <summary>Keras' <c>save_img</c>: <see cref="ArrayToImg"/> then an atomic write; the format comes from the extension.</summary>
    public static void SaveImg(string path, NdArray x, DataFormat dataFormat = DataFormat.ChannelsLast, bool scale = true, ImageWriteOptions? options = null)
    {
        using var image = ArrayToImg(x, dataFormat, scale);
        ImageCodec.Write(image, path, options);
    }

    /// <summary>Pillow's <c>convert</c> to L, RGB or RGBA as load_img calls it.</summary>
    internal static ImageBuffer ConvertColor(ImageBuffer image, string colorMode)
    {
        int c = image.Channels;
        if (c is < 1 or > 4) throw new NotSupportedException($"Images with {c} channels cannot be loaded as {colorMode}.");
        if (image is ImageBuffer<ushort> wide)
        {
            // Pillow keeps 16-bit grayscale in grayscale mode (modes I;16 and I); 16-bit colour opens as 8-bit.
            if (colorMode == "grayscale" && c == 1) return wide.Clone();
            if (c == 1)
            {
                using var clipped = Map(wide, v => (byte)Math.Min(v, (ushort)255));
                return ConvertColor(clipped, colorMode);
            }
            using var narrowed = Map(wide, v => (byte)(v >> 8));
            return ConvertColor(narrowed, colorMode);
        }
        var src = image.As<byte>();
        int outChannels = colorMode switch { "grayscale" => 1, "rgb" => 3, _ => 4 };
        var result = new ImageBuffer<byte>(src.Width, src.Height, outChannels);
        for (int y = 0; y < src.Height; y++)
        {
            var inRow = src.GetRow(y);
            var outRow = result.GetRow(y);
            for (int x = 0; x < src.Width; x++)
            {
                int i = x * c;
                byte r, g, b, a = 255;
                if (c <= 2)
                {
                    r = g = b = inRow[i];
                    if (c == 2) a = inRow[i + 1];
                }
                else
                {
                    r = inRow[i];
                    g = inRow[i + 1];
                    b = inRow[i + 2];
                    if (c == 4) a = inRow[i + 3];
                }
                int o = x * outChannels;
                switch (outChannels)
                {
                    case 1:
                        outRow[o] = c <= 2 ? r : (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
                        break;
                    case 3:
                        outRow[o] = r;
                        outRow[o + 1] = g;
                        outRow[o + 2] = b;
                        break;
                    default:
                        outRow[o] = r;
                        outRow[o + 1] = g;
                        outRow[o + 2] = b;
                        outRow[o + 3] = a;
                        break;
                }
            }
        }
        return result;
    }

    private static ImageBuffer<byte> Map(ImageBuffer<ushort> source, Func<ushort, byte> f)
    {
        var result = new ImageBuffer<byte>(source.Width, source.Height, source.Channels);
        for (int y = 0; y < source.Height; y++)
        {
            var i = source.GetRow(y);
            var o = result.GetRow(y);
            for (int k = 0; k < i.Length; k++) o[k] = f(i[k]);
        }
        return result;
    }

    private static float[] ToChannelsLast(NdArray x)
    {
        int c = x.Shape[0], h = x.Shape[1], w = x.Shape[2];
        var result = new float[x.Length];
        for (int ch = 0; ch < c; ch++)
        {
            for (int i = 0; i < h * w; i++) result[i * c + ch] = x.Data[ch * h * w + i];
        }
        return result;
    }
}
