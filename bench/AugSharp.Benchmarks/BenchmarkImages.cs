namespace AugSharp.Benchmarks;

/// <summary>Benchmark inputs made from the sample photographs committed with the tests.</summary>
internal static class BenchmarkImages
{
    /// <summary>The sample photographs of the repository (<c>tests/AugSharp.Tests/TestData/Images</c>).</summary>
    public static string Photos
    {
        get
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "AugSharp.sln")))
                        return Path.Combine(dir.FullName, "tests", "AugSharp.Tests", "TestData", "Images");
                }
            }
            throw new DirectoryNotFoundException("No folder above the benchmark contains AugSharp.sln.");
        }
    }

    /// <summary>An 8-bit RGB photograph (rocket.jpg) resized to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static ImageBuffer<byte> Photo(int width, int height)
    {
        using var source = ImageCodec.Read(Path.Combine(Photos, "rocket.jpg")).As<byte>();
        return ResizeBilinear(source, width, height);
    }

    private static ImageBuffer<byte> ResizeBilinear(ImageBuffer<byte> src, int width, int height)
    {
        var dst = new ImageBuffer<byte>(width, height, src.Channels);
        double sx = (double)src.Width / width, sy = (double)src.Height / height;
        for (int y = 0; y < height; y++)
        {
            double fy = Math.Clamp((y + 0.5) * sy - 0.5, 0, src.Height - 1);
            int y0 = (int)fy, y1 = Math.Min(y0 + 1, src.Height - 1);
            double wy = fy - y0;
            for (int x = 0; x < width; x++)
            {
                double fx = Math.Clamp((x + 0.5) * sx - 0.5, 0, src.Width - 1);
                int x0 = (int)fx, x1 = Math.Min(x0 + 1, src.Width - 1);
                double wx = fx - x0;
                for (int c = 0; c < src.Channels; c++)
                {
                    double top = src[y0, x0, c] * (1 - wx) + src[y0, x1, c] * wx;
                    double bottom = src[y1, x0, c] * (1 - wx) + src[y1, x1, c] * wx;
                    dst[y, x, c] = (byte)Math.Round(top * (1 - wy) + bottom * wy);
                }
            }
        }
        return dst;
    }
}
