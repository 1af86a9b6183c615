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
        var dst = ImageBuffer<byte>.CreateUninitialized(width, height, src.Channels);
        AugSharp.Kernels.ResizeKernel.Apply(src, dst, Interpolation.Linear);
        return dst;
    }
}
