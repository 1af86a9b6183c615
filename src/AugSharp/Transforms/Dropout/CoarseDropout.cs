namespace AugSharp;

/// <summary>
/// Cuts random rectangular holes into the image (Albumentations' CoarseDropout; default p = 0.5).
/// The number of holes is drawn from <see cref="NumHolesRange"/>; each hole's height and width
/// from <see cref="HoleHeightRange"/> and <see cref="HoleWidthRange"/>: when a range's upper end
/// is 1 or more its values are pixels (whole numbers, drawn inclusively), otherwise they are
/// fractions of the image's height and width. Holes lie inside the image and may overlap. The
/// image's holes take <see cref="Fill"/> (for float32 images, whose values are 0..1, a fill in
/// that range), the masks' take <see cref="FillMask"/> when it is set; boxes and keypoints under
/// the holes follow <see cref="DropoutOperation"/>'s rules.
/// </summary>
[TransformCategory("dropout")]
public sealed class CoarseDropout : Transform<HoleDropoutOperation>
{
    private readonly ValueRange _numHoles = new(1, 2);
    private readonly ValueRange _height = new(0.1, 0.2);
    private readonly ValueRange _width = new(0.1, 0.2);

    /// <summary>The number of holes, [min, max] inclusive, min ≥ 1; default [1, 2].</summary>
    public ValueRange NumHolesRange
    {
        get => _numHoles;
        init
        {
            value.Check(nameof(NumHolesRange), 1);
            if (value.Min != Math.Floor(value.Min) || value.Max != Math.Floor(value.Max)) throw new ArgumentOutOfRangeException(nameof(NumHolesRange), value, "num_holes_range takes whole numbers.");
            _numHoles = value;
        }
    }

    /// <summary>Hole height: pixels when the upper end is 1 or more, else a fraction of the image height; default [0.1, 0.2].</summary>
    public ValueRange HoleHeightRange { get => _height; init => _height = CheckSize(value, nameof(HoleHeightRange)); }

    /// <summary>Hole width: pixels when the upper end is 1 or more, else a fraction of the image width; default [0.1, 0.2].</summary>
    public ValueRange HoleWidthRange { get => _width; init => _width = CheckSize(value, nameof(HoleWidthRange)); }

    /// <summary>The image fill: a number, one per channel, random_uniform (a colour per hole) or random (a value per pixel); default 0.</summary>
    public DropoutFill Fill { get; init; } = DropoutFill.Zero;

    /// <summary>The mask fill, or null (the default) to leave masks alone.</summary>
    public IReadOnlyList<double>? FillMask { get; init; }

    /// <inheritdoc />
    protected override HoleDropoutOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int count = rng.NextInt((int)NumHolesRange.Min, (int)NumHolesRange.Max + 1);
        int height = context.Height, width = context.Width;
        var holes = new DropoutHole[count];
        for (int i = 0; i < count; i++)
        {
            int h = DrawSize(rng, HoleHeightRange, height);
            int w = DrawSize(rng, HoleWidthRange, width);
            int y = rng.NextInt(0, height - h + 1);
            int x = rng.NextInt(0, width - w + 1);
            holes[i] = new DropoutHole(x, y, x + w, y + h, Fill.RandomUniform ? Fill.Draw(rng, context.PixelType, context.Shape.Channels) : null);
        }
        return Fill.Operation(holes, FillMask, rng);
    }

    /// <summary>A hole size along an axis of <paramref name="size"/> pixels: pixels when the range's upper end is ≥ 1, else a fraction (truncated), clamped to the axis.</summary>
    internal static int DrawSize(RandomStream rng, ValueRange range, int size)
    {
        int high = Math.Min((int)range.Max, size);
        int value = range.Max >= 1
            ? rng.NextInt(Math.Min((int)range.Min, high), high + 1)
            : (int)(size * range.Draw(rng));
        return Math.Clamp(value, 0, size);
    }

    private static ValueRange CheckSize(ValueRange value, string name)
    {
        value.Check(name, 0);
        if (value.Max >= 1 && (value.Min != Math.Floor(value.Min) || value.Max != Math.Floor(value.Max)))
            throw new ArgumentOutOfRangeException(name, value, $"{name} in pixels takes whole numbers; fractions of the image lie below 1.");
        return value;
    }
}
