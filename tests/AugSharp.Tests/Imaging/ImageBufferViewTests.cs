namespace AugSharp.Tests.Imaging;

public class ImageBufferViewTests
{
    [Fact]
    public void A_crop_view_cannot_outlive_the_buffer_it_borrows_from()
    {
        var image = new ImageBuffer<byte>(300, 300, 3);
        var view = image.Crop(10, 10, 50, 50);
        var inner = view.Crop(5, 5, 10, 10);
        Assert.Equal(0, view[0, 0, 0]);
        image.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(() => view.GetRow(0));
        Assert.Contains("borrows", e.Message);
        Assert.Throws<ObjectDisposedException>(() => inner.GetRow(0));
    }

    [Fact]
    public void A_non_generic_crop_view_shares_memory()
    {
        using var image = new ImageBuffer<ushort>(20, 10, 2);
        using var view = image.CropView(3, 2, 5, 4);
        view.As<ushort>()[0, 0, 1] = 7;
        Assert.Equal(7, image[2, 3, 1]);
    }
}
