using System.Buffers.Binary;

namespace AugSharp.Imaging.Codecs;

/// <summary>Reads the RIFF chunks of a WebP file: whether its image data is lossless (VP8L) or lossy (VP8).</summary>
internal static class WebPFormat
{
    /// <summary>True when the first image's bitstream is VP8L (lossless); false for VP8 (lossy) or when unknown.</summary>
    public static bool IsLossless(ReadOnlySpan<byte> data)
    {
        int pos = 12;
        while (pos + 8 <= data.Length)
        {
            var fourcc = data.Slice(pos, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 4)..]);
            if (fourcc.SequenceEqual("VP8L"u8)) return true;
            if (fourcc.SequenceEqual("VP8 "u8)) return false;
            if (fourcc.SequenceEqual("ANMF"u8))
            {
                pos += 8 + 16; // the frame's own chunks follow its 16-byte header
                continue;
            }
            long next = pos + 8L + size + (size & 1);
            if (next > data.Length) return false;
            pos = (int)next;
        }
        return false;
    }
}
