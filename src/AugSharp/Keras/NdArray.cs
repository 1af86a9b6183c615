namespace AugSharp.Keras;

/// <summary>
/// A dense float32 array with a shape, C order (row-major), as numpy holds what Keras passes
/// around: one image (H, W, C) or (C, H, W), or a batch (N, H, W, C).
/// </summary>
public sealed class NdArray
{
    /// <summary>Creates a zero-filled array of the given shape.</summary>
    public NdArray(params int[] shape)
        : this(new float[CheckedLength(shape)], shape)
    {
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) with the given shape.</summary>
    public NdArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long length = CheckedLength(shape);
        if (data.Length != length)
            throw new ArgumentException($"{data.Length} elements do not fit the shape ({string.Join(", ", shape)}).", nameof(data));
        Data = data;
        Shape = (int[])shape.Clone();
    }

    /// <summary>The elements, C order.</summary>
    public float[] Data { get; }

    /// <summary>The shape; do not modify.</summary>
    public int[] Shape { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Total number of elements.</summary>
    public int Length => Data.Length;

    /// <summary>Element access by index tuple.</summary>
    public ref float this[params int[] index] => ref Data[Offset(index)];

    /// <summary>A deep copy.</summary>
    public NdArray Copy() => new((float[])Data.Clone(), Shape);

    /// <summary>The same data with another shape of the same length.</summary>
    public NdArray Reshape(params int[] shape) => new(Data, shape);

    /// <summary>Elements per item along the first axis.</summary>
    public int ItemLength => Rank == 0 ? 1 : Length / Math.Max(1, Shape[0]);

    /// <summary>Item <paramref name="i"/> along the first axis, copied (for a batch: one image).</summary>
    public NdArray GetItem(int i)
    {
        if (Rank == 0 || (uint)i >= (uint)Shape[0]) throw new ArgumentOutOfRangeException(nameof(i));
        int n = ItemLength;
        var data = new float[n];
        Array.Copy(Data, (long)i * n, data, 0, n);
        return new NdArray(data, Shape[1..]);
    }

    /// <summary>Stacks arrays of one shape along a new first axis.</summary>
    public static NdArray Stack(IReadOnlyList<NdArray> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) throw new ArgumentException("Nothing to stack.", nameof(items));
        var shape = items[0].Shape;
        var result = new NdArray([items.Count, .. shape]);
        for (int i = 0; i < items.Count; i++)
        {
            if (!items[i].Shape.AsSpan().SequenceEqual(shape))
                throw new ArgumentException($"Item {i} has shape ({string.Join(", ", items[i].Shape)}), not ({string.Join(", ", shape)}).", nameof(items));
            items[i].Data.CopyTo(result.Data, (long)i * items[0].Length);
        }
        return result;
    }

    /// <summary>An interleaved image buffer (H, W, C) as a rank-3 array (copied).</summary>
    public static NdArray FromImage(ImageBuffer<float> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new NdArray(image.ToArray(), image.Height, image.Width, image.Channels);
    }

    /// <summary>A rank-3 channels-last array as an image buffer (copied).</summary>
    public ImageBuffer<float> ToImage()
    {
        if (Rank != 3) throw new InvalidOperationException($"Only a rank-3 (H, W, C) array is an image; this one has shape ({string.Join(", ", Shape)}).");
        return ImageBuffer<float>.Wrap((float[])Data.Clone(), Shape[1], Shape[0], Shape[2]);
    }

    /// <inheritdoc />
    public override string ToString() => $"NdArray({string.Join(", ", Shape)})";

    private int Offset(int[] index)
    {
        if (index.Length != Rank) throw new ArgumentException($"{index.Length} indices for a rank-{Rank} array.");
        int offset = 0;
        for (int d = 0; d < Rank; d++)
        {
            if ((uint)index[d] >= (uint)Shape[d]) throw new IndexOutOfRangeException($"Index {index[d]} is out of range for axis {d} of size {Shape[d]}.");
            offset = offset * Shape[d] + index[d];
        }
        return offset;
    }

    private static long CheckedLength(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long length = 1;
        foreach (int s in shape)
        {
            if (s < 0) throw new ArgumentException($"Negative dimension in shape ({string.Join(", ", shape)}).", nameof(shape));
            length *= s;
        }
        if (length > Array.MaxLength) throw new ArgumentException("Array too large.", nameof(shape));
        return length;
    }
}
