namespace AugSharp.Tests.Transforms.Color;

/// <summary>The values of the color transforms on small images of each pixel type.</summary>
public class ColorTransformTests
{
    private static ImageBuffer<T> Apply<T>(IOperation op, ImageBuffer<T> image) where T : unmanaged => op.Apply(new AnnotatedImage(image)).Image.As<T>();

    private static ImageBuffer<T> Pixels<T>(int channels, params T[] values) where T : unmanaged
        => ImageBuffer<T>.Wrap(values, values.Length / channels, 1, channels);

    [Fact]
    public void InvertImg_uses_each_types_range()
    {
        Assert.Equal(new byte[] { 255, 155, 0 }, Apply(new InvertImgOperation(), Pixels<byte>(1, 0, 100, 255)).ToArray());
        Assert.Equal(new ushort[] { 65535, 65435 }, Apply(new InvertImgOperation(), Pixels<ushort>(1, 0, 100)).ToArray());
        Assert.Equal(new[] { 1f, 0.75f }, Apply(new InvertImgOperation(), Pixels<float>(1, 0f, 0.25f)).ToArray());
    }

    [Fact]
    public void Solarize_inverts_at_and_above_the_threshold()
    {
        var op = new SolarizeOperation { Threshold = 0.5 };
        Assert.Equal(new byte[] { 127, 127, 55 }, Apply(op, Pixels<byte>(1, 127, 128, 200)).ToArray());
        Assert.Equal(new[] { 0.25f, 0.5f }, Apply(op, Pixels<float>(1, 0.25f, 0.5f)).ToArray());
    }

    [Fact]
    public void Posterize_keeps_the_high_bits()
    {
        Assert.Equal(new byte[] { 192, 0, 224 }, Apply(new PosterizeOperation { Bits = 3 }, Pixels<byte>(1, 214, 31, 255)).ToArray());
        Assert.Equal(new ushort[] { 192 * 257 }, Apply(new PosterizeOperation { Bits = 3 }, Pixels<ushort>(1, 214 * 257)).ToArray());
    }

    [Fact]
    public void Brightness_and_contrast_scale_and_offset_by_the_largest_value()
    {
        var op = new BrightnessContrastOperation { Alpha = 1.5, Beta = 0.1 };
        Assert.Equal(new byte[] { 26, 176, 255 }, Apply(op, Pixels<byte>(1, 0, 100, 200)).ToArray());
        Assert.Equal(0.1f + 1.5f * 0.2f, Apply(op, Pixels<float>(1, 0.2f)).ToArray()[0], 5);
    }

    [Fact]
    public void Gamma_follows_the_power_law_in_every_type()
    {
        var op = new GammaOperation { Gamma = 2 };
        Assert.Equal(new byte[] { 0, 64, 255 }, Apply(op, Pixels<byte>(1, 0, 128, 255)).ToArray());
        Assert.Equal(0.25f, Apply(op, Pixels<float>(1, 0.5f)).ToArray()[0], 6);
        Assert.Equal((ushort)Math.Round(65535 * 0.25), Apply(op, Pixels<ushort>(1, 32768)).ToArray()[0], 1.0);
    }

    [Fact]
    public void RGBShift_is_in_eight_bit_levels_and_keeps_alpha()
    {
        var op = new RGBShiftOperation { RShift = 10, GShift = -20, BShift = 300 };
        Assert.Equal(new byte[] { 110, 80, 255, 42 }, Apply(op, Pixels<byte>(4, 100, 100, 100, 42)).ToArray());
        Assert.Equal(new ushort[] { 1000 + 2570, 0, 65535 }, Apply(op, Pixels<ushort>(3, 1000, 1000, 1000)).ToArray());
    }

    [Fact]
    public void ChannelShuffle_reorders_channels()
    {
        var op = new ChannelShuffleOperation { ChannelOrder = [2, 0, 1] };
        Assert.Equal(new byte[] { 3, 1, 2, 6, 4, 5 }, Apply(op, Pixels<byte>(3, 1, 2, 3, 4, 5, 6)).ToArray());
    }

    [Fact]
    public void ToGray_methods()
    {
        var rgb = Pixels<byte>(3, 200, 100, 50);
        Assert.Equal(new byte[] { 200, 200, 200 }, Apply(new ToGrayOperation { Method = ToGrayMethod.Max }, rgb).ToArray());
        Assert.Equal(new byte[] { 117 }, Apply(new ToGrayOperation { Method = ToGrayMethod.Average, NumOutputChannels = 1 }, rgb).ToArray());
        Assert.Equal(new byte[] { 125 }, Apply(new ToGrayOperation { Method = ToGrayMethod.Desaturation, NumOutputChannels = 1 }, rgb).ToArray());
        Assert.Equal(new byte[] { 124, 124, 124, 9 }, Apply(new ToGrayOperation(), Pixels<byte>(4, 200, 100, 50, 9)).ToArray());
        var gray = Pixels<byte>(1, 7);
        Assert.Same(gray, Apply(new ToGrayOperation(), gray));
        var ex = Assert.Throws<NotSupportedException>(() => Apply(new ToGrayOperation(), Pixels<byte>(5, 1, 2, 3, 4, 5)));
        Assert.Contains("ToGray", ex.Message);
    }

    [Fact]
    public void ToGray_pca_stretches_the_main_axis_to_the_full_range()
    {
        var rgb = Pixels<byte>(3, 10, 20, 30, 110, 120, 130, 60, 70, 80);
        var result = Apply(new ToGrayOperation { Method = ToGrayMethod.Pca, NumOutputChannels = 1 }, rgb).ToArray();
        Assert.Equal(new byte[] { 0, 255, 128 }, result);
    }

    [Fact]
    public void HueSaturationValue_keeps_gray_pixels_gray_and_turns_hue()
    {
        var gray = Pixels<byte>(3, 90, 90, 90);
        Assert.Equal(new byte[] { 90, 90, 90 }, Apply(new HueSaturationValueOperation { HueShift = 40, SatShift = 50 }, gray).ToArray());
        // Red turned by 60 units (120 degrees) is green.
        Assert.Equal(new byte[] { 0, 255, 0 }, Apply(new HueSaturationValueOperation { HueShift = 60 }, Pixels<byte>(3, 255, 0, 0)).ToArray());
        var f = Apply(new HueSaturationValueOperation { HueShift = 60 }, Pixels<float>(3, 1f, 0f, 0f)).ToArray();
        Assert.Equal(new[] { 0f, 1f, 0f }, f);
    }

    [Fact]
    public void Equalize_pil_and_cv_spread_a_two_level_image()
    {
        var image = Pixels<byte>(1, 10, 10, 10, 200);
        Assert.Equal(new byte[] { 0, 0, 0, 255 }, Apply(new EqualizeOperation { Mode = EqualizeMode.Cv }, image).ToArray());
        var floats = Apply(new EqualizeOperation(), Pixels<float>(1, 0.1f, 0.1f, 0.1f, 0.8f)).ToArray();
        Assert.Equal(new[] { 0f, 0f, 0f, 1f }, floats);
    }

    [Fact]
    public void Equalize_pil_gives_albumentations_levels()
    {
        // Albumentations 2.0's _equalize_pil of this image (np.minimum((np.cumsum(hist) + step // 2) // step, 255),
        // computed with numpy): the output level of each input level 40..199. Pillow's own ImageOps.equalize
        // counts only the levels below each level, one step lower.
        byte[] expected = [1, 3, 4, 5, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 21, 22, 24, 25, 26, 26, 28, 29, 31, 32, 33, 34, 35, 36, 38, 39, 41, 42, 42, 43, 45, 46, 48, 49, 50, 51, 52, 53, 55, 56, 58, 58, 59, 60, 125, 127, 129, 130, 131, 131, 132, 134, 135, 137, 138, 139, 139, 140, 142, 144, 146, 147, 147, 148, 149, 150, 152, 154, 155, 155, 156, 157, 159, 161, 162, 163, 164, 164, 165, 167, 169, 170, 171, 172, 172, 174, 176, 177, 179, 180, 180, 181, 182, 184, 185, 187, 188, 188, 189, 191, 192, 194, 195, 196, 197, 198, 199, 201, 202, 204, 204, 205, 206, 208, 209, 211, 212, 213, 214, 215, 216, 218, 219, 220, 221, 222, 223, 225, 226, 228, 229, 230, 231, 232, 233, 235, 236, 237, 238, 239, 240, 242, 243, 244, 246, 247, 248, 249, 250, 251, 253, 254, 255, 255];
        using var image = new ImageBuffer<byte>(32, 16, 1);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 32; x++) image[y, x, 0] = (byte)(y < 4 ? 90 : (x * 7 + y * 13) % 160 + 40);
        using var result = (ImageBuffer<byte>)new EqualizeOperation { Mode = EqualizeMode.Pil }.Apply(new AnnotatedImage(image)).Image;
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 32; x++) Assert.Equal(expected[image[y, x, 0] - 40], result[y, x, 0]);
    }

    [Fact]
    public void AutoContrast_stretches_each_channel()
    {
        var image = Pixels<byte>(2, 50, 0, 100, 10, 150, 20);
        Assert.Equal(new byte[] { 0, 0, 127, 128, 255, 255 }, Apply(new AutoContrastOperation { Method = AutoContrastMethod.Pil }, image).ToArray());
    }

    [Fact]
    public void ColorJitter_identity_factors_change_nothing()
    {
        var image = Pixels<byte>(3, 10, 120, 240, 33, 66, 99);
        var op = new ColorJitterOperation { Order = [3, 1, 0, 2] };
        Assert.Equal(image.ToArray(), Apply(op, image).ToArray());
        var zeroSaturation = Apply(new ColorJitterOperation { Saturation = 0 }, Pixels<byte>(3, 200, 100, 50)).ToArray();
        Assert.Equal(new byte[] { 124, 124, 124 }, zeroSaturation);
    }

    [Fact]
    public void FancyPCA_moves_colors_along_the_main_axis()
    {
        var image = Pixels<byte>(3, 10, 20, 30, 110, 120, 130, 60, 70, 80);
        var a = Apply(new FancyPcaOperation { Alphas = [0.5, 0, 0] }, image).ToArray();
        // Every pixel moves by the same amount along (1, 1, 1)/sqrt(3).
        int shift = a[0] - 10;
        Assert.NotEqual(0, shift);
        Assert.Equal(new[] { 10 + shift, 20 + shift, 30 + shift }, a.Take(3).Select(v => (int)v).ToArray());
    }

    [Fact]
    public void Tone_curve_with_default_heights_is_nearly_the_identity()
    {
        var op = new ToneCurveOperation { LowY = [1.0 / 3], HighY = [2.0 / 3] };
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        Assert.Equal(bytes, Apply(op, Pixels<byte>(1, bytes)).ToArray());
    }

    [Fact]
    public void CLAHE_on_floats_goes_through_eight_bit_levels()
    {
        var image = new ImageBuffer<float>(16, 16, 1);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) image[y, x, 0] = (x + y) / 60f;
        var result = Apply(new ClaheOperation { ClipLimit = 2, TileGridSize = [2, 2] }, image);
        Assert.All(result.ToArray(), v => Assert.True(v >= 0 && v <= 1 && Math.Abs(v * 255 - Math.Round(v * 255)) < 1e-3));
    }
}

/// <summary>PlanckianJitter's illuminants.</summary>
public class PlanckianJitterTests
{
    [Fact]
    public void Tabulated_temperatures_scale_red_and_blue_by_the_chromaticity()
    {
        var image = ImageBuffer<float>.Wrap([0.5f, 0.5f, 0.5f, 0.25f], 1, 1, 4);
        var result = new PlanckianJitterOperation { Mode = PlanckianMode.Blackbody, Temperature = 10000 }.Apply(new AnnotatedImage(image)).Image.As<float>().ToArray();
        Assert.Equal(0.5 * 0.4054 / 0.4653, result[0], 5);
        Assert.Equal(0.5f, result[1]);
        Assert.Equal(0.5 * 0.6121 / 0.4653, result[2], 5);
        Assert.Equal(0.25f, result[3]);
    }

    [Fact]
    public void Temperatures_between_steps_are_interpolated_and_gray_images_are_refused()
    {
        var image = ImageBuffer<float>.Wrap([0.5f, 0.5f, 0.5f], 1, 1, 3);
        var result = new PlanckianJitterOperation { Mode = PlanckianMode.Cied, Temperature = 6250 }.Apply(new AnnotatedImage(image)).Image.As<float>().ToArray();
        double r = (0.4826 + 0.4654) / 2, g = (0.4646 + 0.4667) / 2;
        Assert.Equal(0.5 * r / g, result[0], 5);
        var gray = ImageBuffer<byte>.Wrap([7], 1, 1, 1);
        var e = Assert.Throws<NotSupportedException>(() => new PlanckianJitterOperation().Apply(new AnnotatedImage(gray)));
        Assert.Contains("PlanckianJitter", e.Message);
    }
}
