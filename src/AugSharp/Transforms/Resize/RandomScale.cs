
namespace AugSharp;

/// <summary>Resizes by a factor 1 + a draw from <see cref="ScaleLimit"/> (Albumentations' RandomScale; default p = 0.5).</summary>
[TransformCategory("resize")]
public sealed class RandomScale : Transform<ResizeOperation>
{
    /// <summary>The scale change (a single number L in a file means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange ScaleLimit { get; init; } = new(-0.1, 0.1);

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>Interpolation of the masks. Default nearest.</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <summary>Area averaging instead of the interpolation when the step shrinks the image: null (never, the default), image, or image_mask.</summary>
    public AreaForDownscale? AreaForDownscale { get; init; }

    /// <inheritdoc />
    protected override ResizeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        double scale = 1 + ScaleLimit.Check("scale_limit", -1).Draw(rng);
        return ResizeInterpolation.Resize(Math.Max(1, (int)Math.Round(context.Width * scale)), Math.Max(1, (int)Math.Round(context.Height * scale)), context.Width, context.Height, Interpolation, MaskInterpolation, AreaForDownscale);
    }
}
