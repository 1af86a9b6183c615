namespace AugSharp;

/// <summary>
/// Masks full-height vertical stripes and full-width horizontal stripes (Albumentations'
/// XYMasking, after SpecAugment's time and frequency masking; default p = 0.5). Their numbers
/// are drawn from <see cref="NumMasksX"/> and <see cref="NumMasksY"/>, their widths (heights)
/// in pixels from <see cref="MaskXLength"/> (<see cref="MaskYLength"/>), all inclusive; a stripe
/// longer than the image is an error. At least one length must be above 0. Fill, mask fill,
/// boxes and keypoints as <see cref="CoarseDropout"/> (float32 images hold 0..1).
/// </summary>
[TransformCategory("dropout")]
public sealed class XYMasking : Transform<HoleDropoutOperation>
{
    private readonly ValueRange _numX, _numY, _lengthX, _lengthY;

    /// <summary>The number of vertical stripes, [min, max] (a number means exactly that many); default 0.</summary>
    public ValueRange NumMasksX { get => _numX; init => _numX = Whole(value, nameof(NumMasksX)); }

    /// <summary>The number of horizontal stripes, [min, max]; default 0.</summary>
    public ValueRange NumMasksY { get => _numY; init => _numY = Whole(value, nameof(NumMasksY)); }

    /// <summary>The width of a vertical stripe in pixels, [min, max]; default 0.</summary>
    public ValueRange MaskXLength { get => _lengthX; init => _lengthX = Whole(value, nameof(MaskXLength)); }

    /// <summary>The height of a horizontal stripe in pixels, [min, max]; default 0.</summary>
    public ValueRange MaskYLength { get => _lengthY; init => _lengthY = Whole(value, nameof(MaskYLength)); }

    /// <summary>The image fill: a number, one per channel, random_uniform (a colour per hole) or random (a value per pixel); default 0.</summary>
    public DropoutFill Fill { get; init; } = DropoutFill.Zero;

    /// <summary>The mask fill, or null (the default) to leave masks alone.</summary>
    public IReadOnlyList<double>? FillMask { get; init; }

    /// <inheritdoc />
    protected override HoleDropoutOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (MaskXLength.Max <= 0 && MaskYLength.Max <= 0)
            throw new InvalidOperationException("XYMasking: at least one of mask_x_length or mask_y_length must be above 0.");
        int height = context.Height, width = context.Width;
        if (MaskXLength.Max > width) throw new InvalidOperationException($"XYMasking: mask_x_length {MaskXLength} is longer than the image's width ({width}).");
        if (MaskYLength.Max > height) throw new InvalidOperationException($"XYMasking: mask_y_length {MaskYLength} is longer than the image's height ({height}).");
        var holes = new List<DropoutHole>();
        Stripes(rng, context, NumMasksX, MaskXLength, width, vertical: true, holes);
        Stripes(rng, context, NumMasksY, MaskYLength, height, vertical: false, holes);
        return Fill.Operation(holes, FillMask, rng);
    }

    private void Stripes(RandomStream rng, TransformContext context, ValueRange number, ValueRange length, int size, bool vertical, List<DropoutHole> holes)
    {
        if (length.Max <= 0 || number.Max <= 0) return;
        int count = rng.NextInt((int)number.Min, (int)number.Max + 1);
        for (int i = 0; i < count; i++)
        {
            int l = rng.NextInt((int)length.Min, (int)length.Max + 1);
            int start = rng.NextInt(0, size - l + 1);
            var fill = Fill.RandomUniform ? Fill.Draw(rng, context.PixelType, context.Shape.Channels) : null;
            holes.Add(vertical ? new DropoutHole(start, 0, start + l, context.Height, fill) : new DropoutHole(0, start, context.Width, start + l, fill));
        }
    }

    private static ValueRange Whole(ValueRange value, string name)
    {
        value.Check(name, 0);
        if (value.Min != Math.Floor(value.Min) || value.Max != Math.Floor(value.Max)) throw new ArgumentOutOfRangeException(name, value, $"{name} takes whole numbers.");
        return value;
    }
}
