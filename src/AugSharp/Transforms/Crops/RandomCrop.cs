namespace AugSharp;

/// <summary>Keeps a <see cref="Height"/> x <see cref="Width"/> rectangle at a uniformly drawn place (Albumentations' RandomCrop; p = 1).</summary>
[TransformCategory("crops")]
public sealed class RandomCrop : Transform<CropOperation>
{
    /// <summary>A RandomCrop with p = 1.</summary>
    public RandomCrop() => P = 1;

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
        if (Height > context.Height || Width > context.Width)
            throw new ArgumentException($"RandomCrop of {Width}x{Height} does not fit a {context.Width}x{context.Height} image; add PadIfNeeded before it.");
        return new CropOperation(rng.NextInt(context.Width - Width + 1), rng.NextInt(context.Height - Height + 1), Width, Height);
    }
}
