namespace AugSharp;

/// <summary>
/// Albumentations' <c>area_for_downscale</c> of the resizing transforms: area averaging replaces
/// the chosen interpolation when the step makes the image smaller (null in a file: never).
/// </summary>
public enum AreaForDownscale
{
    /// <summary>For the image (and the additional images).</summary>
    Image,

    /// <summary>For the image and the masks.</summary>
    ImageMask,
}

/// <summary>The interpolations a resizing step uses.</summary>
internal static class ResizeInterpolation
{
    /// <summary>A resize to <paramref name="width"/> x <paramref name="height"/> from <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/>, area averaging where <paramref name="area"/> asks for it on a downscale (either side smaller).</summary>
    public static ResizeOperation Resize(int width, int height, int sourceWidth, int sourceHeight, Interpolation image, Interpolation mask, AreaForDownscale? area)
    {
        var (i, m) = Choose(image, mask, area, width < sourceWidth || height < sourceHeight);
        return new ResizeOperation(width, height, i) { MaskInterpolationMode = m };
    }

    /// <summary>A crop of <paramref name="cropWidth"/> x <paramref name="cropHeight"/> at (<paramref name="x"/>, <paramref name="y"/>) resized to <paramref name="width"/> x <paramref name="height"/>, with the interpolations <see cref="Choose"/> gives.</summary>
    public static CropAndResizeOperation CropAndResize(int x, int y, int cropWidth, int cropHeight, int width, int height, Interpolation image, Interpolation mask, AreaForDownscale? area)
    {
        var (i, m) = Choose(image, mask, area, cropWidth > width || cropHeight > height);
        return new CropAndResizeOperation(x, y, cropWidth, cropHeight, width, height, i) { MaskInterpolationMode = m };
    }

    /// <summary>The image's and the masks' interpolations: area averaging on a downscale where <paramref name="area"/> asks for it.</summary>
    public static (Interpolation Image, Interpolation Mask) Choose(Interpolation image, Interpolation mask, AreaForDownscale? area, bool downscale)
        => (downscale && area is not null ? Interpolation.Area : image, downscale && area == AreaForDownscale.ImageMask ? Interpolation.Area : mask);
}
