namespace AugSharp;

/// <summary>
/// Layouts for deep-learning frameworks. Images here are interleaved (height, width, channels,
/// "HWC"); PyTorch (TorchSharp) and most ONNX vision models take planar "CHW" float tensors.
/// Typical use after a pipeline that ends with <see cref="Normalize"/> (or <see cref="ToFloat"/>):
/// <code>
/// var (data, shape) = TensorLayout.ToChw(result.Image);
/// // TorchSharp: torch.tensor(data, shape)      ONNX Runtime: new DenseTensor&lt;float&gt;(data, [1, .. shape])
/// </code>
/// </summary>
public static class TensorLayout
{
    /// <summary>
    /// Copies <paramref name="image"/> into a new planar float array: channel 0's rows, then
    /// channel 1's, and so on; element [c, y, x] is at (c·height + y)·width + x. The shape is
    /// [channels, height, width]. Values are copied as they are (a uint8 200 becomes 200f); any
    /// pixel type, strided views too.
    /// </summary>
    public static (float[] Data, int[] Shape) ToChw(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var data = new float[checked(image.Channels * image.Height * image.Width)];
        WriteChw(image, data);
        return (data, [image.Channels, image.Height, image.Width]);
    }

    /// <summary>
    /// Images of one shape as one batch array of shape [count, channels, height, width] (NCHW),
    /// values as they are; throws, naming the first image that differs, when the shapes differ.
    /// </summary>
    public static (float[] Data, int[] Shape) BatchToNchw(IReadOnlyList<ImageBuffer> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("A batch needs at least one image.", nameof(images));
        var shape = images[0].Shape;
        for (int i = 1; i < images.Count; i++)
        {
            if (images[i].Shape != shape)
                throw new ArgumentException($"Image {i} is {images[i].Width}x{images[i].Height}x{images[i].Channels}; the batch is {shape.Width}x{shape.Height}x{shape.Channels}.", nameof(images));
        }
        int size = checked(shape.Channels * shape.Height * shape.Width);
        var data = new float[checked(size * images.Count)];
        for (int i = 0; i < images.Count; i++) WriteChw(images[i], data.AsSpan(i * size, size));
        return (data, [images.Count, shape.Channels, shape.Height, shape.Width]);
    }

    /// <summary>
    /// A mask as a float array: planar [channels, height, width] when <paramref name="transposeMask"/>
    /// is set (Albumentations' ToTensorV2 <c>transpose_mask</c>), otherwise in its own layout,
    /// [height, width] for one channel and [height, width, channels] for more.
    /// </summary>
    public static (float[] Data, int[] Shape) MaskToArray(ImageBuffer mask, bool transposeMask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (transposeMask) return ToChw(mask);
        var data = new float[checked(mask.Channels * mask.Height * mask.Width)];
        int row = mask.Width * mask.Channels;
        for (int y = 0; y < mask.Height; y++) CopyRow(mask, y, data.AsSpan(y * row, row));
        return (data, mask.Channels == 1 ? [mask.Height, mask.Width] : [mask.Height, mask.Width, mask.Channels]);
    }

    /// <summary>Writes <paramref name="image"/> planar ([channels, height, width]) into <paramref name="data"/>, values as they are.</summary>
    internal static void WriteChw(ImageBuffer image, Span<float> data)
    {
        int w = image.Width, h = image.Height, channels = image.Channels, plane = w * h;
        var row = new float[w * channels];
        for (int y = 0; y < h; y++)
        {
            CopyRow(image, y, row);
            int rowStart = y * w;
            for (int x = 0; x < w; x++)
            {
                int source = x * channels, target = rowStart + x;
                for (int c = 0; c < channels; c++) data[c * plane + target] = row[source + c];
            }
        }
    }

    /// <summary>Writes <paramref name="image"/> interleaved ([height, width, channels]) into <paramref name="data"/>, values as they are.</summary>
    internal static void WriteHwc(ImageBuffer image, Span<float> data)
    {
        int row = image.Width * image.Channels;
        for (int y = 0; y < image.Height; y++) CopyRow(image, y, data.Slice(y * row, row));
    }

    private static void CopyRow(ImageBuffer image, int y, Span<float> target)
    {
        switch (image.PixelType)
        {
            case PixelType.UInt8:
                var b = image.As<byte>().GetRow(y);
                for (int i = 0; i < b.Length; i++) target[i] = b[i];
                break;
            case PixelType.UInt16:
                var u = image.As<ushort>().GetRow(y);
                for (int i = 0; i < u.Length; i++) target[i] = u[i];
                break;
            default:
                image.As<float>().GetRow(y).CopyTo(target);
                break;
        }
    }

    /// <summary>
    /// The inverse of <see cref="ToChw"/>: a planar array of shape [channels, height, width] back
    /// into an interleaved image (for a model's output, a predicted mask or image).
    /// </summary>
    public static ImageBuffer<float> FromChw(ReadOnlySpan<float> data, int channels, int height, int width)
    {
        if (channels < 1 || height < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(channels), "channels, height and width must be at least 1.");
        if (data.Length != (long)channels * height * width)
            throw new ArgumentException($"The data holds {data.Length} values, not {channels}x{height}x{width}.", nameof(data));
        var image = new ImageBuffer<float>(width, height, channels);
        int plane = height * width;
        for (int y = 0; y < height; y++)
        {
            var row = image.GetRow(y);
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++) row[x * channels + c] = data[c * plane + y * width + x];
        }
        return image;
    }
}
