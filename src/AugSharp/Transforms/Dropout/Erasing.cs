namespace AugSharp;

/// <summary>
/// Erases one random rectangle (Albumentations' Erasing, after torchvision's RandomErasing;
/// default p = 0.5): its area is drawn from <see cref="Scale"/> times the image's area (capped so
/// that a rectangle of an allowed aspect ratio fits), its aspect ratio (width over height) from
/// <see cref="Ratio"/> within what fits; height and width are rounded and the position is
/// uniform. When no rectangle fits, nothing is erased. Fill, mask fill, boxes and keypoints as
/// <see cref="CoarseDropout"/> (float32 images hold 0..1).
/// </summary>
[TransformCategory("dropout")]
public sealed class Erasing : Transform<HoleDropoutOperation>
{
    private readonly ValueRange _scale = new(0.02, 0.33);
    private readonly ValueRange _ratio = new(0.3, 3.3);

    /// <summary>The erased area as a fraction of the image's area, [min, max]; default [0.02, 0.33].</summary>
    public ValueRange Scale { get => _scale; init => _scale = value.Check(nameof(Scale), 0); }

    /// <summary>The aspect ratio (width / height) of the erased rectangle, [min, max], above 0; default [0.3, 3.3].</summary>
    public ValueRange Ratio
    {
        get => _ratio;
        init
        {
            value.Check(nameof(Ratio), 0);
            if (!(value.Min > 0)) throw new ArgumentOutOfRangeException(nameof(Ratio), value, "ratio must be above 0.");
            _ratio = value;
        }
    }

    /// <summary>The image fill: a number, one per channel, random_uniform (a colour per hole) or random (a value per pixel); default 0.</summary>
    public DropoutFill Fill { get; init; } = DropoutFill.Zero;

    /// <summary>The mask fill, or null (the default) to leave masks alone.</summary>
    public IReadOnlyList<double>? FillMask { get; init; }

    /// <inheritdoc />
    protected override HoleDropoutOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int height = context.Height, width = context.Width;
        double total = (double)height * width;
        double minArea = total * Scale.Min, maxArea = total * Scale.Max;
        double maxByHeight = Math.Min(Ratio.Min * height * height, Ratio.Max * height * height);
        double maxByWidth = Math.Min((double)width * width / Ratio.Min, (double)width * width / Ratio.Max);
        double maxValid = Math.Min(maxArea, Math.Min(maxByHeight, maxByWidth));
        var none = Fill.Operation([], FillMask, null);
        if (maxValid < minArea || !(maxValid > 0)) return none;
        double area = rng.Uniform(minArea, maxValid);
        double maxR = Math.Min(Ratio.Max, width * width / area);
        double minR = Math.Max(Ratio.Min, area / ((double)height * height));
        if (minR > maxR) return none;
        double r = rng.Uniform(minR, maxR);
        int h = Math.Clamp((int)Math.Round(Math.Sqrt(area / r), MidpointRounding.ToEven), 0, height);
        int w = Math.Clamp((int)Math.Round(Math.Sqrt(area * r), MidpointRounding.ToEven), 0, width);
        int top = rng.NextInt(0, height - h + 1);
        int left = rng.NextInt(0, width - w + 1);
        var fill = Fill.RandomUniform ? Fill.Draw(rng, context.PixelType, context.Shape.Channels) : null;
        return Fill.Operation([new DropoutHole(left, top, left + w, top + h, fill)], FillMask, rng);
    }
}
