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

    public static TheoryData<int, int, bool, bool> RowCases()
    {
        var data = new TheoryData<int, int, bool, bool>();
        foreach (int channels in new[] { 1, 2, 3, 4, 5 })
            foreach (int width in new[] { 1, 21, 22, 43, 64, 65, 129, 200 })
                foreach (bool uniform in new[] { false, true })
                    foreach (bool inPlace in new[] { false, true })
                        data.Add(channels, width, uniform, inPlace);
        return data;
    }

    [Theory]
    [MemberData(nameof(RowCases))]
    public void Rows_of_every_length_map_like_the_tables_say_with_one_table_or_several_and_in_place(int channels, int width, bool uniform, bool inPlace)
    {
        var random = new Random(channels * 1000 + width);
        var row = new byte[width * channels];
        random.NextBytes(row);
        var tables = new byte[channels * 256];
        random.NextBytes(tables.AsSpan(0, 256));
        for (int c = 1; c < channels; c++)
        {
            if (uniform) tables.AsSpan(0, 256).CopyTo(tables.AsSpan(c * 256, 256));
            else random.NextBytes(tables.AsSpan(c * 256, 256));
        }
        var expected = new byte[row.Length];
        for (int i = 0; i < row.Length; i++) expected[i] = tables[i % channels * 256 + row[i]];
        var target = inPlace ? row : new byte[row.Length];
        LookupTable.ApplyRow(row, target, tables, channels);
        Assert.Equal(expected, target);
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
