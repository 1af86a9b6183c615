namespace AugSharp;

/// <summary>Keeps the rectangle [x_min, x_max) x [y_min, y_max) (Albumentations' Crop; p = 1).</summary>
[TransformCategory("crops")]
public sealed class Crop : Transform<CropOperation>
{
    /// <summary>A Crop with p = 1.</summary>
    public Crop() => P = 1;

    /// <summary>Left column.</summary>
    public int XMin { get; init; }

    /// <summary>Top row.</summary>
    public int YMin { get; init; }

    /// <summary>Right edge (exclusive).</summary>
    public int XMax { get; init; } = 1024;

    /// <summary>Bottom edge (exclusive).</summary>
    public int YMax { get; init; } = 1024;

    /// <inheritdoc />
    protected override CropOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var op = new CropOperation(XMin, YMin, XMax - XMin, YMax - YMin);
        op.CheckFits(context.Shape);
        return op;
    }
}
