
namespace AugSharp;

/// <summary>
/// Fits the image into <see cref="Height"/> x <see cref="Width"/> keeping its aspect ratio, then
/// pads the rest with <see cref="Fill"/>, the image centred: the input of detectors such as YOLO
/// (p = 1).
/// </summary>
[TransformCategory("resize")]
public sealed class LetterBox : Transform<ComposeOperation>
{
    /// <summary>A LetterBox with p = 1.</summary>
    public LetterBox() => P = 1;

    /// <summary>Output rows.</summary>
    public int Height { get; init; } = 640;

    /// <summary>Output columns.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>Constant value per channel of the bars (YOLO's grey by default).</summary>
    public IReadOnlyList<double> Fill { get; init; } = [114];

    /// <summary>Constant value for masks.</summary>
    public double FillMask { get; init; }

    /// <inheritdoc />
    protected override ComposeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (Width <= 0 || Height <= 0) throw new ArgumentException($"LetterBox needs a positive size, not {Width}x{Height}.");
        double scale = Math.Min((double)Width / context.Width, (double)Height / context.Height);
        int w = Math.Clamp((int)Math.Round(context.Width * scale), 1, Width), h = Math.Clamp((int)Math.Round(context.Height * scale), 1, Height);
        int dw = Width - w, dh = Height - h;
        return new ComposeOperation(
        [
            new ResizeOperation(w, h, Interpolation),
            new PadOperation(dh / 2, dh - dh / 2, dw / 2, dw - dw / 2, BorderMode.Constant, Fill, FillMask),
        ]);
    }
}
