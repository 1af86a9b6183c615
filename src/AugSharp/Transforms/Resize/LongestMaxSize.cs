
namespace AugSharp;

/// <summary>Scales the image so that its longer side is <see cref="MaxSize"/>, keeping the aspect ratio (Albumentations' LongestMaxSize; p = 1).</summary>
[TransformCategory("resize")]
public sealed class LongestMaxSize : Transform<ResizeOperation>
{
    /// <summary>A LongestMaxSize with p = 1.</summary>
    public LongestMaxSize() => P = 1;

    /// <summary>The longer side after resizing.</summary>
    public int MaxSize { get; init; } = 1024;

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <inheritdoc />
    protected override ResizeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (MaxSize <= 0) throw new ArgumentException($"max_size must be positive, not {MaxSize}.");
        double scale = (double)MaxSize / Math.Max(context.Width, context.Height);
        return new ResizeOperation(Math.Max(1, (int)Math.Round(context.Width * scale)), Math.Max(1, (int)Math.Round(context.Height * scale)), Interpolation);
    }
}
