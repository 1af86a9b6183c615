namespace AugSharp;

/// <summary>Keeps a <see cref="Height"/> x <see cref="Width"/> rectangle at the centre (Albumentations' CenterCrop; p = 1).</summary>
[TransformCategory("crops")]
public sealed class CenterCrop : Transform<CropOperation>
{
    /// <summary>A CenterCrop with p = 1.</summary>
    public CenterCrop() => P = 1;

    /// <summary>Rows kept.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Columns kept.</summary>
    public int Width { get; init; } = 256;

    /// <inheritdoc />
    protected override CropOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var op = new CropOperation((context.Width - Width) / 2, (context.Height - Height) / 2, Width, Height);
        op.CheckFits(context.Shape);
        return op;
    }
}
