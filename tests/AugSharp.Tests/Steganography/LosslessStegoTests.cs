using System.Text;
using AugSharp.Steganography;
using Xunit;
using Xunit.Abstractions;
using static AugSharp.Tests.Steganography.StegoTestCovers;

namespace AugSharp.Tests.Steganography;

public class LosslessStegoTests(ITestOutputHelper output)
{
    public static TheoryData<int, int, ImageFormat> Layouts => new()
    {
        { 1, 8, ImageFormat.Png },
        { 3, 8, ImageFormat.Png },
        { 4, 8, ImageFormat.Png },
        { 2, 8, ImageFormat.Png },
        { 1, 16, ImageFormat.Png },
        { 3, 16, ImageFormat.Tiff },
        { 4, 16, ImageFormat.Png },
        { 3, 8, ImageFormat.Bmp },
        { 1, 8, ImageFormat.Tiff },
        { 3, 8, ImageFormat.WebP },
        { 4, 8, ImageFormat.WebP },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void RandomPayloadsRoundTripAtOneFiftyAndHundredPercent(int channels, int bits, ImageFormat format)
    {
        using var cover = Photo("astronaut.png", channels, bits, size: 48);
        byte[] coverFile = Encode(cover, format);
        long capacity = Stego.Capacity(new MemoryStream(coverFile));
        Assert.Equal(Unsaturated(cover) / 8 - StegoEnvelope.Overhead, capacity);
        foreach (double fraction in new[] { 0.01, 0.5, 1.0 })
        {
            var payload = RandomPayload(Math.Max(4, (long)(capacity * fraction)), seed: (int)(fraction * 100));
            using var stegoFile = new MemoryStream();
            Stego.Hide(new MemoryStream(coverFile), stegoFile, format, payload, Password, Fast);
            var back = Stego.Reveal(new MemoryStream(stegoFile.ToArray()), Password, Fast);
            Assert.Equal(payload.Data, back.Data);
            Assert.Equal("r", back.Name);

            using var stego = ImageCodec.Read(new MemoryStream(stegoFile.ToArray()), new ImageReadOptions { ApplyExifOrientation = false });
            Assert.Equal(cover.Shape, stego.Shape);
            Assert.Equal(cover.PixelType, stego.PixelType);
            int maxDiff = 0;
            for (int y = 0; y < 48; y++)
                for (int x = 0; x < 48; x++)
                    for (int c = 0; c < channels; c++)
                    {
                        int d = Math.Abs(Sample(cover, y, x, c) - Sample(stego, y, x, c));
                        if (IsAlpha(channels, c)) Assert.Equal(0, d);
                        maxDiff = Math.Max(maxDiff, d);
                    }
            Assert.Equal(1, maxDiff);
        }
    }

    [Fact]
    public void TextAndAnImageInsideAnImage()
    {
        using var cover = Photo("chelsea.png", 3, 8, size: 96);
        using var inner = Photo("coffee.png", 3, 8, size: 24);
        byte[] innerPng = Encode(inner, ImageFormat.Png);
        using var stego = Stego.Hide(cover, StegoPayload.FromFile("photos/inner.png", innerPng), Password, Fast);
        var back = Stego.Reveal(stego, Password, Fast);
        Assert.Equal(StegoPayloadKind.File, back.Kind);
        Assert.Equal("inner.png", back.Name);
        Assert.Equal(innerPng, back.Data);
        using var decoded = ImageCodec.Read(new MemoryStream(back.Data));
        Assert.Equal(inner.Shape, decoded.Shape);

        using var withText = Stego.Hide(cover, StegoPayload.FromText("Ünïcode text, 日本語 too"), Password, Fast);
        Assert.Equal("Ünïcode text, 日本語 too", Stego.Reveal(withText, Password, Fast).Text);
    }

    [Fact]
    public void WrongPasswordNoPayloadTamperedAndTruncatedFail()
    {
        using var cover = Photo("coffee.png", 3, 8, size: 64);
        var payload = StegoPayload.FromText("the eagle has landed");
        using var stego = (ImageBuffer<byte>)Stego.Hide(cover, payload, Password, Fast);

        string message = Assert.Throws<StegoNoPayloadException>(() => Stego.Reveal(stego, "open sesame, 43"u8, Fast)).Message;
        Assert.Equal("no payload for this password", message);
        Assert.Equal(message, Assert.Throws<StegoNoPayloadException>(() => Stego.Reveal(cover, Password, Fast)).Message);

        // One flipped bit in the payload region: the first position and one in the body.
        var carrier = new LosslessCarrier(stego);
        using var positions = new KeyedPermutation(carrier.Slots, StegoEnvelope.DerivePositionKey(Password, carrier.Shape, Fast));
        int[] order = Enumerable.Range(0, 1200).Select(_ => positions.Next()).ToArray();
        foreach (int slot in new[] { order[0], order[StegoEnvelope.HeaderSize * 8 + 50], order[1000] })
        {
            using var tampered = stego.Clone();
            int pixel = slot / 3;
            tampered[pixel / 64, pixel % 64, slot % 3] ^= 1;
            Assert.Equal(message, Assert.Throws<StegoNoPayloadException>(() => Stego.Reveal(tampered, Password, Fast)).Message);
        }

        byte[] file = Encode(stego, ImageFormat.Png);
        Assert.Throws<ImageFormatException>(() => Stego.Reveal(new MemoryStream(file[..(file.Length / 2)]), Password, Fast));
    }

    [Fact]
    public void OverCapacitySaysBothNumbers()
    {
        using var cover = Photo("coffee.png", 1, 8, size: 32);
        long capacity = Stego.Capacity(cover);
        Assert.Equal(Unsaturated(cover) / 8 - 70, capacity);
        var e = Assert.Throws<StegoCapacityException>(() => Stego.Hide(cover, RandomPayload(capacity + 1, 1), Password, Fast));
        Assert.Equal(capacity + 1, e.NeededBytes);
        Assert.Equal(capacity, e.CapacityBytes);
        Assert.Contains($"needs {capacity + 1} bytes", e.Message);
        Assert.Contains($"holds {capacity}", e.Message);
    }

    [Fact]
    public void OutputsThatWouldChangeTheSamplesAreRefused()
    {
        using var deep = Photo("coffee.png", 3, 16, size: 16);
        byte[] png = Encode(deep, ImageFormat.Png);
        var payload = StegoPayload.FromText("x");
        using var output = new MemoryStream();
        Assert.Throws<StegoCarrierException>(() => Stego.Hide(new MemoryStream(png), output, ImageFormat.Bmp, payload, Password, Fast));
        Assert.Throws<StegoCarrierException>(() => Stego.Hide(new MemoryStream(png), output, ImageFormat.Jpeg, payload, Password, Fast));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void SaturatedSamplesNeitherCarryNorAppear()
    {
        using var cover = Photo("coffee.png", 3, 8, size: 48);
        var pixels = cover.As<byte>();
        for (int y = 0; y < 48; y++)
            for (int x = 0; x < 16; x++)
            {
                pixels[y, x, 0] = (byte)(x % 2 == 0 ? 0 : 255);
                pixels[y, x, 1] = (byte)(x % 2 == 0 ? 1 : 254);
            }
        long capacity = Stego.Capacity(cover);
        Assert.Equal(Unsaturated(cover) / 8 - 70, capacity);
        using var stego = Stego.Hide(cover, RandomPayload(capacity, 3), Password, Fast);
        var after = stego.As<byte>();
        for (int y = 0; y < 48; y++)
            for (int x = 0; x < 48; x++)
                for (int c = 0; c < 3; c++)
                {
                    bool wasSaturated = pixels[y, x, c] is 0 or 255, isSaturated = after[y, x, c] is 0 or 255;
                    Assert.Equal(wasSaturated, isSaturated);
                    if (wasSaturated) Assert.Equal(pixels[y, x, c], after[y, x, c]);
                }
        Assert.Equal(RandomPayload(capacity, 3).Data, Stego.Reveal(stego, Password, Fast).Data);
    }

    [Fact]
    public void PsnrAtFullCapacityIsAtLeast51Decibels()
    {
        foreach (var (name, channels, bits) in new[] { ("astronaut.png", 3, 8), ("camera.png", 1, 8), ("chelsea.png", 3, 16) })
        {
            using var cover = Photo(name, channels, bits, size: 128);
            long capacity = Stego.Capacity(cover);
            using var stego = Stego.Hide(cover, RandomPayload(capacity, 9), Password, Fast);
            double psnr = Psnr(cover, stego);
            output.WriteLine($"{name} {channels}x{bits}-bit 128x128: capacity {capacity} bytes, PSNR at full capacity {psnr:F2} dB");
            Assert.True(psnr >= 51, $"{name}: {psnr:F2} dB");
        }
    }
}
