using AugSharp.Steganography;
using Xunit;
using Xunit.Abstractions;
using static AugSharp.Tests.Steganography.StegoTestCovers;

namespace AugSharp.Tests.Steganography;

/// <summary>
/// Chi-square and RS analysis on crops of the sample photos: covers against stego images carrying
/// 10 % of capacity. LSB replacement at the same rate is the control that shows the detectors work.
/// </summary>
public class SteganalysisTests(ITestOutputHelper output)
{
    private const int Size = 128;

    /// <summary>Nine 128×128 crops (a 3×3 grid) of each sample photo (the JPEGs decoded), with their own channels.</summary>
    private static IEnumerable<ImageBuffer<byte>> Covers(int size = Size)
    {
        foreach (string name in new[] { "astronaut.png", "camera.png", "chelsea.png", "coffee.png", "retina.jpg", "rocket.jpg" })
        {
            using var photo = ImageCodec.Read(TestPaths.Image(name)).As<byte>();
            int channels = Math.Min(3, photo.Channels);
            foreach (var (fx, fy) in from fy in new[] { 0.1, 0.5, 0.9 } from fx in new[] { 0.1, 0.5, 0.9 } select (fx, fy))
            {
                int x0 = (int)(fx * (photo.Width - size)), y0 = (int)(fy * (photo.Height - size));
                var crop = new ImageBuffer<byte>(size, size, channels);
                for (int y = 0; y < size; y++)
                    for (int x = 0; x < size; x++)
                        for (int c = 0; c < channels; c++) crop[y, x, c] = photo[y0 + y, x0 + x, c];
                yield return crop;
            }
        }
    }

    /// <summary>LSB replacement of random bits at random positions, as the usual tools do.</summary>
    private static ImageBuffer<byte> LsbReplacement(ImageBuffer<byte> cover, double fraction, int seed)
    {
        var stego = cover.Clone();
        var random = new Random(seed);
        var span = stego.GetSpan();
        for (int i = 0; i < span.Length; i++)
            if (random.NextDouble() < fraction) span[i] = (byte)((span[i] & ~1) | random.Next(2));
        return stego;
    }

    private static double Score(ImageBuffer<byte> image, Func<ImageBuffer<byte>, int, double> detector)
        => Enumerable.Range(0, image.Channels).Average(c => detector(image, c));

    [Fact]
    public void ChiSquareAndRsDoNotTellCoversFromStegoImagesAtTenPercent()
    {
        var chi = (Covers: new List<double>(), Stego: new List<double>(), Control: new List<double>(), ControlFull: new List<double>());
        var rs = (Covers: new List<double>(), Stego: new List<double>(), Control: new List<double>());
        int seed = 0;
        foreach (var cover in Covers())
        {
            using (cover)
            {
                long capacity = Stego.Capacity(cover);
                using var stego = (ImageBuffer<byte>)Stego.Hide(cover, RandomPayload(capacity / 10, ++seed), Password, Fast);
                // 10 % of capacity is 0.1 bit per sample; LSB replacement of 0.1 bit changes the same share of values.
                using var control = LsbReplacement(cover, 0.1, seed);
                using var controlFull = LsbReplacement(cover, 1.0, seed);
                chi.Covers.Add(Score(cover, Steganalysis.ChiSquareProbability));
                chi.Stego.Add(Score(stego, Steganalysis.ChiSquareProbability));
                chi.Control.Add(Score(control, Steganalysis.ChiSquareProbability));
                chi.ControlFull.Add(Score(controlFull, Steganalysis.ChiSquareProbability));
                rs.Covers.Add(Score(cover, Steganalysis.RsEstimate));
                rs.Stego.Add(Score(stego, Steganalysis.RsEstimate));
                rs.Control.Add(Score(control, Steganalysis.RsEstimate));
            }
        }
        static double Rate(List<double> scores, double threshold) => scores.Count(s => s > threshold) / (double)scores.Count;
        int n = chi.Covers.Count;
        // Chi-square: "stego" when the probability of embedding is above 0.5.
        output.WriteLine($"{n} covers (128x128 crops, 9 from each of the 6 photos), stego at 10% of capacity (LSB matching), control: LSB replacement");
        output.WriteLine($"chi-square p>0.5 flagged: covers {Rate(chi.Covers, 0.5):P0}, stego {Rate(chi.Stego, 0.5):P0}, LSB replacement 10% {Rate(chi.Control, 0.5):P0}, LSB replacement 100% {Rate(chi.ControlFull, 0.5):P0}");
        output.WriteLine($"chi-square AUC cover vs stego {Steganalysis.Auc(chi.Covers, chi.Stego):F2}, cover vs replacement 100% {Steganalysis.Auc(chi.Covers, chi.ControlFull):F2}");
        // RS: "stego" when the estimated message length is above 0.05 bit per sample (half the 10 % rate).
        output.WriteLine($"RS estimate >0.05 flagged: covers {Rate(rs.Covers, 0.05):P0}, stego {Rate(rs.Stego, 0.05):P0}, LSB replacement 10% {Rate(rs.Control, 0.05):P0}");
        output.WriteLine($"RS mean estimate: covers {rs.Covers.Average():F3}, stego {rs.Stego.Average():F3}, LSB replacement 10% {rs.Control.Average():F3}");
        output.WriteLine($"RS AUC cover vs stego {Steganalysis.Auc(rs.Covers, rs.Stego):F2}, cover vs replacement 10% {Steganalysis.Auc(rs.Covers, rs.Control):F2}");

        // The detectors work: they find LSB replacement.
        Assert.True(Rate(chi.ControlFull, 0.5) >= 0.9);
        Assert.True(Steganalysis.Auc(rs.Covers, rs.Control) >= 0.85);
        // Ours is not told apart better than chance: the flag rates of covers and stego images agree
        // within the noise of 54 images (the salts and the ±1 choices are fresh random numbers on every run), and the AUCs stay near 0.5.
        Assert.InRange(Rate(chi.Stego, 0.5) - Rate(chi.Covers, 0.5), -0.2, 0.2);
        Assert.InRange(Rate(rs.Stego, 0.05) - Rate(rs.Covers, 0.05), -0.2, 0.2);
        Assert.InRange(Steganalysis.Auc(chi.Covers, chi.Stego), 0.3, 0.7);
        Assert.InRange(Steganalysis.Auc(rs.Covers, rs.Stego), 0.3, 0.7);
    }

    [Fact]
    public void TheDctChiSquareAttackDoesNotFindTheJpegModeAtTenPercent()
    {
        var covers = new List<double>();
        var stegos = new List<double>();
        var controls = new List<double>();
        int seed = 0;
        int skipped = 0;
        foreach (var crop in Covers(size: 256))
        {
            using (crop)
            {
                using var encoded = new MemoryStream();
                ImageCodec.Write(crop, encoded, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 85 });
                byte[] cover = encoded.ToArray();
                long capacity = Stego.Capacity(new MemoryStream(cover));
                if (capacity < 100)
                {
                    skipped++; // too smooth to carry anything
                    continue;
                }
                if (seed >= 24) continue; // 24 are enough, and keep the test short
                using var stego = new MemoryStream();
                Stego.Hide(new MemoryStream(cover), stego, ImageFormat.Jpeg, RandomPayload(Math.Max(4, capacity / 10), ++seed), Password, Fast);
                short[] coverCoefficients = JpegCarrier.Open(cover).Coefficients;
                covers.Add(Steganalysis.DctChiSquareProbability(coverCoefficients));
                stegos.Add(Steganalysis.DctChiSquareProbability(JpegCarrier.Open(stego.ToArray()).Coefficients));
                // Control: JSteg, LSB replacement of every coefficient other than 0 and 1.
                var jsteg = (short[])coverCoefficients.Clone();
                var random = new Random(seed);
                for (int i = 0; i < jsteg.Length; i++)
                    if (i % 64 != 0 && jsteg[i] is not (0 or 1)) jsteg[i] = (short)((jsteg[i] & ~1) | random.Next(2));
                controls.Add(Steganalysis.DctChiSquareProbability(jsteg));
            }
        }
        static double Rate(List<double> scores) => scores.Count(s => s > 0.5) / (double)scores.Count;
        output.WriteLine($"{covers.Count} JPEG covers (256x256 q85 crops; {skipped} too smooth to carry 100 bytes), DCT chi-square p>0.5 flagged: covers {Rate(covers):P0}, stego at 10% {Rate(stegos):P0}, JSteg at 100% {Rate(controls):P0}");
        output.WriteLine($"DCT chi-square AUC cover vs stego {Steganalysis.Auc(covers, stegos):F2}, cover vs JSteg {Steganalysis.Auc(covers, controls):F2}");
        Assert.True(Rate(controls) >= 0.9);
        Assert.InRange(Rate(stegos) - Rate(covers), -0.2, 0.2);
        Assert.InRange(Steganalysis.Auc(covers, stegos), 0.3, 0.7);
    }
}
