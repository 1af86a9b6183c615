
namespace AugSharp;

/// <summary>
/// Pads by fixed amounts (Albumentations' Pad; p = 1): <see cref="Padding"/> is one number for
/// every side, two for (left and right, top and bottom), or four for (left, top, right, bottom).
/// </summary>
[TransformCategory("resize")]
public sealed class Pad : Transform<PadOperation>
{
    /// <summary>A Pad with p = 1.</summary>
    public Pad() => P = 1;

    /// <summary>The padding in pixels: 1, 2 or 4 numbers.</summary>
    public IReadOnlyList<int> Padding { get; init; } = [0];

    /// <summary>How the new pixels are filled.</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant value per channel.</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>Constant value for masks.</summary>
    public double FillMask { get; init; }

    /// <inheritdoc />
    protected override PadOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var p = Padding;
        if (p.Any(v => v < 0)) throw new ArgumentException("padding cannot be negative.");
        var (left, top, right, bottom) = p.Count switch
        {
            1 => (p[0], p[0], p[0], p[0]),
            2 => (p[0], p[1], p[0], p[1]),
            4 => (p[0], p[1], p[2], p[3]),
            _ => throw new ArgumentException($"padding takes 1, 2 or 4 numbers, not {p.Count}."),
        };
        return new PadOperation(top, bottom, left, right, BorderMode, Fill, FillMask);
    }
}
