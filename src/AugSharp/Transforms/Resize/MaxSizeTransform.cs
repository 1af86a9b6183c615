namespace AugSharp;

/// <summary>
/// The base of LongestMaxSize and SmallestMaxSize (Albumentations' MaxSizeTransform; p = 1): a
/// target side from <see cref="MaxSize"/> (one of its values drawn uniformly) or a target box
/// from <see cref="MaxSizeHw"/>, the aspect ratio kept.
/// </summary>
public abstract class MaxSizeTransform : Transform<ResizeOperation>
{
    /// <summary>A transform with p = 1.</summary>
    protected MaxSizeTransform() => P = 1;

    /// <summary>The target side, or several to draw one from uniformly; null with <see cref="MaxSizeHw"/>. Default 1024.</summary>
    public IReadOnlyList<int>? MaxSize { get; init; } = [1024];

    /// <summary>The target (height, width), either may be null (that side unconstrained); used when <see cref="MaxSize"/> is null. Default null.</summary>
    public IReadOnlyList<int?>? MaxSizeHw { get; init; }

    /// <summary>Interpolation of the image.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>Interpolation of the masks. Default nearest.</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <summary>Area averaging instead of the interpolation when the step shrinks the image: null (never, the default), image, or image_mask.</summary>
    public AreaForDownscale? AreaForDownscale { get; init; }

    /// <summary>The scale for a target side <paramref name="side"/>.</summary>
    protected abstract double ScaleForSide(int side, int width, int height);

    /// <summary>The scale for a target box, from the scales that bring the height (<paramref name="heightScale"/>) and the width (<paramref name="widthScale"/>) to it.</summary>
    protected abstract double ScaleForBox(double heightScale, double widthScale);

    /// <inheritdoc />
    protected override ResizeOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int w = context.Width, h = context.Height;
        double scale;
        if (MaxSize is { Count: > 0 } sizes)
        {
            int side = sizes.Count == 1 ? sizes[0] : sizes[rng.NextInt(sizes.Count)];
            if (side <= 0) throw new ArgumentException($"{Name}.max_size must be positive, not {side}.");
            scale = ScaleForSide(side, w, h);
        }
        else if (MaxSizeHw is { Count: 2 } hw && (hw[0] is not null || hw[1] is not null))
        {
            if (hw[0] <= 0 || hw[1] <= 0) throw new ArgumentException($"{Name}.max_size_hw must be positive.");
            scale = hw[0] is int mh && hw[1] is int mw ? ScaleForBox((double)mh / h, (double)mw / w) : hw[0] is int oh ? (double)oh / h : (double)hw[1]!.Value / w;
        }
        else
        {
            throw new ArgumentException($"{Name} needs max_size or max_size_hw ([height, width]).");
        }
        return ResizeInterpolation.Resize(Math.Max(1, (int)Math.Round(w * scale)), Math.Max(1, (int)Math.Round(h * scale)), w, h, Interpolation, MaskInterpolation, AreaForDownscale);
    }
}
