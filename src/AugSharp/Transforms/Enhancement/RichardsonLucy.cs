using AugSharp.Kernels;

namespace AugSharp;

/// <summary>The known blur <see cref="RichardsonLucy"/> undoes.</summary>
public enum PointSpread
{
    /// <summary>A Gaussian of σ pixels.</summary>
    Gaussian,

    /// <summary>A straight motion streak of a length in pixels at an angle in degrees.</summary>
    Motion,
}

/// <summary>
/// Richardson–Lucy deconvolution of a known blur (<see cref="Deconvolution.RichardsonLucy"/>) with
/// fixed parameters: a Gaussian of <see cref="Sigma"/> pixels, or a motion streak of
/// <see cref="Length"/> pixels at <see cref="Angle"/> degrees. Default p = 1.
/// </summary>
[TransformCategory("enhancement")]
public sealed class RichardsonLucy : Transform<RichardsonLucyOperation>
{
    private readonly double _sigma = 2;
    private readonly double _length = 9;
    private readonly int _iterations = 30;

    /// <summary>Creates the transform (p = 1).</summary>
    public RichardsonLucy() => P = 1;

    /// <summary>gaussian or motion.</summary>
    public PointSpread Psf { get; init; } = PointSpread.Gaussian;

    /// <summary>The Gaussian's σ in pixels (0.1..20). Default 2.</summary>
    public double Sigma
    {
        get => _sigma;
        init => _sigma = value is >= 0.1 and <= 20 ? value : throw new ArgumentOutOfRangeException(nameof(Sigma), value, "sigma must be within 0.1..20 pixels.");
    }

    /// <summary>The motion streak's length in pixels (1..200). Default 9.</summary>
    public double Length
    {
        get => _length;
        init => _length = value is >= 1 and <= 200 ? value : throw new ArgumentOutOfRangeException(nameof(Length), value, "length must be within 1..200 pixels.");
    }

    /// <summary>The motion streak's angle in degrees, anticlockwise from the x axis. Default 0.</summary>
    public double Angle { get; init; }

    /// <summary>Iterations (1..1000). Default 30.</summary>
    public int Iterations
    {
        get => _iterations;
        init => _iterations = value is >= 1 and <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(Iterations), value, "iterations must be within 1..1000.");
    }

    /// <inheritdoc />
    protected override RichardsonLucyOperation SampleOperation(RandomStream rng, TransformContext context)
        => new() { Psf = Psf, Sigma = Sigma, Length = Length, Angle = Angle, Iterations = Iterations };
}

/// <summary>Richardson–Lucy deconvolution of a Gaussian (<see cref="Sigma"/>) or motion (<see cref="Length"/>, <see cref="Angle"/>) blur, <see cref="Iterations"/> times.</summary>
public sealed record RichardsonLucyOperation : Operation
{
    /// <summary>gaussian or motion.</summary>
    public PointSpread Psf { get; init; }

    /// <summary>The Gaussian's σ in pixels.</summary>
    public double Sigma { get; init; } = 2;

    /// <summary>The motion streak's length in pixels.</summary>
    public double Length { get; init; } = 9;

    /// <summary>The motion streak's angle in degrees.</summary>
    public double Angle { get; init; }

    /// <summary>Iterations.</summary>
    public int Iterations { get; init; } = 30;

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        var psf = Psf == PointSpread.Motion ? Deconvolution.MotionPsf(Length, Angle) : Deconvolution.GaussianPsf(Sigma);
        using var values = image.ConvertTo<float>();
        using var result = Deconvolution.RichardsonLucy(values, psf, Iterations);
        return EnhancementPixels.FromValues<T>(result);
    }
}
