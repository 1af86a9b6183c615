using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace AugSharp;

/// <summary>
/// Fourier Domain Adaptation (Albumentations' FDA; default p = 0.5; Yang and Soatto, CVPR 2020):
/// the image takes the low-frequency amplitudes of a reference image of the target domain — its
/// overall colour and lighting — and keeps its own phases, which carry its content. Channel by
/// channel, the reference is resized (bilinear) to the image's size, both are taken to the 2-D
/// Fourier domain, and the amplitudes of the square of frequencies within floor(β·min(w, h))
/// of the zero frequency (both ways, on both axes) are copied from the reference, β drawn in <see cref="BetaLimit"/>.
/// See <see cref="DomainAdaptationTransform{TOperation}"/> for the references and
/// <see cref="DomainAdaptationOperation.AdaptedChannels"/> for references with other channel
/// counts. uint8, uint16 and float32 (0..1) images, clamped to their range.
/// </summary>
[TransformCategory("domain")]
public sealed class FDA : DomainAdaptationTransform<FdaOperation>
{
    /// <summary>The size of the swapped low-frequency window, as a fraction of the shorter side, within [0, 0.5]. Default [0, 0.1].</summary>
    public ValueRange BetaLimit { get; init; } = new(0, 0.1);

    /// <inheritdoc />
    protected override FdaOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var op = WithReference(new FdaOperation(), rng);
        return op with { Beta = BetaLimit.Check(nameof(BetaLimit), 0, 0.5).Draw(rng) };
    }
}

/// <summary>Swaps the low-frequency amplitudes (window <see cref="Beta"/>) of each channel for the drawn reference's.</summary>
public sealed record FdaOperation : DomainAdaptationOperation
{
    /// <summary>The size of the swapped window, as a fraction of the shorter side.</summary>
    public double Beta { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int w = image.Width, h = image.Height, cn = image.Channels;
        int border = (int)Math.Floor(Math.Min(w, h) * Beta);
        if (border == 0) return image.Clone();
        using var reference = Reference(cn, w, h);
        int k = reference.Channels;
        double max = NoiseMath.MaxValue<T>();
        // The window in centred (fftshift) coordinates, where the zero frequency sits at (w/2, h/2),
        // then its rows and columns in unshifted ones.
        int y1 = Math.Max(0, h / 2 - border), y2 = Math.Min(h / 2 + border + 1, h);
        int x1 = Math.Max(0, w / 2 - border), x2 = Math.Min(w / 2 + border + 1, w);
        var result = image.Clone();
        var source = new Complex[w * h];
        var target = new Complex[w * h];
        for (int c = 0; c < k; c++)
        {
            for (int y = 0; y < h; y++)
            {
                var s = image.GetRow(y);
                var r = reference.GetRow(y);
                for (int x = 0; x < w; x++)
                {
                    source[y * w + x] = new Complex(NoiseMath.Get(s[x * cn + c]) / max, 0);
                    target[y * w + x] = new Complex(r[x * k + c], 0);
                }
            }
            Transform2D(source, w, h, inverse: false);
            Transform2D(target, w, h, inverse: false);
            for (int sy = y1; sy < y2; sy++)
            {
                int fy = ((sy - h / 2) % h + h) % h;
                for (int sx = x1; sx < x2; sx++)
                {
                    int fx = ((sx - w / 2) % w + w) % w, i = fy * w + fx;
                    source[i] = Complex.FromPolarCoordinates(target[i].Magnitude, source[i].Phase);
                }
            }
            Transform2D(source, w, h, inverse: true);
            for (int y = 0; y < h; y++)
            {
                var d = result.GetRow(y);
                for (int x = 0; x < w; x++) d[x * cn + c] = NoiseMath.Put<T>(source[y * w + x].Real * max, max);
            }
        }
        return result;
    }

    /// <summary>The 2-D discrete Fourier transform of a row-major <paramref name="w"/> x <paramref name="h"/> array in place, rows then columns (the inverse divides by w·h).</summary>
    private static void Transform2D(Complex[] data, int w, int h, bool inverse)
    {
        var row = new Complex[w];
        for (int y = 0; y < h; y++)
        {
            Array.Copy(data, y * w, row, 0, w);
            if (inverse) Fourier.Inverse(row, FourierOptions.Matlab);
            else Fourier.Forward(row, FourierOptions.Matlab);
            Array.Copy(row, 0, data, y * w, w);
        }
        var column = new Complex[h];
        for (int x = 0; x < w; x++)
        {
            for (int y = 0; y < h; y++) column[y] = data[y * w + x];
            if (inverse) Fourier.Inverse(column, FourierOptions.Matlab);
            else Fourier.Forward(column, FourierOptions.Matlab);
            for (int y = 0; y < h; y++) data[y * w + x] = column[y];
        }
    }
}
