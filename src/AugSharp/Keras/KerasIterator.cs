using System.Collections;

namespace AugSharp.Keras;

/// <summary>
/// Keras' <c>Iterator</c> (a Sequence): batches of <see cref="BatchSize"/> over <see cref="N"/>
/// items, the last one short; a new permutation at each epoch when shuffling. With a seed, the
/// permutation of epoch e comes from the stream (seed, -1, e) and the transform of item j in
/// epoch e from the stream (seed, j, e): the same seed gives the same batches whatever the order
/// of access, the threads, or the machine.
/// </summary>
public abstract class KerasIterator : IEnumerable<KerasBatch>
{
    private readonly object _gate = new();
    private int[]? _indexArray;
    private RandomStream? _unseeded;

    /// <summary>Initialises the iteration state.</summary>
    protected KerasIterator(int n, int batchSize, bool shuffle, int? seed)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch_size must be positive.");
        N = n;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
    }

    /// <summary>Number of items.</summary>
    public int N { get; }

    /// <summary>Items per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch draws a new order.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed, or null for a stream from entropy.</summary>
    public int? Seed { get; }

    /// <summary>Index of the next batch of the <see cref="Next"/> path.</summary>
    public int BatchIndex { get; private set; }

    /// <summary>Batches produced so far.</summary>
    public int TotalBatchesSeen { get; private set; }

    /// <summary>Epochs started so far (0 during the first).</summary>
    public int Epoch { get; private set; }

    /// <summary><c>len(iterator)</c>: ceil(N / batch size).</summary>
    public int Length => (N + BatchSize - 1) / BatchSize;

    /// <summary>The current order of the items.</summary>
    public IReadOnlyList<int> IndexArray
    {
        get
        {
            lock (_gate)
            {
                _indexArray ??= NewIndexArray();
                return _indexArray;
            }
        }
    }

    /// <summary>Batch <paramref name="idx"/> of the current epoch (Keras' <c>__getitem__</c>).</summary>
    public KerasBatch this[int idx]
    {
        get
        {
            if (idx < 0 || idx >= Length)
                throw new ArgumentOutOfRangeException(nameof(idx), $"Asked to retrieve element {idx}, but the Sequence has length {Length}");
            int[] indices;
            int epoch;
            lock (_gate)
            {
                _indexArray ??= NewIndexArray();
                TotalBatchesSeen++;
                indices = _indexArray.Skip(BatchSize * idx).Take(BatchSize).ToArray();
                epoch = Epoch;
            }
            return GetBatch(indices, epoch);
        }
    }

    /// <summary>The next batch (Keras' <c>next()</c>): wraps to a new epoch after the short last batch.</summary>
    public KerasBatch Next()
    {
        int[] indices;
        int epoch;
        lock (_gate)
        {
            if (BatchIndex == 0)
            {
                if (TotalBatchesSeen > 0) Epoch++;
                _indexArray = NewIndexArray();
            }
            int current = N == 0 ? 0 : BatchIndex * BatchSize % N;
            if (N > current + BatchSize) BatchIndex++;
            else BatchIndex = 0;
            TotalBatchesSeen++;
            // Set at batch 0, which every epoch of this path starts with.
            indices = _indexArray!.Skip(current).Take(BatchSize).ToArray();
            epoch = Epoch;
        }
        return GetBatch(indices, epoch);
    }

    /// <summary>Starts a new epoch (Keras' <c>on_epoch_end</c>): a new order when shuffling.</summary>
    public void OnEpochEnd()
    {
        lock (_gate)
        {
            Epoch++;
            _indexArray = NewIndexArray();
        }
    }

    /// <summary>Restarts the <see cref="Next"/> path at batch 0.</summary>
    public void Reset()
    {
        lock (_gate) BatchIndex = 0;
    }

    /// <summary>The batches of one epoch, in order.</summary>
    public IEnumerator<KerasBatch> GetEnumerator()
    {
        for (int i = 0; i < Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Builds the batch of the items <paramref name="indexArray"/> drawn in <paramref name="epoch"/>.</summary>
    protected abstract KerasBatch GetBatch(int[] indexArray, int epoch);

    /// <summary>The random stream for item <paramref name="item"/> in <paramref name="epoch"/>.</summary>
    protected RandomStream StreamFor(int item, int epoch)
    {
        if (Seed is int s) return RandomStream.For((ulong)(uint)s, item, epoch);
        lock (_gate)
        {
            _unseeded ??= RandomStream.FromEntropy();
            return _unseeded.Fork();
        }
    }

    private int[] NewIndexArray()
    {
        if (!Shuffle) return Enumerable.Range(0, N).ToArray();
        var rng = Seed is int s ? RandomStream.For((ulong)(uint)s, -1, Epoch) : (_unseeded ??= RandomStream.FromEntropy()).Fork();
        return rng.Permutation(N);
    }
}
