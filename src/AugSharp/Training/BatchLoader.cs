using System.Runtime.CompilerServices;

namespace AugSharp.Training;

/// <summary>The element order of a batch tensor.</summary>
public enum TensorOrder
{
    /// <summary>[batch, channels, height, width]: PyTorch (TorchSharp) and most ONNX vision models.</summary>
    Nchw,

    /// <summary>[batch, height, width, channels]: TensorFlow and ML.NET's image pipelines.</summary>
    Nhwc,
}

/// <summary>A batch of images as one float tensor, with their labels.</summary>
/// <param name="Data">The values, in the order <see cref="Shape"/> gives.</param>
/// <param name="Shape">[N, C, H, W] or [N, H, W, C].</param>
/// <param name="Labels">Each image's class index (-1 when unlabelled).</param>
/// <param name="Keys">Each image's item key.</param>
/// <param name="Recipes">Each image's operations.</param>
public sealed record TensorBatch(float[] Data, int[] Shape, int[] Labels, IReadOnlyList<string> Keys, IReadOnlyList<ComposeOperation> Recipes);

/// <summary>Settings of a <see cref="BatchLoader"/> beyond those of the stream.</summary>
public sealed record BatchLoaderOptions
{
    /// <summary>Images per batch. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Leaves out the last batch when it is short. Default false.</summary>
    public bool DropLast { get; init; }

    /// <summary>The tensor's element order. Default NCHW.</summary>
    public TensorOrder Order { get; init; } = TensorOrder.Nchw;

    /// <summary>
    /// Per-channel mean subtracted after scaling (one value for all channels, or one per channel), in
    /// the scaled range: with the default <see cref="Scale"/>, ImageNet's is [0.485, 0.456, 0.406]. Default 0.
    /// </summary>
    public IReadOnlyList<double> Mean { get; init; } = [0];

    /// <summary>Per-channel standard deviation divided by, in the scaled range (ImageNet: [0.229, 0.224, 0.225]). Default 1.</summary>
    public IReadOnlyList<double> Std { get; init; } = [1];

    /// <summary>
    /// The factor pixels are multiplied by first: 1/255 for 8-bit, 1/65535 for 16-bit and 1 for float
    /// images when null (the default), so that the mean and std are those of images in 0..1.
    /// </summary>
    public double? Scale { get; init; }

    /// <summary>The stream's settings (seed, shuffle, workers, batches prefetched).</summary>
    public TrainingStreamOptions Stream { get; init; } = new();
}

/// <summary>
/// Batches of augmented images as float tensors, ready for TorchSharp (<c>torch.tensor(batch.Data,
/// batch.Shape)</c>), ONNX Runtime (<c>new DenseTensor&lt;float&gt;(batch.Data, batch.Shape)</c>) or
/// ML.NET: each epoch's items shuffled deterministically, augmented and normalised on worker threads
/// in the background, a bounded number of batches ahead of the training loop, yielded in order. The
/// pipeline must give every image one size (end it with a resize or a crop); an image of another size
/// is an error naming it.
/// </summary>
public sealed class BatchLoader
{
    /// <summary>A loader of <paramref name="set"/> through <paramref name="pipeline"/> (a <see cref="Compose"/>, or any transform, which is then wrapped in one).</summary>
    public BatchLoader(TrainingSet set, ITransform pipeline, BatchLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(pipeline);
        Set = set;
        Pipeline = AugmentedStream.AsCompose(pipeline);
        Options = options ?? new BatchLoaderOptions();
        if (Options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), Options.BatchSize, "The batch size must be at least 1.");
        if (Options.Mean.Count == 0 || Options.Std.Count == 0) throw new ArgumentException("Mean and std need at least one value.", nameof(options));
        if (Options.Std.Any(s => !(s != 0 && double.IsFinite(s)))) throw new ArgumentException("Every std must be finite and not 0.", nameof(options));
    }

    /// <summary>The items.</summary>
    public TrainingSet Set { get; }

    /// <summary>The augmentation.</summary>
    public Compose Pipeline { get; }

    /// <summary>The settings.</summary>
    public BatchLoaderOptions Options { get; }

    /// <summary>Batches in an epoch.</summary>
    public int BatchCount => Options.DropLast ? Set.Count / Options.BatchSize : (Set.Count + Options.BatchSize - 1) / Options.BatchSize;

    /// <summary>The batches of <paramref name="epoch"/>, in order.</summary>
    public async IAsyncEnumerable<TensorBatch> Epoch(int epoch, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stream = Options.Stream;
        int[] order = AugmentedStream.Order(Set.Count, epoch, stream);
        int size = Options.BatchSize;
        // Batches are the unit of background work: each worker makes a whole batch; Prefetch counts batches.
        var batchStream = stream with { Prefetch = stream.Prefetch > 0 ? stream.Prefetch : Math.Max(2, stream.Workers) };
        await foreach (var batch in AugmentedStream.Ordered(BatchCount, b => MakeBatch(order, b * size, Math.Min(size, order.Length - b * size), epoch), batchStream, cancellationToken))
            yield return batch;
    }

    /// <summary>Makes one batch of the items order[from..from+count).</summary>
    public TensorBatch MakeBatch(int[] order, int from, int count, int epoch)
    {
        ArgumentNullException.ThrowIfNull(order);
        float[]? data = null;
        int[] shape = [];
        var labels = new int[count];
        var keys = new string[count];
        var recipes = new ComposeOperation[count];
        ImageShape first = default;
        for (int i = 0; i < count; i++)
        {
            var sample = AugmentedStream.Augment(Set, Pipeline, order[from + i], epoch, Options.Stream.Seed);
            try
            {
                var image = sample.Image.Image;
                if (data is null)
                {
                    first = image.Shape;
                    data = new float[checked(count * image.Channels * image.Height * image.Width)];
                    shape = Options.Order == TensorOrder.Nchw ? [count, image.Channels, image.Height, image.Width] : [count, image.Height, image.Width, image.Channels];
                }
                else if (image.Shape != first)
                {
                    throw new InvalidDataException($"{sample.Key}: the pipeline made a {image.Width}x{image.Height}x{image.Channels} image where the batch is {first.Width}x{first.Height}x{first.Channels}; end the pipeline with a resize or a crop to one size.");
                }
                int per = image.Channels * image.Height * image.Width;
                Write(image, data.AsSpan(i * per, per));
                labels[i] = sample.Label;
                keys[i] = sample.Key;
                recipes[i] = sample.Recipe;
            }
            finally
            {
                foreach (var buffer in sample.Image.Buffers) buffer.Dispose();
            }
        }
        return new TensorBatch(data ?? [], shape, labels, keys, recipes);
    }

    /// <summary>Writes one image, scaled and normalised, in the batch's order.</summary>
    private void Write(ImageBuffer image, Span<float> destination)
    {
        int c = image.Channels, h = image.Height, w = image.Width;
        double scale = Options.Scale ?? image.PixelType switch { PixelType.UInt8 => 1 / 255.0, PixelType.UInt16 => 1 / 65535.0, _ => 1.0 };
        // value' = (value · scale − mean) / std = value · a + b, per channel.
        var a = new float[c];
        var b = new float[c];
        for (int ch = 0; ch < c; ch++)
        {
            double mean = Options.Mean[Options.Mean.Count == 1 ? 0 : ch % Options.Mean.Count];
            double std = Options.Std[Options.Std.Count == 1 ? 0 : ch % Options.Std.Count];
            a[ch] = (float)(scale / std);
            b[ch] = (float)(-mean / std);
        }
        if (Options.Order == TensorOrder.Nchw) TensorLayout.WriteChw(image, destination);
        else TensorLayout.WriteHwc(image, destination);
        bool planar = Options.Order == TensorOrder.Nchw;
        for (int i = 0; i < destination.Length; i++)
        {
            int ch = planar ? i / (h * w) : i % c;
            destination[i] = destination[i] * a[ch] + b[ch];
        }
    }
}
