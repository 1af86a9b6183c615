using AugSharp.Kernels;
using AugSharp.Tests.Transforms;

namespace AugSharp.Tests.Kernels;

/// <summary>
/// The vector rows of the 8-bit bilinear warps against the scalar rows, where many destination
/// pixels read outside the source: random rotations and zooms, every border mode, 1, 3 and 4
/// channels, odd widths and strided sources. Results must be identical byte for byte.
/// </summary>
public class WarpVectorBorderTests
{
    private static readonly BorderMode[] Borders = [BorderMode.Constant, BorderMode.Replicate, BorderMode.Reflect, BorderMode.Reflect101, BorderMode.Wrap];

    private static Matrix3x3 RandomMap(Random rng, int w, int h)
    {
        double angle = rng.NextDouble() * 360 - 180;
        double scale = 0.4 + rng.NextDouble() * 1.4; // up to 2.5x zoom out: wide regions outside the source
        return Matrix3x3.Translation(w / 2.0 + rng.NextDouble() * 20 - 10, h / 2.0 + rng.NextDouble() * 20 - 10)
             * Matrix3x3.Rotation(angle) * Matrix3x3.Scale(1 / scale, 1 / (scale * (0.8 + rng.NextDouble() * 0.4)))
             * Matrix3x3.Translation(-w / 2.0, -h / 2.0);
    }

    private static void Compare(Action<ImageBuffer<byte>> run, ImageBuffer<byte> fast, ImageBuffer<byte> slow, string what)
    {
        run(fast);
        WarpSimd.UseVectors = false;
        try { run(slow); }
        finally { WarpSimd.UseVectors = true; }
        Assert.True(slow.ToArray().AsSpan().SequenceEqual(fast.ToArray()), what);
    }

    [Theory]
    [InlineData(1, 512)]
    [InlineData(3, 512)]
    [InlineData(4, 512)]
    [InlineData(3, 256)]
    [InlineData(4, 256)]
    public void AffineRowsEqualTheScalarRowsWithWideOutsideRegions(int cn, int bits)
    {
        WarpSimd.MaxVectorBits = bits;
        try
        {
            AffineRows(cn);
        }
        finally
        {
            WarpSimd.MaxVectorBits = 512;
        }
    }

    private static void AffineRows(int cn)
    {
        var rng = new Random(100 + cn);
        using var big = TestImages.RandomBytes(97, 66, cn, cn);
        var src = big.Crop(2, 1, 91, 63); // odd width, strided
        foreach (int width in new[] { 101, 64, 37 })
        {
            using var fast = ImageBuffer<byte>.CreateUninitialized(width, 45, cn);
            using var slow = ImageBuffer<byte>.CreateUninitialized(width, 45, cn);
            for (int t = 0; t < 6; t++)
            {
                var m = RandomMap(rng, width, 45);
                foreach (var border in Borders)
                    Compare(d => Warp.Affine(src, d, m, Interpolation.Linear, border, [7, 200, 33, 90]), fast, slow, $"{cn} {width} {t} {border}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void PerspectiveAndRemapRowsEqualTheScalarRowsWithWideOutsideRegions(int cn)
    {
        var rng = new Random(200 + cn);
        using var big = TestImages.RandomBytes(80, 52, cn, 3 * cn);
        var src = big.Crop(1, 2, 77, 49);
        const int W = 83, H = 41;
        using var fast = ImageBuffer<byte>.CreateUninitialized(W, H, cn);
        using var slow = ImageBuffer<byte>.CreateUninitialized(W, H, cn);
        using var map = new ImageBuffer<float>(W, H, 2);
        // Horizons inside the image: W = 0 exactly at x = 64, and W changing sign along a column.
        foreach (var h in new[] { new Matrix3x3(1, 0.1, 0, 0.05, 1, 0, -1.0 / 64, 0, 1), new Matrix3x3(3, 0.5, -20, 0.2, 2, -5, 0.01, -0.04, 1) })
        foreach (var border in Borders)
            Compare(d => Warp.Perspective(src, d, h, Interpolation.Linear, border, [250, 3, 128, 9]), fast, slow, $"horizon {cn} {border}");
        for (int t = 0; t < 4; t++)
        {
            var m = RandomMap(rng, W, H) * new Matrix3x3(1, 0, 0, 0, 1, 0, (rng.NextDouble() - 0.5) * 0.01, (rng.NextDouble() - 0.5) * 0.01, 1);
            double amp = 5 + 40 * rng.NextDouble();
            for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
            {
                map[y, x, 0] = (float)(x * 1.1 - 8 + Math.Sin(y / 5.0 + t) * amp);
                map[y, x, 1] = (float)(y * 1.2 - 6 + Math.Cos(x / 6.0 - t) * amp);
            }
            if (t == 3)
            {
                // Coordinates the fixed-point conversion saturates, and NaN.
                float[] odd = [float.NaN, 1e10f, -1e10f, 67108864f, -3e7f, 1e6f, float.PositiveInfinity];
                for (int k = 0; k < odd.Length; k++)
                {
                    map[5 + k, 3 * k + 1, 0] = odd[k];
                    map[9 + k, 5 * k + 8, 1] = odd[k];
                }
            }
            foreach (var border in Borders)
            {
                Compare(d => Warp.Perspective(src, d, m, Interpolation.Linear, border, [250, 3, 128, 9]), fast, slow, $"perspective {cn} {t} {border}");
                Compare(d => Warp.Remap(src, d, map, Interpolation.Linear, border, [250, 3, 128, 9]), fast, slow, $"remap {cn} {t} {border}");
            }
        }
    }
}
