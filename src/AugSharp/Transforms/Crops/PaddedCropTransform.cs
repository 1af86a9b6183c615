namespace AugSharp;

/// <summary>
/// The base of the crops that can pad an image too small for them first (Albumentations'
/// BaseCropAndPad: Crop, CenterCrop, RandomCrop): with <see cref="PadIfNeeded"/> the missing rows
/// and columns are added by <see cref="BorderMode"/>, the image placed by <see cref="PadPosition"/>;
/// without it such an image is refused. p = 1.
/// </summary>
public abstract class PaddedCropTransform : Transform<IOperation>
{
    /// <summary>A crop with p = 1.</summary>
    protected PaddedCropTransform() => P = 1;

    /// <summary>Whether an image smaller than the crop is padded first; otherwise it is refused. Default false.</summary>
    public bool PadIfNeeded { get; init; }

    /// <summary>Where the image sits in the padding (with pad_if_needed). Default center.</summary>
    public PadPosition PadPosition { get; init; } = PadPosition.Center;

    /// <summary>How padded pixels are filled (with pad_if_needed).</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant value per channel of padded pixels (with pad_if_needed).</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>Constant value of padded mask pixels (with pad_if_needed).</summary>
    public double FillMask { get; init; }
}
