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

    /// <summary>A copy of <paramref name="image"/> resized to <paramref name="width"/>x<paramref name="height"/>.</summary>
    public static ImageBuffer<byte> Resize(ImageBuffer<byte> image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (width == image.Width && height == image.Height) return image.Clone();
        int channels = image.Channels;
        var xWeights = Weights(image.Width, width);
        var yWeights = Weights(image.Height, height);

        // Horizontal pass into floats, then vertical pass.
        var temp = new float[image.Height * width * channels];
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.GetRow(y);
            int baseOut = y * width * channels;
            for (int x = 0; x < width; x++)
            {
                foreach (var (src, wt) in xWeights[x])
                    for (int c = 0; c < channels; c++) temp[baseOut + x * channels + c] += wt * row[src * channels + c];
            }
        }
        var result = new ImageBuffer<byte>(width, height, channels);
        var acc = new float[width * channels];
        for (int y = 0; y < height; y++)
        {
            Array.Clear(acc);
            foreach (var (src, wt) in yWeights[y])
            {
                int b = src * width * channels;
                for (int i = 0; i < acc.Length; i++) acc[i] += wt * temp[b + i];
            }
            var outRow = result.GetRow(y);
            for (int i = 0; i < acc.Length; i++) outRow[i] = (byte)Math.Clamp(MathF.Round(acc[i], MidpointRounding.AwayFromZero), 0, 255);
        }
        return result;
    }

    private static List<(int Source, float Weight)>[] Weights(int inSize, int outSize)
    {
        var result = new List<(int, float)>[outSize];
        double scale = (double)inSize / outSize;
        for (int o = 0; o < outSize; o++)
        {
            var list = new List<(int, float)>();
            if (scale > 1)
            {
                // Area: the output pixel covers [o*scale, (o+1)*scale) of the input.
                double start = o * scale, end = (o + 1) * scale;
                for (int i = (int)Math.Floor(start); i < Math.Min(inSize, (int)Math.Ceiling(end)); i++)
                {
                    double cover = Math.Min(end, i + 1) - Math.Max(start, i);
                    if (cover > 0) list.Add((i, (float)(cover / scale)));
                }
            }
            else
            {
                double center = (o + 0.5) * scale - 0.5;
                int i0 = (int)Math.Floor(center);
                double f = center - i0;
                int a = Math.Clamp(i0, 0, inSize - 1), b = Math.Clamp(i0 + 1, 0, inSize - 1);
                list.Add((a, (float)(1 - f)));
                list.Add((b, (float)f));
            }
            result[o] = list;
        }
        return result;
    }
}
