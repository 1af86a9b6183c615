using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugSharp.Kernels;

/// <summary>
/// Per-channel lookup tables (OpenCV's <c>cv2.LUT</c> with one table per channel): element
/// <c>v</c> of channel <c>c</c> becomes <c>tables[c*N + v]</c>, with N = 256 for 8-bit images and
/// 65536 for 16-bit ones. Exact; the source may be a strided view, and may be the destination.
/// 8-bit rows go 64 elements at a time through AVX-512 VBMI's two-table byte permutes where the
/// processor has them (a 256-entry table is two 128-entry permutes and a select on the top bit;
/// different tables per channel are selected by the channel pattern), otherwise element by
/// element.
/// </summary>
public static class LookupTable
{
    /// <summary>Entries of one 8-bit table.</summary>
    public const int ByteTableLength = 256;

    /// <summary>Entries of one 16-bit table.</summary>
    public const int UInt16TableLength = 65536;

    /// <summary>Applies <paramref name="tables"/> (<c>channels*256</c> entries, channel after channel) to every row.</summary>
    /// <param name="src">Source image.</param>
    /// <param name="dst">Destination of the same shape (may be <paramref name="src"/>).</param>
    /// <param name="tables">One 256-entry table per channel of <paramref name="src"/>, in channel order.</param>
    public static void Apply(ImageBuffer<byte> src, ImageBuffer<byte> dst, ReadOnlySpan<byte> tables)
    {
        Check(src, dst, tables.Length, ByteTableLength);
        for (int y = 0; y < src.Height; y++) ApplyRow(src.GetRow(y), dst.GetRow(y), tables, src.Channels);
    }

    /// <summary>Applies <paramref name="tables"/> (<c>channels*65536</c> entries, channel after channel) to every row.</summary>
    /// <param name="src">Source image.</param>
    /// <param name="dst">Destination of the same shape (may be <paramref name="src"/>).</param>
    /// <param name="tables">One 65536-entry table per channel of <paramref name="src"/>, in channel order.</param>
    public static void Apply(ImageBuffer<ushort> src, ImageBuffer<ushort> dst, ReadOnlySpan<ushort> tables)
    {
        Check(src, dst, tables.Length, UInt16TableLength);
        for (int y = 0; y < src.Height; y++) ApplyRow(src.GetRow(y), dst.GetRow(y), tables, src.Channels);
    }

    /// <summary>One interleaved row of 8-bit elements through per-channel tables of 256 entries.</summary>
    /// <param name="src">Source elements (a whole number of pixels).</param>
    /// <param name="dst">Destination, at least as long as <paramref name="src"/> (may be the same memory).</param>
    /// <param name="tables">One 256-entry table per channel.</param>
    /// <param name="channels">Interleaved channels.</param>
    public static void ApplyRow(ReadOnlySpan<byte> src, Span<byte> dst, ReadOnlySpan<byte> tables, int channels)
    {
        if (channels <= 0 || tables.Length < channels * ByteTableLength) throw new ArgumentException($"{channels} channels need {channels * ByteTableLength} table entries, not {tables.Length}.", nameof(tables));
        if (dst.Length < src.Length) throw new ArgumentException("The destination row is shorter than the source.", nameof(dst));
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        ref byte t = ref MemoryMarshal.GetReference(tables);
        int n = src.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Avx512Vbmi.IsSupported && n >= 64)
        {
            i = ApplyRowVbmi(ref s, ref d, n, tables, channels);
            if (i > 0)
            {
                // The rest of the row, element by element (a block may end inside a pixel).
                for (; i < n; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref t, i % channels * ByteTableLength + Unsafe.Add(ref s, i));
                return;
            }
        }
        if (channels == 1)
        {
            for (; i <= n - 4; i += 4)
            {
                byte a = Unsafe.Add(ref t, Unsafe.Add(ref s, i)), b = Unsafe.Add(ref t, Unsafe.Add(ref s, i + 1));
                byte c = Unsafe.Add(ref t, Unsafe.Add(ref s, i + 2)), e = Unsafe.Add(ref t, Unsafe.Add(ref s, i + 3));
                Unsafe.Add(ref d, i) = a;
                Unsafe.Add(ref d, i + 1) = b;
                Unsafe.Add(ref d, i + 2) = c;
                Unsafe.Add(ref d, i + 3) = e;
            }
            for (; i < n; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref t, Unsafe.Add(ref s, i));
            return;
        }
        if (channels == 3)
        {
            ref byte t1 = ref Unsafe.Add(ref t, ByteTableLength);
            ref byte t2 = ref Unsafe.Add(ref t, 2 * ByteTableLength);
            for (; i <= n - 3; i += 3)
            {
                byte a = Unsafe.Add(ref t, Unsafe.Add(ref s, i));
                byte b = Unsafe.Add(ref t1, Unsafe.Add(ref s, i + 1));
                byte c = Unsafe.Add(ref t2, Unsafe.Add(ref s, i + 2));
                Unsafe.Add(ref d, i) = a;
                Unsafe.Add(ref d, i + 1) = b;
                Unsafe.Add(ref d, i + 2) = c;
            }
            return;
        }
        for (; i < n; i += channels)
            for (int c = 0; c < channels; c++)
                Unsafe.Add(ref d, i + c) = Unsafe.Add(ref t, c * ByteTableLength + Unsafe.Add(ref s, i + c));
    }

    /// <summary>
    /// The VBMI part of an 8-bit row: every whole 64-element block from the start, returning where
    /// it stopped (a multiple of 64, or 0 for a channel pattern it does not take). One table when
    /// every channel's is the same; for 2, 3 or 4 channels with different tables, one lookup per
    /// channel and a select by the channel of each element.
    /// </summary>
    private static int ApplyRowVbmi(ref byte s, ref byte d, int n, ReadOnlySpan<byte> tables, int channels)
    {
        bool uniform = true;
        for (int c = 1; c < channels && uniform; c++)
            uniform = tables.Slice(0, ByteTableLength).SequenceEqual(tables.Slice(c * ByteTableLength, ByteTableLength));
        int blocks = n / 64 * 64;
        if (uniform)
        {
            var (t0, t1, t2, t3) = Load(tables, 0);
            for (int i = 0; i < blocks; i += 64)
                Lookup(Vector512.LoadUnsafe(ref s, (nuint)i), t0, t1, t2, t3).StoreUnsafe(ref d, (nuint)i);
            return blocks;
        }
        if (channels is not (2 or 3 or 4)) return 0;
        var (a0, a1, a2, a3) = Load(tables, 0);
        var (b0, b1, b2, b3) = Load(tables, 1);
        var (c0, c1, c2, c3) = channels > 2 ? Load(tables, 2) : (a0, a1, a2, a3);
        var (e0, e1, e2, e3) = channels > 3 ? Load(tables, 3) : (a0, a1, a2, a3);
        var masks = ChannelMasks.Value;
        for (int i = 0; i < blocks; i += 64)
        {
            var v = Vector512.LoadUnsafe(ref s, (nuint)i);
            // Masks of the elements of channels 0, 1 and 2 in this block (its first element's channel is i % channels).
            int phase = (channels - 2) * 12 + i % channels * 3;
            Vector512<byte> r;
            if (channels == 2)
            {
                r = Lookup(v, b0, b1, b2, b3);
            }
            else if (channels == 3)
            {
                r = Vector512.ConditionalSelect(masks[phase + 1], Lookup(v, b0, b1, b2, b3), Lookup(v, c0, c1, c2, c3));
            }
            else
            {
                r = Vector512.ConditionalSelect(masks[phase + 2], Lookup(v, c0, c1, c2, c3), Lookup(v, e0, e1, e2, e3));
                r = Vector512.ConditionalSelect(masks[phase + 1], Lookup(v, b0, b1, b2, b3), r);
            }
            r = Vector512.ConditionalSelect(masks[phase], Lookup(v, a0, a1, a2, a3), r);
            r.StoreUnsafe(ref d, (nuint)i);
        }
        return blocks;
    }

    /// <summary>For 2, 3 and 4 channels and each first channel of a block: the masks of the elements of channels 0, 1 and 2 (12 entries per channel count).</summary>
    private static readonly Lazy<Vector512<byte>[]> ChannelMasks = new(() =>
    {
        var masks = new Vector512<byte>[36];
        Span<byte> bytes = stackalloc byte[64];
        for (int channels = 2; channels <= 4; channels++)
        {
            for (int first = 0; first < channels; first++)
            {
                for (int c = 0; c < 3; c++)
                {
                    for (int j = 0; j < 64; j++) bytes[j] = (first + j) % channels == c ? (byte)0xFF : (byte)0;
                    masks[(channels - 2) * 12 + first * 3 + c] = Vector512.Create((ReadOnlySpan<byte>)bytes);
                }
            }
        }
        return masks;
    });

    private static (Vector512<byte>, Vector512<byte>, Vector512<byte>, Vector512<byte>) Load(ReadOnlySpan<byte> tables, int channel)
    {
        var t = tables.Slice(channel * ByteTableLength, ByteTableLength);
        return (Vector512.Create(t), Vector512.Create(t[64..]), Vector512.Create(t[128..]), Vector512.Create(t[192..]));
    }

    /// <summary>Element v becomes t[v] for a 256-entry table held in four vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Lookup(Vector512<byte> v, Vector512<byte> t0, Vector512<byte> t1, Vector512<byte> t2, Vector512<byte> t3)
    {
        var low = Avx512Vbmi.PermuteVar64x8x2(t0, v, t1);
        var high = Avx512Vbmi.PermuteVar64x8x2(t2, v, t3);
        return Vector512.ConditionalSelect(Vector512.LessThan(v.AsSByte(), Vector512<sbyte>.Zero).AsByte(), high, low);
    }

    /// <summary>One interleaved row of 16-bit elements through per-channel tables of 65536 entries.</summary>
    /// <param name="src">Source elements (a whole number of pixels).</param>
    /// <param name="dst">Destination, at least as long as <paramref name="src"/> (may be the same memory).</param>
    /// <param name="tables">One 65536-entry table per channel.</param>
    /// <param name="channels">Interleaved channels.</param>
    public static void ApplyRow(ReadOnlySpan<ushort> src, Span<ushort> dst, ReadOnlySpan<ushort> tables, int channels)
    {
        if (channels <= 0 || tables.Length < channels * UInt16TableLength) throw new ArgumentException($"{channels} channels need {channels * UInt16TableLength} table entries, not {tables.Length}.", nameof(tables));
        if (dst.Length < src.Length) throw new ArgumentException("The destination row is shorter than the source.", nameof(dst));
        ref ushort s = ref MemoryMarshal.GetReference(src);
        ref ushort d = ref MemoryMarshal.GetReference(dst);
        ref ushort t = ref MemoryMarshal.GetReference(tables);
        int n = src.Length;
        for (int i = 0; i < n; i += channels)
            for (int c = 0; c < channels; c++)
                Unsafe.Add(ref d, i + c) = Unsafe.Add(ref t, c * UInt16TableLength + Unsafe.Add(ref s, i + c));
    }

    private static void Check<T>(ImageBuffer<T> src, ImageBuffer<T> dst, int tableLength, int perChannel) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        if (src.Shape != dst.Shape) throw new ArgumentException($"Shape {dst.Shape} differs from {src.Shape}.", nameof(dst));
        if (tableLength < src.Channels * perChannel) throw new ArgumentException($"{src.Channels} channels need {src.Channels * perChannel} table entries, not {tableLength}.", "tables");
    }
}
