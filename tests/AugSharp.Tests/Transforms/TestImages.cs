namespace AugSharp.Tests.Transforms;

/// <summary>Small synthetic images for the engine tests.</summary>
public static class TestImages
{
    /// <summary>An 8-bit image of uniformly random bytes, row by row from <paramref name="random"/>.</summary>
    public static ImageBuffer<byte> RandomBytes(Random random, int width, int height, int channels)
    {
        var image = new ImageBuffer<byte>(width, height, channels);
        for (int y = 0; y < height; y++) random.NextBytes(image.GetRow(y));
        return image;
    }

    /// <summary><see cref="RandomBytes(Random, int, int, int)"/> from a generator seeded with <paramref name="seed"/>.</summary>
    public static ImageBuffer<byte> RandomBytes(int width, int height, int channels, int seed) => RandomBytes(new Random(seed), width, height, channels);

    /// <summary>A deterministic, textured image of any type and channel count.</summary>
    public static ImageBuffer Make(PixelType type, int channels, int width = TransformTestParameters.Width, int height = TransformTestParameters.Height, int salt = 0)
    {
        double Value(int y, int x, int c) => (x * 37 + y * 91 + c * 53 + salt * 17 + (x * y) % 23) % 256;
        switch (type)
        {
            case PixelType.UInt8:
            {
                var b = new ImageBuffer<byte>(width, height, channels);
                for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) for (int c = 0; c < channels; c++) b[y, x, c] = (byte)Value(y, x, c);
                return b;
            }
            case PixelType.UInt16:
            {
                var u = new ImageBuffer<ushort>(width, height, channels);
                for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) for (int c = 0; c < channels; c++) u[y, x, c] = (ushort)(Value(y, x, c) * 257);
                return u;
            }
            default:
            {
                var f = new ImageBuffer<float>(width, height, channels);
                for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) for (int c = 0; c < channels; c++) f[y, x, c] = (float)(Value(y, x, c) / 255.0);
                return f;
            }
        }
    }

    /// <summary>A two-level picture (a bright rectangle on a dark ground) and its mask.</summary>
    public static (ImageBuffer<byte> Image, ImageBuffer<byte> Mask) Blocks(int width = TransformTestParameters.Width, int height = TransformTestParameters.Height)
    {
        var image = new ImageBuffer<byte>(width, height, 3);
        var mask = new ImageBuffer<byte>(width, height, 1);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool inside = x >= width / 4 && x < width * 3 / 4 - 3 && y >= height / 5 && y < height * 2 / 3;
                for (int c = 0; c < 3; c++) image[y, x, c] = inside ? (byte)240 : (byte)10;
                mask[y, x, 0] = inside ? (byte)1 : (byte)0;
            }
        }
        return (image, mask);
    }

    /// <summary>The elements of any image as doubles, row by row.</summary>
    public static double[] Values(ImageBuffer image) => image switch
    {
        ImageBuffer<byte> b => b.ToArray().Select(v => (double)v).ToArray(),
        ImageBuffer<ushort> u => u.ToArray().Select(v => (double)v).ToArray(),
        _ => image.As<float>().ToArray().Select(v => (double)v).ToArray(),
    };
}
