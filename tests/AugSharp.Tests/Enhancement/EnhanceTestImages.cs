using System.Text.Json;

namespace AugSharp.Tests.Enhancement;

/// <summary>The sample photos as the enhancement tests use them, and the committed OpenCV references (tools/opencv_enhance_references.py).</summary>
internal static class EnhanceTestImages
{
    public static readonly string[] Photos = ["astronaut.png", "camera.png", "chelsea.png", "coffee.png", "retina.jpg", "rocket.jpg"];

    public static string Reference(string name) => TestPaths.TestData("OpenCvEnhance", name);

    public static JsonElement Manifest { get; } = JsonDocument.Parse(File.ReadAllText(Reference("manifest.json"))).RootElement;

    /// <summary>The photo's centre crop of <paramref name="width"/> x <paramref name="height"/>, as 8-bit (RGB or gray, alpha dropped).</summary>
    public static ImageBuffer<byte> Crop(string photo, int width, int height)
    {
        using var image = ImageCodec.Read(TestPaths.Image(photo));
        using var bytes = PixelConversion.ToBytes(image);
        int x = (bytes.Width - width) / 2, y = (bytes.Height - height) / 2;
        return bytes.Crop(x, y, width, height).Clone();
    }

    /// <summary>The image plus white Gaussian noise of <paramref name="sigma"/> levels (seeded), rounded and clamped.</summary>
    public static ImageBuffer<byte> AddNoise(ImageBuffer<byte> image, double sigma, int seed)
    {
        var rng = new Random(seed);
        var noisy = image.Clone();
        for (int y = 0; y < noisy.Height; y++)
        {
            var row = noisy.GetRow(y);
            for (int i = 0; i < row.Length; i++)
            {
                double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
                double n = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                row[i] = (byte)Math.Clamp(Math.Round(row[i] + sigma * n), 0, 255);
            }
        }
        return noisy;
    }

    /// <summary>The raw reference pixels of <paramref name="name"/>.</summary>
    public static T[] Raw<T>(string name) where T : unmanaged
    {
        var bytes = File.ReadAllBytes(Reference(name));
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    /// <summary>The share of elements within <paramref name="tolerance"/> of the reference, and the largest difference.</summary>
    public static (double Share, int MaxDifference) Agreement<T>(ImageBuffer<T> actual, T[] expected, int tolerance) where T : unmanaged
    {
        var values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        int within = 0, max = 0;
        for (int i = 0; i < values.Length; i++)
        {
            int d = Math.Abs(Convert.ToInt32(values[i]) - Convert.ToInt32(expected[i]));
            if (d <= tolerance) within++;
            max = Math.Max(max, d);
        }
        return ((double)within / values.Length, max);
    }
}
