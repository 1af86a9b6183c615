using AugSharp.Keras;

namespace AugSharp.Tests.Kernels;

/// <summary>
/// The vector Keras path against the scalar reference, bit for bit: the one-pass order-1 warp with
/// the flips folded in (<see cref="KerasAffineSimd"/>) against <see cref="KerasAffine.Resample"/>
/// followed by the flips, and the vector brightness shift against its scalar form, on random
/// parameters, every fill mode, 1 to 5 channels and odd sizes, with the widest vectors and with
/// 256- and 128-bit ones forced; .ci/run repeats them with the intrinsics switched off (the scalar
/// fallback). One class, so that the
/// switches are never flipped by two tests at once.
/// </summary>
public class KerasWarpVectorTests
{
    /// <summary>Every vector path the machine has: the widest first, then narrower ones forced.</summary>
    private static readonly int[] VectorWidths = [512, 256, 128];

    private static float[] RandomPixels(RandomStream rng, int length, double low, double high)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++) data[i] = (float)rng.Uniform(low, high);
        return data;
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i])
                || (float.IsNaN(expected[i]) && float.IsNaN(actual[i]));
            Assert.True(same, $"{what}: element {i}: {actual[i]} vs reference {expected[i]}");
        }
    }

    /// <summary>KerasAffine.Resample (order 1) and then the flips, as ImageDataGenerator did them.</summary>
    private static float[] Reference(float[] input, PlaneLayout l, ScipyAffine a, FillMode mode, double cval, bool flipH, bool flipV)
    {
        var resampled = new float[input.Length];
        KerasAffine.Resample(input, resampled, l, a, 1, mode, cval);
        var result = new float[input.Length];
        for (int r = 0; r < l.Rows; r++)
        {
            for (int c = 0; c < l.Cols; c++)
            {
                int sr = flipV ? l.Rows - 1 - r : r, sc = flipH ? l.Cols - 1 - c : c;
                for (int ch = 0; ch < l.Channels; ch++)
                    result[r * l.RowStride + c * l.ColStride + ch] = resampled[sr * l.RowStride + sc * l.ColStride + ch];
            }
        }
        return result;
    }

    private static ScipyAffine RandomMatrix(RandomStream rng, int rows, int cols, int kind)
    {
        switch (kind)
        {
            case 0:
                // Keras' own matrices: rotation, shifts, shear, zoom about Keras' centre.
                return KerasAffine.BuildMatrix(rng.Uniform(-180, 180), rng.Uniform(-0.3, 0.3) * rows, rng.Uniform(-0.3, 0.3) * cols,
                    rng.Uniform(-40, 40), rng.Uniform(0.4, 2.5), rng.Uniform(0.4, 2.5), rows, cols, trueCentre: rng.NextInt(2) == 1)!.Value;
            case 1:
                // Whole-pixel moves: coordinates on integers, where taps and edges are decided exactly.
                return new ScipyAffine(rng.NextInt(2) == 0 ? 1 : -1, 0, 0, rng.NextInt(2) == 0 ? 1 : -1, rng.NextInt(-rows, 2 * rows), rng.NextInt(-cols, 2 * cols));
            case 2:
                // Anything, far outside the image included.
                return new ScipyAffine(rng.Uniform(-3, 3), rng.Uniform(-3, 3), rng.Uniform(-3, 3), rng.Uniform(-3, 3), rng.Uniform(-80, 80), rng.Uniform(-80, 80));
            default:
                // Huge coordinates and NaN: the blocks that go to the scalar pixel code.
                double huge = rng.NextInt(2) == 0 ? 3e9 : 1e300;
                double offset = rng.NextInt(3) == 0 ? double.NaN : rng.Uniform(-5, 5);
                return new ScipyAffine(rng.Uniform(-1, 1), huge * rng.Uniform(-1, 1), rng.Uniform(-1, 1), 1, offset, rng.Uniform(-5, 5));
        }
    }

    [Theory]
    [InlineData(FillMode.Nearest)]
    [InlineData(FillMode.Constant)]
    [InlineData(FillMode.Reflect)]
    [InlineData(FillMode.Wrap)]
    public void One_pass_warp_with_folded_flips_is_bit_exact_with_resample_then_flips(FillMode mode)
    {
        var rng = new RandomStream(1000 + (ulong)mode);
        int[] channelCounts = [1, 2, 3, 4, 5];
        int vectorRuns = 0;
        for (int trial = 0; trial < 160; trial++)
        {
            int rows = trial < 8 ? 1 + trial % 3 : rng.NextInt(1, 41);
            int cols = trial < 8 ? 1 + trial / 3 : rng.NextInt(1, 53);
            int channels = channelCounts[trial % channelCounts.Length];
            var l = PlaneLayout.ChannelsLast(rows, cols, channels);
            var input = RandomPixels(rng, rows * cols * channels, -20, 280);
            if (trial % 7 == 0) input[rng.NextInt(input.Length)] = -0.0f;
            var a = RandomMatrix(rng, rows, cols, trial % 4);
            double cval = rng.Uniform(-5, 260);
            bool flipH = rng.NextInt(2) == 1, flipV = rng.NextInt(2) == 1;
            var expected = Reference(input, l, a, mode, cval, flipH, flipV);
            if (!KerasAffineSimd.IsSupported(l, 1)) continue; // intrinsics off: the generator runs the reference itself
            foreach (int bits in VectorWidths)
            {
                var actual = new float[input.Length];
                KerasAffineSimd.MaxVectorBits = bits;
                // Every other trial prefetches the next tile's source, as large images do.
                int prefetchFrom = KerasAffineSimd.PrefetchFromBytes;
                if (trial % 2 == 0) KerasAffineSimd.PrefetchFromBytes = 0;
                try { KerasAffineSimd.ResampleLinear(input, actual, l, a, mode, cval, flipH, flipV); }
                finally
                {
                    KerasAffineSimd.MaxVectorBits = 512;
                    KerasAffineSimd.PrefetchFromBytes = prefetchFrom;
                }
                AssertSameBits(expected, actual, $"{mode} trial {trial} ({rows}x{cols}x{channels}, flips {flipH}/{flipV}, {a}, {bits}-bit vectors)");
                vectorRuns++;
            }
        }
        Assert.True(vectorRuns > 0 || !System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Vector_brightness_is_bit_exact_with_the_scalar_blend(int channels)
    {
        var rng = new RandomStream(2000 + (ulong)channels);
        double[] factors = [0.3, 0.5, 0.999, 1.0, 1.2, 1.5, 1.7, 0, -0.5, 3];
        for (int trial = 0; trial < 120; trial++)
        {
            int pixels = rng.NextInt(1, 300);
            var x = (trial % 3) switch
            {
                0 => RandomPixels(rng, pixels * channels, 0, 255.999),   // Keras' range: no stretch
                1 => RandomPixels(rng, pixels * channels, -40, 400),     // stretched to 0..255 and back
                _ => RandomPixels(rng, pixels * channels, 0, 1),
            };
            if (trial % 5 == 0)
            {
                x[rng.NextInt(x.Length)] = -0.0f;
                x[rng.NextInt(x.Length)] = 255f;
            }
            if (trial % 11 == 0) x[rng.NextInt(x.Length)] = float.NaN;
            if (trial % 13 == 0) Array.Fill(x, 42.5f); // a flat image: no stretch range
            double brightness = factors[trial % factors.Length];
            var expected = (float[])x.Clone();
            KerasColor.BrightnessShiftScalar(expected, channels, brightness);
            foreach (int bits in VectorWidths)
            {
                var actual = (float[])x.Clone();
                KerasColor.MaxVectorBits = bits;
                try { KerasColor.BrightnessShift(actual, channels, brightness); }
                finally { KerasColor.MaxVectorBits = 512; }
                AssertSameBits(expected, actual, $"trial {trial} ({pixels} pixels x {channels}, brightness {brightness}, {bits}-bit vectors)");
            }
        }
    }

    [Theory]
    [InlineData(FillMode.Nearest, 3)]
    [InlineData(FillMode.Constant, 3)]
    [InlineData(FillMode.Reflect, 1)]
    [InlineData(FillMode.Wrap, 4)]
    [InlineData(FillMode.Nearest, 4)]
    [InlineData(FillMode.Reflect, 3)]
    [InlineData(FillMode.Nearest, 1)]
    public void Random_transforms_give_the_same_bits_with_and_without_vectors(FillMode mode, int channels)
    {
        var gen = new ImageDataGenerator(rotationRange: 30, widthShiftRange: 0.1, heightShiftRange: 0.1, shearRange: 10,
            zoomRange: 0.2, channelShiftRange: mode == FillMode.Constant ? 20 : 0, fillMode: mode, cval: 17,
            horizontalFlip: true, verticalFlip: true, brightnessRange: [0.5, 1.5]);
        var rng = new RandomStream(3000 + (ulong)mode);
        for (int trial = 0; trial < 16; trial++)
        {
            int width = rng.NextInt(5, 71), height = rng.NextInt(5, 47);
            using var image = new ImageBuffer<float>(width, height, channels);
            var span = image.GetSpan();
            // Even trials within [0, 255] (brightness done in the warp's pass), odd ones outside
            // (the warp runs again and the shift stretches), some with fractions.
            for (int i = 0; i < span.Length; i++)
                span[i] = trial % 2 == 0 ? (trial % 4 == 0 ? rng.NextInt(256) : (float)rng.Uniform(0, 255)) : (float)rng.Uniform(-20, 280);
            var parameters = gen.Sample(RandomStream.For(7, trial), image.Shape);
            int bits = VectorWidths[trial % VectorWidths.Length];
            KerasAffineSimd.MaxVectorBits = bits;
            KerasColor.MaxVectorBits = bits;
            float[] fast;
            try
            {
                using var result = gen.ApplyTransform(image, parameters);
                fast = result.GetSpan().ToArray();
            }
            finally
            {
                KerasAffineSimd.MaxVectorBits = 512;
                KerasColor.MaxVectorBits = 512;
            }
            float[] slow;
            KerasAffineSimd.UseVectors = false;
            KerasColor.UseVectors = false;
            try
            {
                using var reference = gen.ApplyTransform(image, parameters);
                slow = reference.GetSpan().ToArray();
            }
            finally
            {
                KerasAffineSimd.UseVectors = true;
                KerasColor.UseVectors = true;
            }
            AssertSameBits(slow, fast, $"{mode} trial {trial} ({width}x{height}x{channels}, {bits}-bit vectors)");
        }
    }
}
