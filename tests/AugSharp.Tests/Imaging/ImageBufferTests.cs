namespace AugSharp.Tests.Imaging;

public class ImageBufferTests
{
    [Fact]
    public void New_buffer_is_zeroed_contiguous_and_shaped()
    {
        using var image = new ImageBuffer<ushort>(5, 3, 6);
        Assert.Equal(new ImageShape(3, 5, 6), image.Shape);
        Assert.True(image.IsContiguous);
        Assert.Equal(PixelType.UInt16, image.PixelType);
        Assert.All(image.ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Large_buffers_are_pooled_and_still_zeroed()
    {
        for (int round = 0; round < 2; round++)
        {
            using var image = new ImageBuffer<byte>(300, 300, 3);
            Assert.All(image.GetSpan().ToArray(), v => Assert.Equal(0, v));
            image.Fill(200);
        }
    }

    [Fact]
    public void Crop_is_a_view_that_shares_memory()
    {
        using var image = new ImageBuffer<float>(4, 4, 2);
        using var view = image.Crop(1, 2, 2, 2);
        Assert.False(view.IsContiguous);
        Assert.False(view.OwnsMemory);
        view[0, 0, 1] = 9;
        Assert.Equal(9, image[2, 1, 1]);
        Assert.Throws<InvalidOperationException>(() => view.GetSpan());
        using var copy = view.Clone();
        Assert.True(copy.IsContiguous);
        Assert.Equal(9, copy[0, 0, 1]);
    }

    [Fact]
    public void Out_of_range_access_and_crops_are_refused()
    {
        using var image = new ImageBuffer<byte>(4, 3, 1);
        Assert.Throws<IndexOutOfRangeException>(() => image[3, 0, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Crop(2, 0, 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageBuffer<byte>(0, 3, 1));
        Assert.Throws<ArgumentException>(() => ImageBuffer<byte>.Wrap(new byte[5], 2, 3, 1));
    }

    [Fact]
    public void Any_channel_count_is_allowed()
    {
        using var image = new ImageBuffer<float>(2, 2, 13);
        image[1, 1, 12] = 3.5f;
        Assert.Equal(3.5f, image.GetRow(1)[25]);
    }

    [Fact]
    public void Typed_access_checks_the_element_type()
    {
        ImageBuffer image = new ImageBuffer<byte>(2, 2, 1);
        Assert.NotNull(image.As<byte>());
        var e = Assert.Throws<InvalidCastException>(() => image.As<float>());
        Assert.Contains("UInt8", e.Message);
    }

    [Fact]
    public void Conversions_scale_integers_and_keep_float_values()
    {
        using var bytes = ImageBuffer<byte>.Wrap([0, 1, 128, 255], 4, 1, 1);
        using var wide = bytes.ConvertTo<ushort>();
        Assert.Equal([0, 257, 32896, 65535], wide.ToArray());
        using var back = wide.ConvertTo<byte>();
        Assert.Equal(bytes.ToArray(), back.ToArray());
        using var floats = bytes.ConvertTo<float>();
        Assert.Equal([0f, 1, 128, 255], floats.ToArray());
        using var f = ImageBuffer<float>.Wrap([-3f, 12.5f, 254.6f, 999f], 4, 1, 1);
        Assert.Equal([0, 13, 255, 255], f.ConvertTo<byte>().ToArray());
    }
}
