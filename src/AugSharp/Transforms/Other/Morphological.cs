namespace AugSharp;

/// <summary>The operation of <see cref="Morphological"/>.</summary>
public enum MorphologyOperation
{
    /// <summary>Each pixel takes the smallest value under the kernel: bright regions shrink.</summary>
    Erosion,

    /// <summary>Each pixel takes the largest value under the kernel: bright regions grow.</summary>
    Dilation,
}

/// <summary>
/// Erodes or dilates the image and its masks with an elliptic kernel (Albumentations'
/// Morphological, for document scans; default p = 0.5). <see cref="Scale"/> is the kernel's
/// width and height in pixels (a number n means n x n), not a random draw, as in Albumentations;
/// the kernel is OpenCV's elliptic structuring element, centred on (width/2, height/2); pixels
/// outside the image are ignored. Each box becomes the box of its dilated (eroded) rectangle,
/// kept inside the image (a box eroded to nothing is dropped); keypoints are kept. An oriented
/// box grows under dilation to the minimum-area rectangle around its corners shifted by the
/// kernel's extent, and is kept as it is under erosion (it still holds the eroded object). Filed with
/// the geometric transforms as Albumentations files it: it changes masks and boxes with the
/// image, but moves nothing.
/// </summary>
[TransformCategory("geometric")]
public sealed class Morphological : Transform<MorphologicalOperation>
{
    private readonly ValueRange _scale = new(2, 3);

    /// <summary>The kernel's [width, height] in pixels, each at least 1 (a number n means n x n); default [2, 3].</summary>
    public ValueRange Scale
    {
        get => _scale;
        init
        {
            value.Check(nameof(Scale), 1);
            if (value.Min != Math.Floor(value.Min) || value.Max != Math.Floor(value.Max)) throw new ArgumentOutOfRangeException(nameof(Scale), value, "scale takes whole numbers.");
            _scale = value;
        }
    }

    /// <summary>erosion or dilation (the default).</summary>
    public MorphologyOperation Operation { get; init; } = MorphologyOperation.Dilation;

    /// <inheritdoc />
    protected override MorphologicalOperation SampleOperation(RandomStream rng, TransformContext context) => new((int)Scale.Min, (int)Scale.Max, Operation);
}

/// <summary>An erosion or dilation with OpenCV's elliptic kernel of <paramref name="KernelWidth"/> x <paramref name="KernelHeight"/>.</summary>
/// <param name="KernelWidth">The kernel's width.</param>
/// <param name="KernelHeight">The kernel's height.</param>
/// <param name="Operation">Erosion or dilation.</param>
public sealed record MorphologicalOperation(int KernelWidth, int KernelHeight, MorphologyOperation Operation) : Operation
{
    /// <summary>The kernel's offsets from its anchor (OpenCV's MORPH_ELLIPSE, anchor at the centre).</summary>
    public IReadOnlyList<(int Dx, int Dy)> Offsets()
    {
        if (KernelWidth < 1 || KernelHeight < 1) throw new InvalidOperationException($"{Name}: the kernel needs a size of at least 1 x 1.");
        int w = KernelWidth, h = KernelHeight, r = h / 2, c = w / 2;
        double invR2 = r > 0 ? 1.0 / ((double)r * r) : 0;
        var offsets = new List<(int, int)>();
        for (int i = 0; i < h; i++)
        {
            int j1 = 0, j2 = 0, dy = i - r;
            if (Math.Abs(dy) <= r)
            {
                int dx = (int)Math.Round(c * Math.Sqrt((r * r - dy * dy) * invR2), MidpointRounding.ToEven);
                j1 = Math.Max(c - dx, 0);
                j2 = Math.Min(c + dx + 1, w);
            }
            for (int j = j1; j < j2; j++) offsets.Add((j - c, i - r));
        }
        return offsets;
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => Morph(image);

    /// <inheritdoc />
    protected override ImageBuffer ApplyToMask(ImageBuffer mask) => mask.PixelType switch
    {
        PixelType.UInt8 => Morph(mask.As<byte>()),
        PixelType.UInt16 => Morph(mask.As<ushort>()),
        _ => Morph(mask.As<float>()),
    };

    /// <inheritdoc />
    protected override IReadOnlyList<BoundingBox> ApplyToBoxes(IReadOnlyList<BoundingBox> boxes, ImageShape input)
    {
        var offsets = Offsets();
        int minDx = offsets.Min(o => o.Dx), maxDx = offsets.Max(o => o.Dx), minDy = offsets.Min(o => o.Dy), maxDy = offsets.Max(o => o.Dy);
        int width = input.Width, height = input.Height;
        var result = new List<BoundingBox>(boxes.Count);
        foreach (var box in boxes)
        {
            double x1 = Math.Max(0, box.X1), y1 = Math.Max(0, box.Y1), x2 = Math.Min(width, box.X2), y2 = Math.Min(height, box.Y2);
            if (Operation == MorphologyOperation.Dilation)
            {
                x1 -= maxDx; x2 -= minDx; y1 -= maxDy; y2 -= minDy;
            }
            else
            {
                // Outside the image counts as foreground for erosion: an edge on the image's border stays.
                if (x1 > 0) x1 -= minDx;
                if (x2 < width) x2 -= maxDx;
                if (y1 > 0) y1 -= minDy;
                if (y2 < height) y2 -= maxDy;
            }
            var moved = box with { X1 = Math.Clamp(x1, 0, width), Y1 = Math.Clamp(y1, 0, height), X2 = Math.Clamp(x2, 0, width), Y2 = Math.Clamp(y2, 0, height) };
            if (moved.IsValid) result.Add(moved);
        }
        return result;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<OrientedBox> ApplyToOrientedBoxes(IReadOnlyList<OrientedBox> boxes, ImageShape input)
    {
        if (Operation != MorphologyOperation.Dilation) return boxes;
        var offsets = Offsets();
        int minDx = offsets.Min(o => o.Dx), maxDx = offsets.Max(o => o.Dx), minDy = offsets.Min(o => o.Dy), maxDy = offsets.Max(o => o.Dy);
        var result = new List<OrientedBox>(boxes.Count);
        foreach (var box in boxes)
        {
            // A pixel lights up when a lit pixel lies at one of the kernel's offsets from it: the shape spreads by minus each offset.
            var points = new List<(double X, double Y)>(16);
            foreach (var (x, y) in box.GetCorners())
                foreach (var (dx, dy) in new[] { (minDx, minDy), (minDx, maxDy), (maxDx, minDy), (maxDx, maxDy) })
                    points.Add((x - dx, y - dy));
            result.Add(Polygons.MinimumAreaRectangle(points, box.Label));
        }
        return result;
    }

    private ImageBuffer<T> Morph<T>(ImageBuffer<T> image) where T : unmanaged
    {
        var offsets = Offsets();
        int w = image.Width, h = image.Height, channels = image.Channels;
        bool dilate = Operation == MorphologyOperation.Dilation;
        var result = ImageBuffer<T>.CreateUninitialized(w, h, channels);
        for (int y = 0; y < h; y++)
        {
            var target = result.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    double best = dilate ? double.NegativeInfinity : double.PositiveInfinity;
                    T chosen = image[y, x, c];
                    foreach (var (dx, dy) in offsets)
                    {
                        int sx = x + dx, sy = y + dy;
                        if ((uint)sx >= (uint)w || (uint)sy >= (uint)h) continue;
                        T v = image[sy, sx, c];
                        double d = PixelValues.ToDouble(v);
                        if (dilate ? d > best : d < best)
                        {
                            best = d;
                            chosen = v;
                        }
                    }
                    target[x * channels + c] = chosen;
                }
            }
        }
        return result;
    }
}
