namespace AugSharp.Keras;

/// <summary>Pillow resampling filters, by Keras' interpolation names.</summary>
public enum PilInterpolation
{
    /// <summary>Nearest neighbour.</summary>
    Nearest,

    /// <summary>Bilinear (antialiased when downscaling).</summary>
    Bilinear,

    /// <summary>Bicubic.</summary>
    Bicubic,

    /// <summary>Lanczos.</summary>
    Lanczos,

    /// <summary>Box.</summary>
    Box,

    /// <summary>Hamming.</summary>
    Hamming,
}

internal static class PilResize
{
    public static ImageBuffer<byte> Resize(ImageBuffer<byte> source, int width, int height, PilInterpolation filter, (double Left, double Top, double Right, double Bottom)? box = null)
        => throw new NotImplementedException();

    public static ImageBuffer<ushort> Resize(ImageBuffer<ushort> source, int width, int height, PilInterpolation filter, (double Left, double Top, double Right, double Bottom)? box = null)
        => throw new NotImplementedException();

    public static PilInterpolation Parse(string name) => throw new NotImplementedException();
}
