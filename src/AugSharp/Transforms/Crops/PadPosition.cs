namespace AugSharp;

/// <summary>Where the image sits inside its padding (Albumentations' <c>position</c> / <c>pad_position</c>).</summary>
public enum PadPosition
{
    /// <summary>Centred: the odd pixel goes below and right.</summary>
    Center,

    /// <summary>At the top left: all padding below and right.</summary>
    TopLeft,

    /// <summary>At the top right: all padding below and left.</summary>
    TopRight,

    /// <summary>At the bottom left: all padding above and right.</summary>
    BottomLeft,

    /// <summary>At the bottom right: all padding above and left.</summary>
    BottomRight,

    /// <summary>At a place drawn uniformly, each axis on its own.</summary>
    Random,
}

/// <summary>Padding sizes of the pad-then-crop transforms, as Albumentations computes them.</summary>
internal static class Padding
{
    /// <summary>The padding that brings <paramref name="length"/> to at least <paramref name="minimum"/> or to a multiple of <paramref name="divisor"/>, split half before (rounded down) and half after.</summary>
    public static (int Before, int After) Needed(int length, int? minimum, int? divisor)
    {
        int total = 0;
        if (minimum is int m) total = Math.Max(0, m - length);
        else if (divisor is int d && length % d > 0) total = d - length % d;
        return (total / 2, total - total / 2);
    }

    /// <summary>Moves centred padding to where <paramref name="position"/> puts the image (a random place drawn from <paramref name="rng"/>).</summary>
    public static (int Top, int Bottom, int Left, int Right) Place(int top, int bottom, int left, int right, PadPosition position, RandomStream rng)
    {
        int h = top + bottom, w = left + right;
        switch (position)
        {
            case PadPosition.TopLeft: return (0, h, 0, w);
            case PadPosition.TopRight: return (0, h, w, 0);
            case PadPosition.BottomLeft: return (h, 0, 0, w);
            case PadPosition.BottomRight: return (h, 0, w, 0);
            case PadPosition.Random:
                int t = rng.NextInt(h + 1), l = rng.NextInt(w + 1);
                return (t, h - t, l, w - l);
            default: return (top, bottom, left, right);
        }
    }

    /// <summary>
    /// The padding a crop of <paramref name="width"/> x <paramref name="height"/> needs on an
    /// image of <paramref name="shape"/> (pad_if_needed), placed by <paramref name="position"/>;
    /// null when it fits.
    /// </summary>
    public static PadOperation? ForCrop(ImageShape shape, int width, int height, PadPosition position, RandomStream rng, BorderMode border, IReadOnlyList<double> fill, double fillMask)
    {
        var (top, bottom) = Needed(shape.Height, height, null);
        var (left, right) = Needed(shape.Width, width, null);
        if (top + bottom + left + right == 0) return null;
        (top, bottom, left, right) = Place(top, bottom, left, right, position, rng);
        return new PadOperation(top, bottom, left, right, border, fill, fillMask);
    }

    /// <summary>The pad, then the crop; just the crop without a pad.</summary>
    public static IOperation Then(PadOperation? pad, CropOperation crop) => pad is null ? crop : new ComposeOperation([pad, crop]);
}
