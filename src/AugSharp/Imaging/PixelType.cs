namespace AugSharp;

/// <summary>The element type of an image buffer.</summary>
public enum PixelType
{
    /// <summary>8-bit unsigned integer, 0..255.</summary>
    UInt8,

    /// <summary>16-bit unsigned integer, 0..65535 (medical and scientific images).</summary>
    UInt16,

    /// <summary>32-bit float, any range (Keras works on float32 in 0..255).</summary>
    Float32,
}

/// <summary>Maps CLR element types to <see cref="PixelType"/>.</summary>
public static class PixelTypes
{
    /// <summary>The <see cref="PixelType"/> of <typeparamref name="T"/>; throws for unsupported types.</summary>
    public static PixelType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return PixelType.UInt8;
        if (typeof(T) == typeof(ushort)) return PixelType.UInt16;
        if (typeof(T) == typeof(float)) return PixelType.Float32;
        throw new NotSupportedException($"Pixel element type {typeof(T).Name} is not supported; use byte, ushort or float.");
    }

    /// <summary>The largest value of the type's natural range: 255, 65535, or 1 for float.</summary>
    public static double NominalMax(PixelType type) => type switch
    {
        PixelType.UInt8 => byte.MaxValue,
        PixelType.UInt16 => ushort.MaxValue,
        _ => 1.0,
    };

    /// <summary>Size in bytes of one element.</summary>
    public static int SizeOf(PixelType type) => type switch
    {
        PixelType.UInt8 => 1,
        PixelType.UInt16 => 2,
        _ => 4,
    };
}
