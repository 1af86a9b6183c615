using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AugSharp;

/// <summary>
/// The vector rows of the two conversions every Keras-style pipeline does per image: bytes to
/// floats (values kept) and floats to bytes (rounded half away from zero, saturated, NaN to 0),
/// with exactly the scalar results. Each returns how many elements it converted; the caller
/// finishes the tail (and everything when vectors are not accelerated).
/// </summary>
internal static class VectorConversion
{
    /// <summary>Lets tests run the scalar path beside the vector one.</summary>
    internal static bool UseVectors { get; set; } = true;

    public static int BytesToFloats(ReadOnlySpan<byte> input, Span<float> output)
    {
        if (!UseVectors || !Vector128.IsHardwareAccelerated || input.Length < 16) return 0;
        ref byte src = ref MemoryMarshal.GetReference(input);
        ref float dst = ref MemoryMarshal.GetReference(output);
        int i = 0;
        for (; i <= input.Length - 16; i += 16)
        {
            var bytes = Vector128.LoadUnsafe(ref src, (nuint)i);
            var (lo, hi) = Vector128.Widen(bytes);
            var (a, b) = Vector128.Widen(lo);
            var (c, d) = Vector128.Widen(hi);
            Vector128.ConvertToSingle(a.AsInt32()).StoreUnsafe(ref dst, (nuint)i);
            Vector128.ConvertToSingle(b.AsInt32()).StoreUnsafe(ref dst, (nuint)(i + 4));
            Vector128.ConvertToSingle(c.AsInt32()).StoreUnsafe(ref dst, (nuint)(i + 8));
            Vector128.ConvertToSingle(d.AsInt32()).StoreUnsafe(ref dst, (nuint)(i + 12));
        }
        return i;
    }

    /// <summary>
    /// Drops the alpha of RGBA pixels into RGB, four pixels per 16-byte shuffle; returns the pixels
    /// done (a vector store writes 16 bytes, so the last pixels are left to the caller).
    /// </summary>
    public static int RgbaToRgb(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        if (!UseVectors || !Vector128.IsHardwareAccelerated) return 0;
        int pixels = Math.Min(rgba.Length / 4, rgb.Length / 3);
        ref byte src = ref MemoryMarshal.GetReference(rgba);
        ref byte dst = ref MemoryMarshal.GetReference(rgb);
        var keep = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
        int p = 0;
        // The store of pixels p..p+3 writes bytes 3p..3p+15: it stays inside when 3p + 16 <= 3 * pixels.
        for (; 3 * p + 16 <= 3 * pixels && p + 4 <= pixels; p += 4)
            Vector128.Shuffle(Vector128.LoadUnsafe(ref src, (nuint)(4 * p)), keep).StoreUnsafe(ref dst, (nuint)(3 * p));
        return p;
    }

    public static int FloatsToBytes(ReadOnlySpan<float> input, Span<byte> output)
    {
        if (!UseVectors || !Vector128.IsHardwareAccelerated || input.Length < 16) return 0;
        ref float src = ref MemoryMarshal.GetReference(input);
        ref byte dst = ref MemoryMarshal.GetReference(output);
        int i = 0;
        for (; i <= input.Length - 16; i += 16)
        {
            var a = RoundSaturate(Vector128.LoadUnsafe(ref src, (nuint)i));
            var b = RoundSaturate(Vector128.LoadUnsafe(ref src, (nuint)(i + 4)));
            var c = RoundSaturate(Vector128.LoadUnsafe(ref src, (nuint)(i + 8)));
            var d = RoundSaturate(Vector128.LoadUnsafe(ref src, (nuint)(i + 12)));
            var words = Vector128.Narrow(Vector128.Narrow(a, b).AsUInt16(), Vector128.Narrow(c, d).AsUInt16());
            words.StoreUnsafe(ref dst, (nuint)i);
        }
        return i;
    }

    /// <summary>Four floats rounded half away from zero and clamped to 0..255, as uint32 (NaN gives 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> RoundSaturate(Vector128<float> v)
    {
        // Clamp first so that the conversion never overflows; -1 and 256 round to the ends.
        var clamped = Vector128.ConditionalSelect(Vector128.GreaterThan(v, Vector128.Create(256f)), Vector128.Create(256f), v);
        clamped = Vector128.ConditionalSelect(Vector128.LessThan(clamped, Vector128.Create(-1f)), Vector128.Create(-1f), clamped);
        var floor = Vector128.Floor(clamped);
        // clamped - floor is exact (Sterbenz), so the half test is exact too.
        var up = Vector128.GreaterThanOrEqual(clamped - floor, Vector128.Create(0.5f));
        var rounded = floor + (up & Vector128.Create(1f));
        var ints = Vector128.ConvertToInt32(rounded);
        ints = Vector128.Min(Vector128.Max(ints, Vector128<int>.Zero), Vector128.Create(255));
        // NaN compares false with itself: those lanes become 0.
        return (ints & Vector128.Equals(v, v).AsInt32()).AsUInt32();
    }
}
