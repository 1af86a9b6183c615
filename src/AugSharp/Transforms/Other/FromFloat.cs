using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Converts a float32 image in 0..1 to <see cref="Dtype"/> by multiplying by
/// <see cref="MaxValue"/> (Albumentations' FromFloat; default p = 1): with the default (null)
/// the target type's maximum (255 for uint8, 65535 for uint16, 1 for float32); values are
/// rounded and saturated to the type. An integer input is read as its numbers (a uint8 image
/// times 255 saturates), as Albumentations does. Masks, boxes and keypoints are kept.
/// </summary>
[TransformCategory("other")]
public sealed class FromFloat : Transform<FromFloatOperation>, IChangesPixelType
{
    private readonly string _dtype = "uint8";
    private readonly double? _max;

    /// <summary>Creates the transform with p = 1.</summary>
    public FromFloat() => P = 1;

    /// <summary>The output type: uint8 (the default), uint16 or float32.</summary>
    public string Dtype
    {
        get => _dtype;
        init => _dtype = value is "uint8" or "uint16" or "float32" ? value : throw new ArgumentException($"dtype must be uint8, uint16 or float32, not '{value}'.", nameof(Dtype));
    }

    /// <summary>The value 1 becomes, above 0, or null (the default) for the output type's maximum.</summary>
    public double? MaxValue
    {
        get => _max;
        init => _max = value is null || value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxValue), value, "max_value must be above 0.");
    }

    /// <inheritdoc />
    public PixelType OutputPixelType(PixelType input) => FromFloatOperation.Parse(Dtype);

    /// <inheritdoc />
    protected override FromFloatOperation SampleOperation(RandomStream rng, TransformContext context) => new(Dtype, MaxValue);
}

/// <summary>The image times <paramref name="MaxValue"/> (null: the output type's maximum), rounded and saturated to <paramref name="Dtype"/>.</summary>
/// <param name="Dtype">uint8, uint16 or float32.</param>
/// <param name="MaxValue">The value 1 becomes, or null for the type's maximum.</param>
public sealed record FromFloatOperation(string Dtype, double? MaxValue) : Operation
{
    internal static PixelType Parse(string dtype) => dtype switch
    {
        "uint8" => PixelType.UInt8,
        "uint16" => PixelType.UInt16,
        "float32" => PixelType.Float32,
        _ => throw new InvalidOperationException($"FromFloat: dtype must be uint8, uint16 or float32, not '{dtype}'."),
    };

    /// <inheritdoc />
    protected override ImageBuffer ApplyToImage(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var target = Parse(Dtype);
        double max = MaxValue ?? PixelTypes.NominalMax(target);
        return image.PixelType switch
        {
            PixelType.UInt8 => To(image.As<byte>(), target, max),
            PixelType.UInt16 => To(image.As<ushort>(), target, max),
            _ => To(image.As<float>(), target, max),
        };
    }

    private static ImageBuffer To<T>(ImageBuffer<T> image, PixelType target, double max) where T : unmanaged => target switch
    {
        PixelType.UInt8 => Scale<T, byte>(image, max),
        PixelType.UInt16 => Scale<T, ushort>(image, max),
        _ => Scale<T, float>(image, max),
    };

    private static ImageBuffer<TOut> Scale<TIn, TOut>(ImageBuffer<TIn> image, double max) where TIn : unmanaged where TOut : unmanaged
    {
        var result = new ImageBuffer<TOut>(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var source = image.GetRow(y);
            var target = result.GetRow(y);
            for (int i = 0; i < source.Length; i++) target[i] = KernelCommon.FromDouble<TOut>(PixelValues.ToDouble(source[i]) * max);
        }
        return result;
    }
}
