using MathNet.Numerics.Distributions;

namespace AugSharp.Tests.Steganography;

/// <summary>The two classic attacks on LSB embedding, computed on one 8-bit channel.</summary>
internal static class Steganalysis
{
    /// <summary>
    /// Westfeld and Pfitzmann's chi-square attack: LSB replacement evens out the counts of each pair
    /// of values (2k, 2k+1). Returns the probability of embedding, 1 − CDF(χ², pairs − 1): near 1
    /// when the pairs are even (an image full of replaced LSBs), near 0 for a natural image.
    /// </summary>
    public static double ChiSquareProbability(ImageBuffer<byte> image, int channel)
    {
        var histogram = new long[256];
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++) histogram[image[y, x, channel]]++;
        double chi = 0;
        int pairs = 0;
        for (int k = 0; k < 128; k++)
        {
            double expected = (histogram[2 * k] + histogram[2 * k + 1]) / 2.0;
            if (expected <= 4) continue; // too few samples for the test
            double d = histogram[2 * k] - expected;
            chi += d * d / expected;
            pairs++;
        }
        return pairs < 2 ? 0 : 1 - ChiSquared.CDF(pairs - 1, chi);
    }

    /// <summary>
    /// Fridrich, Goljan and Du's RS analysis (2001): groups of four horizontal neighbours, mask
    /// [0 1 1 0], regular and singular groups under the positive flip F1 and the shifted flip F−1,
    /// in the image and in the image with every LSB flipped; the root of the quadratic gives the
    /// estimated length of an LSB-replacement message in bits per sample (0 for a clean image).
    /// </summary>
    public static double RsEstimate(ImageBuffer<byte> image, int channel)
    {
        var (rm, sm, rn, sn) = Groups(image, channel, flipAll: false);
        var (rm1, sm1, rn1, sn1) = Groups(image, channel, flipAll: true);
        double d0 = rm - sm, d1 = rm1 - sm1, dn0 = rn - sn, dn1 = rn1 - sn1;
        double a = 2 * (d1 + d0), b = dn0 - dn1 - d1 - 3 * d0, c = d0 - dn0;
        double z;
        if (Math.Abs(a) < 1e-12) z = Math.Abs(b) < 1e-12 ? 0 : -c / b;
        else
        {
            double disc = b * b - 4 * a * c;
            if (disc < 0) disc = 0;
            double z1 = (-b + Math.Sqrt(disc)) / (2 * a), z2 = (-b - Math.Sqrt(disc)) / (2 * a);
            z = Math.Abs(z1) < Math.Abs(z2) ? z1 : z2;
        }
        return Math.Abs(z - 0.5) < 1e-12 ? 1 : z / (z - 0.5);
    }

    private static (double Rm, double Sm, double Rn, double Sn) Groups(ImageBuffer<byte> image, int channel, bool flipAll)
    {
        int[] mask = [0, 1, 1, 0];
        long rm = 0, sm = 0, rn = 0, sn = 0, total = 0;
        Span<int> g = stackalloc int[4], f = stackalloc int[4];
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x + 4 <= image.Width; x += 4)
            {
                for (int i = 0; i < 4; i++)
                {
                    int v = image[y, x + i, channel];
                    g[i] = flipAll ? v ^ 1 : v;
                }
                double before = Smoothness(g);
                for (int i = 0; i < 4; i++) f[i] = mask[i] == 1 ? g[i] ^ 1 : g[i];
                double positive = Smoothness(f);
                for (int i = 0; i < 4; i++) f[i] = mask[i] == 1 ? ((g[i] + 1) ^ 1) - 1 : g[i];
                double negative = Smoothness(f);
                if (positive > before) rm++; else if (positive < before) sm++;
                if (negative > before) rn++; else if (negative < before) sn++;
                total++;
            }
        return (rm / (double)total, sm / (double)total, rn / (double)total, sn / (double)total);
    }

    private static double Smoothness(ReadOnlySpan<int> g)
    {
        int sum = 0;
        for (int i = 0; i + 1 < g.Length; i++) sum += Math.Abs(g[i + 1] - g[i]);
        return sum;
    }

    /// <summary>
    /// The chi-square attack on a JPEG's AC coefficients (Westfeld and Pfitzmann against JSteg): pairs of
    /// values (2k, 2k+1), leaving out 0 and 1 which JSteg skips. Near 1 when the pairs are even.
    /// </summary>
    public static double DctChiSquareProbability(short[] coefficients)
    {
        var histogram = new Dictionary<int, long>();
        for (int i = 0; i < coefficients.Length; i++)
        {
            if (i % 64 == 0) continue;
            int v = coefficients[i];
            if (v is 0 or 1) continue;
            histogram[v] = histogram.GetValueOrDefault(v) + 1;
        }
        double chi = 0;
        int pairs = 0;
        foreach (int even in histogram.Keys.Select(v => v & ~1).Distinct())
        {
            long a = histogram.GetValueOrDefault(even), b = histogram.GetValueOrDefault(even + 1);
            if (even == 0) continue;
            double expected = (a + b) / 2.0;
            if (expected <= 4) continue;
            chi += (a - expected) * (a - expected) / expected;
            pairs++;
        }
        return pairs < 2 ? 0 : 1 - ChiSquared.CDF(pairs - 1, chi);
    }

    /// <summary>The area under the ROC curve of a detector that calls higher scores stego: 0.5 is chance.</summary>
    public static double Auc(IReadOnlyList<double> covers, IReadOnlyList<double> stegos)
    {
        double wins = 0;
        foreach (double s in stegos)
            foreach (double c in covers) wins += s > c ? 1 : s == c ? 0.5 : 0;
        return wins / (covers.Count * (double)stegos.Count);
    }
}
