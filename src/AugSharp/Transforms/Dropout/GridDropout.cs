namespace AugSharp;

/// <summary>
/// Drops a regular grid of rectangles (Albumentations' GridDropout, after GridMask; default
/// p = 0.5). The grid's cells are <see cref="UnitSizeRange"/> pixels square (one size drawn,
/// inclusive) or, when <see cref="HolesNumberXy"/> is set, that many columns and rows; by default
/// a tenth of the image (at least 2 pixels). Cell edges split the image evenly. Each cell holds
/// one hole of <see cref="Ratio"/> times its size (at least 1 pixel, at most the cell less 1),
/// placed at a random offset within the cell when <see cref="RandomOffset"/> is set, else at
/// <see cref="ShiftXy"/> from the cell's corner (kept inside the image). Fill, mask fill, boxes
/// and keypoints as <see cref="CoarseDropout"/> (float32 images hold 0..1).
/// </summary>
[TransformCategory("dropout")]
public sealed class GridDropout : Transform<HoleDropoutOperation>
{
    private readonly double _ratio = 0.5;
    private readonly ValueRange? _unit;
    private readonly IReadOnlyList<int>? _holes;
    private readonly IReadOnlyList<int> _shift = [0, 0];

    /// <summary>A hole's size over its cell's size, in (0, 1]; default 0.5.</summary>
    public double Ratio
    {
        get => _ratio;
        init => _ratio = value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Ratio), value, "ratio must be in (0, 1].");
    }

    /// <summary>The cell size in pixels, [min, max] with min ≥ 2, or null (the default) for <see cref="HolesNumberXy"/> or a tenth of the image.</summary>
    public ValueRange? UnitSizeRange
    {
        get => _unit;
        init
        {
            if (value is { } v)
            {
                v.Check(nameof(UnitSizeRange), 2);
                if (v.Min != Math.Floor(v.Min) || v.Max != Math.Floor(v.Max)) throw new ArgumentOutOfRangeException(nameof(UnitSizeRange), v, "unit_size_range takes whole numbers.");
            }
            _unit = value;
        }
    }

    /// <summary>The number of holes across and down, [x, y], each at least 1, or null (the default).</summary>
    public IReadOnlyList<int>? HolesNumberXy
    {
        get => _holes;
        init => _holes = value is null ? null : value.Count == 2 && value.All(n => n >= 1) ? value.ToArray() : throw new ArgumentOutOfRangeException(nameof(HolesNumberXy), "holes_number_xy must be [x, y], each at least 1.");
    }

    /// <summary>The holes' offset in pixels from their cell's corner, [x, y], used when <see cref="RandomOffset"/> is off; default [0, 0].</summary>
    public IReadOnlyList<int> ShiftXy
    {
        get => _shift;
        init => _shift = value is not null && value.Count == 2 && value.All(n => n >= 0) ? value.ToArray() : throw new ArgumentOutOfRangeException(nameof(ShiftXy), "shift_xy must be [x, y], each at least 0.");
    }

    /// <summary>A random offset for every hole within its cell (ignores <see cref="ShiftXy"/>); default true.</summary>
    public bool RandomOffset { get; init; } = true;

    /// <summary>The image fill: a number, one per channel, random_uniform (a colour per hole) or random (a value per pixel); default 0.</summary>
    public DropoutFill Fill { get; init; } = DropoutFill.Zero;

    /// <summary>The mask fill, or null (the default) to leave masks alone.</summary>
    public IReadOnlyList<double>? FillMask { get; init; }

    /// <inheritdoc />
    protected override HoleDropoutOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int height = context.Height, width = context.Width;
        int columns, rows;
        if (HolesNumberXy is { } n)
        {
            columns = n[0];
            rows = n[1];
        }
        else
        {
            int unitW, unitH;
            if (UnitSizeRange is { } u)
            {
                if (u.Max > Math.Min(width, height))
                    throw new InvalidOperationException($"GridDropout: unit_size_range {u} must lie within the image's shorter side ({Math.Min(width, height)} pixels).");
                unitW = unitH = rng.NextInt((int)u.Min, (int)u.Max + 1);
            }
            else
            {
                unitW = Math.Max(2, width / 10);
                unitH = Math.Max(2, height / 10);
            }
            columns = Math.Max(1, width / unitW);
            rows = Math.Max(1, height / unitH);
        }
        columns = Math.Min(columns, width);
        rows = Math.Min(rows, height);
        var holes = new List<DropoutHole>(columns * rows);
        for (int i = 0; i < rows; i++)
        {
            int cy1 = (int)((long)i * height / rows), cy2 = (int)((long)(i + 1) * height / rows);
            for (int j = 0; j < columns; j++)
            {
                int cx1 = (int)((long)j * width / columns), cx2 = (int)((long)(j + 1) * width / columns);
                int cellH = cy2 - cy1, cellW = cx2 - cx1;
                int holeH = HoleSize(cellH), holeW = HoleSize(cellW);
                int offY, offX;
                if (RandomOffset)
                {
                    offY = rng.NextInt(0, cellH - holeH + 1);
                    offX = rng.NextInt(0, cellW - holeW + 1);
                }
                else
                {
                    offX = ShiftXy[0];
                    offY = ShiftXy[1];
                }
                int x1 = Math.Clamp(cx1 + offX, 0, width - holeW), y1 = Math.Clamp(cy1 + offY, 0, height - holeH);
                var fill = Fill.RandomUniform ? Fill.Draw(rng, context.PixelType, context.Shape.Channels) : null;
                holes.Add(new DropoutHole(x1, y1, Math.Min(x1 + holeW, width), Math.Min(y1 + holeH, height), fill));
            }
        }
        return Fill.Operation(holes, FillMask, rng);
    }

    // ratio x cell, at least 1 and at most cell - 1 (a one-pixel cell gets a one-pixel hole), truncated.
    private int HoleSize(int cell) => Math.Max(1, (int)Math.Clamp(cell * Ratio, 1, Math.Max(1, cell - 1)));
}
