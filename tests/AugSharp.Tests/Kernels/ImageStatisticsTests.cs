using AugSharp.Kernels;

namespace AugSharp.Tests.Kernels;

/// <summary>Sums and histograms of 8-bit images against plain loops, at every length and channel count.</summary>
public class ImageStatisticsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(47)]
    [InlineData(64)]
    [InlineData(127)]
    [InlineData(1000)]
    public void The_sum_is_the_plain_sum_at_every_length(int length)
    {
        var values = new byte[length];
        new Random(length).NextBytes(values);
        long expected = 0;
        foreach (var v in values) expected += v;
        Assert.Equal(expected, ImageStatistics.Sum(values));
        Array.Fill(values, (byte)255);
        Assert.Equal(255L * length, ImageStatistics.Sum(values));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 37)]
    [InlineData(2, 13)]
    [InlineData(3, 29)]
    [InlineData(4, 8)]
    [InlineData(5, 11)]
    public void Histograms_count_every_channel_of_a_view(int channels, int width)
    {
        using var image = new ImageBuffer<byte>(width + 4, 9, channels);
        var random = new Random(channels * 100 + width);
        for (int y = 0; y < image.Height; y++) random.NextBytes(image.GetRow(y));
        using var view = image.Crop(2, 1, width, 7);
        var counts = ImageStatistics.Histograms(view);
        var expected = new long[channels * 256];
        for (int y = 0; y < view.Height; y++)
            for (int x = 0; x < view.Width; x++)
                for (int c = 0; c < channels; c++) expected[c * 256 + view[y, x, c]]++;
        Assert.Equal(expected, counts);
        Assert.Equal(ImageStatistics.Sum(view), Enumerable.Range(0, view.Height).Sum(y => view.GetRow(y).ToArray().Sum(v => (long)v)));
    }
}
