using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Shifts hue, saturation and value in HSV (Albumentations' HueSaturationValue; default p = 0.5).
/// Shifts are in OpenCV's 8-bit HSV units for every type: hue in 0..179 (one unit is 2 degrees,
/// and hue wraps around), saturation and value in 0..255 (added, then clamped; pixels without
/// saturation stay gray). uint8 RGB images follow cv2.cvtColor's 8-bit HSV conversions; uint16
/// and float32 (0..1, Albumentations' convention) ones are converted in double precision with the
/// same shifts scaled (hue * 2 degrees, saturation and value / 255). Takes RGB images (3 channels,
/// or 4 with alpha kept); a gray image gets the value shift only.
/// </summary>
[TransformCategory("color")]
[RgbImages]
public sealed class HueSaturationValue : Transform<HueSaturationValueOperation>
{
    /// <summary>The interval of hue shifts, in OpenCV hue units of 2 degrees (a single number L means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange HueShiftLimit { get; init; } = new(-20, 20);

    /// <summary>The interval of saturation shifts, in 8-bit levels (a single number L means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange SatShiftLimit { get; init; } = new(-30, 30);

    /// <summary>The interval of value shifts, in 8-bit levels (a single number L means [-L, L]).</summary>
    [SymmetricScalar]
    public ValueRange ValShiftLimit { get; init; } = new(-20, 20);

    /// <inheritdoc />
    protected override HueSaturationValueOperation SampleOperation(RandomStream rng, TransformContext context) => new()
    {
        HueShift = HueShiftLimit.Check(nameof(HueShiftLimit)).Draw(rng),
        SatShift = SatShiftLimit.Check(nameof(SatShiftLimit)).Draw(rng),
        ValShift = ValShiftLimit.Check(nameof(ValShiftLimit)).Draw(rng),
    };
}

/// <summary>Adds <see cref="HueShift"/> (units of 2 degrees), <see cref="SatShift"/> and <see cref="ValShift"/> (8-bit levels) in HSV.</summary>
public sealed record HueSaturationValueOperation : Operation
{
    /// <summary>The hue shift, in OpenCV hue units (0..179 is a full turn).</summary>
    public double HueShift { get; init; }

    /// <summary>The saturation shift, in 8-bit levels.</summary>
    public double SatShift { get; init; }

    /// <summary>The value shift, in 8-bit levels.</summary>
    public double ValShift { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        if (HueShift == 0 && SatShift == 0 && ValShift == 0) return image;
        int channels = image.Channels;
        ColorChannels.RequireRgb("HueSaturationValue", channels, 1);
        if (channels == 1) return ValShift == 0 ? image : new RGBShiftOperation { RShift = ValShift }.ApplyTo(image);
        var hue8 = new byte[256];
        var sat8 = new byte[256];
        var val8 = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            double h = (i + HueShift) % 180;
            if (h < 0) h += 180;
            hue8[i] = HueShift == 0 ? (byte)i : (byte)h;
            sat8[i] = i == 0 || SatShift == 0 ? (byte)i : KernelCommon.FromDouble<byte>(i + SatShift);
            val8[i] = ValShift == 0 ? (byte)i : KernelCommon.FromDouble<byte>(i + ValShift);
        }
        return Hsv.Map(image, hue8, sat8, val8,
            h => h + HueShift * 2,
            s => s == 0 ? 0 : s + SatShift / 255,
            v => v + ValShift / 255);
    }
}
