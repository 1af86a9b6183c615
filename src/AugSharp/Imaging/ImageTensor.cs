namespace AugSharp;

/// <summary>
/// Pixels as a dense float32 array in channels-first order, the layout TorchSharp, ONNX Runtime
/// and ML.NET take: <c>[C, H, W]</c> for an image, <c>[N, C, H, W]</c> for a batch. Values are
/// copied as they are (a uint8 200 becomes 200f); scale first with Normalize or ToFloat.
/// </summary>
public sealed class ImageTensor
{
    private ImageTensor(float[] data, int[] shape)
    {
        Data = data;
        Shape = shape;
    }

    /// <summary>The values, the last dimension varying fastest.</summary>
    public float[] Data { get; }

    /// <summary>The dimensions: <c>[C, H, W]</c>, <c>[N, C, H, W]</c>, or <c>[H, W, C]</c> for an untransposed mask.</summary>
    public int[] Shape { get; }

    /// <summary>The image as <c>[C, H, W]</c> (a one-channel image as <c>[1, H, W]</c>, as Albumentations' ToTensorV2 does).</summary>
    public static ImageTensor FromImage(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var data = new float[checked(image.Channels * image.Height * image.Width)];
        WriteChannelsFirst(image, data);
        return new ImageTensor(data, [image.Channels, image.Height, image.Width]);
    }

    /// <summary>
    /// A mask as <c>[C, H, W]</c> when <paramref name="transposeMask"/> is set (ToTensorV2's
    /// <c>transpose_mask</c>), otherwise in its own layout: <c>[H, W]</c> for one channel,
    /// <c>[H, W, C]</c> for more.
    /// </summary>
    public static ImageTensor FromMask(ImageBuffer mask, bool transposeMask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (transposeMask) return FromImage(mask);
        var data = new float[checked(mask.Channels * mask.Height * mask.Width)];
        int row = mask.Width * mask.Channels;
        for (int y = 0; y < mask.Height; y++) CopyRow(mask, y, data.AsSpan(y * row, row));
        return new ImageTensor(data, mask.Channels == 1 ? [mask.Height, mask.Width] : [mask.Height, mask.Width, mask.Channels]);
    }

    /// <summary>Images of one shape as a batch <c>[N, C, H, W]</c>; throws, naming the first one that differs, when the shapes differ.</summary>
    public static ImageTensor Batch(IReadOnlyList<ImageBuffer> images)
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
        for (int i = 0; i < images.Count; i++) WriteChannelsFirst(images[i], data.AsSpan(i * size, size));
        return new ImageTensor(data, [images.Count, shape.Channels, shape.Height, shape.Width]);
    }

    private static void WriteChannelsFirst(ImageBuffer image, Span<float> data)
    {
        int w = image.Width, h = image.Height, cn = image.Channels, plane = w * h;
        var row = new float[w * cn];
        for (int y = 0; y < h; y++)
        {
            CopyRow(image, y, row);
            for (int x = 0; x < w; x++)
                for (int c = 0; c < cn; c++)
                    data[c * plane + y * w + x] = row[x * cn + c];
        }
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
}
