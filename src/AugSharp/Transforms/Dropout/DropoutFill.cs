using System.Globalization;

namespace AugSharp;

/// <summary>
/// What fills a dropout hole in the image (Albumentations' <c>fill</c> of the dropout transforms):
/// a number for every channel, one number per channel, or <c>random_uniform</c> (one random
/// colour per hole) or <c>random</c> (a random value per pixel and channel), random values drawn
/// in the pixel type's range: 0..255, 0..65535, or 0..1 for float32. Files write a number, a
/// list, or the text <c>random_uniform</c> or <c>random</c>. Albumentations' OpenCV inpainting
/// (<c>inpaint_telea</c>, <c>inpaint_ns</c>) is refused with a message.
/// </summary>
public sealed record DropoutFill
{
    private readonly IReadOnlyList<double> _values = [0.0];

    /// <summary>The fill values: one for every channel, or one per channel. Ignored when <see cref="RandomUniform"/> is set.</summary>
    public IReadOnlyList<double> Values
    {
        get => _values;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0) throw new ArgumentException("A fill needs at least one value.", nameof(Values));
            _values = value.ToArray();
        }
    }

    /// <summary>One random colour per hole, drawn when the transform is sampled.</summary>
    public bool RandomUniform { get; init; }

    /// <summary>A random value per pixel and channel (the values come from a seed drawn when the transform is sampled).</summary>
    public bool RandomPerPixel { get; init; }

    /// <summary>A random value per pixel.</summary>
    public static DropoutFill RandomPixels { get; } = new() { RandomPerPixel = true };

    /// <summary>Black (0), the default.</summary>
    public static DropoutFill Zero { get; } = new();

    /// <summary>The constant <paramref name="values"/> (one for every channel, or one per channel).</summary>
    public static DropoutFill Constant(params double[] values) => new() { Values = values };

    /// <summary>One random colour per hole.</summary>
    public static DropoutFill RandomColor { get; } = new() { RandomUniform = true };

    /// <summary>Reads a file value: a number, a list of numbers, or the text <c>random_uniform</c>.</summary>
    public static DropoutFill FromFileValue(object? value) => value switch
    {
        null => throw new FormatException("must be a number, a list of numbers, 'random_uniform' or 'random', not null"),
        "random_uniform" => RandomColor,
        "random" => RandomPixels,
        "inpaint_telea" or "inpaint_ns" => throw new FormatException($"'{value}' (OpenCV inpainting) is not supported; use a number, a list per channel or 'random_uniform'"),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => Constant(d),
        string s => throw new FormatException($"must be a number, a list of numbers, 'random_uniform' or 'random', not '{s}'"),
        double d => Constant(d),
        long l => Constant(l),
        int i => Constant(i),
        IList<object?> list => Constant(list.Select(v => v switch
        {
            double d => d,
            long l => l,
            int i => i,
            _ => throw new FormatException("a fill list holds numbers only"),
        }).ToArray()),
        _ => throw new FormatException($"must be a number, a list of numbers or 'random_uniform'"),
    };

    /// <summary>The value as a file writes it.</summary>
    public object ToFileValue() => RandomUniform ? "random_uniform" : RandomPerPixel ? "random" : Values.Count == 1 ? Values[0] : Values.ToList();

    /// <summary>The fill of one hole for an image of <paramref name="channels"/> channels of <paramref name="type"/>: the constant, or a random colour drawn from <paramref name="rng"/>.</summary>
    internal IReadOnlyList<double> Draw(RandomStream rng, PixelType type, int channels)
    {
        if (!RandomUniform) return Values;
        var colour = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            colour[c] = type switch
            {
                PixelType.UInt8 => rng.NextInt(0, 256),
                PixelType.UInt16 => rng.NextInt(0, 65536),
                _ => rng.NextDouble(),
            };
        }
        return colour;
    }

    /// <summary>The operation for <paramref name="holes"/>: the constant fill, or (for <c>random</c>) a noise seed drawn from <paramref name="rng"/>.</summary>
    internal HoleDropoutOperation Operation(IReadOnlyList<DropoutHole> holes, IReadOnlyList<double>? fillMask, RandomStream? rng)
    {
        var operation = new HoleDropoutOperation(holes, RandomUniform || RandomPerPixel ? [0.0] : Values, fillMask);
        return RandomPerPixel && rng is not null && holes.Count > 0 ? operation with { NoiseSeed = rng.NextUInt64() } : operation;
    }

    /// <inheritdoc />
    public override string ToString() => RandomUniform ? "random_uniform" : RandomPerPixel ? "random" : "[" + string.Join(", ", Values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <inheritdoc />
    public bool Equals(DropoutFill? other) => other is not null && RandomUniform == other.RandomUniform && RandomPerPixel == other.RandomPerPixel && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RandomUniform, RandomPerPixel, Values.Count, Values[0]);
}
