namespace AugSharp.Tests.Imaging;

public class TensorLayoutTests
{
    [Theory]
    [InlineData(PixelType.UInt8)]
    [InlineData(PixelType.UInt16)]
    [InlineData(PixelType.Float32)]
    public void Every_element_of_every_type_lands_at_channel_row_column(PixelType type)
    {
        using var image = Transforms.TestImages.Make(type, 4, width: 7, height: 3);
        var (data, shape) = TensorLayout.ToChw(image);
        Assert.Equal(new[] { 4, 3, 7 }, shape);
        var values = Transforms.TestImages.Values(image); // row-major HWC
        for (int y = 0; y < 3; y++)
            for (int x = 0; x < 7; x++)
                for (int c = 0; c < 4; c++)
                    Assert.Equal(values[(y * 7 + x) * 4 + c], data[c * 21 + y * 7 + x], 5);
    }

    [Fact]
    public void A_batch_stacks_images_and_refuses_a_different_shape_by_index()
    {
        using var a = Transforms.TestImages.Make(PixelType.UInt8, 3, width: 4, height: 2);
        using var b = Transforms.TestImages.Make(PixelType.UInt8, 3, width: 4, height: 2, salt: 3);
        var (data, shape) = TensorLayout.BatchToNchw([a, b]);
        Assert.Equal(new[] { 2, 3, 2, 4 }, shape);
        Assert.Equal(TensorLayout.ToChw(b).Data, data[24..]);
        using var c = Transforms.TestImages.Make(PixelType.UInt8, 3, width: 5, height: 2);
        var e = Assert.Throws<ArgumentException>(() => TensorLayout.BatchToNchw([a, c]));
        Assert.Contains("Image 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mask_keeps_its_layout_unless_transposed()
    {
        var mask = new ImageBuffer<byte>(3, 2, 1);
        mask[1, 2, 0] = 9;
        var (data, shape) = TensorLayout.MaskToArray(mask, transposeMask: false);
        Assert.Equal(new[] { 2, 3 }, shape);
        Assert.Equal(9, data[5]);
        Assert.Equal(new[] { 1, 2, 3 }, TensorLayout.MaskToArray(mask, transposeMask: true).Shape);
    }
}
