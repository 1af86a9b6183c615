namespace AugSharp;

/// <summary>
/// Layouts for deep-learning frameworks. Images here are interleaved (height, width, channels,
/// "HWC"); PyTorch (TorchSharp) and most ONNX vision models take planar "CHW" float tensors.
/// Typical use after a pipeline that ends with <see cref="Normalize"/> (or <see cref="ToFloat"/>):
/// <code>
/// var (data, shape) = TensorLayout.ToChw(result.Image.As&lt;float&gt;());
/// // TorchSharp: torch.tensor(data, shape)      ONNX Runtime: new DenseTensor&lt;float&gt;(data, [1, .. shape])
/// </code>
/// </summary>
public static class TensorLayout
{
    /// <summary>
    /// Copies <paramref name="image"/> into a new planar array: channel 0's rows, then channel 1's,
    /// and so on; element [c, y, x] is at (c·height + y)·width + x. The shape is
    /// [channels, height, width]. Works on strided views too.
    /// </summary>
    public static (float[] Data, int[] Shape) ToChw(ImageBuffer<float> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int w = image.Width, h = image.Height, channels = image.Channels;
        var data = new float[(long)channels * h * w];
        int plane = h * w;
        for (int y = 0; y < h; y++)
        {
            var row = image.GetRow(y);
            int rowStart = y * w;
            for (int x = 0; x < w; x++)
            {
                int source = x * channels, target = rowStart + x;
                for (int c = 0; c < channels; c++) data[c * plane + target] = row[source + c];
            }
        }
        return (data, [channels, h, w]);
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
