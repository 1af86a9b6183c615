using System.Text.Json.Serialization;
using AugSharp.Kernels;

namespace AugSharp;

/// <summary>Adds <paramref name="Top"/>, <paramref name="Bottom"/>, <paramref name="Left"/> and <paramref name="Right"/> pixels around the image, filled by <paramref name="BorderMode"/>.</summary>
/// <param name="Top">Rows added above.</param>
/// <param name="Bottom">Rows added below.</param>
/// <param name="Left">Columns added on the left.</param>
/// <param name="Right">Columns added on the right.</param>
/// <param name="BorderMode">How the new pixels are filled.</param>
/// <param name="Fill">Constant value per channel.</param>
/// <param name="FillMask">Constant value for masks.</param>
public sealed record PadOperation(int Top, int Bottom, int Left, int Right, BorderMode BorderMode, IReadOnlyList<double> Fill, double FillMask) : GeometricOperation
{
    /// <inheritdoc />
    [JsonIgnore]
    public override Fusion Fusion => Fusion.None;

    /// <inheritdoc />
    [JsonIgnore]
    public override Interpolation? ImageInterpolation => null;

    /// <inheritdoc />
    [JsonIgnore]
    public override BorderMode? ImageBorder => BorderMode;

    /// <inheritdoc />
    [JsonIgnore]
    public override IReadOnlyList<double> ImageFill => Fill;

    /// <inheritdoc />
    [JsonIgnore]
    public override double MaskFill => FillMask;

    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input) => Matrix3x3.Translation(Left, Top);

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input) => (input.Width + Left + Right, input.Height + Top + Bottom);

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => PadWith(image, Fill);

    /// <inheritdoc />
    protected override ImageBuffer ApplyToMask(ImageBuffer mask) => mask.PixelType switch
    {
        PixelType.UInt8 => PadWith(mask.As<byte>(), [FillMask]),
        PixelType.UInt16 => PadWith(mask.As<ushort>(), [FillMask]),
        _ => PadWith(mask.As<float>(), [FillMask]),
    };

    private ImageBuffer<T> PadWith<T>(ImageBuffer<T> source, IReadOnlyList<double> fill) where T : unmanaged
    {
        if (Top < 0 || Bottom < 0 || Left < 0 || Right < 0) throw new ArgumentException("Padding cannot be negative.");
        var (w, h) = GetOutputSize(source.Shape);
        var result = ImageBuffer<T>.CreateUninitialized(w, h, source.Channels);
        PadKernel.Apply(source, result, Top, Left, BorderMode, fill.ToArray());
        return result;
    }
}
