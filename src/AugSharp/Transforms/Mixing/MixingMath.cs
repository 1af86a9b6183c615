using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Helpers of the several-image transforms: companions brought to the image's pixel type and
/// channel count, resized, their masks matched to the image's masks, and soft labels mixed.
/// </summary>
internal static class MixingMath
{
    /// <summary>
    /// <paramref name="source"/> in <typeparamref name="T"/> with <paramref name="channels"/>
    /// channels: values scaled between the types' ranges (255, 65535, 1 for float32); one channel
    /// is repeated, several become their mean (of the first three) for a gray image, missing
    /// channels beyond the source's are set to the largest value (an opaque alpha), extra ones are
    /// dropped. Always a new buffer.
    /// </summary>
    public static ImageBuffer<T> Match<T>(ImageBuffer source, int channels) where T : unmanaged => source.PixelType switch
    {
        PixelType.UInt8 => Match<byte, T>(source.As<byte>(), channels),
        PixelType.UInt16 => Match<ushort, T>(source.As<ushort>(), channels),
        _ => Match<float, T>(source.As<float>(), channels),
    };

    private static ImageBuffer<TOut> Match<TIn, TOut>(ImageBuffer<TIn> source, int channels) where TIn : unmanaged where TOut : unmanaged
    {
        double inMax = NoiseMath.MaxValue<TIn>(), outMax = NoiseMath.MaxValue<TOut>(), scale = outMax / inMax;
        int sc = source.Channels, w = source.Width, h = source.Height;
        int grayFrom = Math.Min(sc, 3);
        var result = ImageBuffer<TOut>.CreateUninitialized(w, h, channels);
        for (int y = 0; y < h; y++)
        {
            var s = source.GetRow(y);
            var d = result.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    double v;
                    if (sc == 1) v = NoiseMath.Get(s[x]);
                    else if (channels == 1)
                    {
                        v = 0;
                        for (int k = 0; k < grayFrom; k++) v += NoiseMath.Get(s[x * sc + k]);
                        v /= grayFrom;
                    }
                    else if (c < sc) v = NoiseMath.Get(s[x * sc + c]);
                    else v = inMax;
                    d[x * channels + c] = NoiseMath.Put<TOut>(v * scale, outMax);
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The companion resized to <paramref name="width"/> x <paramref name="height"/> with its
    /// masks (nearest), boxes and keypoints (through the resize's map); new buffers.
    /// </summary>
    public static AnnotatedImage Resize(AnnotatedImage companion, int width, int height, Interpolation interpolation)
        => new ResizeOperation(width, height, interpolation).Apply(new AnnotatedImage(companion.Image, companion.Masks, companion.Boxes, companion.Keypoints, orientedBoxes: companion.OrientedBoxes));

    /// <summary>
    /// A companion's mask in the type and channel count of <paramref name="like"/> (values kept, as
    /// labels: saturated, never scaled; missing channels are 0); a new buffer.
    /// </summary>
    public static ImageBuffer MaskLike(ImageBuffer mask, ImageBuffer like) => like.PixelType switch
    {
        PixelType.UInt8 => MaskAs<byte>(mask, like.Channels),
        PixelType.UInt16 => MaskAs<ushort>(mask, like.Channels),
        _ => MaskAs<float>(mask, like.Channels),
    };

    private static ImageBuffer<T> MaskAs<T>(ImageBuffer mask, int channels) where T : unmanaged
    {
        var result = new ImageBuffer<T>(mask.Width, mask.Height, channels);
        int mc = mask.Channels;
        for (int y = 0; y < mask.Height; y++)
        {
            var d = result.GetRow(y);
            for (int x = 0; x < mask.Width; x++)
                for (int c = 0; c < Math.Min(mc, channels); c++)
                    d[x * channels + c] = KernelCommon.FromDouble<T>(MaskValue(mask, y, x, c));
        }
        return result;
    }

    /// <summary>One mask element as a double.</summary>
    public static double MaskValue(ImageBuffer mask, int y, int x, int c) => mask switch
    {
        ImageBuffer<byte> b => b[y, x, c],
        ImageBuffer<ushort> u => u[y, x, c],
        _ => mask.As<float>()[y, x, c],
    };

    /// <summary>The soft labels of the sources mixed by their weights (labels missing from a source weigh 0 there); classes in ordinal order.</summary>
    public static IReadOnlyDictionary<string, double> MixLabels(params (IReadOnlyDictionary<string, double> Labels, double Weight)[] sources)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (labels, weight) in sources)
        {
            foreach (var (name, value) in labels)
                result[name] = result.GetValueOrDefault(name) + weight * value;
        }
        return new Dictionary<string, double>(result, StringComparer.Ordinal);
    }


    /// <summary>The image's pixels at every element: λ·image + (1-λ)·other, rounded and clamped to the type.</summary>
    public static ImageBuffer<T> Blend<T>(ImageBuffer<T> image, ImageBuffer<T> other, double lambda) where T : unmanaged
    {
        double max = NoiseMath.MaxValue<T>();
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var a = image.GetRow(y);
            var b = other.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < d.Length; i++) d[i] = NoiseMath.Put<T>(lambda * NoiseMath.Get(a[i]) + (1 - lambda) * NoiseMath.Get(b[i]), max);
        }
        return result;
    }

    /// <summary>Copies the rectangle [x1, x2) x [y1, y2) of <paramref name="source"/> into the same place of <paramref name="destination"/> (same size and channels).</summary>
    public static void CopyRectangle<T>(ImageBuffer<T> source, ImageBuffer<T> destination, int x1, int y1, int x2, int y2) where T : unmanaged
    {
        int cn = destination.Channels;
        for (int y = y1; y < y2; y++)
            source.GetRow(y).Slice(x1 * cn, (x2 - x1) * cn).CopyTo(destination.GetRow(y).Slice(x1 * cn));
    }

    /// <summary>A box clipped to the rectangle, kept by the rules when the share of it inside (of its own area) is enough; null otherwise.</summary>
    public static BoundingBox? ClipToRectangle(BoundingBox box, double x1, double y1, double x2, double y2, BoxParams rules)
    {
        double area = box.Area;
        var clipped = box with { X1 = Math.Max(box.X1, x1), Y1 = Math.Max(box.Y1, y1), X2 = Math.Min(box.X2, x2), Y2 = Math.Min(box.Y2, y2) };
        if (area <= 0 || !clipped.IsValid) return null;
        double visible = clipped.Area;
        if (visible / area < rules.MinVisibility || visible < rules.MinArea || clipped.Width < rules.MinWidth || clipped.Height < rules.MinHeight) return null;
        return clipped;
    }
}

/// <summary>An annotated image whose buffers are disposed with it (the temporaries of a several-image operation).</summary>
internal readonly struct DisposingImage(AnnotatedImage value) : IDisposable
{
    /// <summary>The image.</summary>
    public AnnotatedImage Value { get; } = value;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var buffer in Value.Buffers) buffer.Dispose();
    }
}
