namespace AugSharp;

/// <summary>
/// Gravel: small stones scattered in patches (Albumentations' RandomGravel; default p = 0.5).
/// <see cref="NumberOfPatches"/> patches are placed inside <see cref="GravelRoi"/>, each a tenth
/// to a fifth of the region's width and height; a patch holds one stone per 100 of its pixels,
/// each a square of half-side 1 to 3 pixels whose HLS lightness is set to a random level
/// (0..255 of the type's range), hue and saturation kept. Pixels outside the stones are left as
/// they are. RGB images (alpha kept) and gray ones (the level is the gray value) are taken;
/// other channel counts are refused.
/// </summary>
[TransformCategory("weather")]
[RgbImages]
public sealed class RandomGravel : Transform<RandomGravelOperation>
{
    private readonly IReadOnlyList<double> _gravelRoi = [0.1, 0.4, 0.9, 0.9];
    private readonly int _numberOfPatches = 2;

    /// <summary>The region where gravel lies, [x_min, y_min, x_max, y_max] in fractions of the width and height (0..1, min &lt; max). Default [0.1, 0.4, 0.9, 0.9].</summary>
    public IReadOnlyList<double> GravelRoi
    {
        get => _gravelRoi;
        init => _gravelRoi = WeatherMath.CheckRoi(value, nameof(GravelRoi), strict: true);
    }

    /// <summary>The number of gravel patches (≥ 1). Default 2.</summary>
    public int NumberOfPatches
    {
        get => _numberOfPatches;
        init => _numberOfPatches = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(NumberOfPatches), value, "number_of_patches must be at least 1.");
    }

    /// <inheritdoc />
    protected override RandomGravelOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int width = context.Shape.Width, height = context.Shape.Height;
        int xMin = (int)(GravelRoi[0] * width), yMin = (int)(GravelRoi[1] * height);
        int xMax = (int)(GravelRoi[2] * width), yMax = (int)(GravelRoi[3] * height);
        int roiWidth = xMax - xMin, roiHeight = yMax - yMin;
        var stones = new List<GravelStone>();
        for (int i = 0; i < NumberOfPatches; i++)
        {
            int patchWidth = WeatherMath.RandInt(rng, roiWidth / 10, roiWidth / 5);
            int patchHeight = WeatherMath.RandInt(rng, roiHeight / 10, roiHeight / 5);
            int patchX = WeatherMath.RandInt(rng, xMin, xMax - patchWidth);
            int patchY = WeatherMath.RandInt(rng, yMin, yMax - patchHeight);
            int particles = patchWidth * patchHeight / 100;
            for (int k = 0; k < particles; k++)
            {
                int x = WeatherMath.RandInt(rng, patchX, patchX + patchWidth);
                int y = WeatherMath.RandInt(rng, patchY, patchY + patchHeight);
                int r = WeatherMath.RandInt(rng, 1, 3);
                int level = WeatherMath.RandInt(rng, 0, 255);
                stones.Add(new GravelStone(Math.Max(x - r, 0), Math.Max(y - r, 0), Math.Min(x + r, width - 1), Math.Min(y + r, height - 1), level));
            }
        }
        return new RandomGravelOperation { Stones = stones };
    }
}

/// <summary>One stone: the pixels of columns <paramref name="X1"/>..<paramref name="X2"/> and rows <paramref name="Y1"/>..<paramref name="Y2"/> (ends excluded) take lightness <paramref name="Lightness"/>.</summary>
/// <param name="X1">First column.</param>
/// <param name="Y1">First row.</param>
/// <param name="X2">Column after the last.</param>
/// <param name="Y2">Row after the last.</param>
/// <param name="Lightness">The HLS lightness, 0..255 of the type's range.</param>
public sealed record GravelStone(int X1, int Y1, int X2, int Y2, int Lightness);

/// <summary>Gravel stones: rectangles whose HLS lightness is set, hue and saturation kept (gray images take the level itself).</summary>
public sealed record RandomGravelOperation : Operation
{
    /// <summary>The stones, in pixels of the image the operation was drawn for, in drawing order.</summary>
    public IReadOnlyList<GravelStone> Stones { get; init; } = [];

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        ColorChannels.RequireRgb(Name, image.Channels, 1);
        var result = image.Clone();
        double max = NoiseMath.MaxValue<T>();
        int cn = image.Channels;
        // A later stone overwrites an earlier one; each pixel is converted once, from its original colour.
        var level = new int[image.Width * image.Height];
        Array.Fill(level, -1);
        foreach (var stone in Stones)
            for (int y = Math.Max(stone.Y1, 0); y < Math.Min(stone.Y2, image.Height); y++)
                for (int x = Math.Max(stone.X1, 0); x < Math.Min(stone.X2, image.Width); x++)
                    level[y * image.Width + x] = Math.Clamp(stone.Lightness, 0, 255);
        for (int y = 0; y < image.Height; y++)
        {
            var row = result.GetRow(y);
            for (int x = 0; x < image.Width; x++)
            {
                int l = level[y * image.Width + x];
                if (l < 0) continue;
                WeatherMath.MapLightness(row.Slice(x * cn, Math.Min(cn, 3)), max, _ => l / 255.0);
            }
        }
        return result;
    }
}
