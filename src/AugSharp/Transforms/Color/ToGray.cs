using AugSharp.Kernels;

namespace AugSharp;

/// <summary>How <see cref="ToGray"/> makes the gray value of an RGB pixel.</summary>
public enum ToGrayMethod
{
    /// <summary>ITU-R BT.601 luma, 0.299R + 0.587G + 0.114B, as cv2.cvtColor(RGB2GRAY) computes it (its 15-bit fixed-point form for uint8).</summary>
    WeightedAverage,

    /// <summary>The L channel of CIE Lab (sRGB, D65), scaled from 0..100 to the type's range (OpenCV's fixed-point form for uint8).</summary>
    FromLab,

    /// <summary>(max(R, G, B) + min(R, G, B)) / 2.</summary>
    Desaturation,

    /// <summary>(R + G + B) / 3.</summary>
    Average,

    /// <summary>max(R, G, B).</summary>
    Max,

    /// <summary>The projection on the first principal component of the image's colors, stretched to the type's full range (sign chosen so that brighter colors stay brighter).</summary>
    Pca,
}

/// <summary>
/// Turns an RGB image gray (Albumentations' ToGray; default p = 0.5). The gray value is written to
/// <see cref="NumOutputChannels"/> channels; the alpha channel of a 4-channel (RGBA) image follows
/// them unchanged. A 1-channel image is already gray and is returned as it is; other channel
/// counts are refused. uint8 (0..255), uint16 (0..65535) and float32 (0..1, Albumentations'
/// convention) images; integer results are rounded to the nearest level.
/// </summary>
[TransformCategory("color")]
[RgbImages]
public sealed class ToGray : Transform<ToGrayOperation>
{
    private readonly int _numOutputChannels = 3;

    /// <summary>The number of channels that receive the gray value (1 or more; 3 keeps an RGB image's shape).</summary>
    public int NumOutputChannels
    {
        get => _numOutputChannels;
        init => _numOutputChannels = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(NumOutputChannels), value, "num_output_channels must be at least 1.");
    }

    /// <summary>How the gray value is computed.</summary>
    public ToGrayMethod Method { get; init; } = ToGrayMethod.WeightedAverage;

    /// <inheritdoc />
    protected override ToGrayOperation SampleOperation(RandomStream rng, TransformContext context)
        => new() { NumOutputChannels = NumOutputChannels, Method = Method };
}

/// <summary>Writes the gray value of each RGB pixel to <see cref="NumOutputChannels"/> channels (alpha kept).</summary>
public sealed record ToGrayOperation : Operation
{
    /// <summary>The channels that receive the gray value.</summary>
    public int NumOutputChannels { get; init; } = 3;

    /// <summary>How the gray value is computed.</summary>
    public ToGrayMethod Method { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int channels = image.Channels;
        if (channels == 1) return image;
        ColorChannels.RequireRgb("ToGray", channels, 1);
        if (NumOutputChannels < 1) throw new ArgumentOutOfRangeException(nameof(NumOutputChannels), NumOutputChannels, "ToGray: num_output_channels must be at least 1.");
        int outChannels = NumOutputChannels + (channels == 4 ? 1 : 0);
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, outChannels);
        if (typeof(T) == typeof(byte) && Method == ToGrayMethod.WeightedAverage)
        {
            ColorKernels.RgbToGray((ImageBuffer<byte>)(object)image, (ImageBuffer<byte>)(object)result, NumOutputChannels);
            return result;
        }
        double max = ColorChannels.Max<T>();
        double[] pca = Method == ToGrayMethod.Pca ? PcaAxis(image) : [];
        double pcaMin = 0, pcaScale = 0;
        if (Method == ToGrayMethod.Pca)
        {
            (double lo, double hi) = (double.PositiveInfinity, double.NegativeInfinity);
            for (int y = 0; y < image.Height; y++)
            {
                var s = image.GetRow(y);
                for (int i = 0; i < s.Length; i += channels)
                {
                    double v = pca[0] * ColorMatrix.ToDouble(s[i]) + pca[1] * ColorMatrix.ToDouble(s[i + 1]) + pca[2] * ColorMatrix.ToDouble(s[i + 2]);
                    lo = Math.Min(lo, v);
                    hi = Math.Max(hi, v);
                }
            }
            pcaMin = lo;
            pcaScale = hi > lo ? max / (hi - lo) : 0;
        }
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0, o = 0; i < s.Length; i += channels, o += outChannels)
            {
                T gray;
                if (typeof(T) == typeof(byte) && Method == ToGrayMethod.WeightedAverage)
                {
                    int r = KernelCommon.ToInt(s[i]), g = KernelCommon.ToInt(s[i + 1]), b = KernelCommon.ToInt(s[i + 2]);
                    gray = KernelCommon.FromInt<T>((r * 9798 + g * 19235 + b * 3735 + (1 << 14)) >> 15);
                }
                else if (typeof(T) == typeof(byte) && Method == ToGrayMethod.FromLab)
                {
                    gray = KernelCommon.FromInt<T>(Lab.Lightness8(KernelCommon.ToInt(s[i]), KernelCommon.ToInt(s[i + 1]), KernelCommon.ToInt(s[i + 2])));
                }
                else
                {
                    double r = ColorMatrix.ToDouble(s[i]), g = ColorMatrix.ToDouble(s[i + 1]), b = ColorMatrix.ToDouble(s[i + 2]);
                    double v = Method switch
                    {
                        ToGrayMethod.WeightedAverage => 0.299 * r + 0.587 * g + 0.114 * b,
                        ToGrayMethod.FromLab => Lightness(r / max, g / max, b / max) / 100 * max,
                        ToGrayMethod.Desaturation => (Math.Max(r, Math.Max(g, b)) + Math.Min(r, Math.Min(g, b))) / 2,
                        ToGrayMethod.Average => (r + g + b) / 3,
                        ToGrayMethod.Max => Math.Max(r, Math.Max(g, b)),
                        _ => (pca[0] * r + pca[1] * g + pca[2] * b - pcaMin) * pcaScale,
                    };
                    gray = ColorMatrix.FromDouble<T>(v, max);
                }
                for (int c = 0; c < NumOutputChannels; c++) d[o + c] = gray;
                if (channels == 4) d[o + NumOutputChannels] = s[i + 3];
            }
        }
        return result;
    }

    /// <summary>CIE L* (0..100) of an sRGB color with components in 0..1 (D65 white).</summary>
    internal static double Lightness(double r, double g, double b)
    {
        double y = 0.212671 * Linear(r) + 0.715160 * Linear(g) + 0.072169 * Linear(b);
        return y > 0.008856 ? 116 * Math.Cbrt(y) - 16 : 903.3 * y;

        static double Linear(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((Math.Clamp(v, 0, 1) + 0.055) / 1.055, 2.4);
    }

    /// <summary>The unit first principal axis of the RGB colors (power iteration on the 3x3 covariance), with non-negative sum.</summary>
    private static double[] PcaAxis<T>(ImageBuffer<T> image) where T : unmanaged
    {
        int channels = image.Channels;
        double n = 0;
        var sum = new double[3];
        var cross = new double[9];
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            for (int i = 0; i < s.Length; i += channels)
            {
                double r = ColorMatrix.ToDouble(s[i]), g = ColorMatrix.ToDouble(s[i + 1]), b = ColorMatrix.ToDouble(s[i + 2]);
                ReadOnlySpan<double> v = [r, g, b];
                for (int a = 0; a < 3; a++)
                {
                    sum[a] += v[a];
                    for (int c = 0; c < 3; c++) cross[3 * a + c] += v[a] * v[c];
                }
                n++;
            }
        }
        var cov = new double[9];
        for (int a = 0; a < 3; a++)
            for (int c = 0; c < 3; c++)
                cov[3 * a + c] = cross[3 * a + c] / n - sum[a] / n * (sum[c] / n);
        var axis = PrincipalAxis(cov, 3);
        if (axis.Sum() < 0) for (int k = 0; k < 3; k++) axis[k] = -axis[k];
        return axis;
    }

    /// <summary>The unit eigenvector of the largest eigenvalue of a symmetric <paramref name="n"/>x<paramref name="n"/> matrix (Jacobi rotations); the luminance axis when the matrix is zero.</summary>
    internal static double[] PrincipalAxis(double[] symmetric, int n)
    {
        var (values, vectors) = SymmetricEigen.Decompose(symmetric, n);
        int best = 0;
        for (int k = 1; k < n; k++) if (values[k] > values[best]) best = k;
        var axis = new double[n];
        for (int k = 0; k < n; k++) axis[k] = vectors[k * n + best];
        if (values[best] <= 0) for (int k = 0; k < n; k++) axis[k] = 1 / Math.Sqrt(n);
        return axis;
    }
}

/// <summary>Eigenvalues and eigenvectors of small symmetric matrices by cyclic Jacobi rotations.</summary>
internal static class SymmetricEigen
{
    /// <summary>The eigenvalues and the eigenvectors (as the columns of a row-major n x n matrix) of <paramref name="matrix"/>.</summary>
    public static (double[] Values, double[] Vectors) Decompose(double[] matrix, int n)
    {
        var a = (double[])matrix.Clone();
        var v = new double[n * n];
        for (int i = 0; i < n; i++) v[i * n + i] = 1;
        for (int sweep = 0; sweep < 64; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
            if (off < 1e-30) break;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[p * n + q];
                    if (Math.Abs(apq) < 1e-300) continue;
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k * n + p], akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p * n + k], aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k * n + p], vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = a[i * n + i];
        return (values, v);
    }
}
