namespace AugSharp.Kernels;

/// <summary>Border padding: <c>cv2.copyMakeBorder</c>.</summary>
public static class PadKernel
{
    /// <summary>
    /// Copies <paramref name="src"/> into <paramref name="dst"/> at (<paramref name="left"/>,
    /// <paramref name="top"/>) and fills the rest from the border. The bottom and right pads are
    /// what <paramref name="dst"/>'s size leaves: it must be at least the source plus the top and left pads.
    /// </summary>
    /// <param name="src">Source image (may be a strided view).</param>
    /// <param name="dst">Destination; every element is written.</param>
    /// <param name="top">Rows above the source.</param>
    /// <param name="left">Columns left of the source.</param>
    /// <param name="border">How the border is made.</param>
    /// <param name="borderValue">One value per channel for <see cref="BorderMode.Constant"/> (one value broadcasts; empty means 0).</param>
    public static void Apply<T>(ImageBuffer<T> src, ImageBuffer<T> dst, int top, int left, BorderMode border, ReadOnlySpan<double> borderValue) where T : unmanaged
    {
        KernelCommon.CheckPair(src, dst);
        KernelCommon.CheckNotSame(src, dst);
        if (top < 0 || left < 0 || dst.Width < src.Width + left || dst.Height < src.Height + top)
            throw new ArgumentOutOfRangeException(nameof(top), $"A {src.Width}x{src.Height} source at ({left}, {top}) does not fit a {dst.Width}x{dst.Height} destination.");
        if (!Enum.IsDefined(border)) throw new ArgumentOutOfRangeException(nameof(border), border, "Unknown border mode.");
        var cval = KernelCommon.BorderValues<T>(borderValue, src.Channels);
        int cn = src.Channels, sw = src.Width, dw = dst.Width;
        // Source column for each destination column (-1 for the constant).
        var cols = new int[dw];
        for (int x = 0; x < dw; x++) cols[x] = KernelCommon.BorderIndex(x - left, sw, border);
        for (int y = 0; y < dst.Height; y++)
        {
            var d = dst.GetRow(y);
            int sy = KernelCommon.BorderIndex(y - top, src.Height, border);
            if (sy < 0)
            {
                for (int x = 0; x < dw; x++) cval.CopyTo(d.Slice(x * cn, cn));
                continue;
            }
            var s = src.GetRow(sy);
            s.CopyTo(d.Slice(left * cn, sw * cn));
            for (int x = 0; x < left; x++) Fill(s, d, cols[x], x, cn, cval);
            for (int x = left + sw; x < dw; x++) Fill(s, d, cols[x], x, cn, cval);
        }
    }

    private static void Fill<T>(Span<T> s, Span<T> d, int sx, int x, int cn, T[] cval) where T : unmanaged
    {
        if (sx < 0) cval.CopyTo(d.Slice(x * cn, cn));
        else s.Slice(sx * cn, cn).CopyTo(d.Slice(x * cn, cn));
    }
}
