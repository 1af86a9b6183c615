namespace AugSharp;

/// <summary>
/// Ringing and overshoot artefacts (Albumentations' RingingOvershoot; default p = 0.5): the image
/// is convolved (<c>cv2.filter2D</c>, reflect101 borders) with a 2-D sinc filter, the ideal
/// circular low-pass filter of cutoff ω cut to a square of odd size k:
/// <c>K(r) = ω·J₁(ω·r) / (2π·r)</c> (<c>ω²/(4π)</c> at the centre), normalised to sum 1, J₁ being
/// the Bessel function of the first kind of order 1. k is drawn from <see cref="BlurLimit"/>, ω
/// from <see cref="Cutoff"/>; a lower cutoff gives wider ripples beside edges. Every channel is
/// filtered on its own; integer results are rounded and saturated, float32 results (taken in 0..1)
/// clamped to 0..1.
/// </summary>
[TransformCategory("quality")]
public sealed class RingingOvershoot : Transform<RingingOvershootOperation>
{
    private readonly IReadOnlyList<int> _blurLimit = [7, 15];

    /// <summary>The kernel sizes [min, max] (odd, at least 3; one number L means [3, L]). Default [7, 15].</summary>
    public IReadOnlyList<int> BlurLimit
    {
        get => _blurLimit;
        init
        {
            BlurSampling.Limit(value, 3, nameof(BlurLimit));
            _blurLimit = value;
        }
    }

    /// <summary>The cutoff frequencies in radians per pixel, within (0, π]. Default [π/4, π/2].</summary>
    public ValueRange Cutoff { get; init; } = new(Math.PI / 4, Math.PI / 2);

    /// <inheritdoc />
    protected override RingingOvershootOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var (low, high) = BlurSampling.Limit(BlurLimit, 3, "blur_limit");
        int kernel = BlurSampling.OddSize(rng, low, high);
        var cutoff = Cutoff.Check("cutoff", 0, Math.PI);
        if (!(cutoff.Min > 0)) throw new ArgumentOutOfRangeException("cutoff", cutoff, "cutoff must lie within (0, π].");
        return new RingingOvershootOperation { Kernel = kernel, Cutoff = cutoff.Draw(rng) };
    }
}

/// <summary>A 2-D sinc filter of size <see cref="Kernel"/> and cutoff <see cref="Cutoff"/>.</summary>
public sealed record RingingOvershootOperation : Operation
{
    /// <summary>The odd kernel size.</summary>
    public int Kernel { get; init; } = 7;

    /// <summary>The cutoff frequency in radians per pixel.</summary>
    public double Cutoff { get; init; } = Math.PI / 4;

    /// <summary>The normalised kernel, row by row.</summary>
    public float[] BuildKernel()
    {
        int k = Kernel;
        double centre = (k - 1) / 2.0, w = Cutoff, sum = 0;
        var taps = new double[k * k];
        for (int y = 0; y < k; y++)
        {
            for (int x = 0; x < k; x++)
            {
                double r = Math.Sqrt((x - centre) * (x - centre) + (y - centre) * (y - centre));
                double v = r == 0 ? w * w / (4 * Math.PI) : w * BesselJ1(w * r) / (2 * Math.PI * r);
                taps[y * k + x] = v;
                sum += v;
            }
        }
        return Array.ConvertAll(taps, v => (float)(v / sum));
    }

    /// <summary>
    /// The Bessel function J₁, from Bessel's integral <c>J₁(x) = (1/2π)∫cos(τ - x·sin τ)dτ</c> over
    /// one period, by the trapezoid rule: the integrand is smooth and periodic, so the rule
    /// converges geometrically once the points outnumber |x|; the count used is well past that.
    /// </summary>
    internal static double BesselJ1(double x)
    {
        int n = 64 + 2 * (int)Math.Ceiling(Math.Abs(x));
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double t = 2 * Math.PI * i / n;
            sum += Math.Cos(t - x * Math.Sin(t));
        }
        return sum / n;
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => QualityPixels.Convolve(image, BuildKernel(), Kernel);
}
