using MathNet.Numerics.LinearAlgebra;

namespace AugSharp;

/// <summary>Where <see cref="HEStain"/> takes its stain matrix from.</summary>
public enum HEStainMethod
{
    /// <summary>The preset named by <see cref="HEStain.Preset"/> (standard when none is named).</summary>
    Preset,

    /// <summary>A preset drawn at random each time.</summary>
    RandomPreset,

    /// <summary>Estimated from the image by non-negative matrix factorisation of its optical densities (Vahadane et al. 2016, simplified: multiplicative updates from the Ruifrok stains).</summary>
    Vahadane,

    /// <summary>Estimated from the image by Macenko's method (2009): the extreme angles of the tissue's optical densities in the plane of their two principal components.</summary>
    Macenko,
}

/// <summary>The reference H&amp;E stain matrices of <see cref="HEStain"/>.</summary>
public enum HEStainPreset
{
    /// <summary>Ruifrok and Johnston's standard reference.</summary>
    Ruifrok,

    /// <summary>Macenko's reference.</summary>
    Macenko,

    /// <summary>Typical bright-field microscopy.</summary>
    Standard,

    /// <summary>Enhanced contrast.</summary>
    HighContrast,

    /// <summary>Hematoxylin dominant.</summary>
    HHeavy,

    /// <summary>Eosin dominant.</summary>
    EHeavy,

    /// <summary>Darker staining.</summary>
    Dark,

    /// <summary>Lighter staining.</summary>
    Light,
}

/// <summary>
/// H&amp;E (hematoxylin and eosin) stain augmentation of histopathology images (Albumentations'
/// HEStain; default p = 0.5). In optical density space (OD = −ln(value), values in 0..1), each
/// pixel's OD is split into the concentrations of the two stains of a 2x3 stain matrix (least
/// squares, lightly regularised); the concentrations are scaled and shifted by factors drawn per
/// stain in <see cref="IntensityScaleRange"/> and <see cref="IntensityShiftRange"/>, and the
/// change of the two stains' OD is added back — the part of the OD that the stains do not
/// explain is kept, so scale 1 and shift 0 leave the image as it was. Unless
/// <see cref="AugmentBackground"/>, only tissue changes (pixels whose luma is below 0.85).
/// The stain matrix is a preset, or is estimated from the image when sampled (Macenko or
/// Vahadane, see <see cref="HEStainMethod"/>) and recorded in the operation. RGB images
/// (3 channels, or 4 with alpha kept); uint8, uint16 and float32 (0..1), clamped to their range.
/// </summary>
[TransformCategory("color")]
[RgbImages]
public sealed class HEStain : Transform<HEStainOperation>
{
    /// <summary>Where the stain matrix comes from. Default random_preset.</summary>
    public HEStainMethod Method { get; init; } = HEStainMethod.RandomPreset;

    /// <summary>The preset of the preset method (null means standard; must be null for random_preset). Default null.</summary>
    public HEStainPreset? Preset { get; init; }

    /// <summary>The factor of each stain's concentration, 0 or more. Default [0.7, 1.3].</summary>
    public ValueRange IntensityScaleRange { get; init; } = new(0.7, 1.3);

    /// <summary>The shift of each stain's concentration, within [-1, 1]. Default [-0.2, 0.2].</summary>
    public ValueRange IntensityShiftRange { get; init; } = new(-0.2, 0.2);

    /// <summary>Whether the background (luma 0.85 and above) changes too. Default false.</summary>
    public bool AugmentBackground { get; init; }

    /// <inheritdoc />
    protected override HEStainOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        ColorChannels.RequireRgb("HEStain", context.Shape.Channels);
        if (Method == HEStainMethod.RandomPreset && Preset is not null)
            throw new ArgumentException("HEStain: preset must not be given when method is random_preset.");
        IntensityScaleRange.Check(nameof(IntensityScaleRange), 0);
        IntensityShiftRange.Check(nameof(IntensityShiftRange), -1, 1);
        double[] matrix = Method switch
        {
            HEStainMethod.Preset => StainMatrices.Of(Preset ?? HEStainPreset.Standard),
            HEStainMethod.RandomPreset => StainMatrices.Of((HEStainPreset)rng.NextInt(Enum.GetValues<HEStainPreset>().Length)),
            HEStainMethod.Macenko => StainMatrices.Macenko(context.Target.Image),
            _ => StainMatrices.Vahadane(context.Target.Image),
        };
        return new HEStainOperation
        {
            StainMatrix = matrix,
            ScaleFactors = [IntensityScaleRange.Draw(rng), IntensityScaleRange.Draw(rng)],
            ShiftValues = [IntensityShiftRange.Draw(rng), IntensityShiftRange.Draw(rng)],
            AugmentBackground = AugmentBackground,
        };
    }
}

/// <summary>Scales and shifts the two stains' concentrations of every (tissue) pixel, in optical density space.</summary>
public sealed record HEStainOperation : Operation
{
    /// <summary>The stain matrix, row by row: hematoxylin's OD per unit (R, G, B), then eosin's.</summary>
    public IReadOnlyList<double> StainMatrix { get; init; } = [];

    /// <summary>The factor of each stain's concentration (hematoxylin, eosin).</summary>
    public IReadOnlyList<double> ScaleFactors { get; init; } = [1, 1];

    /// <summary>The shift of each stain's concentration (hematoxylin, eosin).</summary>
    public IReadOnlyList<double> ShiftValues { get; init; } = [0, 0];

    /// <summary>Whether the background changes too.</summary>
    public bool AugmentBackground { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        ColorChannels.RequireRgb("HEStain", image.Channels);
        if (StainMatrix.Count != 6 || ScaleFactors.Count != 2 || ShiftValues.Count != 2)
            throw new ArgumentException("HEStain: the operation needs a stain matrix of 6 values and 2 scale factors and shifts.");
        var m = StainMatrix;
        // The regularised normal equations (M Mᵀ + 1e-6 I) c = M od, solved once as a 2x2 inverse.
        double a = m[0] * m[0] + m[1] * m[1] + m[2] * m[2] + 1e-6, b = m[0] * m[3] + m[1] * m[4] + m[2] * m[5], d = m[3] * m[3] + m[4] * m[4] + m[5] * m[5] + 1e-6;
        double det = a * d - b * b, i00 = d / det, i01 = -b / det, i11 = a / det;
        double max = NoiseMath.MaxValue<T>();
        int cn = image.Channels;
        var result = image.Clone();
        Span<double> od = stackalloc double[3];
        Span<double> v = stackalloc double[3];
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var dst = result.GetRow(y);
            for (int x = 0; x < image.Width; x++)
            {
                for (int c = 0; c < 3; c++) v[c] = NoiseMath.Get(s[x * cn + c]) / max;
                if (!AugmentBackground && 0.299 * v[0] + 0.587 * v[1] + 0.114 * v[2] >= 0.85) continue;
                for (int c = 0; c < 3; c++) od[c] = -Math.Log(Math.Max(v[c], 1e-6));
                double ph = m[0] * od[0] + m[1] * od[1] + m[2] * od[2], pe = m[3] * od[0] + m[4] * od[1] + m[5] * od[2];
                double ch = i00 * ph + i01 * pe, ce = i01 * ph + i11 * pe;
                double dh = ch * (ScaleFactors[0] - 1) + ShiftValues[0], de = ce * (ScaleFactors[1] - 1) + ShiftValues[1];
                for (int c = 0; c < 3; c++)
                    dst[x * cn + c] = NoiseMath.Put<T>(Math.Exp(-(od[c] + dh * m[c] + de * m[3 + c])) * max, max);
            }
        }
        return result;
    }
}

/// <summary>The stain matrices of <see cref="HEStain"/>: the presets and the two estimators.</summary>
internal static class StainMatrices
{
    /// <summary>The preset's matrix, hematoxylin's row then eosin's.</summary>
    public static double[] Of(HEStainPreset preset) => preset switch
    {
        HEStainPreset.Ruifrok => [0.644211, 0.716556, 0.266844, 0.092789, 0.954111, 0.283111],
        HEStainPreset.Macenko => [0.5626, 0.7201, 0.4062, 0.2159, 0.8012, 0.5581],
        HEStainPreset.Standard => [0.65, 0.70, 0.29, 0.07, 0.99, 0.11],
        HEStainPreset.HighContrast => [0.55, 0.88, 0.11, 0.12, 0.86, 0.49],
        HEStainPreset.HHeavy => [0.75, 0.61, 0.32, 0.04, 0.93, 0.36],
        HEStainPreset.EHeavy => [0.60, 0.75, 0.28, 0.17, 0.95, 0.25],
        HEStainPreset.Dark => [0.78, 0.55, 0.28, 0.09, 0.97, 0.21],
        _ => [0.57, 0.71, 0.38, 0.15, 0.89, 0.42],
    };

    /// <summary>At most this many pixels (taken at a regular stride) feed the estimators.</summary>
    internal const int MaxSamples = 1 << 16;

    /// <summary>The optical densities of the image's pixels (at most <see cref="MaxSamples"/>, at a regular stride), three per pixel.</summary>
    internal static double[] OpticalDensities(ImageBuffer image) => image switch
    {
        ImageBuffer<byte> b => OpticalDensities(b),
        ImageBuffer<ushort> u => OpticalDensities(u),
        _ => OpticalDensities(image.As<float>()),
    };

    private static double[] OpticalDensities<T>(ImageBuffer<T> image) where T : unmanaged
    {
        long n = (long)image.Width * image.Height;
        long stride = Math.Max(1, (n + MaxSamples - 1) / MaxSamples);
        double max = NoiseMath.MaxValue<T>();
        int cn = image.Channels;
        var od = new List<double>((int)Math.Min(n, MaxSamples) * 3);
        for (long p = 0; p < n; p += stride)
        {
            int y = (int)(p / image.Width), x = (int)(p % image.Width);
            var row = image.GetRow(y);
            for (int c = 0; c < 3; c++) od.Add(-Math.Log(Math.Max(NoiseMath.Get(row[x * cn + c]) / max, 1e-6)));
        }
        return od.ToArray();
    }

    /// <summary>
    /// Macenko's estimate: the tissue's ODs (any channel above 0.05) projected on the plane of their two
    /// principal components; the directions at the 1st and 99th percentiles of their angles, made
    /// non-negative and unit, are the stains (hematoxylin the one with more red OD). An image
    /// without tissue gets the Ruifrok matrix.
    /// </summary>
    public static double[] Macenko(ImageBuffer image)
    {
        var all = OpticalDensities(image);
        var tissue = new List<double>();
        for (int i = 0; i < all.Length; i += 3)
            if (all[i] > 0.05 || all[i + 1] > 0.05 || all[i + 2] > 0.05) tissue.AddRange([all[i], all[i + 1], all[i + 2]]);
        int n = tissue.Count / 3;
        if (n < 2) return Of(HEStainPreset.Ruifrok);
        var mean = new double[3];
        for (int i = 0; i < tissue.Count; i++) mean[i % 3] += tissue[i] / n;
        var cov = Matrix<double>.Build.Dense(3, 3);
        for (int p = 0; p < n; p++)
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++) cov[a, b] += (tissue[p * 3 + a] - mean[a]) * (tissue[p * 3 + b] - mean[b]) / n;
        var evd = cov.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, 3).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var e1 = evd.EigenVectors.Column(order[0]);
        var e2 = evd.EigenVectors.Column(order[1]);
        if (e1.Sum() < 0) e1 = -e1;
        if (e2.Sum() < 0) e2 = -e2;
        var angles = new double[n];
        for (int p = 0; p < n; p++)
        {
            double u = 0, w = 0;
            for (int c = 0; c < 3; c++)
            {
                u += tissue[p * 3 + c] * e1[c];
                w += tissue[p * 3 + c] * e2[c];
            }
            angles[p] = Math.Atan2(w, u);
        }
        Array.Sort(angles);
        double low = Percentile(angles, 1), high = Percentile(angles, 99);
        var first = Unit(Math.Cos(low) * e1 + Math.Sin(low) * e2);
        var second = Unit(Math.Cos(high) * e1 + Math.Sin(high) * e2);
        if (first[0] < second[0]) (first, second) = (second, first);
        return [first[0], first[1], first[2], second[0], second[1], second[2]];

        static double[] Unit(Vector<double> v)
        {
            var a = v.PointwiseAbs();
            double norm = a.L2Norm();
            return norm > 0 ? (a / norm).ToArray() : [1 / Math.Sqrt(3), 1 / Math.Sqrt(3), 1 / Math.Sqrt(3)];
        }
    }

    /// <summary>The <paramref name="percent"/> percentile of sorted values, interpolated linearly as numpy does.</summary>
    internal static double Percentile(double[] sorted, double percent)
    {
        double index = percent / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(index), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (index - lo);
    }

    /// <summary>
    /// Vahadane's estimate, simplified: the ODs factorised as concentrations x stains by 100
    /// multiplicative non-negative updates, starting from the Ruifrok stains; the stain with the
    /// more red OD is hematoxylin.
    /// </summary>
    public static double[] Vahadane(ImageBuffer image)
    {
        var od = OpticalDensities(image);
        int n = od.Length / 3;
        var colors = Of(HEStainPreset.Ruifrok);
        var conc = new double[n * 2];
        var unit = Normalised(colors);
        for (int p = 0; p < n; p++)
            for (int k = 0; k < 2; k++)
                conc[p * 2 + k] = Math.Max(0, od[p * 3] * unit[k * 3] + od[p * 3 + 1] * unit[k * 3 + 1] + od[p * 3 + 2] * unit[k * 3 + 2]);
        const double Eps = 1e-6;
        for (int iteration = 0; iteration < 100; iteration++)
        {
            // Concentrations: H ← H ∘ (OD Wᵀ) / (H W Wᵀ).
            double g00 = Dot(colors, 0, colors, 0), g01 = Dot(colors, 0, colors, 3), g11 = Dot(colors, 3, colors, 3);
            for (int p = 0; p < n; p++)
            {
                double n0 = od[p * 3] * colors[0] + od[p * 3 + 1] * colors[1] + od[p * 3 + 2] * colors[2];
                double n1 = od[p * 3] * colors[3] + od[p * 3 + 1] * colors[4] + od[p * 3 + 2] * colors[5];
                double h0 = conc[p * 2], h1 = conc[p * 2 + 1];
                conc[p * 2] = Math.Max(0, h0 * n0 / (h0 * g00 + h1 * g01 + Eps));
                conc[p * 2 + 1] = Math.Max(0, h1 * n1 / (h0 * g01 + h1 * g11 + Eps));
            }
            // Stains: W ← W ∘ (Hᵀ OD) / (Hᵀ H W), then non-negative unit rows.
            var numerator = new double[6];
            double s00 = 0, s01 = 0, s11 = 0;
            for (int p = 0; p < n; p++)
            {
                double h0 = conc[p * 2], h1 = conc[p * 2 + 1];
                for (int c = 0; c < 3; c++)
                {
                    numerator[c] += h0 * od[p * 3 + c];
                    numerator[3 + c] += h1 * od[p * 3 + c];
                }
                s00 += h0 * h0;
                s01 += h0 * h1;
                s11 += h1 * h1;
            }
            var next = new double[6];
            for (int c = 0; c < 3; c++)
            {
                next[c] = Math.Max(0, colors[c] * numerator[c] / (s00 * colors[c] + s01 * colors[3 + c] + Eps));
                next[3 + c] = Math.Max(0, colors[3 + c] * numerator[3 + c] / (s01 * colors[c] + s11 * colors[3 + c] + Eps));
            }
            colors = Normalised(next);
        }
        // Hematoxylin absorbs more red than eosin (so every preset orders them).
        return colors[0] >= colors[3] ? colors : [colors[3], colors[4], colors[5], colors[0], colors[1], colors[2]];

        static double Dot(double[] a, int i, double[] b, int j) => a[i] * b[j] + a[i + 1] * b[j + 1] + a[i + 2] * b[j + 2];
    }

    private static double[] Normalised(double[] rows)
    {
        var result = new double[6];
        for (int k = 0; k < 2; k++)
        {
            double norm = Math.Sqrt(rows[k * 3] * rows[k * 3] + rows[k * 3 + 1] * rows[k * 3 + 1] + rows[k * 3 + 2] * rows[k * 3 + 2]);
            for (int c = 0; c < 3; c++) result[k * 3 + c] = norm > 0 ? rows[k * 3 + c] / norm : 1 / Math.Sqrt(3);
        }
        return result;
    }
}
