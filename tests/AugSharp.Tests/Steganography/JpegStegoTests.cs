using AugSharp.Steganography;
using Xunit;
using Xunit.Abstractions;
using static AugSharp.Tests.Steganography.StegoTestCovers;

namespace AugSharp.Tests.Steganography;

public class JpegStegoTests(ITestOutputHelper output)
{
    /// <summary>A JPEG cover: a crop of a sample photo encoded at <paramref name="quality"/>.</summary>
    private static byte[] JpegCover(string name, int channels, int size = 160, int quality = 85)
    {
        using var crop = Photo(name, channels, 8, size: size, x: 60, y: 60);
        using var stream = new MemoryStream();
        ImageCodec.Write(crop, stream, ImageFormat.Jpeg, new ImageWriteOptions { Quality = quality });
        return stream.ToArray();
    }

    private static byte[] Hide(byte[] cover, StegoPayload payload)
    {
        using var stego = new MemoryStream();
        Stego.Hide(new MemoryStream(cover), stego, ImageFormat.Jpeg, payload, Password, Fast);
        return stego.ToArray();
    }

    private static StegoPayload Reveal(byte[] stego) => Stego.Reveal(new MemoryStream(stego), Password, Fast);

    [Theory]
    [InlineData("astronaut.png", 3)]
    [InlineData("camera.png", 1)]
    [InlineData("coffee.png", 3)]
    public void RandomPayloadsRoundTripAtOneFiftyAndHundredPercent(string name, int channels)
    {
        byte[] cover = JpegCover(name, channels);
        long capacity = Stego.Capacity(new MemoryStream(cover));
        Assert.True(capacity > 200, $"capacity {capacity}");
        using var decodedCover = ImageCodec.Read(new MemoryStream(cover));
        var carrier = JpegCarrier.Open(cover);
        output.WriteLine($"{name} {channels}ch: AC coefficients ±1 {carrier.Ones}, |c|>=2 {carrier.Larger}, capacity {capacity} B");
        foreach (double fraction in new[] { 0.01, 0.5, 1.0 })
        {
            var payload = RandomPayload(Math.Max(4, (long)(capacity * fraction)), seed: (int)(fraction * 100));
            byte[] stego = Hide(cover, payload);
            Assert.Equal(payload.Data, Reveal(stego).Data);
            // Any decoder reads it, at the cover's size and quality.
            using var decoded = ImageCodec.Read(new MemoryStream(stego));
            Assert.Equal(decodedCover.Shape, decoded.Shape);
            double psnr = Psnr(decodedCover, decoded);
            output.WriteLine($"{name} {channels}ch {fraction:P0}: cover {cover.Length} B, stego {stego.Length} B, PSNR of the decoded stego against the decoded cover {psnr:F1} dB");
            Assert.True(psnr > 30, $"{psnr:F1} dB");
            Assert.InRange(stego.Length, cover.Length * (fraction < 1 ? 0.85 : 0.75), cover.Length * 1.05);
        }
    }

    [Fact]
    public void FullCapacityHoldsForEveryPassword()
    {
        // The blocks' layout follows the keyed order, so each password meets other coefficients: the capacity must hold for all.
        byte[] cover = JpegCover("camera.png", 1);
        long capacity = Stego.Capacity(new MemoryStream(cover));
        for (int k = 0; k < 12; k++)
        {
            byte[] password = System.Text.Encoding.UTF8.GetBytes($"password {k}");
            var payload = RandomPayload(capacity, 100 + k);
            using var stego = new MemoryStream();
            Stego.Hide(new MemoryStream(cover), stego, ImageFormat.Jpeg, payload, password, Fast);
            Assert.Equal(payload.Data, Stego.Reveal(new MemoryStream(stego.ToArray()), password, Fast).Data);
        }
    }

    [Fact]
    public void TextAndAnImageInARealPhoto()
    {
        byte[] cover = File.ReadAllBytes(TestPaths.Image("rocket.jpg"));
        using var inner = Photo("chelsea.png", 3, 8, size: 40);
        byte[] innerPng = Encode(inner, ImageFormat.Png);
        byte[] stego = Hide(cover, StegoPayload.FromFile("cat.png", innerPng));
        var back = Reveal(stego);
        Assert.Equal("cat.png", back.Name);
        Assert.Equal(innerPng, back.Data);
        Assert.Equal("a line of text", Reveal(Hide(cover, StegoPayload.FromText("a line of text"))).Text);
        output.WriteLine($"rocket.jpg: {cover.Length} B, with a {innerPng.Length} B PNG inside {stego.Length} B, capacity {Stego.Capacity(new MemoryStream(cover))} B");
    }

    /// <summary>The same coefficients written as a progressive JPEG (libjpeg's simple progression).</summary>
    private static byte[] Progressive(byte[] baseline)
    {
        var d = new BitMiracle.LibJpeg.Classic.jpeg_decompress_struct(new BitMiracle.LibJpeg.Classic.jpeg_error_mgr());
        d.jpeg_stdio_src(new MemoryStream(baseline));
        d.jpeg_read_header(true);
        var arrays = d.jpeg_read_coefficients();
        using var output = new MemoryStream();
        var c = new BitMiracle.LibJpeg.Classic.jpeg_compress_struct(new BitMiracle.LibJpeg.Classic.jpeg_error_mgr());
        c.jpeg_stdio_dest(output);
        d.jpeg_copy_critical_parameters(c);
        c.jpeg_simple_progression();
        c.jpeg_write_coefficients(arrays);
        c.jpeg_finish_compress();
        d.jpeg_abort_decompress();
        return output.ToArray();
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(1.0)]
    public void AProgressiveCoverStaysProgressiveAndItsPayloadRoundTrips(double fraction)
    {
        byte[] cover = Progressive(JpegCover("astronaut.png", 3, size: 200));
        Assert.True(JpegCarrier.Open(cover).Progressive);
        Assert.False(JpegCarrier.Open(JpegCover("astronaut.png", 3, size: 200)).Progressive);
        long capacity = Stego.Capacity(new MemoryStream(cover));
        var payload = RandomPayload(Math.Max(4, (long)(capacity * fraction)), 11);
        byte[] stego = Hide(cover, payload);
        var stegoCarrier = JpegCarrier.Open(stego);
        Assert.True(stegoCarrier.Progressive);
        Assert.Equal(payload.Data, Reveal(stego).Data);
        // Any decoder reads it: the codec decodes it to the cover's size, close to the cover's pixels.
        using var decoded = ImageCodec.Read(new MemoryStream(stego));
        using var decodedCover = ImageCodec.Read(new MemoryStream(cover));
        Assert.Equal((decodedCover.Width, decodedCover.Height), (decoded.Width, decoded.Height));
        output.WriteLine($"progressive cover {cover.Length} B, stego at {fraction:P0} {stego.Length} B");
        Assert.InRange(stego.Length, cover.Length * 0.85, cover.Length * 1.05);
    }

    [Fact]
    public void WrongPasswordNoPayloadTamperedTruncatedAndOverCapacity()
    {
        byte[] cover = JpegCover("coffee.png", 3);
        byte[] stego = Hide(cover, StegoPayload.FromText("coefficients keep secrets"));
        string message = Assert.Throws<StegoNoPayloadException>(() => Stego.Reveal(new MemoryStream(stego), "nope"u8, Fast)).Message;
        Assert.StartsWith("no payload for this password", message);
        Assert.Equal(message, Assert.Throws<StegoNoPayloadException>(() => Reveal(cover)).Message);

        // One coefficient of the payload region changed (the 1st, the 500th and the last non-zero one in
        // the keyed order: the first block, the header's and, the payload being small and spread by
        // matrix embedding over the whole image, the body's last).
        var carrier = JpegCarrier.Open(stego);
        using var positions = new KeyedPermutation(carrier.Blocks * 63, StegoEnvelope.DerivePositionKey(Password, carrier.Shape, Fast));
        var nonZero = new List<int>();
        for (int p = 0; p < carrier.Blocks * 63; p++)
        {
            int i = JpegCarrier.Index(positions.Next());
            if (carrier.Coefficients[i] != 0) nonZero.Add(i);
        }
        foreach (int i in new[] { nonZero[0], nonZero[499], nonZero[^1] })
        {
            var coefficients = (short[])carrier.Coefficients.Clone();
            coefficients[i] += (short)(coefficients[i] > 0 ? 1 : -1);
            Assert.Equal(message, Assert.Throws<StegoNoPayloadException>(() => Reveal(carrier.Rewrite(coefficients))).Message);
        }
        // The unchanged rewrite still reveals (the tampering, not the rewriting, broke it).
        Assert.Equal("coefficients keep secrets", Reveal(carrier.Rewrite(carrier.Coefficients)).Text);

        Assert.Equal(ImageErrorReason.Truncated, Assert.Throws<ImageFormatException>(() => Reveal(stego[..(stego.Length / 2)])).Reason);

        long capacity = Stego.Capacity(new MemoryStream(cover));
        var e = Assert.Throws<StegoCapacityException>(() => Hide(cover, RandomPayload(capacity + 1, 4)));
        Assert.Equal(capacity, e.CapacityBytes);
        Assert.Equal(capacity + 1, e.NeededBytes);
    }

    [Fact]
    public void ALosslessStegoReencodedAsJpegIsReportedDamaged()
    {
        using var cover = Photo("astronaut.png", 3, 8, size: 96);
        using var stego = Stego.Hide(cover, StegoPayload.FromText("fragile"), Password, Fast);
        using var jpeg = new MemoryStream();
        ImageCodec.Write(stego, jpeg, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 100 });
        var e = Assert.Throws<StegoNoPayloadException>(() => Reveal(jpeg.ToArray()));
        Assert.Contains("no payload for this password", e.Message);
        Assert.Contains("damaged", e.Message);
    }

    [Fact]
    public void SmallPayloadsCostFewChangesLargeOnesOnePerTwoBitsAndTheHistogramKeepsItsShape()
    {
        byte[] cover = File.ReadAllBytes(TestPaths.Image("rocket.jpg"));
        var coverCarrier = JpegCarrier.Open(cover);
        long capacity = Stego.Capacity(new MemoryStream(cover));
        long[] h0 = coverCarrier.Histogram(4);
        output.WriteLine($"rocket.jpg 640x427: AC coefficients ±1 {coverCarrier.Ones}, |c|>=2 {coverCarrier.Larger}, capacity {capacity} B");
        output.WriteLine($"DCT histogram of AC coefficients, values -4..4");
        output.WriteLine($"  cover      {string.Join(" ", h0)}");
        foreach (double fraction in new[] { 0.01, 0.1, 0.5, 1.0 })
        {
            long bytes = Math.Max(4, (long)(capacity * fraction));
            byte[] stego = Hide(cover, RandomPayload(bytes, 7));
            var stegoCarrier = JpegCarrier.Open(stego);
            long[] h = stegoCarrier.Histogram(4);
            int changed = coverCarrier.Coefficients.Zip(stegoCarrier.Coefficients).Count(p => p.First != p.Second);
            int shrunk = coverCarrier.Coefficients.Zip(stegoCarrier.Coefficients).Count(p => p.First != 0 && p.Second == 0);
            // Only magnitudes decrease, and by 1.
            Assert.All(coverCarrier.Coefficients.Zip(stegoCarrier.Coefficients), p => Assert.InRange(Math.Abs((int)p.First) - Math.Abs((int)p.Second), 0, 1));
            // The embedded bits include the 50-byte header and the padded body.
            double bits = (StegoEnvelope.Overhead + StegoEnvelope.Padme(bytes)) * 8.0;
            double l1 = h.Zip(h0).Sum(p => Math.Abs(p.First - p.Second)) / (double)h0.Sum();
            output.WriteLine($"  {fraction,4:P0} stego {string.Join(" ", h)}   changes {changed} ({shrunk} ±1 -> 0), {bits / changed:F2} bits per change, histogram L1 change {l1:P2}, size {cover.Length} -> {stego.Length} B");
            // Shrinkage happens and is read like any other change.
            if (fraction >= 0.5) Assert.True(shrunk > changed / 10, $"{shrunk} of {changed}");
            Assert.Equal(Reveal(stego).Data.Length, bytes - 4);
            // Shape: peaked at 0, falling with the magnitude, and as symmetric as the cover's (whose
            // own +v/-v ratio is the reference), up to full capacity (shrinkage needs no
            // re-embedding, so the odd magnitudes are not thinned).
            for (int v = 1; v <= 3; v++)
            {
                Assert.True(h[4 + v] > h[4 + v + 1] && h[4 - v] > h[4 - v - 1], $"{fraction:P0}: {string.Join(" ", h)}");
                double coverRatio = h0[4 + v] / (double)h0[4 - v];
                Assert.InRange(h[4 + v] / (double)h[4 - v], coverRatio - 0.05, coverRatio + 0.05);
            }
            Assert.True(h[4] > h[5]);
            // Large payloads, the dense code: about half of a block's q solved bits are ones. Small
            // ones, matrix embedding: blocks of k bits among many more dry coefficients, one to three
            // changes each.
            output.WriteLine($"        matrix embedding k = {coverCarrier.MatrixBlockBits((long)bits)}");
            if (fraction >= 0.5) Assert.InRange(bits / changed, 1.8, 2.2);
            else Assert.True(bits / changed >= (fraction <= 0.01 ? 6 : 4), $"{bits / changed:F2} bits per change");
            if (fraction <= 0.1) Assert.True(l1 < 0.02, $"{l1:P2}");
        }
    }
}
