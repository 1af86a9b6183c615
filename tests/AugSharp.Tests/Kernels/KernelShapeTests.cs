using AugSharp.Kernels;

namespace AugSharp.Tests.Kernels;

/// <summary>
/// Channel counts 1..5, strided views, widths around the vector sizes, and point mapping:
/// a multi-channel result must equal the kernel run on each channel alone.
/// </summary>
public class KernelShapeTests
{
    private static readonly Matrix3x3 AffineMap = Matrix3x3.Translation(20.5, 14.25) * Matrix3x3.Rotation(17) * Matrix3x3.Scale(1.1, 0.93) * Matrix3x3.Translation(-22, -15);
    private static readonly Matrix3x3 PerspectiveMap = new(0.9, 0.05, 1.5, -0.04, 1.1, -2.0, 0.0012, -0.0009, 1.0);

    private static ImageBuffer<T> Random<T>(int width, int height, int channels, int seed) where T : unmanaged
    {
        var image = new ImageBuffer<T>(width, height, channels);
        var rng = new Random(seed);
        for (int y = 0; y < height; y++)
        {
            var row = image.GetRow(y);
            for (int i = 0; i < row.Length; i++)
            {
                int v = (i * 7 + y * 5 + rng.Next(60)) % 256;
                row[i] = typeof(T) == typeof(byte) ? (T)(object)(byte)v : typeof(T) == typeof(ushort) ? (T)(object)(ushort)(v * 257) : (T)(object)(v / 255f);
            }
        }
        return image;
    }

    private static ImageBuffer<T> Channel<T>(ImageBuffer<T> image, int c) where T : unmanaged
    {
        var result = new ImageBuffer<T>(image.Width, image.Height, 1);
        for (int y = 0; y < image.Height; y++)
        for (int x = 0; x < image.Width; x++) result[y, x, 0] = image[y, x, c];
        return result;
    }

    public static TheoryData<string, int> KernelsAndChannels()
    {
        var data = new TheoryData<string, int>();
        foreach (var k in new[] { "affine-nearest", "affine-linear", "affine-cubic", "perspective-linear", "remap-linear", "resize-nearest", "resize-linear", "resize-cubic", "resize-area", "resize-lanczos",
                                  "flip-h", "flip-v", "transpose", "rot90-1", "rot90-2", "rot90-3", "pad-reflect101", "pad-constant" })
            for (int cn = 1; cn <= 5; cn++) data.Add(k, cn);
        return data;
    }

    private static ImageBuffer<T> RunKernel<T>(string kernel, ImageBuffer<T> src, double[] border) where T : unmanaged
    {
        int w = src.Width, h = src.Height, cn = src.Channels;
        ImageBuffer<T> dst;
        switch (kernel)
        {
            case "affine-nearest":
            case "affine-linear":
            case "affine-cubic":
                dst = ImageBuffer<T>.CreateUninitialized(47, 33, cn);
                var interp = kernel.EndsWith("nearest") ? Interpolation.Nearest : kernel.EndsWith("linear") ? Interpolation.Linear : Interpolation.Cubic;
                Warp.Affine(src, dst, AffineMap, interp, BorderMode.Constant, border);
                return dst;
            case "perspective-linear":
                dst = ImageBuffer<T>.CreateUninitialized(47, 33, cn);
                Warp.Perspective(src, dst, PerspectiveMap, Interpolation.Linear, BorderMode.Reflect, border);
                return dst;
            case "remap-linear":
                dst = ImageBuffer<T>.CreateUninitialized(29, 21, cn);
                using (var map = new ImageBuffer<float>(29, 21, 2))
                {
                    for (int y = 0; y < 21; y++)
                    for (int x = 0; x < 29; x++)
                    {
                        map[y, x, 0] = x * 1.37f - 3.1f;
                        map[y, x, 1] = y * 1.61f - 2.2f + x * 0.1f;
                    }
                    Warp.Remap(src, dst, map, Interpolation.Linear, BorderMode.Wrap, border);
                }
                return dst;
            case "flip-h":
                dst = ImageBuffer<T>.CreateUninitialized(w, h, cn);
                Flip.Horizontal(src, dst);
                return dst;
            case "flip-v":
                dst = ImageBuffer<T>.CreateUninitialized(w, h, cn);
                Flip.Vertical(src, dst);
                return dst;
            case "transpose":
                dst = ImageBuffer<T>.CreateUninitialized(h, w, cn);
                Flip.Transpose(src, dst);
                return dst;
            case "pad-reflect101":
                dst = ImageBuffer<T>.CreateUninitialized(w + 9, h + 7, cn);
                PadKernel.Apply(src, dst, 4, 5, BorderMode.Reflect101, border);
                return dst;
            case "pad-constant":
                dst = ImageBuffer<T>.CreateUninitialized(w + 9, h + 7, cn);
                PadKernel.Apply(src, dst, 4, 5, BorderMode.Constant, border);
                return dst;
        }
        if (kernel.StartsWith("rot90-"))
        {
            int k = kernel[^1] - '0';
            dst = k == 2 ? ImageBuffer<T>.CreateUninitialized(w, h, cn) : ImageBuffer<T>.CreateUninitialized(h, w, cn);
            Flip.Rotate90(src, dst, k);
            return dst;
        }
        var mode = kernel switch
        {
            "resize-nearest" => Interpolation.Nearest,
            "resize-linear" => Interpolation.Linear,
            "resize-cubic" => Interpolation.Cubic,
            "resize-area" => Interpolation.Area,
            _ => Interpolation.Lanczos,
        };
        dst = ImageBuffer<T>.CreateUninitialized(w * 2 / 3, h * 5 / 4, cn);
        ResizeKernel.Apply(src, dst, mode);
        return dst;
    }

    private static void AssertPerChannel<T>(string kernel, int channels) where T : unmanaged
    {
        var border = new[] { 10.0, 200.0, 30.0, 77.0, 5.0 }.Take(channels).ToArray();
        using var big = Random<T>(53, 37, channels, channels);
        var src = big.Crop(4, 3, 44, 31); // a strided view
        using var all = RunKernel(kernel, src, border);
        for (int c = 0; c < channels; c++)
        {
            using var one = RunKernel(kernel, Channel(src, c), [border[c]]);
            using var expected = Channel(all, c);
            Assert.Equal(one.ToArray(), expected.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(KernelsAndChannels))]
    public void EveryChannelCountMatchesSingleChannels(string kernel, int channels)
    {
        AssertPerChannel<byte>(kernel, channels);
        AssertPerChannel<ushort>(kernel, channels);
        AssertPerChannel<float>(kernel, channels);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void HorizontalFlipOfAnyWidthReversesThePixels(int channels)
    {
        for (int width = 1; width <= 150; width++)
        {
            using var src = Random<byte>(width, 2, channels, width);
            using var dst = ImageBuffer<byte>.CreateUninitialized(width, 2, channels);
            Flip.Horizontal(src, dst);
            for (int y = 0; y < 2; y++)
            for (int x = 0; x < width; x++)
            for (int c = 0; c < channels; c++)
                Assert.Equal(src[y, width - 1 - x, c], dst[y, x, c]);
        }
    }

    [Fact]
    public void AffineLinearVectorRowsEqualTheScalarRows()
    {
        // Wide rows with borders on all sides exercise the vector path and its fallbacks.
        foreach (int cn in new[] { 1, 2, 3, 4, 5 })
        {
            using var big = Random<byte>(310, 205, cn, 11 * cn);
            var src = big.Crop(5, 3, 300, 200);
            using var fast = ImageBuffer<byte>.CreateUninitialized(257, 181, cn);
            using var slow = ImageBuffer<byte>.CreateUninitialized(257, 181, cn);
            foreach (var m in new[]
            {
                Matrix3x3.Translation(150, 100) * Matrix3x3.Rotation(5) * Matrix3x3.Scale(1.02, 0.99) * Matrix3x3.Translation(-128, -90),
                Matrix3x3.Translation(150, 100) * Matrix3x3.Rotation(-33) * Matrix3x3.Scale(1.3, 1.25) * Matrix3x3.Translation(-128, -90),
                Matrix3x3.Translation(0.25, 0.5),
            })
            {
                foreach (var border in new[] { BorderMode.Constant, BorderMode.Reflect101 })
                {
                    Warp.Affine(src, fast, m, Interpolation.Linear, border, [7, 8, 9, 10, 11]);
                    WarpSimd.UseVectors = false;
                    try { Warp.Affine(src, slow, m, Interpolation.Linear, border, [7, 8, 9, 10, 11]); }
                    finally { WarpSimd.UseVectors = true; }
                    Assert.Equal(slow.ToArray(), fast.ToArray());
                }
            }
        }
    }

    [Fact]
    public void PerspectiveAndRemapLinearVectorRowsEqualTheScalarRows()
    {
        foreach (int cn in new[] { 1, 2, 3, 4, 5 })
        {
            using var big = Random<byte>(210, 150, cn, 7 * cn);
            var src = big.Crop(5, 3, 200, 140);
            using var fast = ImageBuffer<byte>.CreateUninitialized(181, 131, cn);
            using var slow = ImageBuffer<byte>.CreateUninitialized(181, 131, cn);
            using var map = new ImageBuffer<float>(181, 131, 2);
            for (int y = 0; y < 131; y++)
            for (int x = 0; x < 181; x++)
            {
                map[y, x, 0] = x * 1.13f - 6.3f + MathF.Sin(y / 7f) * 4;
                map[y, x, 1] = y * 1.09f - 4.1f + MathF.Cos(x / 9f) * 3;
            }
            var h = new Matrix3x3(0.95, 0.08, -3.5, -0.05, 1.02, 2.0, 0.0009, -0.0007, 1.0);
            foreach (var border in new[] { BorderMode.Constant, BorderMode.Wrap })
            {
                for (int pass = 0; pass < 2; pass++)
                {
                    var target = pass == 0 ? fast : slow;
                    WarpSimd.UseVectors = pass == 0;
                    try
                    {
                        Warp.Perspective(src, target, h, Interpolation.Linear, border, [3, 250, 9, 40, 1]);
                    }
                    finally { WarpSimd.UseVectors = true; }
                }
                Assert.Equal(slow.ToArray(), fast.ToArray());
                for (int pass = 0; pass < 2; pass++)
                {
                    var target = pass == 0 ? fast : slow;
                    WarpSimd.UseVectors = pass == 0;
                    try
                    {
                        Warp.Remap(src, target, map, Interpolation.Linear, border, [3, 250, 9, 40, 1]);
                    }
                    finally { WarpSimd.UseVectors = true; }
                }
                Assert.Equal(slow.ToArray(), fast.ToArray());
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ResizeLinearVectorRowsEqualTheScalarRows(int cn)
    {
        using var big = Random<byte>(330, 130, cn, 3 * cn);
        var src = big.Crop(3, 2, 321, 123);
        foreach (var (w, h) in new[] { (640, 246), (160, 61), (500, 100), (97, 200), (33, 17), (1000, 123) })
        {
            foreach (var mode in new[] { Interpolation.Linear, Interpolation.Area })
            {
                using var fast = ImageBuffer<byte>.CreateUninitialized(w, h, cn);
                using var narrow = ImageBuffer<byte>.CreateUninitialized(w, h, cn);
                using var slow = ImageBuffer<byte>.CreateUninitialized(w, h, cn);
                ResizeKernel.Apply(src, fast, mode);
                // The widest rows (AVX-512 where the machine has it), then AVX2's, then the scalar ones.
                ResizeSimd.MaxVectorBits = 256;
                try { ResizeKernel.Apply(src, narrow, mode); }
                finally { ResizeSimd.MaxVectorBits = 512; }
                ResizeSimd.UseVectors = false;
                try { ResizeKernel.Apply(src, slow, mode); }
                finally { ResizeSimd.UseVectors = true; }
                Assert.Equal(slow.ToArray(), fast.ToArray());
                Assert.Equal(slow.ToArray(), narrow.ToArray());
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void HalfSizeBilinearAndAreaAreTheTwoByTwoAverage(int cn)
    {
        foreach (var (w, h) in new[] { (64, 38), (2, 2), (30, 4), (38, 10), (322, 6), (1000, 4) })
        {
            using var big = Random<byte>(w + 3, h + 1, cn, w + cn);
            var src = big.Crop(3, 1, w, h);
            foreach (var mode in new[] { Interpolation.Linear, Interpolation.Area })
            {
                using var dst = ImageBuffer<byte>.CreateUninitialized(w / 2, h / 2, cn);
                ResizeKernel.Apply(src, dst, mode);
                for (int y = 0; y < h / 2; y++)
                for (int x = 0; x < w / 2; x++)
                for (int c = 0; c < cn; c++)
                {
                    int sum = src[2 * y, 2 * x, c] + src[2 * y, 2 * x + 1, c] + src[2 * y + 1, 2 * x, c] + src[2 * y + 1, 2 * x + 1, c];
                    Assert.Equal((sum + 2) >> 2, dst[y, x, c]);
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void StridedDestinationsAreWrittenInsideTheViewOnly(int cn)
    {
        using var src = Random<byte>(150, 90, cn, 17);
        var m = Matrix3x3.Translation(75, 45) * Matrix3x3.Rotation(12) * Matrix3x3.Translation(-70, -40);
        var runs = new (string Name, int W, int H, Action<ImageBuffer<byte>> Run)[]
        {
            ("affine", 141, 83, d => Warp.Affine(src, d, m, Interpolation.Linear, BorderMode.Reflect, [])),
            ("perspective", 141, 83, d => Warp.Perspective(src, d, m, Interpolation.Linear, BorderMode.Constant, [1, 2, 3, 4])),
            ("resize-down", 75, 45, d => ResizeKernel.Apply(src, d, Interpolation.Linear)),
            ("resize-up", 301, 97, d => ResizeKernel.Apply(src, d, Interpolation.Linear)),
            ("flip-h", 150, 90, d => Flip.Horizontal(src, d)),
            ("flip-v", 150, 90, d => Flip.Vertical(src, d)),
            ("transpose", 90, 150, d => Flip.Transpose(src, d)),
            ("rot90", 90, 150, d => Flip.Rotate90(src, d, 1)),
            ("pad", 161, 99, d => PadKernel.Apply(src, d, 4, 6, BorderMode.Wrap, [])),
        };
        foreach (var (name, w, h, run) in runs)
        {
            using var expected = ImageBuffer<byte>.CreateUninitialized(w, h, cn);
            run(expected);
            using var big = new ImageBuffer<byte>(w + 9, h + 4, cn);
            big.Fill(123);
            var view = big.Crop(5, 2, w, h);
            run(view);
            Assert.True(expected.ToArray().AsSpan().SequenceEqual(view.ToArray()), name);
            for (int y = 0; y < big.Height; y++)
            for (int x = 0; x < big.Width; x++)
            {
                if (x >= 5 && x < 5 + w && y >= 2 && y < 2 + h) continue;
                for (int c = 0; c < cn; c++) Assert.True(big[y, x, c] == 123, $"{name}: ({x},{y},{c}) outside the view was written");
            }
        }
    }

    [Fact]
    public void TinyImagesWork()
    {
        var sizes = new[] { (1, 1), (1, 3), (3, 1), (2, 2), (5, 4) };
        foreach (var (sw, sh) in sizes)
        foreach (var (dw, dh) in sizes)
        foreach (int cn in new[] { 1, 3 })
        {
            using var src = Random<byte>(sw, sh, cn, sw * 10 + sh);
            using var dst = ImageBuffer<byte>.CreateUninitialized(dw, dh, cn);
            foreach (var mode in new[] { Interpolation.Nearest, Interpolation.Linear, Interpolation.Cubic, Interpolation.Area, Interpolation.Lanczos })
            {
                ResizeKernel.Apply(src, dst, mode);
                if (mode == Interpolation.Area || mode == Interpolation.Lanczos) continue;
                foreach (var border in Enum.GetValues<BorderMode>())
                {
                    Warp.Affine(src, dst, Matrix3x3.Translation(-0.3, 0.6) * Matrix3x3.Scale(0.7, 1.3), mode, border, [9]);
                    Warp.Perspective(src, dst, new Matrix3x3(1, 0.1, 0, 0, 1, 0, 0.01, 0, 1), mode, border, [9]);
                }
            }
            using var padded = ImageBuffer<byte>.CreateUninitialized(sw + 6, sh + 5, cn);
            foreach (var border in Enum.GetValues<BorderMode>()) PadKernel.Apply(src, padded, 3, 2, border, [1, 2, 3]);
            using var same = ImageBuffer<byte>.CreateUninitialized(sw, sh, cn);
            using var turned = ImageBuffer<byte>.CreateUninitialized(sh, sw, cn);
            Flip.Horizontal(src, same);
            Flip.Vertical(src, same);
            Flip.Transpose(src, turned);
            for (int k = -5; k <= 5; k++) Flip.Rotate90(src, k % 2 == 0 ? same : turned, k);
        }
    }

    [Fact]
    public void PointsMapLikeOpenCv()
    {
        foreach (var p in OpenCvReference.Points)
        {
            var m = new Matrix3x3(p.Matrix[0][0], p.Matrix[0][1], p.Matrix[0][2], p.Matrix[1][0], p.Matrix[1][1], p.Matrix[1][2], p.Matrix[2][0], p.Matrix[2][1], p.Matrix[2][2]);
            for (int i = 0; i < p.Points.Length; i++)
            {
                var (x, y) = m.Transform(p.Points[i][0], p.Points[i][1]);
                Assert.True(Math.Abs(x - p.Mapped[i][0]) <= 1e-9 * Math.Max(1, Math.Abs(p.Mapped[i][0])), $"{p.Id} point {i}: x {x} vs {p.Mapped[i][0]}");
                Assert.True(Math.Abs(y - p.Mapped[i][1]) <= 1e-9 * Math.Max(1, Math.Abs(p.Mapped[i][1])), $"{p.Id} point {i}: y {y} vs {p.Mapped[i][1]}");
            }
        }
    }

    [Fact]
    public void BorderValuesBroadcastRoundAndSaturate()
    {
        using var src = new ImageBuffer<byte>(4, 4, 3);
        using var dst = ImageBuffer<byte>.CreateUninitialized(8, 6, 3);
        PadKernel.Apply(src, dst, 1, 2, BorderMode.Constant, [300.0]);
        Assert.Equal(255, dst[0, 0, 2]);
        PadKernel.Apply(src, dst, 1, 2, BorderMode.Constant, [2.5, -4, 7.6]);
        Assert.Equal(new byte[] { 2, 0, 8 }, new[] { dst[0, 0, 0], dst[0, 0, 1], dst[0, 0, 2] });
        PadKernel.Apply(src, dst, 1, 2, BorderMode.Constant, []);
        Assert.Equal(0, dst[5, 7, 1]);
    }
}
