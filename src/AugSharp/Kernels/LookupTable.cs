using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AugSharp.Kernels;

/// <summary>
/// Per-channel lookup tables (OpenCV's <c>cv2.LUT</c> with one table per channel): element
/// <c>v</c> of channel <c>c</c> becomes <c>tables[c*N + v]</c>, with N = 256 for 8-bit images and
/// 65536 for 16-bit ones. Exact; the source may be a strided view, and may be the destination.
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
