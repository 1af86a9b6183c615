namespace AugSharp.Pictures;

/// <summary>Resizing for pictures people look at: area averaging when shrinking, bilinear when enlarging.</summary>
public static class PictureResize
{
    /// <summary>The size that fits <paramref name="width"/>x<paramref name="height"/> into a square of <paramref name="longestSide"/>, aspect kept (each side at least 1).</summary>
    public static (int Width, int Height) FitSize(int width, int height, int longestSide)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Sizes must be positive.");
        if (longestSide <= 0) throw new ArgumentOutOfRangeException(nameof(longestSide), longestSide, "The longest side must be positive.");
        if (width >= height)
            return (longestSide, Math.Max(1, (int)Math.Round((double)height * longestSide / width, MidpointRounding.AwayFromZero)));
        return (Math.Max(1, (int)Math.Round((double)width * longestSide / height, MidpointRounding.AwayFromZero)), longestSide);
    }

    /// <summary>A copy of <paramref name="image"/> whose longest side is <paramref name="longestSide"/> pixels, aspect kept.</summary>
    public static ImageBuffer<byte> Fit(ImageBuffer<byte> image, int longestSide)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (w, h) = FitSize(image.Width, image.Height, longestSide);
        return Resize(image, w, h);
    }

    /// <summary>A copy of <paramref name="image"/> resized to <paramref name="width"/>x<paramref name="height"/> with the resize kernel: area averaging when shrinking, bilinear when enlarging.</summary>
    public static ImageBuffer<byte> Resize(ImageBuffer<byte> image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Sizes must be positive.");
        if (width == image.Width && height == image.Height) return image.Clone();
        var result = ImageBuffer<byte>.CreateUninitialized(width, height, image.Channels);
        bool shrinking = width <= image.Width && height <= image.Height;
        Kernels.ResizeKernel.Apply(image, result, shrinking ? Interpolation.Area : Interpolation.Linear);
        return result;
    }
}
