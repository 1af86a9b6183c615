namespace AugSharp.Keras;

/// <summary>Keras' <c>NumpyArrayIterator</c>: batches of augmented, standardised images from in-memory arrays.</summary>
public sealed class NumpyArrayIterator : KerasIterator
{
    private readonly ImageDataGenerator _generator;
    private readonly NdArray _x;
    private readonly NdArray? _y;
    private readonly NdArray? _sampleWeight;
    private readonly IReadOnlyList<NdArray> _misc;
    private readonly string? _saveToDir;
    private readonly string _savePrefix;
    private readonly string _saveFormat;

    private NumpyArrayIterator(ImageDataGenerator generator, NdArray x, NdArray? y, IReadOnlyList<NdArray> misc, (int Start, int Count) slice,
        int batchSize, bool shuffle, NdArray? sampleWeight, int? seed, string? saveToDir, string savePrefix, string saveFormat)
        : base(slice.Count, batchSize, shuffle, seed)
    {
        _generator = generator;
        var (start, count) = slice;
        _x = Take(x, start, count);
        _y = y is null ? null : Take(y, start, count);
        _misc = [.. misc.Select(m => Take(m, start, count))];
        _sampleWeight = sampleWeight;
        if (_x.Rank != 4)
            throw new ArgumentException($"Input data in `NumpyArrayIterator` should have rank 4. You passed an array with shape ({string.Join(", ", _x.Shape)})", nameof(x));
        _saveToDir = saveToDir;
        _savePrefix = savePrefix;
        _saveFormat = saveFormat;
    }

    /// <summary>Checks the arrays as Keras does, splits off the subset once, and creates the iterator.</summary>
    internal static NumpyArrayIterator Create(ImageDataGenerator generator, NdArray x, NdArray? y, IReadOnlyList<NdArray>? misc, int batchSize, bool shuffle,
        NdArray? sampleWeight, int? seed, string? saveToDir, string savePrefix, string saveFormat, bool ignoreClassSplit, string? subset)
    {
        ArgumentNullException.ThrowIfNull(x);
        misc ??= [];
        foreach (var m in misc)
        {
            if (m.Shape[0] != x.Shape[0])
                throw new ArgumentException($"All of the arrays in `x` should have the same length. Found a pair with: len(x[0]) = {x.Shape[0]}, len(x[?]) = {m.Shape[0]}", nameof(misc));
        }
        if (y is not null && y.Shape[0] != x.Shape[0])
            throw new ArgumentException($"`x` (images tensor) and `y` (labels) should have the same length. Found: x.shape = ({string.Join(", ", x.Shape)}), y.shape = ({string.Join(", ", y.Shape)})", nameof(y));
        if (sampleWeight is not null && sampleWeight.Shape[0] != x.Shape[0])
            throw new ArgumentException($"`x` (images tensor) and `sample_weight` should have the same length. Found: x.shape = ({string.Join(", ", x.Shape)}), sample_weight.shape = ({string.Join(", ", sampleWeight.Shape)})", nameof(sampleWeight));
        var slice = Slice(generator, x, y, subset, ignoreClassSplit);
        return new NumpyArrayIterator(generator, x, y, misc, slice, batchSize, shuffle, sampleWeight, seed, saveToDir, savePrefix, saveFormat);
    }

    /// <summary>The images iterated over (after the subset split).</summary>
    public NdArray X => _x;

    /// <summary>The labels iterated over, or null.</summary>
    public NdArray? Y => _y;

    /// <inheritdoc />
    protected override KerasBatch GetBatch(int[] indexArray, int epoch)
    {
        int itemLength = _x.ItemLength;
        var batchX = new NdArray([indexArray.Length, .. _x.Shape[1..]]);
        var streams = new RandomStream[indexArray.Length];
        for (int i = 0; i < indexArray.Length; i++)
        {
            int j = indexArray[i];
            streams[i] = StreamFor(j, epoch);
            var image = _x.GetItem(j);
            var parameters = _generator.Sample(streams[i], image.Shape);
            var result = _generator.Standardize(_generator.ApplyTransform(image, parameters));
            result.Data.CopyTo(batchX.Data, (long)i * itemLength);
        }
        if (_saveToDir is not null)
        {
            for (int i = 0; i < indexArray.Length; i++)
            {
                string name = $"{_savePrefix}_{indexArray[i]}_{streams[i].NextInt(10_000)}.{_saveFormat}";
                KerasImage.SaveImg(Path.Combine(_saveToDir, name), batchX.GetItem(i), _generator.DataFormat, scale: true);
            }
        }
        var misc = _misc.Select(m => Gather(m, indexArray)).ToList();
        return new KerasBatch(batchX, _y is null ? null : Gather(_y, indexArray), _sampleWeight is null || _y is null ? null : Gather(_sampleWeight, indexArray), misc);
    }

    private static (int Start, int Count) Slice(ImageDataGenerator generator, NdArray x, NdArray? y, string? subset, bool ignoreClassSplit)
    {
        int n = x.Rank == 0 ? 0 : x.Shape[0];
        if (subset is null) return (0, n);
        if (subset is not ("training" or "validation"))
            throw new ArgumentException($"Invalid subset name: {subset}; expected \"training\" or \"validation\".", nameof(subset));
        int split = (int)(n * generator.ValidationSplit);
        if (y is not null && !ignoreClassSplit)
        {
            var head = Labels(y, 0, split);
            var tail = Labels(y, split, n - split);
            if (!head.SetEquals(tail))
                throw new ArgumentException("Training and validation subsets have different number of classes after the split. If your numpy arrays are sorted by the label, you might want to shuffle them.", nameof(subset));
        }
        return subset == "validation" ? (0, split) : (split, n - split);
    }

    private static SortedSet<float> Labels(NdArray y, int start, int count)
    {
        int len = y.ItemLength;
        return [.. y.Data.Skip(start * len).Take(count * len)];
    }

    private static NdArray Take(NdArray a, int start, int count)
    {
        int len = a.ItemLength;
        var data = new float[count * len];
        Array.Copy(a.Data, (long)start * len, data, 0, (long)count * len);
        return new NdArray(data, [count, .. a.Shape[1..]]);
    }

    private static NdArray Gather(NdArray a, int[] indices)
    {
        int len = a.ItemLength;
        var data = new float[indices.Length * len];
        for (int i = 0; i < indices.Length; i++) Array.Copy(a.Data, (long)indices[i] * len, data, (long)i * len, len);
        return new NdArray(data, [indices.Length, .. a.Shape[1..]]);
    }
}
