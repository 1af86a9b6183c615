
namespace AugSharp;

/// <summary>
/// Crops or pads each side by an amount drawn from <see cref="Px"/> (pixels) or
/// <see cref="Percent"/> (fraction of the side): negative values crop, positive values pad with
/// <see cref="BorderMode"/>; with <see cref="KeepSize"/> the result is resized back to the input's
/// size (Albumentations' CropAndPad; p = 1).
/// </summary>
[TransformCategory("crops")]
public sealed class CropAndPad : Transform<ComposeOperation>
{
    /// <summary>A CropAndPad with p = 1.</summary>
    public CropAndPad() => P = 1;

    /// <summary>The amount per side in pixels; null to use <see cref="Percent"/>.</summary>
    public ValueRange? Px { get; init; }

    /// <summary>The amount per side as a fraction of the height (top, bottom) or width (left, right); null to use <see cref="Px"/>.</summary>
    public ValueRange? Percent { get; init; }

    /// <summary>Draw each side on its own (otherwise one draw for all four).</summary>
    public bool SampleIndependently { get; init; } = true;

    /// <summary>Resize back to the input's size.</summary>
    public bool KeepSize { get; init; } = true;

    /// <summary>How padded pixels are filled.</summary>
    public BorderMode BorderMode { get; init; } = BorderMode.Constant;

    /// <summary>Constant value per channel of padded pixels.</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>Constant value of padded mask pixels.</summary>
    public double FillMask { get; init; }

    /// <summary>Interpolation of the resize.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>Interpolation of the masks. Default nearest.</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <inheritdoc />
    protected override ComposeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if ((Px is null) == (Percent is null)) throw new ArgumentException("CropAndPad takes px or percent (exactly one).");
        int w = context.Width, h = context.Height;
        var range = (Px ?? Percent)!.Value;
        double shared = range.Draw(rng);
        int Side(int length) => (int)Math.Round((SampleIndependently ? range.Draw(rng) : shared) * (Px is null ? length : 1));
        int top = Side(h), right = Side(w), bottom = Side(h), left = Side(w);
        var ops = new List<IOperation>();
        if (top > 0 || bottom > 0 || left > 0 || right > 0)
            ops.Add(new PadOperation(Math.Max(0, top), Math.Max(0, bottom), Math.Max(0, left), Math.Max(0, right), BorderMode, Fill, FillMask));
        int pw = w + Math.Max(0, left) + Math.Max(0, right), ph = h + Math.Max(0, top) + Math.Max(0, bottom);
        int cl = Math.Max(0, -left), cr = Math.Max(0, -right), ct = Math.Max(0, -top), cb = Math.Max(0, -bottom);
        int cw = Math.Max(1, pw - cl - cr), ch = Math.Max(1, ph - ct - cb);
        cl = Math.Min(cl, pw - cw);
        ct = Math.Min(ct, ph - ch);
        if (cl > 0 || ct > 0 || cw < pw || ch < ph) ops.Add(new CropOperation(cl, ct, cw, ch));
        if (KeepSize && (cw != w || ch != h)) ops.Add(new ResizeOperation(w, h, Interpolation) { MaskInterpolationMode = MaskInterpolation });
        return new ComposeOperation(ops);
    }
}
