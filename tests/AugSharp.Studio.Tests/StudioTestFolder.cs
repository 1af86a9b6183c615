using AugSharp.Studio;

namespace AugSharp.Studio.Tests;

/// <summary>A temporary folder with two 640x480 test images and a secret file beside it (for path escapes).</summary>
internal sealed class StudioTestFolder : IDisposable
{
    public StudioTestFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "augsharp-studio-tests-" + Guid.NewGuid().ToString("N")[..10]);
        Images = Path.Combine(Root, "images");
        Directory.CreateDirectory(Images);
        using (var image = Picture(640, 480)) ImageCodec.Write(image, Path.Combine(Images, "scene.png"));
        using (var image = Picture(320, 200)) ImageCodec.Write(image, Path.Combine(Images, "small.jpg"));
        Secret = Path.Combine(Root, "secret.png");
        using (var image = Picture(8, 8)) ImageCodec.Write(image, Secret);
    }

    public string Root { get; }

    public string Images { get; }

    /// <summary>An image outside <see cref="Images"/>.</summary>
    public string Secret { get; }

    public StudioOptions Options => new() { Folder = Images };

    /// <summary>Shapes and gradients, so that every transform visibly changes the picture.</summary>
    public static ImageBuffer<byte> Picture(int width, int height)
    {
        var image = new ImageBuffer<byte>(width, height, 3);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool disc = (x - width / 3) * (x - width / 3) + (y - height / 2) * (y - height / 2) < height * height / 16;
                image[y, x, 0] = disc ? (byte)220 : (byte)(x * 255 / width);
                image[y, x, 1] = disc ? (byte)40 : (byte)(y * 255 / height);
                image[y, x, 2] = (byte)((x / 40 + y / 40) % 2 == 0 ? 200 : 60);
            }
        }
        return image;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
