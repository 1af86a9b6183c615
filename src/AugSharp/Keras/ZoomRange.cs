namespace AugSharp.Keras;

/// <summary>
/// Keras' zoom_range: a number z means [1-z, 1+z]; a pair [lo, hi] is used as given. Zoom values
/// are inverse scales (below 1 magnifies).
/// </summary>
public readonly record struct ZoomRange(double Low, double High)
{
    /// <summary>[1-z, 1+z].</summary>
    public static implicit operator ZoomRange(double z) => new(1 - z, 1 + z);

    /// <summary>[lo, hi]; any other length raises Keras' error.</summary>
    public static implicit operator ZoomRange(double[] range) => FromList(range);

    /// <summary>[lo, hi]; any other length raises Keras' error.</summary>
    public static ZoomRange FromList(IReadOnlyList<double> range)
    {
        if (range is null || range.Count != 2)
            throw new ArgumentException("`zoom_range` should be a float or a tuple or list of two floats. Received: "
                + (range is null ? "None" : "[" + string.Join(", ", range) + "]"), nameof(range));
        return new ZoomRange(range[0], range[1]);
    }

    /// <summary>True when the range is exactly [1, 1], which draws nothing.</summary>
    public bool IsIdentity => Low == 1 && High == 1;
}
