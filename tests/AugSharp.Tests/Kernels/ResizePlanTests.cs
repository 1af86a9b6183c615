using AugSharp.Kernels;

namespace AugSharp.Tests.Kernels;

/// <summary>
/// The resize keeps the tables of the last few geometries per thread: alternating between more
/// geometries than it keeps gives exactly what a thread that never resized before gives.
/// </summary>
public class ResizePlanTests
{
    private static ImageBuffer<byte> Noise(int w, int h, int cn, int seed)
    {
        var image = new ImageBuffer<byte>(w, h, cn);
        var rng = new Random(seed);
        for (int y = 0; y < h; y++) rng.NextBytes(image.GetRow(y));
        return image;
    }

    /// <summary>The resize on a new thread (no plan kept yet).</summary>
    private static byte[] Fresh(ImageBuffer<byte> src, int dw, int dh, Interpolation interpolation)
    {
        byte[] result = [];
        var thread = new Thread(() => result = Resize(src, dw, dh, interpolation));
        thread.Start();
        thread.Join();
        return result;
    }

    private static byte[] Resize(ImageBuffer<byte> src, int dw, int dh, Interpolation interpolation)
    {
        using var dst = new ImageBuffer<byte>(dw, dh, src.Channels);
        ResizeKernel.Apply(src, dst, interpolation);
        return dst.ToArray();
    }

    [Theory]
    [InlineData(Interpolation.Linear)]
    [InlineData(Interpolation.Cubic)]
    [InlineData(Interpolation.Area)]
    public void AlternatingGeometriesGiveTheFreshResult(Interpolation interpolation)
    {
        using var a = Noise(451, 300, 3, 1);
        using var b = Noise(640, 427, 3, 2);
        using var c = Noise(97, 61, 1, 3);
        // Enlargements, and shrinks by factors that are not whole numbers (the area filter's own tables).
        var cases = new (ImageBuffer<byte> Src, int W, int H)[] { (a, 512, 512), (b, 512, 512), (c, 200, 90), (a, 226, 150), (b, 320, 214), (c, 41, 33), (a, 128, 77), (b, 300, 200), (a, 512, 512), (b, 320, 214) };
        var expected = cases.Select(k => Fresh(k.Src, k.W, k.H, interpolation)).ToArray();
        for (int round = 0; round < 3; round++)
            for (int i = 0; i < cases.Length; i++)
                Assert.Equal(expected[i], Resize(cases[i].Src, cases[i].W, cases[i].H, interpolation));
    }
}
