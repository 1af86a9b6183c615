namespace AugSharp.Tests.Imaging.Codecs;

/// <summary>Test images cut from the sample photographs in TestData/Images, and comparison helpers.</summary>
internal static class CodecTestImages
{
    private static readonly Lazy<ImageBuffer<byte>> Chelsea = new(() => ImageCodec.Read(TestPaths.Image("chelsea.png")).As<byte>());
    private static readonly Lazy<ImageBuffer<byte>> Camera = new(() => ImageCodec.Read(TestPaths.Image("camera.png")).As<byte>());

    /// <summary>A 96x64 crop of a real photograph with 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA) channels.</summary>
    public static ImageBuffer<byte> Photo8(int channels, int width = 96, int height = 64)
    {
        var rgb = Chelsea.Value.Crop(180, 90, width, height);
        var gray = Camera.Value.Crop(200, 120, width, height);
        var image = new ImageBuffer<byte>(width, height, channels);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                byte alpha = (byte)((x * 255 / (width - 1) + y * 3) % 256);
                switch (channels)
                {
                    case 1:
                        image[y, x, 0] = gray[y, x, 0];
                        break;
                    case 2:
                        image[y, x, 0] = gray[y, x, 0];
                        image[y, x, 1] = alpha;
                        break;
                    default:
                        for (int c = 0; c < 3; c++) image[y, x, c] = rgb[y, x, c];
                        if (channels == 4) image[y, x, 3] = alpha;
                        break;
                }
            }
        }
        return image;
    }

    /// <summary>A 16-bit version of <see cref="Photo8"/> whose low bytes vary too, so that a lost low byte shows.</summary>
    public static ImageBuffer<ushort> Photo16(int channels, int width = 96, int height = 64)
    {
        using var photo = Photo8(channels, width, height);
        var image = new ImageBuffer<ushort>(width, height, channels);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                    image[y, x, c] = (ushort)(photo[y, x, c] * 256 + ((x * 7 + y * 13 + c * 31) & 0xFF));
        return image;
    }

    public static void AssertEqual<T>(ImageBuffer<T> expected, ImageBuffer actual) where T : unmanaged, IEquatable<T>
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var a = actual.As<T>();
        for (int y = 0; y < expected.Height; y++)
        {
            var e = expected.GetRow(y);
            var r = a.GetRow(y);
            if (!e.SequenceEqual(r))
            {
                for (int i = 0; i < e.Length; i++)
                    Assert.True(e[i].Equals(r[i]), $"Row {y}, element {i}: expected {e[i]}, got {r[i]}.");
            }
        }
    }

    /// <summary>Peak signal-to-noise ratio in dB of two 8-bit images of the same shape.</summary>
    public static double Psnr(ImageBuffer<byte> expected, ImageBuffer<byte> actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double sum = 0;
        for (int y = 0; y < expected.Height; y++)
        {
            var e = expected.GetRow(y);
            var a = actual.GetRow(y);
            for (int i = 0; i < e.Length; i++)
            {
                double d = e[i] - a[i];
                sum += d * d;
            }
        }
        double mse = sum / expected.Shape.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}

/// <summary>A temporary folder deleted after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "augsharp-codecs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
