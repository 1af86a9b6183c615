using AugSharp.Kernels;

namespace AugSharp.Tests.Kernels;

/// <summary>The per-channel lookup tables, for every channel count, on contiguous images and strided views.</summary>
public class LookupTableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Byte_tables_map_each_channel_by_its_own_table(int channels)
    {
        using var image = new ImageBuffer<byte>(37, 11, channels);
        var random = new Random(channels);
        for (int y = 0; y < image.Height; y++) random.NextBytes(image.GetRow(y));
        var tables = new byte[channels * 256];
        random.NextBytes(tables);
        using var view = image.Crop(3, 2, 29, 7);
        using var result = new ImageBuffer<byte>(view.Width, view.Height, channels);
        LookupTable.Apply(view, result, tables);
        for (int y = 0; y < view.Height; y++)
            for (int x = 0; x < view.Width; x++)
                for (int c = 0; c < channels; c++)
                    Assert.Equal(tables[c * 256 + view[y, x, c]], result[y, x, c]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void UInt16_tables_map_each_channel_by_its_own_table(int channels)
    {
        using var image = new ImageBuffer<ushort>(19, 5, channels);
        var random = new Random(channels);
        for (int y = 0; y < image.Height; y++) foreach (ref var v in image.GetRow(y)) v = (ushort)random.Next(65536);
        var tables = new ushort[channels * 65536];
        for (int i = 0; i < tables.Length; i++) tables[i] = (ushort)(i * 7919 % 65536);
        using var result = new ImageBuffer<ushort>(image.Width, image.Height, channels);
        LookupTable.Apply(image, result, tables);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                for (int c = 0; c < channels; c++)
                    Assert.Equal(tables[c * 65536 + image[y, x, c]], result[y, x, c]);
    }

    [Fact]
    public void Too_short_tables_are_refused()
    {
        using var image = new ImageBuffer<byte>(4, 4, 3);
        using var result = new ImageBuffer<byte>(4, 4, 3);
        Assert.Throws<ArgumentException>(() => LookupTable.Apply(image, result, new byte[512]));
    }
}
