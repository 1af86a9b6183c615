namespace AugSharp.Keras;

/// <summary>
/// Keras' width_shift_range / height_shift_range argument in its three forms: a float (a fraction
/// of the size when below 1, else pixels, drawn uniformly), an int n (integer pixels from
/// <c>choice(n)</c> times a random sign: not uniform, and 1 means no shift), or a list (an element
/// times a random sign; fractions when every element is below 1).
/// </summary>
public readonly struct ShiftRange : IEquatable<ShiftRange>
{
    private readonly double[]? _values;

    private ShiftRange(ShiftRangeKind kind, double value, double[]? values)
    {
        Kind = kind;
        Value = value;
        _values = values;
    }

    /// <summary>Which form this is.</summary>
    public ShiftRangeKind Kind { get; }

    /// <summary>The number for the float and int forms.</summary>
    public double Value { get; }

    /// <summary>The elements of the list form (empty otherwise).</summary>
    public IReadOnlyList<double> Values => _values ?? [];

    /// <summary>The float form.</summary>
    public static ShiftRange FromFloat(double value) => new(ShiftRangeKind.Float, value, null);

    /// <summary>The int form.</summary>
    public static ShiftRange FromInt(int value) => new(ShiftRangeKind.Int, value, null);

    /// <summary>The list form.</summary>
    public static ShiftRange FromList(IEnumerable<double> values) => new(ShiftRangeKind.List, 0, [.. values]);

    /// <summary>A float range.</summary>
    public static implicit operator ShiftRange(double value) => FromFloat(value);

    /// <summary>An int range.</summary>
    public static implicit operator ShiftRange(int value) => FromInt(value);

    /// <summary>A list range.</summary>
    public static implicit operator ShiftRange(double[] values) => FromList(values);

    /// <summary>A list range.</summary>
    public static implicit operator ShiftRange(int[] values) => FromList(values.Select(v => (double)v));

    /// <summary>Python truthiness: a non-zero number or a non-empty list.</summary>
    public bool IsActive => Kind switch
    {
        ShiftRangeKind.List => Values.Count > 0,
        _ => Value != 0,
    };

    /// <summary>
    /// Draws a shift as Keras does, scaled by <paramref name="size"/> when the range is a fraction
    /// (its largest value is below 1).
    /// </summary>
    public double Draw(RandomStream rng, int size)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!IsActive) return 0;
        double t;
        double max;
        switch (Kind)
        {
            case ShiftRangeKind.Int when Value > 0:
                t = rng.NextInt((int)Value);
                t *= rng.NextBool() ? 1 : -1;
                max = Value;
                break;
            case ShiftRangeKind.List:
                t = Values[rng.NextInt(Values.Count)];
                t *= rng.NextBool() ? 1 : -1;
                max = Values.Max();
                break;
            default:
                // numpy's choice() refuses floats and non-positive ints before drawing: uniform.
                t = rng.Uniform(-Value, Value);
                max = Value;
                break;
        }
        if (max < 1) t *= size;
        return t;
    }

    /// <inheritdoc />
    public bool Equals(ShiftRange other) => Kind == other.Kind && Value == other.Value && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ShiftRange other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Value, Values.Count);

    /// <summary>Equality.</summary>
    public static bool operator ==(ShiftRange left, ShiftRange right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ShiftRange left, ShiftRange right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ShiftRangeKind.List => "[" + string.Join(", ", Values) + "]",
        ShiftRangeKind.Int => ((int)Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>The form of a <see cref="ShiftRange"/>.</summary>
public enum ShiftRangeKind
{
    /// <summary>A float: uniform in [-R, R), times the size when R &lt; 1.</summary>
    Float,

    /// <summary>An int n: <c>choice(n)</c> times a random sign.</summary>
    Int,

    /// <summary>A list: an element times a random sign.</summary>
    List,
}
