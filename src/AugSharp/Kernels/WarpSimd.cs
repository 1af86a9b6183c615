namespace AugSharp.Kernels;

/// <summary>Vectorised rows of the 8-bit bilinear affine warp.</summary>
internal static class WarpSimd
{
    /// <summary>Warps one destination row; false when no vector path applies (the caller runs the scalar row).</summary>
    public static bool TryAffineLinearRow<T>(WarpRows<T> rows, Span<byte> dst, int x0, int y0, int[] adelta, int[] bdelta, int[] xs, int[] ys, int[] alpha) where T : unmanaged
        => false;
}
