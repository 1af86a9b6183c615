namespace AugSharp;

/// <summary>
/// Converts the image to float32 by dividing by <see cref="MaxValue"/> (Albumentations' ToFloat;
/// default p = 1): with the default (null) the type's maximum, so uint8 0..255 and uint16
/// 0..65535 become 0..1, Albumentations' range for float images; a float32 image is divided by
/// 1 unless a maximum is given. Masks, boxes and keypoints are kept.
/// </summary>
[TransformCategory("other")]
public sealed class ToFloat : Transform<ToFloatOperation>, IChangesPixelType
{
    private readonly double? _max;

    /// <summary>Creates the transform with p = 1.</summary>
    public ToFloat() => P = 1;

    /// <summary>The value that becomes 1, above 0, or null (the default) for the input type's maximum.</summary>
    public double? MaxValue
    {
        get => _max;
        init => _max = value is null || value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxValue), value, "max_value must be above 0.");
    }

    /// <inheritdoc />
    public PixelType OutputPixelType(PixelType input) => PixelType.Float32;

    /// <inheritdoc />
    protected override ToFloatOperation SampleOperation(RandomStream rng, TransformContext context) => new(MaxValue);
}

/// <summary>The image divided by <paramref name="MaxValue"/> (null: the input type's maximum), as float32.</summary>
/// <param name="MaxValue">The value that becomes 1, or null for the type's maximum.</param>
public sealed record ToFloatOperation(double? MaxValue) : Operation
{
    /// <inheritdoc />
    protected override ImageBuffer ApplyToImage(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        double max = MaxValue ?? PixelTypes.NominalMax(image.PixelType);
        return image.PixelType switch
        {
            PixelType.UInt8 => Scale(image.As<byte>(), max),
            PixelType.UInt16 => Scale(image.As<ushort>(), max),
            _ => Scale(image.As<float>(), max),
        };
    }

    private static ImageBuffer<float> Scale<T>(ImageBuffer<T> image, double max) where T : unmanaged
    {
        var result = new ImageBuffer<float>(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var source = image.GetRow(y);
            var target = result.GetRow(y);
            for (int i = 0; i < source.Length; i++) target[i] = (float)(PixelValues.ToDouble(source[i]) / max);
        }
        return result;
    }
}

/// <summary>Reads one element of any pixel type as a double.</summary>
internal static class PixelValues
{
    public static double ToDouble<T>(T value) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return System.Runtime.CompilerServices.Unsafe.As<T, byte>(ref value);
        if (typeof(T) == typeof(ushort)) return System.Runtime.CompilerServices.Unsafe.As<T, ushort>(ref value);
        return System.Runtime.CompilerServices.Unsafe.As<T, float>(ref value);
    }
}
