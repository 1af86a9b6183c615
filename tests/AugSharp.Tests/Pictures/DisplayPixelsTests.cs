namespace AugSharp.Tests.Pictures;

public class DisplayPixelsTests
{
    [Fact]
    public void A_normalised_float_image_is_stretched_from_its_lowest_to_its_highest_value()
    {
        var image = new ImageBuffer<float>(3, 1, 1);
        image[0, 0, 0] = -2f;
        image[0, 1, 0] = 0f;
        image[0, 2, 0] = 2f;
        var bytes = DisplayPixels.ToBytes(image);
        Assert.Equal(new byte[] { 0, 128, 255 }, bytes.ToArray());
    }

    [Fact]
    public void Float_images_in_0_to_1_or_0_to_255_and_integer_images_show_their_own_values()
    {
        var image = new ImageBuffer<float>(2, 1, 1);
        image[0, 0, 0] = 0.2f;
        image[0, 1, 0] = 0.6f;
        Assert.Equal(new byte[] { 51, 153 }, DisplayPixels.ToBytes(image).ToArray());
        image[0, 1, 0] = 200f;
        Assert.Equal(new byte[] { 0, 200 }, DisplayPixels.ToBytes(image).ToArray());
        var bytes = new ImageBuffer<byte>(2, 1, 1);
        bytes[0, 1, 0] = 7;
        Assert.Equal(new byte[] { 0, 7 }, DisplayPixels.ToBytes(bytes).ToArray());
    }
}
