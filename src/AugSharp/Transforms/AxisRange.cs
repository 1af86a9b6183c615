namespace AugSharp;

/// <summary>
/// One interval per axis (Albumentations' <c>{"x": ..., "y": ...}</c> parameters); a single
/// interval in a file applies to both axes.
/// </summary>
/// <param name="X">The horizontal interval.</param>
/// <param name="Y">The vertical interval.</param>
public readonly record struct AxisRange(ValueRange X, ValueRange Y)
{
    /// <summary>The same interval on both axes.</summary>
    public static AxisRange Both(ValueRange range) => new(range, range);

    /// <summary>The same fixed value on both axes.</summary>
    public static AxisRange Fixed(double value) => Both(ValueRange.Fixed(value));
}
