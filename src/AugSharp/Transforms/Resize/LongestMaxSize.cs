namespace AugSharp;

/// <summary>
/// Scales the image so that its longer side is <see cref="MaxSizeTransform.MaxSize"/>, or so that
/// it fits inside <see cref="MaxSizeTransform.MaxSizeHw"/>, keeping the aspect ratio
/// (Albumentations' LongestMaxSize; p = 1).
/// </summary>
[TransformCategory("resize")]
public sealed class LongestMaxSize : MaxSizeTransform
{
    /// <inheritdoc />
    protected override double ScaleForSide(int side, int width, int height) => (double)side / Math.Max(width, height);

    /// <inheritdoc />
    protected override double ScaleForBox(double heightScale, double widthScale) => Math.Min(heightScale, widthScale);
}
