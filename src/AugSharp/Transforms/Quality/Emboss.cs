namespace AugSharp;

/// <summary>
/// Embosses the image (Albumentations' Emboss; default p = 0.5): the 3x3 kernel
/// <c>(1 - α)·I + α·E</c> is applied as <c>cv2.filter2D</c> (reflect101 borders), where I is the
/// identity and E is <c>[[-1 - s, -s, 0], [-s, 1, s], [0, s, 1 + s]]</c>; α is drawn from
/// <see cref="Alpha"/> and the strength s from <see cref="Strength"/>. Every channel is filtered on
/// its own; integer results are rounded and saturated, float32 results (taken in 0..1) clamped to 0..1.
/// </summary>
[TransformCategory("quality")]
public sealed class Emboss : Transform<EmbossOperation>
{
    /// <summary>The blend of the embossed image over the original, within [0, 1]. Default [0.2, 0.5].</summary>
    public ValueRange Alpha { get; init; } = new(0.2, 0.5);

    /// <summary>The strength s of the relief, at least 0. Default [0.2, 0.7].</summary>
    public ValueRange Strength { get; init; } = new(0.2, 0.7);

    /// <inheritdoc />
    protected override EmbossOperation SampleOperation(RandomStream rng, TransformContext context) => new()
    {
        Alpha = Alpha.Check("alpha", 0, 1).Draw(rng),
        Strength = Strength.Check("strength", 0).Draw(rng),
    };
}

/// <summary>An emboss of blend <see cref="Alpha"/> and strength <see cref="Strength"/>.</summary>
public sealed record EmbossOperation : Operation
{
    /// <summary>The blend of the embossed image over the original.</summary>
    public double Alpha { get; init; }

    /// <summary>The strength of the relief.</summary>
    public double Strength { get; init; }

    /// <summary>The 3x3 kernel, row by row.</summary>
    public float[] BuildKernel()
    {
        double s = Strength;
        return QualityPixels.Blend3x3(Alpha, [-1 - s, -s, 0, -s, 1, s, 0, s, 1 + s]);
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => QualityPixels.Convolve(image, BuildKernel(), 3);
}
