using System.Buffers;
using System.Runtime.CompilerServices;

namespace AugSharp;

/// <summary>
/// A dense interleaved image of <typeparamref name="T"/> (<see cref="byte"/>, <see cref="ushort"/>
/// or <see cref="float"/>). Rows may have a stride larger than <c>Width*Channels</c>, so that crops
/// are views that share memory. Large buffers are rented from <see cref="ArrayPool{T}"/> and
/// returned by <see cref="Dispose"/>.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class ImageBuffer<T> : ImageBuffer where T : unmanaged
{
    /// <summary>Buffers with at least this many elements come from the shared array pool.</summary>
    public const int PoolThreshold = 1 << 16;

    private T[]? _array;
    private readonly int _offset;
    private readonly bool _pooled;
    private readonly bool _ownsMemory;

    /// <summary>Allocates a zero-filled, contiguous image.</summary>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">Interleaved channels.</param>
    public ImageBuffer(int width, int height, int channels)
        : this(width, height, channels, zeroed: true)
    {
    }

    private ImageBuffer(int width, int height, int channels, bool zeroed)
        : base(width, height, channels)
    {
        PixelTypes.Of<T>();
        long length = (long)width * height * channels;
        if (length > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(width), $"An image of {width}x{height}x{channels} is too large for one buffer.");
        Stride = width * channels;
        if (length >= PoolThreshold)
        {
            _array = ArrayPool<T>.Shared.Rent((int)length);
            if (zeroed) Array.Clear(_array, 0, (int)length);
            _pooled = true;
        }
        else
        {
            _array = zeroed ? new T[length] : GC.AllocateUninitializedArray<T>((int)length);
        }
        _ownsMemory = true;
    }

    /// <summary>
    /// Allocates a contiguous image whose elements are not cleared first: for kernels that
    /// overwrite every element.
    /// </summary>
    public static ImageBuffer<T> CreateUninitialized(int width, int height, int channels) => new(width, height, channels, zeroed: false);

    private ImageBuffer(T[] array, int offset, int stride, int width, int height, int channels, bool ownsMemory, ImageBuffer<T>? parent = null)
        : base(width, height, channels)
    {
        _parent = parent;
        _array = array;
        _offset = offset;
        Stride = stride;
        _ownsMemory = ownsMemory;
    }

    /// <summary>
    /// Wraps an existing array of <c>height*width*channels</c> elements (row-major, interleaved)
    /// without copying. The array stays owned by the caller.
    /// </summary>
    public static ImageBuffer<T> Wrap(T[] data, int width, int height, int channels)
    {
        ArgumentNullException.ThrowIfNull(data);
        PixelTypes.Of<T>();
        long needed = (long)width * height * channels;
        if (width <= 0 || height <= 0 || channels <= 0 || data.Length < needed)
            throw new ArgumentException($"An array of {data.Length} elements cannot hold a {width}x{height}x{channels} image.", nameof(data));
        return new ImageBuffer<T>(data, 0, width * channels, width, height, channels, ownsMemory: false);
    }

    /// <inheritdoc />
    public override PixelType PixelType => PixelTypes.Of<T>();

    /// <summary>Elements between the starts of two consecutive rows.</summary>
    public int Stride { get; }

    /// <summary>Elements in one row of pixels: <c>Width*Channels</c>.</summary>
    public int RowLength => Width * Channels;

    /// <summary>True when the rows follow each other without gaps.</summary>
    public bool IsContiguous => Stride == RowLength;

    /// <summary>True when this buffer owns its memory (it is not a view or a wrapper).</summary>
    public bool OwnsMemory => _ownsMemory;

    private readonly ImageBuffer<T>? _parent;

    private T[] Array_ => _array is { } a && (_parent is null || _parent._array is not null)
        ? a
        : throw new ObjectDisposedException(nameof(ImageBuffer<T>), _array is null ? "The image was disposed." : "The image this crop view borrows from was disposed.");

    /// <summary>The elements of row <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> GetRow(int y)
    {
        if ((uint)y >= (uint)Height) throw new ArgumentOutOfRangeException(nameof(y));
        return new Span<T>(Array_, _offset + y * Stride, RowLength);
    }

    /// <summary>The whole image as one span; only for contiguous buffers.</summary>
    public Span<T> GetSpan()
    {
        if (!IsContiguous) throw new InvalidOperationException("This image is a strided view; copy it with Clone() or read it row by row.");
        return new Span<T>(Array_, _offset, Height * RowLength);
    }

    /// <summary>Element at row <paramref name="y"/>, column <paramref name="x"/>, channel <paramref name="c"/>.</summary>
    public ref T this[int y, int x, int c]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)y >= (uint)Height || (uint)x >= (uint)Width || (uint)c >= (uint)Channels)
                throw new IndexOutOfRangeException($"({y},{x},{c}) is outside a {Height}x{Width}x{Channels} image.");
            return ref Array_[_offset + y * Stride + x * Channels + c];
        }
    }

    /// <summary>A view of the rectangle (<paramref name="x"/>, <paramref name="y"/>, <paramref name="width"/>, <paramref name="height"/>) sharing this buffer's memory.</summary>
    public ImageBuffer<T> Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > Width || y + height > Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Crop ({x},{y},{width},{height}) is outside a {Width}x{Height} image.");
        return new ImageBuffer<T>(Array_, _offset + y * Stride + x * Channels, Stride, width, height, Channels, ownsMemory: false, _parent ?? this);
    }

    /// <inheritdoc />
    public override ImageBuffer CropView(int x, int y, int width, int height) => Crop(x, y, width, height);

    /// <summary>A contiguous copy that owns its memory.</summary>
    public ImageBuffer<T> Clone()
    {
        var copy = CreateUninitialized(Width, Height, Channels);
        CopyTo(copy);
        return copy;
    }

    /// <summary>Copies the pixels into <paramref name="destination"/>, which must have the same shape.</summary>
    public void CopyTo(ImageBuffer<T> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Shape != Shape)
            throw new ArgumentException($"Shape {destination.Shape} differs from {Shape}.", nameof(destination));
        for (int y = 0; y < Height; y++) GetRow(y).CopyTo(destination.GetRow(y));
    }

    /// <summary>Copies the pixels, row after row without gaps, into the first <c>Height*Width*Channels</c> elements of <paramref name="destination"/>.</summary>
    public void CopyTo(Span<T> destination)
    {
        if (destination.Length < Height * RowLength)
            throw new ArgumentException($"{destination.Length} elements cannot hold a {Width}x{Height}x{Channels} image.", nameof(destination));
        for (int y = 0; y < Height; y++) GetRow(y).CopyTo(destination.Slice(y * RowLength, RowLength));
    }

    /// <summary>The pixels as a new contiguous array of <c>Height*Width*Channels</c> elements.</summary>
    public T[] ToArray()
    {
        var result = new T[Height * RowLength];
        CopyTo(result);
        return result;
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(T value)
    {
        for (int y = 0; y < Height; y++) GetRow(y).Fill(value);
    }

    /// <summary>A new image of the same shape with the pixels converted to <typeparamref name="TOut"/>.</summary>
    public ImageBuffer<TOut> ConvertTo<TOut>() where TOut : unmanaged => PixelConversion.Convert<T, TOut>(this);

    /// <inheritdoc />
    public override ImageBuffer ConvertTo(PixelType target) => target switch
    {
        PixelType.UInt8 => ConvertTo<byte>(),
        PixelType.UInt16 => ConvertTo<ushort>(),
        _ => ConvertTo<float>(),
    };

    /// <inheritdoc />
    public override void Dispose()
    {
        var array = _array;
        _array = null;
        if (array is not null && _pooled && _ownsMemory) ArrayPool<T>.Shared.Return(array);
    }
}
