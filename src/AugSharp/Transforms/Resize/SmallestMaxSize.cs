namespace AugSharp;

/// <summary>
/// Scales the image so that its shorter side is <see cref="MaxSizeTransform.MaxSize"/>, or so that
/// it covers <see cref="MaxSizeTransform.MaxSizeHw"/>, keeping the aspect ratio (Albumentations'
/// SmallestMaxSize; p = 1).
/// </summary>
[TransformCategory("resize")]
public sealed class SmallestMaxSize : MaxSizeTransform
{
    /// <inheritdoc />
    protected override double ScaleForSide(int side, int width, int height) => (double)side / Math.Min(width, height);

    /// <inheritdoc />
    protected override double ScaleForBox(double heightScale, double widthScale) => Math.Max(heightScale, widthScale);
}
