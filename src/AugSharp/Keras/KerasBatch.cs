namespace AugSharp.Keras;

/// <summary>One batch from a Keras iterator: what Keras returns as <c>x</c>, <c>(x, y)</c> or <c>(x, y, sample_weight)</c>.</summary>
public sealed class KerasBatch
{
    /// <summary>Creates a batch.</summary>
    public KerasBatch(NdArray x, NdArray? y, NdArray? sampleWeight, IReadOnlyList<NdArray>? misc = null)
    {
        X = x;
        Y = y;
        SampleWeight = sampleWeight;
        Misc = misc ?? [];
    }

    /// <summary>The images, (N, H, W, C) or (N, C, H, W).</summary>
    public NdArray X { get; }

    /// <summary>The labels, or null when the iterator has none (y=None, class_mode=None).</summary>
    public NdArray? Y { get; }

    /// <summary>The sample weights, when given.</summary>
    public NdArray? SampleWeight { get; }

    /// <summary>The extra arrays passed with <c>x</c> as <c>(x, misc)</c>, sliced the same way.</summary>
    public IReadOnlyList<NdArray> Misc { get; }

    /// <summary>Deconstructs into images and labels.</summary>
    public void Deconstruct(out NdArray x, out NdArray? y)
    {
        x = X;
        y = Y;
    }
}
