namespace AugSharp;

/// <summary>
/// A dense image: <see cref="Height"/> rows of <see cref="Width"/> pixels of <see cref="Channels"/>
/// interleaved elements, row-major. The element type is given by <see cref="PixelType"/>; the
/// typed view is <see cref="ImageBuffer{T}"/>.
/// </summary>
public abstract class ImageBuffer : IDisposable
{
    /// <summary>Creates the shape part of a buffer.</summary>
    private protected ImageBuffer(int width, int height, int channels)
    {
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be positive.");
        if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "Height must be positive.");
        if (channels <= 0) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channel count must be positive.");
        Width = width;
        Height = height;
        Channels = channels;
    }

    /// <summary>Width in pixels (columns).</summary>
    public int Width { get; }

    /// <summary>Height in pixels (rows).</summary>
    public int Height { get; }

    /// <summary>Number of interleaved channels per pixel (1 gray, 3 RGB, 4 RGBA, or more).</summary>
    public int Channels { get; }

    /// <summary>Element type of the pixels.</summary>
    public abstract PixelType PixelType { get; }

    /// <summary>The shape as (height, width, channels).</summary>
    public ImageShape Shape => new(Height, Width, Channels);

    /// <summary>Returns the typed buffer; throws when the element type differs.</summary>
    public ImageBuffer<T> As<T>() where T : unmanaged
        => this as ImageBuffer<T> ?? throw new InvalidCastException(
            $"The image holds {PixelType} pixels, not {PixelTypes.Of<T>()}; convert it with ConvertTo.");

    /// <summary>A view of the rectangle (<paramref name="x"/>, <paramref name="y"/>, <paramref name="width"/>, <paramref name="height"/>) sharing this buffer's memory; dispose it before the buffer.</summary>
    public abstract ImageBuffer CropView(int x, int y, int width, int height);

    /// <summary>Returns a new buffer with the pixels converted to <paramref name="target"/> (see <see cref="PixelConversion"/>).</summary>
    public abstract ImageBuffer ConvertTo(PixelType target);

    /// <summary>Releases pooled memory. Views created by cropping must not be used afterwards.</summary>
    public abstract void Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{Width}x{Height}x{Channels} {PixelType}";
}

/// <summary>The shape of one image: rows, columns, channels.</summary>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
/// <param name="Channels">Interleaved channels per pixel.</param>
public readonly record struct ImageShape(int Height, int Width, int Channels)
{
    /// <summary>Total element count.</summary>
    public long Length => (long)Height * Width * Channels;
}
