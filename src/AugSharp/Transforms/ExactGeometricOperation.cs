using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// A geometric operation that sends pixels onto pixels (flips, quarter turns, transposition,
/// crops): no interpolation, no border, the same kernel for the image and its masks.
/// </summary>
public abstract record ExactGeometricOperation : GeometricOperation
{
    /// <inheritdoc />
    [JsonIgnore]
    public override Interpolation? ImageInterpolation => null;

    /// <inheritdoc />
    [JsonIgnore]
    public override BorderMode? ImageBorder => null;

    /// <summary>The exact kernel: a new buffer holding the moved pixels of <paramref name="source"/>.</summary>
    protected abstract ImageBuffer<T> Move<T>(ImageBuffer<T> source) where T : unmanaged;

    /// <inheritdoc />
    protected sealed override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => Move(image);

    /// <inheritdoc />
    protected sealed override ImageBuffer ApplyToMask(ImageBuffer mask) => mask.PixelType switch
    {
        PixelType.UInt8 => Move(mask.As<byte>()),
        PixelType.UInt16 => Move(mask.As<ushort>()),
        _ => Move(mask.As<float>()),
    };
}
