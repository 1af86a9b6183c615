using System.Buffers.Binary;
using System.IO.Compression;

namespace AugSharp.Imaging.Codecs;

/// <summary>
/// A managed PNG encoder for what Skia cannot write: 16-bit images (gray, gray+alpha, RGB, RGBA)
/// and 8-bit gray+alpha. Each row takes the filter with the smallest sum of absolute values.
/// </summary>
internal static class PngWriter
{
    public static void Write<T>(ImageBuffer<T> image, Stream stream) where T : unmanaged
    {
        int bytesPerSample = typeof(T) == typeof(ushort) ? 2 : typeof(T) == typeof(byte) ? 1
            : throw new ArgumentException("PNG holds 8- or 16-bit samples.", nameof(image));
        int channels = image.Channels;
        int colorType = channels switch
        {
            1 => 0,
            2 => 4,
            3 => 2,
            4 => 6,
            _ => throw new ArgumentException($"PNG holds 1 to 4 channels, not {channels}.", nameof(image)),
        };

        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)image.Width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr[4..], (uint)image.Height);
        ihdr[8] = (byte)(bytesPerSample * 8);
        ihdr[9] = (byte)colorType;
        ihdr[10] = 0;
        ihdr[11] = 0;
        ihdr[12] = 0;
        WriteChunk(stream, "IHDR"u8, ihdr);

        int bpp = channels * bytesPerSample;
        int rowBytes = image.Width * bpp;
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            var previous = new byte[rowBytes];
            var current = new byte[rowBytes];
            var candidate = new byte[rowBytes + 1];
            var best = new byte[rowBytes + 1];
            for (int y = 0; y < image.Height; y++)
            {
                ToBigEndian(image, y, current);
                long bestScore = long.MaxValue;
                for (byte f = 0; f <= 4; f++)
                {
                    long score = Filter(f, current, previous, bpp, candidate);
                    if (score < bestScore)
                    {
                        bestScore = score;
                        (best, candidate) = (candidate, best);
                    }
                }
                zlib.Write(best);
                (previous, current) = (current, previous);
            }
        }
        WriteChunk(stream, "IDAT"u8, idat.GetBuffer().AsSpan(0, (int)idat.Length));
        WriteChunk(stream, "IEND"u8, []);
    }

    /// <summary>Row <paramref name="y"/> as file bytes: 8-bit samples as they are, 16-bit samples big-endian (PNG, Netpbm).</summary>
    internal static void ToBigEndian<T>(ImageBuffer<T> image, int y, Span<byte> destination) where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(image.GetRow(y)).CopyTo(destination);
            return;
        }
        var row = System.Runtime.InteropServices.MemoryMarshal.Cast<T, ushort>(image.GetRow(y));
        for (int i = 0; i < row.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(destination[(2 * i)..], row[i]);
    }

    // Writes filter byte + filtered row into output; returns the sum of absolute values (signed bytes).
    private static long Filter(byte filter, ReadOnlySpan<byte> cur, ReadOnlySpan<byte> prev, int bpp, Span<byte> output)
    {
        output[0] = filter;
        var o = output[1..];
        long sum = 0;
        for (int i = 0; i < cur.Length; i++)
        {
            int a = i >= bpp ? cur[i - bpp] : 0;
            int b = prev[i];
            int c = i >= bpp ? prev[i - bpp] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) >> 1,
                _ => PngDecoder16.Paeth(a, b, c),
            };
            byte v = (byte)(cur[i] - predictor);
            o[i] = v;
            int signed = (sbyte)v;
            sum += signed < 0 ? -signed : signed;
        }
        return sum;
    }

    private static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        stream.Write(word);
        stream.Write(type);
        stream.Write(data);
        uint crc = Crc32.Update(0xFFFFFFFFu, type);
        crc = Crc32.Update(crc, data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        stream.Write(word);
    }
}
