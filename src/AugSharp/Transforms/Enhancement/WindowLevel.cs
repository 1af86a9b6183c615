using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Window and level, as medical viewers show CT and X-ray images (DICOM PS3.3 C.11.2.1.2.1): values
/// up to <c>center - 0.5 - (width - 1)/2</c> become black, above <c>center - 0.5 + (width - 1)/2</c>
/// white, linear in between. <see cref="Center"/> and <see cref="Width"/> are in the image's own
/// values (0..65535 for uint16, 0..255 for uint8, 0..1 for float32). The result is uint8, or of the
/// input's type with <see cref="KeepDepth"/>. Default p = 1.
/// </summary>
[TransformCategory("enhancement")]
public sealed class WindowLevel : Transform<WindowLevelOperation>, IChangesPixelType
{
    private readonly double _width = 256;

    /// <summary>Creates the transform (p = 1).</summary>
    public WindowLevel() => P = 1;

    /// <summary>The window's centre (level), in the image's values. Default 128.</summary>
    public double Center { get; init; } = 128;

    /// <summary>The window's width, above 0 (at least 1 for integer images). Default 256.</summary>
    public double Width
    {
        get => _width;
        init => _width = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Width), value, "width must be above 0.");
    }

    /// <summary>False (the default): the result is uint8; true: it keeps the input's type.</summary>
    public bool KeepDepth { get; init; }

    /// <inheritdoc />
    public PixelType OutputPixelType(PixelType input) => KeepDepth ? input : PixelType.UInt8;

    /// <inheritdoc />
    protected override WindowLevelOperation SampleOperation(RandomStream rng, TransformContext context) => new() { Center = Center, Width = Width, KeepDepth = KeepDepth };
}

/// <summary>The window <see cref="Center"/> ± <see cref="Width"/>/2 spread over the output's range (uint8, or the input's type with <see cref="KeepDepth"/>).</summary>
public sealed record WindowLevelOperation : Operation
{
    /// <summary>The window's centre, in the image's values.</summary>
    public double Center { get; init; } = 128;

    /// <summary>The window's width.</summary>
    public double Width { get; init; } = 256;

    /// <summary>Keep the input's type instead of giving uint8.</summary>
    public bool KeepDepth { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer ApplyToImage(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!KeepDepth) return image.PixelType switch
        {
            PixelType.UInt8 => Window<byte, byte>(image.As<byte>()),
            PixelType.UInt16 => Window<ushort, byte>(image.As<ushort>()),
            _ => Window<float, byte>(image.As<float>()),
        };
        return base.ApplyToImage(image);
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => Window<T, T>(image);

    private ImageBuffer<TOut> Window<TIn, TOut>(ImageBuffer<TIn> image) where TIn : unmanaged where TOut : unmanaged
    {
        bool integer = typeof(TIn) != typeof(float);
        if (!(Width > 0) || (integer && Width < 1)) throw new ArgumentOutOfRangeException(nameof(Width), Width, "WindowLevel: the width must be at least 1 for integer images.");
        double outMax = EnhancementPixels.Max<TOut>();
        // DICOM's linear function for integer values; for float values the plain window.
        double low = integer ? Center - 0.5 : Center - Width / 2, span = integer ? Width - 1 : Width;
        double offset = integer ? 0.5 : 0;
        var result = ImageBuffer<TOut>.CreateUninitialized(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i++)
            {
                double v = KernelCommon.ToFloat(s[i]);
                double t = span <= 0 ? (v > low ? 1 : 0) : (v - low) / span + offset;
                d[i] = KernelCommon.FromDouble<TOut>(Math.Clamp(t, 0, 1) * outMax);
            }
        }
        return result;
    }
}
