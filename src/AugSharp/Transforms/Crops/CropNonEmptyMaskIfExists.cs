namespace AugSharp;

/// <summary>
/// A <see cref="Height"/> x <see cref="Width"/> crop around a pixel drawn uniformly among the
/// masks' non-zero pixels (values in <see cref="IgnoreValues"/> and channels in
/// <see cref="IgnoreChannels"/> count as zero), or a plain random
/// crop when the masks are empty or absent (Albumentations' CropNonEmptyMaskIfExists; p = 1).
/// </summary>
[TransformCategory("crops")]
public sealed class CropNonEmptyMaskIfExists : Transform<CropOperation>
{
    /// <summary>A CropNonEmptyMaskIfExists with p = 1.</summary>
    public CropNonEmptyMaskIfExists() => P = 1;

    /// <summary>Rows kept.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Columns kept.</summary>
    public int Width { get; init; } = 256;

    /// <summary>Mask values treated as background.</summary>
    public IReadOnlyList<double> IgnoreValues { get; init; } = [];

    /// <summary>Mask channels that never count as foreground (a background channel, say).</summary>
    public IReadOnlyList<int> IgnoreChannels { get; init; } = [];

    /// <inheritdoc />
    protected override CropOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int w = context.Width, h = context.Height;
        if (Height > h || Width > w || Height <= 0 || Width <= 0)
            throw new ArgumentException($"CropNonEmptyMaskIfExists of {Width}x{Height} does not fit a {w}x{h} image.");
        var hits = new List<(int X, int Y)>();
        if (context.MaskCount > 0)
        {
            var target = context.Target;
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    foreach (var mask in target.Masks)
                    {
                        if (IsForeground(mask, y, x))
                        {
                            hits.Add((x, y));
                            break;
                        }
                    }
                }
            }
        }
        if (hits.Count == 0) return new CropOperation(rng.NextInt(w - Width + 1), rng.NextInt(h - Height + 1), Width, Height);
        var (px, py) = hits[rng.NextInt(hits.Count)];
        int cx = Math.Clamp(px - rng.NextInt(Width), 0, w - Width);
        int cy = Math.Clamp(py - rng.NextInt(Height), 0, h - Height);
        return new CropOperation(cx, cy, Width, Height);
    }

    private bool IsForeground(ImageBuffer mask, int y, int x)
    {
        for (int c = 0; c < mask.Channels; c++)
        {
            if (IgnoreChannels.Contains(c)) continue;
            double v = mask switch
            {
                ImageBuffer<byte> b => b[y, x, c],
                ImageBuffer<ushort> u => u[y, x, c],
                _ => mask.As<float>()[y, x, c],
            };
            if (v != 0 && !IgnoreValues.Contains(v)) return true;
        }
        return false;
    }
}
