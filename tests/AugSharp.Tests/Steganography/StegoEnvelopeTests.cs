using System.Text;
using AugSharp.Steganography;
using Xunit;

namespace AugSharp.Tests.Steganography;

public class StegoEnvelopeTests
{
    internal static readonly StegoOptions Fast = new() { MemoryKiB = 64, Iterations = 1, Parallelism = 1, PositionIterations = 10 };

    private static readonly byte[] Password = Encoding.UTF8.GetBytes("correct horse battery staple");

    private sealed class BytesReader(byte[] all) : StegoEnvelope.IReader
    {
        private int _at;

        public byte? Code { get; private set; }

        public byte[]? ReadHeader(int count) => Take(count);

        public byte[]? ReadBody(int count, byte code)
        {
            Code = code;
            return Take(count);
        }

        private byte[]? Take(int count)
        {
            if (_at + count > all.Length) return null;
            byte[] part = all.AsSpan(_at, count).ToArray();
            _at += count;
            return part;
        }
    }

    private static byte[] SealAll(StegoPayload payload, long carrierBytes, byte code = 3)
    {
        var (header, body) = StegoEnvelope.Seal(StegoEnvelope.Pack(payload), Password, Fast, carrierBytes, _ => code);
        return [.. header, .. body];
    }

    [Fact]
    public void TextAndFilesRoundTrip()
    {
        var text = StegoPayload.FromText("meet at the bridge at dawn — ünïcödé");
        var opened = StegoEnvelope.Open(new BytesReader(SealAll(text, 10_000)), Password, Fast);
        Assert.Equal(StegoPayloadKind.Text, opened.Kind);
        Assert.Equal(text.Text, opened.Text);

        var random = new Random(5);
        var data = new byte[3000];
        random.NextBytes(data);
        var file = StegoPayload.FromFile("folder/secret plan.bin", data);
        var reader = new BytesReader(SealAll(file, 10_000, code: 5));
        var back = StegoEnvelope.Open(reader, Password, Fast);
        Assert.Equal("secret plan.bin", back.Name);
        Assert.Equal(data, back.Data);
        Assert.Equal((byte)5, reader.Code);
    }

    [Fact]
    public void WrongPasswordAndTamperingGiveTheSameError()
    {
        byte[] sealedBytes = SealAll(StegoPayload.FromText("hello"), 1000);
        var wrong = Assert.Throws<StegoNoPayloadException>(() => StegoEnvelope.Open(new BytesReader(sealedBytes), "wrong"u8, Fast));
        for (int at = 0; at < sealedBytes.Length; at += 7)
        {
            byte[] tampered = (byte[])sealedBytes.Clone();
            tampered[at] ^= 1;
            var e = Assert.Throws<StegoNoPayloadException>(() => StegoEnvelope.Open(new BytesReader(tampered), Password, Fast));
            Assert.Equal(wrong.Message, e.Message);
        }
        var noise = new byte[1000];
        new Random(1).NextBytes(noise);
        Assert.Equal(wrong.Message, Assert.Throws<StegoNoPayloadException>(() => StegoEnvelope.Open(new BytesReader(noise), Password, Fast)).Message);
        Assert.Throws<StegoNoPayloadException>(() => StegoEnvelope.Open(new BytesReader(sealedBytes[..^1]), Password, Fast));
        Assert.Equal("no payload for this password", wrong.Message);
    }

    [Fact]
    public void EverySealIsFreshAndHasNoFixedBytes()
    {
        var payload = StegoPayload.FromText("same message");
        byte[] a = SealAll(payload, 500), b = SealAll(payload, 500);
        Assert.Equal(a.Length, b.Length);
        int same = a.Zip(b).Count(p => p.First == p.Second);
        Assert.True(same < a.Length / 16, $"{same} equal bytes of {a.Length}");
    }

    [Fact]
    public void LengthIsPaddedAndCapacityIsExact()
    {
        // Messages of close lengths give the same sealed length.
        int a = SealAll(StegoPayload.FromFile("x", new byte[1000]), 1 << 20).Length;
        int b = SealAll(StegoPayload.FromFile("x", new byte[1010]), 1 << 20).Length;
        var r = new Random(3);
        byte[] r1 = new byte[1000], r2 = new byte[1010];
        r.NextBytes(r1);
        r.NextBytes(r2);
        Assert.Equal(SealAll(StegoPayload.FromFile("x", r1), 1 << 20).Length, SealAll(StegoPayload.FromFile("x", r2), 1 << 20).Length);
        Assert.Equal(a, b);

        // Exactly the capacity fits; one byte more does not, and the error gives both numbers.
        long carrier = 400;
        long capacity = StegoEnvelope.Capacity(carrier);
        var fits = new byte[capacity - 1 - 2 - 1]; // flag byte, kind and name length, a one-letter name
        r.NextBytes(fits);
        Assert.Equal(capacity, StegoEnvelope.Pack(StegoPayload.FromFile("x", fits)).Length);
        byte[] sealedBytes = SealAll(StegoPayload.FromFile("x", fits), carrier);
        Assert.Equal(carrier, sealedBytes.Length);
        Assert.Equal(fits, StegoEnvelope.Open(new BytesReader(sealedBytes), Password, Fast).Data);
        var tooBig = new byte[fits.Length + 1];
        r.NextBytes(tooBig);
        var e = Assert.Throws<StegoCapacityException>(() => SealAll(StegoPayload.FromFile("x", tooBig), carrier));
        Assert.Equal(capacity + 1, e.NeededBytes);
        Assert.Equal(capacity, e.CapacityBytes);
        Assert.Contains($"{capacity + 1}", e.Message);
        Assert.Contains($"{capacity}", e.Message);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(100, 104)]
    [InlineData(1000, 1024)]
    [InlineData(1025, 1088)]
    public void PadmeLengths(long length, long padded) => Assert.Equal(padded, StegoEnvelope.Padme(length));

    [Fact]
    public void DefaultKeyDerivationIsStrong()
    {
        // OWASP's first Argon2id setting: 46 MiB, one pass, one lane.
        Assert.Equal(46 * 1024, StegoOptions.Default.MemoryKiB);
        Assert.Equal(1, StegoOptions.Default.Iterations);
        Assert.Equal(1, StegoOptions.Default.Parallelism);
        Assert.True(StegoOptions.Default.PositionIterations >= 100_000);
    }

    [Fact]
    public void NamesLoseTheirFolders()
    {
        Assert.Equal("passwd", StegoPayload.SafeName("../../etc/passwd"));
        Assert.Equal("a.txt", StegoPayload.SafeName(@"C:\x\a.txt"));
        Assert.Equal("payload.bin", StegoPayload.SafeName(".."));
    }
}
