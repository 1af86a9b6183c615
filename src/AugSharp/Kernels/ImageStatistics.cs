using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugSharp.Kernels;

/// <summary>
/// Sums and histograms of 8-bit images: the sum through the processor's sum-of-absolute-differences
/// instruction (64, 32 or 16 elements at a time, element by element without it), the histograms of
/// every channel in one pass.
/// </summary>
public static class ImageStatistics
{
    /// <summary>The sum of every element of <paramref name="values"/>.</summary>
    public static long Sum(ReadOnlySpan<byte> values)
    {
        ref byte s = ref MemoryMarshal.GetReference(values);
        int n = values.Length, i = 0;
        long sum = 0;
        if (Vector512.IsHardwareAccelerated && Avx512BW.IsSupported && n >= 64)
        {
            var acc = Vector512<ulong>.Zero;
            for (; i <= n - 64; i += 64) acc += Avx512BW.SumAbsoluteDifferences(Vector512.LoadUnsafe(ref s, (nuint)i), Vector512<byte>.Zero).AsUInt64();
            sum += (long)Vector512.Sum(acc);
        }
        if (Avx2.IsSupported && n - i >= 32)
        {
            var acc = Vector256<ulong>.Zero;
            for (; i <= n - 32; i += 32) acc += Avx2.SumAbsoluteDifferences(Vector256.LoadUnsafe(ref s, (nuint)i), Vector256<byte>.Zero).AsUInt64();
            sum += (long)Vector256.Sum(acc);
        }
        if (Sse2.IsSupported && n - i >= 16)
        {
            var acc = Vector128<ulong>.Zero;
            for (; i <= n - 16; i += 16) acc += Sse2.SumAbsoluteDifferences(Vector128.LoadUnsafe(ref s, (nuint)i), Vector128<byte>.Zero).AsUInt64();
            sum += (long)Vector128.Sum(acc);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref s, i);
        return sum;
    }

    /// <summary>The sum of every element of <paramref name="image"/> (a strided view included).</summary>
    public static long Sum(ImageBuffer<byte> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        long sum = 0;
        for (int y = 0; y < image.Height; y++) sum += Sum(image.GetRow(y));
        return sum;
    }

    /// <summary>
    /// The histogram of every channel in one pass: <c>counts[c*256 + v]</c> is the number of
    /// pixels whose channel <c>c</c> is <c>v</c>. A one-channel image is counted into four
    /// interleaved tables and a three-channel one into two, added at the end, so that runs of
    /// equal values do not wait on each other.
    /// </summary>
    public static long[] Histograms(ImageBuffer<byte> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var counts = new long[image.Channels * 256];
        Histograms(image, counts);
        return counts;
    }

    /// <summary><see cref="Histograms(ImageBuffer{byte})"/> into <paramref name="counts"/> (channels·256 entries, overwritten).</summary>
    public static void Histograms(ImageBuffer<byte> image, Span<long> counts)
    {
        ArgumentNullException.ThrowIfNull(image);
        int channels = image.Channels, w = image.Width;
        if (counts.Length != channels * 256) throw new ArgumentException($"The counts of {channels} channels take {channels * 256} entries.", nameof(counts));
        counts.Clear();
        // Rows are counted into 32-bit tables (on the stack up to 6 KB), flushed before they could overflow.
        int lanes = channels == 1 ? 4 : channels == 3 ? 2 : 1;
        int localLength = lanes * channels * 256;
        int[]? rented = localLength > 1536 ? System.Buffers.ArrayPool<int>.Shared.Rent(localLength) : null;
        Span<int> local = rented is null ? stackalloc int[localLength] : rented.AsSpan(0, localLength);
        local.Clear();
        try
        {
            Count(image, counts, local, lanes);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static void Count(ImageBuffer<byte> image, Span<long> counts, Span<int> local, int lanes)
    {
        int channels = image.Channels, w = image.Width;
        long pending = 0;
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.GetRow(y);
            ref byte r = ref MemoryMarshal.GetReference(row);
            ref int h = ref MemoryMarshal.GetReference(local);
            if (channels == 1)
            {
                int x = 0;
                for (; x <= w - 4; x += 4)
                {
                    Unsafe.Add(ref h, Unsafe.Add(ref r, x))++;
                    Unsafe.Add(ref h, 256 + Unsafe.Add(ref r, x + 1))++;
                    Unsafe.Add(ref h, 512 + Unsafe.Add(ref r, x + 2))++;
                    Unsafe.Add(ref h, 768 + Unsafe.Add(ref r, x + 3))++;
                }
                for (; x < w; x++) Unsafe.Add(ref h, Unsafe.Add(ref r, x))++;
            }
            else if (channels == 3)
            {
                // Even pixels into the first tables, odd ones into the second.
                int i = 0, n = row.Length;
                for (; i <= n - 6; i += 6)
                {
                    Unsafe.Add(ref h, Unsafe.Add(ref r, i))++;
                    Unsafe.Add(ref h, 256 + Unsafe.Add(ref r, i + 1))++;
                    Unsafe.Add(ref h, 512 + Unsafe.Add(ref r, i + 2))++;
                    Unsafe.Add(ref h, 768 + Unsafe.Add(ref r, i + 3))++;
                    Unsafe.Add(ref h, 1024 + Unsafe.Add(ref r, i + 4))++;
                    Unsafe.Add(ref h, 1280 + Unsafe.Add(ref r, i + 5))++;
                }
                for (; i < n; i += 3)
                {
                    Unsafe.Add(ref h, Unsafe.Add(ref r, i))++;
                    Unsafe.Add(ref h, 256 + Unsafe.Add(ref r, i + 1))++;
                    Unsafe.Add(ref h, 512 + Unsafe.Add(ref r, i + 2))++;
                }
            }
            else
            {
                for (int i = 0; i < row.Length; i += channels)
                    for (int c = 0; c < channels; c++) Unsafe.Add(ref h, c * 256 + Unsafe.Add(ref r, i + c))++;
            }
            pending += w;
            if (pending > int.MaxValue - w) Flush(local, counts, lanes, ref pending);
        }
        Flush(local, counts, lanes, ref pending);
    }

    private static void Flush(Span<int> local, Span<long> counts, int lanes, ref long pending)
    {
        int size = counts.Length;
        for (int lane = 0; lane < lanes; lane++)
            for (int k = 0; k < size; k++) counts[k] += local[lane * size + k];
        local.Clear();
        pending = 0;
    }
}
