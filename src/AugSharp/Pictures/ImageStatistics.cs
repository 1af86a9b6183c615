namespace AugSharp.Pictures;

/// <summary>Minimum, maximum and mean of one channel.</summary>
/// <param name="Channel">Channel index.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Mean">Average value.</param>
public readonly record struct ChannelStatistics(int Channel, double Min, double Max, double Mean);

/// <summary>Per-channel statistics of an image.</summary>
public static class ImageStatistics
{
    /// <summary>Min, max and mean of every channel of <paramref name="image"/>, in the image's own value range.</summary>
    public static IReadOnlyList<ChannelStatistics> Compute(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image switch
        {
            ImageBuffer<byte> b => Compute(b, v => v),
            ImageBuffer<ushort> u => Compute(u, v => v),
            ImageBuffer<float> f => Compute(f, v => v),
            _ => throw new NotSupportedException($"Pixel type {image.PixelType} is not supported."),
        };
    }

    private static IReadOnlyList<ChannelStatistics> Compute<T>(ImageBuffer<T> image, Func<T, double> value) where T : unmanaged
    {
        int ch = image.Channels;
        var min = Enumerable.Repeat(double.PositiveInfinity, ch).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, ch).ToArray();
        var sum = new double[ch];
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.GetRow(y);
            for (int i = 0; i < row.Length; i++)
            {
                int c = i % ch;
                double v = value(row[i]);
                if (v < min[c]) min[c] = v;
                if (v > max[c]) max[c] = v;
                sum[c] += v;
            }
        }
        double n = (double)image.Width * image.Height;
        return Enumerable.Range(0, ch).Select(c => new ChannelStatistics(c, min[c], max[c], sum[c] / n)).ToArray();
    }
}
