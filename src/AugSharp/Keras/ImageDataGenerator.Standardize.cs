using MathNet.Numerics.LinearAlgebra;

namespace AugSharp.Keras;

public sealed partial class ImageDataGenerator
{
    /// <summary>Raised with Keras' text when standardize needs statistics that <see cref="Fit"/> has not computed.</summary>
    public event Action<string>? Warning;

    /// <summary>
    /// Keras' <c>standardize</c>, in place and in Keras' order: preprocessing function, rescale,
    /// samplewise centre and std, featurewise centre and std, ZCA. Returns the array (the same
    /// instance unless the preprocessing function returned another). On a batch the samplewise
    /// statistics are over the whole batch, as in Keras.
    /// </summary>
    public NdArray Standardize(NdArray x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (PreprocessingFunction is not null)
        {
            x = PreprocessingFunction(x) ?? throw new InvalidOperationException("preprocessing_function returned null.");
        }
        var data = x.Data;
        if (Rescale is double rescale && rescale != 0)
        {
            float f = (float)rescale;
            for (int i = 0; i < data.Length; i++) data[i] *= f;
        }
        if (SamplewiseCenter)
        {
            float mean = (float)MeanOf(data);
            for (int i = 0; i < data.Length; i++) data[i] -= mean;
        }
        if (SamplewiseStdNormalization)
        {
            float divisor = (float)StdOf(data) + 1e-6f;
            for (int i = 0; i < data.Length; i++) data[i] /= divisor;
        }
        if (FeaturewiseCenter)
        {
            if (Mean is null)
            {
                Warn("This ImageDataGenerator specifies `featurewise_center`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`.");
            }
            else
            {
                BroadcastChannels(x, Mean, static (v, m) => v - m);
            }
        }
        if (FeaturewiseStdNormalization)
        {
            if (Std is null)
            {
                Warn("This ImageDataGenerator specifies `featurewise_std_normalization`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`.");
            }
            else
            {
                BroadcastChannels(x, Std, static (v, s) => v / (s + 1e-6f));
            }
        }
        if (ZcaWhitening)
        {
            if (ZcaWhiteningMatrix is null)
            {
                Warn("This ImageDataGenerator specifies `zca_whitening`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`.");
            }
            else
            {
                Whiten(x, ZcaWhiteningMatrix);
            }
        }
        return x;
    }

    /// <summary>
    /// Keras' <c>fit</c>: computes <see cref="Mean"/>, <see cref="Std"/> and
    /// <see cref="ZcaWhiteningMatrix"/> from a rank-4 batch (rescaled, and augmented
    /// <paramref name="rounds"/> times when <paramref name="augment"/> is set; as in Keras, fit
    /// rescales before augmenting and ignores the samplewise options).
    /// </summary>
    public void Fit(NdArray x, bool augment = false, int rounds = 1, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 4)
            throw new ArgumentException($"Input to `.fit()` should have rank 4. Got array with shape: ({string.Join(", ", x.Shape)})", nameof(x));
        int channelAxis = ImgChannelAxis + 1;
        if (x.Shape[channelAxis] is not (1 or 3 or 4))
        {
            Warn($"Expected input to be images (as Numpy array) following the data format convention \"{(DataFormat == DataFormat.ChannelsLast ? "channels_last" : "channels_first")}\" (channels on axis {channelAxis}), i.e. expected either 1, 3 or 4 channels on axis {channelAxis}. However, it was passed an array with shape ({string.Join(", ", x.Shape)}) ({x.Shape[channelAxis]} channels).");
        }
        if (seed is int s) _rng = RandomStream.For((ulong)(uint)s, 0);
        x = x.Copy();
        if (Rescale is double rescale && rescale != 0)
        {
            float f = (float)rescale;
            for (int i = 0; i < x.Data.Length; i++) x.Data[i] *= f;
        }
        if (augment)
        {
            if (rounds < 1) throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "rounds must be at least 1.");
            int n = x.Shape[0];
            var augmented = new NdArray([rounds * n, .. x.Shape[1..]]);
            int itemLength = x.ItemLength;
            for (int r = 0; r < rounds; r++)
            {
                for (int i = 0; i < n; i++)
                {
                    var image = x.GetItem(i);
                    var result = ApplyTransform(image, Sample(_rng, image.Shape));
                    result.Data.CopyTo(augmented.Data, (long)(i + r * n) * itemLength);
                }
            }
            x = augmented;
        }

        int channels = x.Shape[channelAxis];
        int[] broadcast = DataFormat == DataFormat.ChannelsLast ? [1, 1, channels] : [channels, 1, 1];
        if (FeaturewiseCenter)
        {
            var mean = ChannelMeans(x, channelAxis);
            Mean = new NdArray(mean, broadcast);
            BroadcastChannels(x, Mean, static (v, m) => v - m);
        }
        else
        {
            Mean = null;
        }
        if (FeaturewiseStdNormalization)
        {
            var std = ChannelStds(x, channelAxis);
            Std = new NdArray(std, broadcast);
            BroadcastChannels(x, Std, static (v, sd) => v / (sd + 1e-6f));
        }
        else
        {
            Std = null;
        }
        ZcaWhiteningMatrix = ZcaWhitening ? ComputeZca(x, ZcaEpsilon) : null;
    }

    private void Warn(string message) => Warning?.Invoke(message);

    /// <summary>ZCA as Keras computes it: thin SVD of Xᵀ, W = U·diag(√n/(s+ε))·Uᵀ.</summary>
    private static NdArray ComputeZca(NdArray x, double epsilon)
    {
        int n = x.Shape[0];
        int d = x.ItemLength;
        var xt = Matrix<double>.Build.Dense(d, n, (i, j) => x.Data[(long)j * d + i]);
        var svd = xt.Svd(computeVectors: true);
        int k = Math.Min(d, n);
        var u = svd.U.SubMatrix(0, d, 0, k);
        var weights = new double[k];
        for (int i = 0; i < k; i++) weights[i] = Math.Sqrt(n) / (svd.S[i] + epsilon);
        var scaled = u.Clone();
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < d; i++) scaled[i, j] *= weights[j];
        }
        var w = scaled.TransposeAndMultiply(u);
        var data = new float[(long)d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++) data[(long)i * d + j] = (float)w[i, j];
        }
        return new NdArray(data, d, d);
    }

    private static void Whiten(NdArray x, NdArray w)
    {
        int d = w.Shape[0];
        if (x.Length % d != 0)
            throw new ArgumentException($"The ZCA matrix is {d}x{d} but the array has {x.Length} elements.", nameof(x));
        int rows = x.Length / d;
        var input = new double[d];
        for (int r = 0; r < rows; r++)
        {
            var row = x.Data.AsSpan(r * d, d);
            for (int i = 0; i < d; i++) input[i] = row[i];
            for (int j = 0; j < d; j++)
            {
                double sum = 0;
                for (int i = 0; i < d; i++) sum += input[i] * w.Data[(long)i * d + j];
                row[j] = (float)sum;
            }
        }
    }

    private void BroadcastChannels(NdArray x, NdArray perChannel, Func<float, float, float> op)
    {
        // The statistic has shape (1,1,C) or (C,1,1); x is one image or a batch in this format.
        var stat = perChannel.Data;
        int channels = stat.Length;
        var data = x.Data;
        if (DataFormat == DataFormat.ChannelsLast)
        {
            if (x.Shape[^1] != channels) throw new ArgumentException($"Expected {channels} channels on the last axis, got shape ({string.Join(", ", x.Shape)}).");
            for (int i = 0; i < data.Length; i++) data[i] = op(data[i], stat[i % channels]);
        }
        else
        {
            int channelAxis = x.Rank - 3;
            if (x.Shape[channelAxis] != channels) throw new ArgumentException($"Expected {channels} channels on axis {channelAxis}, got shape ({string.Join(", ", x.Shape)}).");
            int plane = x.Shape[^1] * x.Shape[^2];
            for (int i = 0; i < data.Length; i++) data[i] = op(data[i], stat[i / plane % channels]);
        }
    }

    private float[] ChannelMeans(NdArray x, int channelAxis)
    {
        var sums = new double[x.Shape[channelAxis]];
        var counts = new long[sums.Length];
        ForEachChannel(x, (c, v) => { sums[c] += v; counts[c]++; });
        return [.. sums.Select((s, c) => (float)(s / counts[c]))];
    }

    private float[] ChannelStds(NdArray x, int channelAxis)
    {
        var means = ChannelMeans(x, channelAxis);
        var sq = new double[means.Length];
        var counts = new long[means.Length];
        ForEachChannel(x, (c, v) => { double dv = v - (double)means[c]; sq[c] += dv * dv; counts[c]++; });
        return [.. sq.Select((s, c) => (float)Math.Sqrt(s / counts[c]))];
    }

    private void ForEachChannel(NdArray x, Action<int, float> visit)
    {
        var data = x.Data;
        if (DataFormat == DataFormat.ChannelsLast)
        {
            int channels = x.Shape[^1];
            for (int i = 0; i < data.Length; i++) visit(i % channels, data[i]);
        }
        else
        {
            int channels = x.Shape[1];
            int plane = x.Shape[2] * x.Shape[3];
            for (int i = 0; i < data.Length; i++) visit(i / plane % channels, data[i]);
        }
    }

    private static double MeanOf(ReadOnlySpan<float> data)
    {
        double sum = 0;
        foreach (float v in data) sum += v;
        return data.Length == 0 ? double.NaN : sum / data.Length;
    }

    private static double StdOf(ReadOnlySpan<float> data)
    {
        double mean = MeanOf(data);
        double sq = 0;
        foreach (float v in data)
        {
            double dv = v - mean;
            sq += dv * dv;
        }
        return Math.Sqrt(sq / data.Length);
    }
}
