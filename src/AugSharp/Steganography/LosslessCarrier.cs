using System.Security.Cryptography;

namespace AugSharp.Steganography;

/// <summary>
/// Hides bits in the least significant bit of 8- and 16-bit samples by LSB matching: a sample whose
/// LSB differs from the bit is moved by +1 or −1, chosen at random (at the ends of the range, the only
/// way inwards), so the histogram keeps no pairs of values to equalise, as LSB replacement leaves.
/// Positions follow a permutation keyed by the password over every colour sample of the image;
/// alpha is never touched. Saturated samples (0 and the largest value) carry nothing and no sample
/// is moved onto one (a 1 that must change goes to 2): at the ends of the range LSB matching could
/// only move one way, which is LSB replacement, and RS analysis finds it in black or white areas.
/// Embedding keeps the set of unsaturated samples, so the reader skips the same ones.
/// </summary>
internal sealed class LosslessCarrier
{
    private readonly ImageBuffer _image;
    private readonly int _colourChannels;

    public LosslessCarrier(ImageBuffer image)
    {
        if (image.PixelType is not (PixelType.UInt8 or PixelType.UInt16))
            throw new StegoCarrierException($"a {image.PixelType} image cannot carry a payload: only 8- and 16-bit images can");
        _image = image;
        _colourChannels = image.Channels is 2 or 4 ? image.Channels - 1 : image.Channels;
        long slots = (long)image.Width * image.Height * _colourChannels;
        if (slots > int.MaxValue) throw new StegoCarrierException($"the image is too large to carry a payload ({image.Width}x{image.Height})");
        Slots = (int)slots;
        int max = Max;
        for (int slot = 0; slot < Slots; slot++)
        {
            int v = Get(slot);
            if (v != 0 && v != max) Usable++;
        }
    }

    /// <summary>Colour samples, in which the positions are drawn.</summary>
    public int Slots { get; }

    /// <summary>Unsaturated colour samples, which carry one bit each.</summary>
    public int Usable { get; }

    /// <summary>Bytes the carrier holds, before the envelope.</summary>
    public long CarrierBytes => Usable / 8;

    private static bool Saturated(int value, int max) => value == 0 || value == max;

    /// <summary>What the position key depends on: the shape and depth, which embedding does not change.</summary>
    public string Shape => $"lossless {_image.Width}x{_image.Height}x{_image.Channels} {_image.PixelType}";

    private int Get(int slot)
    {
        int pixel = slot / _colourChannels, channel = slot % _colourChannels;
        int y = pixel / _image.Width, x = pixel % _image.Width;
        return _image is ImageBuffer<byte> b ? b[y, x, channel] : ((ImageBuffer<ushort>)_image)[y, x, channel];
    }

    private void Set(int slot, int value)
    {
        int pixel = slot / _colourChannels, channel = slot % _colourChannels;
        int y = pixel / _image.Width, x = pixel % _image.Width;
        if (_image is ImageBuffer<byte> b) b[y, x, channel] = (byte)value;
        else ((ImageBuffer<ushort>)_image)[y, x, channel] = (ushort)value;
    }

    private int Max => _image.PixelType == PixelType.UInt8 ? byte.MaxValue : ushort.MaxValue;

    /// <summary>Writes <paramref name="parts"/> in order at the positions of <paramref name="positionKey"/>.</summary>
    public void Embed(ReadOnlySpan<byte> positionKey, params byte[][] parts)
    {
        using var positions = new KeyedPermutation(Slots, positionKey);
        var coins = new byte[4096];
        int coin = coins.Length * 8;
        int max = Max;
        foreach (byte[] part in parts)
        {
            foreach (byte value in part)
            {
                for (int bit = 7; bit >= 0; bit--)
                {
                    int want = (value >> bit) & 1;
                    int slot, v;
                    do
                    {
                        slot = positions.Next();
                        if (slot < 0) throw new InvalidOperationException("The carrier ran out of positions.");
                        v = Get(slot);
                    }
                    while (Saturated(v, max));
                    if ((v & 1) == want) continue;
                    if (coin == coins.Length * 8)
                    {
                        RandomNumberGenerator.Fill(coins);
                        coin = 0;
                    }
                    bool up = ((coins[coin >> 3] >> (coin & 7)) & 1) == 1;
                    coin++;
                    v = v == 1 ? 2 : v == max - 1 ? v - 1 : up ? v + 1 : v - 1;
                    Set(slot, v);
                }
            }
        }
    }

    /// <summary>Reads bytes in the order <see cref="Embed"/> wrote them.</summary>
    public StegoEnvelope.IReader Reader(ReadOnlySpan<byte> positionKey) => new BitReader(this, new KeyedPermutation(Slots, positionKey));

    private sealed class BitReader(LosslessCarrier carrier, KeyedPermutation positions) : StegoEnvelope.IReader
    {
        public byte[]? ReadHeader(int count) => Read(count);

        public byte[]? ReadBody(int count, byte code) => Read(count);

        private byte[]? Read(int count)
        {
            if ((long)count * 8 > carrier.Usable) return null;
            int max = carrier.Max;
            var bytes = new byte[count];
            for (int i = 0; i < count; i++)
            {
                int value = 0;
                for (int bit = 0; bit < 8; bit++)
                {
                    int slot, v;
                    do
                    {
                        slot = positions.Next();
                        if (slot < 0) return null;
                        v = carrier.Get(slot);
                    }
                    while (Saturated(v, max));
                    value = (value << 1) | (v & 1);
                }
                bytes[i] = (byte)value;
            }
            return bytes;
        }
    }
}
