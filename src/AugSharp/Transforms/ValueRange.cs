using System.Globalization;

namespace AugSharp;

/// <summary>
/// An interval [<see cref="Min"/>, <see cref="Max"/>] for a random draw (Albumentations'
/// <c>*_range</c> and <c>*_limit</c> parameters). A single number in a file means a symmetric
/// interval or a fixed value, as the parameter documents.
/// </summary>
/// <param name="Min">Lower end.</param>
/// <param name="Max">Upper end.</param>
public readonly record struct ValueRange(double Min, double Max)
{
    /// <summary>The fixed value <paramref name="value"/>.</summary>
    public static ValueRange Fixed(double value) => new(value, value);

    /// <summary>[-<paramref name="limit"/>, <paramref name="limit"/>].</summary>
    public static ValueRange Symmetric(double limit) => new(-Math.Abs(limit), Math.Abs(limit));

    /// <summary>A uniform draw in the interval (the fixed value when Min equals Max, without drawing).</summary>
    public double Draw(RandomStream rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Min == Max ? Min : rng.Uniform(Min, Max);
    }

    /// <summary>Throws unless Min ≤ Max and both lie within [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public ValueRange Check(string name, double low = double.NegativeInfinity, double high = double.PositiveInfinity)
    {
        if (!(Min <= Max) || Min < low || Max > high)
            throw new ArgumentOutOfRangeException(name, this, $"{name} must be an interval [min, max] with min ≤ max within [{low}, {high}].");
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Min}, {Max}]");
}
