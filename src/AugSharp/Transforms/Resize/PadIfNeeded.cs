
namespace AugSharp;

/// <summary>
/// Pads the image up to at least <see cref="MinHeight"/> x <see cref="MinWidth"/>, or up to
/// multiples of <see cref="PadHeightDivisor"/> / <see cref="PadWidthDivisor"/> (one of the two per
/// axis), placed by <see cref="Position"/> (centred: the odd pixel goes below and right), filled
/// by <see cref="BorderMode"/> (Albumentations' PadIfNeeded; p = 1).
/// </summary>
[TransformCategory("resize")]
public sealed class PadIfNeeded : Transform<PadOperation>
{
    /// <summary>A PadIfNeeded with p = 1.</summary>
    public PadIfNeeded() => P = 1;

    /// <summary>Smallest height after padding, or null with <see cref="PadHeightDivisor"/>.</summary>
    public int? MinHeight { get; init; } = 1024;

    /// <summary>Smallest width after padding, or null with <see cref="PadWidthDivisor"/>.</summary>
    public int? MinWidth { get; init; } = 1024;

    /// <summary>Pad the height up to a multiple of this (min_height null), or null.</summary>
    public int? PadHeightDivisor { get; init; }

    /// <summary>Pad the width up to a multiple of this (min_width null), or null.</summary>
    public int? PadWidthDivisor { get; init; }

    /// <summary>Where the image sits in the padding. Default center.</summary>
    public PadPosition Position { get; init; } = PadPosition.Center;

    /// <summary>How the new pixels are filled.</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant value per channel.</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>Constant value for masks.</summary>
    public double FillMask { get; init; }

    /// <inheritdoc />
    protected override PadOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if ((MinHeight is null) == (PadHeightDivisor is null)) throw new ArgumentException("PadIfNeeded takes exactly one of min_height and pad_height_divisor.");
        if ((MinWidth is null) == (PadWidthDivisor is null)) throw new ArgumentException("PadIfNeeded takes exactly one of min_width and pad_width_divisor.");
        if (PadHeightDivisor <= 0 || PadWidthDivisor <= 0) throw new ArgumentException("PadIfNeeded's divisors must be positive.");
        var (top, bottom) = Padding.Needed(context.Height, MinHeight, PadHeightDivisor);
        var (left, right) = Padding.Needed(context.Width, MinWidth, PadWidthDivisor);
        (top, bottom, left, right) = Padding.Place(top, bottom, left, right, Position, rng);
        return new PadOperation(top, bottom, left, right, BorderMode, Fill, FillMask);
    }
}
