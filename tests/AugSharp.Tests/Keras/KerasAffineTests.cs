using AugSharp.Keras;

namespace AugSharp.Tests.Keras;

/// <summary>The order-0/1 resampler against the independent scipy spline port, on random matrices.</summary>
public class KerasAffineTests
{
    public static TheoryData<int, FillMode> Modes()
    {
        var data = new TheoryData<int, FillMode>();
        foreach (int order in new[] { 0, 1 })
            foreach (var mode in Enum.GetValues<FillMode>()) data.Add(order, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Resample_matches_the_scipy_port(int order, FillMode mode)
    {
        var rng = new RandomStream(17);
        for (int trial = 0; trial < 40; trial++)
        {
            int rows = rng.NextInt(1, 20), cols = rng.NextInt(1, 20), channels = rng.NextInt(1, 5);
            var input = new float[rows * cols * channels];
            for (int i = 0; i < input.Length; i++) input[i] = (float)rng.Uniform(-10, 300);
            var a = new ScipyAffine(rng.Uniform(-2, 2), rng.Uniform(-2, 2), rng.Uniform(-2, 2), rng.Uniform(-2, 2), rng.Uniform(-30, 30), rng.Uniform(-30, 30));
            double cval = rng.Uniform(-5, 260);
            var layout = PlaneLayout.ChannelsLast(rows, cols, channels);
            var actual = new float[input.Length];
            KerasAffine.Resample(input, actual, layout, a, order, mode, cval);
            var expected = new float[input.Length];
            for (int ch = 0; ch < channels; ch++)
            {
                ScipySpline.AffineTransform(input.AsSpan(ch), rows, cols, cols * channels, channels, expected.AsSpan(ch), cols * channels, channels,
                    a.M00, a.M01, a.M10, a.M11, a.Offset0, a.Offset1, order, mode, cval);
            }
            for (int i = 0; i < input.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-3f,
                    $"trial {trial} ({rows}x{cols}x{channels}), element {i}: {actual[i]} vs scipy port {expected[i]}");
            }
        }
    }

    [Fact]
    public void Identity_parameters_build_no_matrix()
    {
        Assert.Null(KerasAffine.BuildMatrix(0, 0, 0, 0, 1, 1, 10, 20));
        Assert.NotNull(KerasAffine.BuildMatrix(0, 0, 0, 0, 1, 1.0001, 10, 20));
    }

    [Fact]
    public void Theta_90_on_48x64_maps_as_keras_does()
    {
        // SEMANTICS §4.2: for 48x64 with theta=90, (r_in, c_in) = (c + 8, 55 - r).
        var a = KerasAffine.BuildMatrix(90, 0, 0, 0, 1, 1, 48, 64)!.Value;
        for (int r = 0; r < 48; r += 7)
        {
            for (int c = 0; c < 64; c += 9)
            {
                Assert.Equal(c + 8, r * a.M00 + c * a.M01 + a.Offset0, 1e-9);
                Assert.Equal(55 - r, r * a.M10 + c * a.M11 + a.Offset1, 1e-9);
            }
        }
    }
}
