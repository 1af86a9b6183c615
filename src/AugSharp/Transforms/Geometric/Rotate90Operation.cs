using AugSharp.Kernels;

namespace AugSharp;

/// <summary><paramref name="QuarterTurns"/> quarter turns counter-clockwise on screen (numpy's rot90).</summary>
/// <param name="QuarterTurns">0 to 3.</param>
public sealed record Rotate90Operation(int QuarterTurns) : ExactGeometricOperation
{
    private int K => ((QuarterTurns % 4) + 4) % 4;

    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input) => K switch
    {
        0 => Matrix3x3.Identity,
        1 => new(0, 1, 0, -1, 0, input.Width - 1, 0, 0, 1),
        2 => new(-1, 0, input.Width - 1, 0, -1, input.Height - 1, 0, 0, 1),
        _ => new(0, -1, input.Height - 1, 1, 0, 0, 0, 0, 1),
    };

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input) => K % 2 == 0 ? (input.Width, input.Height) : (input.Height, input.Width);

    /// <inheritdoc />
    protected override ImageBuffer<T> Move<T>(ImageBuffer<T> source)
    {
        var (w, h) = GetOutputSize(source.Shape);
        var result = ImageBuffer<T>.CreateUninitialized(w, h, source.Channels);
        Flip.Rotate90(source, result, K);
        return result;
    }
}
