namespace AugSharp.Keras;

/// <summary>
/// The concrete parameters of one Keras random transform, as <c>get_random_transform</c> returns
/// them (the operation record of the sample-then-apply contract): draw once, apply to as many
/// images as needed. Field meanings are Keras' own, quirks included (see <see cref="ImageDataGenerator"/>).
/// </summary>
public sealed record KerasTransformParameters
{
    /// <summary>Rotation in degrees; positive turns the content counter-clockwise.</summary>
    public double Theta { get; init; }

    /// <summary>Keras' <c>tx</c>: drawn from height_shift_range, applied along columns (positive moves content left).</summary>
    public double Tx { get; init; }

    /// <summary>Keras' <c>ty</c>: drawn from width_shift_range, applied along rows (positive moves content up).</summary>
    public double Ty { get; init; }

    /// <summary>Shear angle in degrees.</summary>
    public double Shear { get; init; }

    /// <summary>Horizontal zoom (inverse scale: below 1 magnifies).</summary>
    public double Zx { get; init; } = 1;

    /// <summary>Vertical zoom (inverse scale: below 1 magnifies).</summary>
    public double Zy { get; init; } = 1;

    /// <summary>Reverse the columns.</summary>
    public bool FlipHorizontal { get; init; }

    /// <summary>Reverse the rows.</summary>
    public bool FlipVertical { get; init; }

    /// <summary>Offset added to every channel, clipped to the image's range; null for none.</summary>
    public double? ChannelShiftIntensity { get; init; }

    /// <summary>Brightness factor (PIL ImageEnhance.Brightness); null for none.</summary>
    public double? Brightness { get; init; }

    /// <summary>The identity transform.</summary>
    public static KerasTransformParameters Identity { get; } = new();
}
