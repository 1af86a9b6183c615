
namespace AugSharp;

/// <summary>
/// Pads the image up to at least <see cref="MinHeight"/> x <see cref="MinWidth"/>, the image
/// centred (the odd pixel goes below and right), filled by <see cref="BorderMode"/>
/// (Albumentations' PadIfNeeded; p = 1).
/// </summary>
[TransformCategory("resize")]
public sealed class PadIfNeeded : Transform<PadOperation>
{
    /// <summary>A PadIfNeeded with p = 1.</summary>
    public PadIfNeeded() => P = 1;

    /// <summary>Smallest height after padding.</summary>
    public int MinHeight { get; init; } = 1024;

    /// <summary>Smallest width after padding.</summary>
    public int MinWidth { get; init; } = 1024;

    /// <summary>How the new pixels are filled.</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant value per channel.</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>Constant value for masks.</summary>
    public double FillMask { get; init; }

    /// <inheritdoc />
    protected override PadOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int dh = Math.Max(0, MinHeight - context.Height), dw = Math.Max(0, MinWidth - context.Width);
        return new PadOperation(dh / 2, dh - dh / 2, dw / 2, dw - dw / 2, BorderMode, Fill, FillMask);
    }
}
