namespace AugSharp;

/// <summary>Keeps a <see cref="Height"/> x <see cref="Width"/> rectangle at the centre (Albumentations' CenterCrop; p = 1).</summary>
[TransformCategory("crops")]
public sealed class CenterCrop : Transform<CropOperation>
{
    /// <summary>A CenterCrop with p = 1.</summary>
    public CenterCrop() => P = 1;

    /// <summary>Rows kept.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Columns kept.</summary>
    public int Width { get; init; } = 256;

    /// <summary>Pad an image smaller than the crop first (not supported: false; put PadIfNeeded before the crop).</summary>
    public bool PadIfNeeded { get; init; }

    /// <summary>Where the image sits in the padding (used with pad_if_needed).</summary>
    public string PadPosition { get; init; } = "center";

    /// <summary>How padded pixels would be filled (used with pad_if_needed).</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant value per channel of padded pixels (used with pad_if_needed).</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>Constant value of padded mask pixels (used with pad_if_needed).</summary>
    public double FillMask { get; init; }

    /// <inheritdoc />
    protected override CropOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        AlbumentationsOptions.RequireDefault(Name, "pad_if_needed", PadIfNeeded, false);
        var op = new CropOperation((context.Width - Width) / 2, (context.Height - Height) / 2, Width, Height);
        op.CheckFits(context.Shape);
        return op;
    }
}
