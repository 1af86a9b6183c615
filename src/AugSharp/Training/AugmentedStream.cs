using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AugSharp.Training;

/// <summary>One augmented item of an epoch.</summary>
/// <param name="Index">The item's index in the <see cref="TrainingSet"/>.</param>
/// <param name="Key">The item's stable key.</param>
/// <param name="Label">Its class index (-1 when unlabelled).</param>
/// <param name="Epoch">The epoch.</param>
/// <param name="Image">The augmented image and its targets (the caller disposes it).</param>
/// <param name="Recipe">The operations applied (replayable).</param>
public sealed record TrainingSample(int Index, string Key, int Label, int Epoch, AnnotatedImage Image, ComposeOperation Recipe);

/// <summary>Settings of <see cref="AugmentedStream"/> and <see cref="BatchLoader"/>.</summary>
public sealed record TrainingStreamOptions
{
    /// <summary>The seed: item i of epoch e uses <c>RandomStream.For(Seed, ItemKey(key_i), e)</c>, and the epoch's order <c>RandomStream.For(Seed, -1, e)</c>.</summary>
    public ulong Seed { get; init; }

    /// <summary>Shuffles the items each epoch (deterministically from the seed and the epoch). Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Worker threads augmenting in the background. Default: the processor count.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Items (for <see cref="AugmentedStream"/>) or batches (for <see cref="BatchLoader"/>) made ahead of the consumer; memory stays bounded by it. Default 2 per worker.</summary>
    public int Prefetch { get; init; }
}

/// <summary>
/// Augmented items for a training loop that reads no files of augmented images: each epoch's items
/// in a deterministic order, augmented on worker threads ahead of the consumer (a bounded number
/// ahead, so memory does not grow with the data set), yielded in order. The same seed and epoch
/// give the same images, whatever the number of workers.
/// </summary>
public static class AugmentedStream
{
    /// <summary>The epoch's order of the items: shuffled by (seed, epoch) or as they are.</summary>
    public static int[] Order(int count, int epoch, TrainingStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Shuffle ? RandomStream.For(options.Seed, -1, epoch).Permutation(count) : Enumerable.Range(0, count).ToArray();
    }

    /// <summary><paramref name="pipeline"/> itself when it is a <see cref="Compose"/>, else wrapped in one.</summary>
    public static Compose AsCompose(ITransform pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline as Compose ?? new Compose([pipeline]);
    }

    /// <summary>Augments item <paramref name="index"/> for <paramref name="epoch"/>.</summary>
    public static TrainingSample Augment(TrainingSet set, Compose pipeline, int index, int epoch, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(pipeline);
        var input = set.Read(index);
        try
        {
            var (result, recipe) = pipeline.Run(input, RandomStream.For(seed, RandomStream.ItemKey(set.Keys[index]), epoch));
            input.DisposeExcept(result);
            return new TrainingSample(index, set.Keys[index], set.Labels[index], epoch, result, recipe);
        }
        catch (Exception e) when (e is not (IOException or OperationCanceledException or OutOfMemoryException))
        {
            foreach (var buffer in input.Buffers) buffer.Dispose();
            throw new InvalidDataException($"{set.Keys[index]}: {e.Message}", e);
        }
        catch
        {
            foreach (var buffer in input.Buffers) buffer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The epoch's augmented items, in the epoch's order. An item that cannot be read or augmented
    /// throws when the consumer reaches it, its message naming the item; the workers then stop.
    /// </summary>
    public static async IAsyncEnumerable<TrainingSample> Epoch(TrainingSet set, ITransform pipeline, int epoch, TrainingStreamOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        var compose = AsCompose(pipeline);
        options ??= new TrainingStreamOptions();
        int[] order = Order(set.Count, epoch, options);
        await foreach (var sample in Ordered(order.Length, i => Augment(set, compose, order[i], epoch, options.Seed), options, cancellationToken))
            yield return sample;
    }

    /// <summary>
    /// Runs <paramref name="make"/>(0..count-1) on <see cref="TrainingStreamOptions.Workers"/> threads with at most
    /// <see cref="TrainingStreamOptions.Prefetch"/> results waiting, and yields the results in index order.
    /// </summary>
    internal static async IAsyncEnumerable<T> Ordered<T>(int count, Func<int, T> make, TrainingStreamOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default) where T : class
    {
        int workers = Math.Max(1, options.Workers);
        int ahead = options.Prefetch > 0 ? options.Prefetch : 2 * workers;
        // The channel holds the tasks in order; its capacity bounds the work done ahead of the consumer.
        var channel = Channel.CreateBounded<Task<T>>(new BoundedChannelOptions(ahead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(workers);
        var producer = Task.Run(async () =>
        {
            try
            {
                for (int i = 0; i < count; i++)
                {
                    await slots.WaitAsync(stop.Token).ConfigureAwait(false);
                    int at = i;
                    var work = Task.Run(() =>
                    {
                        try
                        {
                            return make(at);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, stop.Token);
                    await channel.Writer.WriteAsync(work, stop.Token).ConfigureAwait(false);
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, stop.Token);

        try
        {
            await foreach (var work in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return await work.ConfigureAwait(false);
        }
        finally
        {
            // An early exit (break, an exception, cancellation) stops the producer and drops what was made ahead.
            stop.Cancel();
            try { await producer.ConfigureAwait(false); } catch (OperationCanceledException) { }
            while (channel.Reader.TryRead(out var left))
            {
                try
                {
                    var value = await left.ConfigureAwait(false);
                    if (value is IDisposable disposable) disposable.Dispose();
                    else if (value is TrainingSample sample) foreach (var b in sample.Image.Buffers) b.Dispose();
                }
#pragma warning disable CA1031 // Work nobody waits for any more: its failure concerns nobody.
                catch (Exception) { }
#pragma warning restore CA1031
            }
        }
    }
}
