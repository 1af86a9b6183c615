using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>How <see cref="Mosaic"/> fits an image into its cell.</summary>
public enum MosaicFitMode
{
    /// <summary>Scaled to cover the cell (the smaller scale that fills it); the part past the cell is cut off.</summary>
    Cover,

    /// <summary>Scaled to fit inside the cell, centred, the rest filled.</summary>
    Contain,
}

/// <summary>
/// Mosaic (Albumentations 2.0.8's Mosaic, default p = 0.5): the image and companions are laid on
/// a grid of <see cref="GridYx"/> cells of <see cref="CellShape"/> (height, width), and a window
/// of <see cref="TargetSize"/> (height, width) is cut from the grid around a centre drawn in
/// <see cref="CenterRange"/> (fractions of the zone where the window fits). The grid lines cut the
/// window into parts; the image goes into the largest part and the companions, drawn without
/// repetition, into the others in random order; when there are fewer companions than parts, the
/// image fills the rest, as Albumentations does. Each item is scaled to its cell
/// (<see cref="FitMode"/>) and the part shows the corner of the cell that faces the window's
/// centre. Companions come from the input's <see cref="AnnotatedImage.Metadata"/> under
/// <see cref="MetadataKey"/>, or, when there are none, from the
/// <see cref="CompanionSource"/> folder or COCO file; they are brought to the image's pixel type and channel
/// count.
/// <para>
/// Every target moves with its pixels: boxes and keypoints through each item's scale and shift,
/// boxes clipped to their part and kept by the pipeline's <c>min_visibility</c> (of the box scaled
/// into the mosaic) and <c>min_area</c>, keypoints kept inside their part. Mask i is assembled from
/// every item's mask i (<see cref="FillMask"/> where an item has none, and in the padding).
/// <see cref="AnnotatedImage.ClassLabels"/> are mixed by the area of the result each item's
/// pixels cover.
/// </para>
/// </summary>
[TransformCategory("mixing")]
public sealed class Mosaic : Transform<MosaicOperation>
{
    private readonly IReadOnlyList<int> _gridYx = [2, 2];
    private readonly IReadOnlyList<int> _targetSize = [512, 512];
    private readonly IReadOnlyList<int> _cellShape = [512, 512];

    /// <summary>The rows and columns of the grid. Default [2, 2].</summary>
    public IReadOnlyList<int> GridYx
    {
        get => _gridYx;
        init => _gridYx = Pair(value, nameof(GridYx), "grid_yx");
    }

    /// <summary>The output's (height, width). Default [512, 512].</summary>
    public IReadOnlyList<int> TargetSize
    {
        get => _targetSize;
        init => _targetSize = Pair(value, nameof(TargetSize), "target_size");
    }

    /// <summary>The (height, width) of one cell; the grid must be at least the target size. Default [512, 512].</summary>
    public IReadOnlyList<int> CellShape
    {
        get => _cellShape;
        init => _cellShape = Pair(value, nameof(CellShape), "cell_shape");
    }

    /// <summary>The range of the window's centre, as fractions of the zone where the window fits, within [0, 1]. Default [0.3, 0.7].</summary>
    public ValueRange CenterRange { get; init; } = new(0.3, 0.7);

    /// <summary>How an item is fitted into its cell. Default cover.</summary>
    public MosaicFitMode FitMode { get; init; } = MosaicFitMode.Cover;

    /// <summary>The image interpolation of the scaling. Default linear.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>The mask interpolation of the scaling. Default nearest.</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <summary>The image's value where no item shows (contain's padding): one value, or one per channel. Default [0].</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>The masks' value where no item's mask shows. Default 0.</summary>
    public double FillMask { get; init; }

    /// <summary>The key of the input's metadata that holds the companions. Default "mosaic_metadata".</summary>
    public string MetadataKey { get; init; } = "mosaic_metadata";

    /// <summary>Where to draw companions from when the input has none under <see cref="MetadataKey"/>: a folder of images (without targets) or a COCO <c>.json</c> file (its images with their boxes, masks and keypoints, found relative to the file); null for none. Default null.</summary>
    public string? CompanionSource { get; init; }

    private static IReadOnlyList<int> Pair(IReadOnlyList<int> value, string property, string name)
    {
        ArgumentNullException.ThrowIfNull(value, property);
        if (value.Count != 2 || value[0] < 1 || value[1] < 1) throw new ArgumentException($"{name} takes two positive whole numbers, (rows or height, columns or width).", property);
        return value.ToArray();
    }

    /// <inheritdoc />
    protected override MosaicOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int rows = GridYx[0], cols = GridYx[1], cellH = CellShape[0], cellW = CellShape[1], targetH = TargetSize[0], targetW = TargetSize[1];
        if (cellH * rows < targetH || cellW * cols < targetW)
            throw new ArgumentException($"Mosaic: the grid ({rows}x{cols} cells of {cellH}x{cellW}) is smaller than target_size {targetH}x{targetW}.");
        var range = CenterRange.Check(nameof(CenterRange), 0, 1);

        // The window's centre, within the zone where the window fits on the grid.
        int minCx = targetW / 2, maxCx = cols * cellW - (targetW + 1) / 2;
        int minCy = targetH / 2, maxCy = rows * cellH - (targetH + 1) / 2;
        double relX = range.Draw(rng), relY = range.Draw(rng);
        int cx = Math.Clamp(minCx + (int)((maxCx - minCx + 1) * relX), minCx, maxCx);
        int cy = Math.Clamp(minCy + (int)((maxCy - minCy + 1) * relY), minCy, maxCy);
        int left = cx - targetW / 2, top = cy - targetH / 2;

        // The grid lines cut the window into parts.
        int[] xs = Lines(cols, cellW, left, left + targetW), ys = Lines(rows, cellH, top, top + targetH);
        var parts = new List<(int X1, int Y1, int X2, int Y2)>();
        for (int j = 0; j + 1 < ys.Length; j++)
            for (int i = 0; i + 1 < xs.Length; i++) parts.Add((xs[i], ys[j], xs[i + 1], ys[j + 1]));

        // Items: 0 the image, then the drawn companions, then the image again for the parts left.
        var companions = CompanionPicker.Draw(rng, context, MetadataKey, CompanionSource, parts.Count - 1, distinct: true);
        var items = new List<CompanionRef?> { null };
        items.AddRange(companions);
        while (items.Count < parts.Count) items.Add(null);

        int primary = 0;
        for (int k = 1; k < parts.Count; k++)
            if (Area(parts[k]) > Area(parts[primary])) primary = k;
        var order = Enumerable.Range(1, items.Count - 1).ToArray();
        var shuffle = rng.Permutation(order.Length);
        var cells = new List<MosaicCell>(parts.Count);
        int next = 0;
        for (int k = 0; k < parts.Count; k++)
        {
            var (x1, y1, x2, y2) = parts[k];
            var item = k == primary ? null : items[order[shuffle[next++]]];
            cells.Add(new MosaicCell(x1, y1, x2, y2, item));
        }
        return new MosaicOperation
        {
            MetadataKey = MetadataKey,
            TargetWidth = targetW,
            TargetHeight = targetH,
            CellWidth = cellW,
            CellHeight = cellH,
            Cells = cells,
            FitMode = FitMode,
            Interpolation = Interpolation,
            MaskInterpolation = MaskInterpolation,
            Fill = Fill,
            FillMask = FillMask,
        };

        static long Area((int X1, int Y1, int X2, int Y2) p) => (long)(p.X2 - p.X1) * (p.Y2 - p.Y1);
    }

    /// <summary>The grid lines at multiples of <paramref name="cell"/> clipped to [lo, hi], distinct, relative to lo.</summary>
    private static int[] Lines(int count, int cell, int lo, int hi)
        => Enumerable.Range(0, count + 1).Select(i => Math.Clamp(i * cell, lo, hi) - lo).Distinct().Order().ToArray();
}

/// <summary>One part of a mosaic: the rectangle [X1, X2) x [Y1, Y2) of the output, and the companion shown there (null for the image itself).</summary>
/// <param name="X1">Left edge (inclusive).</param>
/// <param name="Y1">Top edge (inclusive).</param>
/// <param name="X2">Right edge (exclusive).</param>
/// <param name="Y2">Bottom edge (exclusive).</param>
/// <param name="Item">The companion, or null for the image.</param>
public sealed record MosaicCell(int X1, int Y1, int X2, int Y2, CompanionRef? Item);

/// <summary>
/// A mosaic of the image and companions (see <see cref="Mosaic"/>): every cell's item scaled to the
/// cell and the cell's corner that faces the centre shown in its part. As a geometric operation its
/// matrix is the scale and shift of the image's own cell (the largest part).
/// </summary>
public sealed record MosaicOperation : MixingOperation, IGeometricOperation
{
    /// <summary>The output's width.</summary>
    public int TargetWidth { get; init; }

    /// <summary>The output's height.</summary>
    public int TargetHeight { get; init; }

    /// <summary>A cell's width.</summary>
    public int CellWidth { get; init; }

    /// <summary>A cell's height.</summary>
    public int CellHeight { get; init; }

    /// <summary>The parts of the output and their items.</summary>
    public IReadOnlyList<MosaicCell> Cells { get; init; } = [];

    /// <summary>How items fit their cells.</summary>
    public MosaicFitMode FitMode { get; init; }

    /// <summary>The image interpolation.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>The mask interpolation.</summary>
    public Interpolation MaskInterpolation { get; init; } = Interpolation.Nearest;

    /// <summary>The image's value where no item shows.</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0];

    /// <summary>The masks' value where no item's mask shows.</summary>
    public double FillMask { get; init; }

    /// <inheritdoc />
    public Matrix3x3 GetMatrix(ImageShape input)
    {
        // The image's own cell: the largest of those that show it (the first of equals), as it was drawn.
        var cell = Cells.Where(c => c.Item is null).OrderByDescending(c => (long)(c.X2 - c.X1) * (c.Y2 - c.Y1)).FirstOrDefault();
        if (cell is null) return Matrix3x3.Identity;
        var (s, dx, dy) = Placement(cell, input.Width, input.Height);
        // Pixel-index coordinates: centres map as the resize maps them, then shift.
        return new Matrix3x3(s.X, 0, 0.5 * s.X - 0.5 + dx, 0, s.Y, 0.5 * s.Y - 0.5 + dy, 0, 0, 1);
    }

    /// <inheritdoc />
    public (int Width, int Height) GetOutputSize(ImageShape input) => (TargetWidth, TargetHeight);

    /// <summary>
    /// The scale of an item of <paramref name="width"/> x <paramref name="height"/> in <paramref name="cell"/>
    /// (per axis, after rounding the scaled size) and the shift from its scaled pixels to the output's.
    /// </summary>
    private ((double X, double Y) Scale, int Dx, int Dy) Placement(MosaicCell cell, int width, int height)
    {
        var (rw, rh) = ScaledSize(width, height);
        // Contain centres the item in its cell; cover puts it at the cell's origin (Albumentations' crop from the resized item).
        int ox = FitMode == MosaicFitMode.Contain ? (CellWidth - rw) / 2 : 0;
        int oy = FitMode == MosaicFitMode.Contain ? (CellHeight - rh) / 2 : 0;
        var (cx0, cy0) = CropOrigin(cell);
        return (((double)rw / width, (double)rh / height), ox - cx0 + cell.X1, oy - cy0 + cell.Y1);
    }

    private (int Width, int Height) ScaledSize(int width, int height)
    {
        double sx = (double)CellWidth / width, sy = (double)CellHeight / height;
        double s = FitMode == MosaicFitMode.Cover ? Math.Max(sx, sy) : Math.Min(sx, sy);
        return (Math.Max(1, (int)Math.Round(width * s)), Math.Max(1, (int)Math.Round(height * s)));
    }

    /// <summary>The corner of the cell the part shows: the one opposite the part's side of the output's centre.</summary>
    private (int X, int Y) CropOrigin(MosaicCell cell)
    {
        int w = cell.X2 - cell.X1, h = cell.Y2 - cell.Y1;
        double mx = (cell.X1 + cell.X2) / 2.0, my = (cell.Y1 + cell.Y2) / 2.0, cx = TargetWidth / 2.0, cy = TargetHeight / 2.0;
        bool centre = mx == cx || my == cy;
        if (centre) return ((CellWidth - w) / 2, (CellHeight - h) / 2);
        int x = mx < cx ? CellWidth - w : 0;
        int y = my < cy ? CellHeight - h : 0;
        return (x, y);
    }

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams) => Apply(input, boxParams, keypointParams, OrientedBoxParams.Default);

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams, OrientedBoxParams orientedBoxParams)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(orientedBoxParams);
        ArgumentNullException.ThrowIfNull(boxParams);
        ArgumentNullException.ThrowIfNull(keypointParams);
        int channels = input.Image.Channels;
        var image = NewCanvas(input.Image, TargetWidth, TargetHeight, Fill);
        var additional = input.AdditionalImages.Select(a => NewCanvas(a, TargetWidth, TargetHeight, Fill)).ToArray();
        var masks = input.Masks.Select(m => NewCanvas(m, TargetWidth, TargetHeight, [FillMask])).ToArray();
        var boxes = new List<BoundingBox>();
        var keypoints = new List<Keypoint>();
        var oriented = new List<OrientedBox>();
        var weights = new List<(IReadOnlyDictionary<string, double> Labels, double Weight)>();
        foreach (var cell in Cells)
        {
            int pw = cell.X2 - cell.X1, ph = cell.Y2 - cell.Y1;
            if (pw <= 0 || ph <= 0) continue;
            var (item, owned) = cell.Item is null ? (input, false) : Resolve(input, cell.Item);
            try
            {
                var (scale, dx, dy) = Placement(cell, item.Image.Width, item.Image.Height);
                var (rw, rh) = ScaledSize(item.Image.Width, item.Image.Height);
                var resize = new ResizeOperation(rw, rh, Interpolation);
                // The part of the scaled item that shows: output [x1, x2) x [y1, y2).
                int x1 = Math.Max(cell.X1, dx), y1 = Math.Max(cell.Y1, dy), x2 = Math.Min(cell.X2, dx + rw), y2 = Math.Min(cell.Y2, dy + rh);
                if (x2 > x1 && y2 > y1)
                {
                    using (var scaled = new DisposingImage(resize.Apply(new AnnotatedImage(item.Image))))
                        Paste(image, scaled.Value.Image, x1, y1, x2, y2, dx, dy);
                    var others = cell.Item is null ? input.AdditionalImages : [];
                    for (int a = 0; a < additional.Length; a++)
                    {
                        using var scaled = new DisposingImage(resize.Apply(new AnnotatedImage(a < others.Count ? others[a] : item.Image)));
                        Paste(additional[a], scaled.Value.Image, x1, y1, x2, y2, dx, dy);
                    }
                    for (int m = 0; m < masks.Length && m < item.Masks.Count; m++)
                    {
                        using var scaled = GeometricWarp.WarpMask(item.Masks[m], resize.GetMatrix(item.Masks[m].Shape), rw, rh, BorderMode.Replicate, 0, MaskInterpolation);
                        using var matched = MixingMath.MaskLike(scaled, masks[m]);
                        Paste(masks[m], matched, x1, y1, x2, y2, dx, dy);
                    }
                    weights.Add((item.ClassLabels, (double)(x2 - x1) * (y2 - y1)));
                }
                var move = new Matrix3x3(scale.X, 0, 0.5 * scale.X - 0.5 + dx, 0, scale.Y, 0.5 * scale.Y - 0.5 + dy, 0, 0, 1);
                var itemBoxes = cell.Item is null ? input.Boxes : item.Boxes;
                foreach (var box in itemBoxes)
                    if (MixingMath.ClipToRectangle(box.Transform(move), cell.X1, cell.Y1, cell.X2, cell.Y2, boxParams) is { } kept) boxes.Add(kept);
                // Oriented boxes: clipped to the cell as polygons and judged by the oriented-box rules.
                var itemOriented = cell.Item is null ? input.OrientedBoxes : item.OrientedBoxes;
                foreach (var box in itemOriented)
                    if (orientedBoxParams.Judge(box.Transform(move), cell.X1, cell.Y1, cell.X2, cell.Y2) is { } kept) oriented.Add(kept);
                var itemPoints = cell.Item is null ? input.Keypoints : item.Keypoints;
                foreach (var point in itemPoints)
                {
                    var moved = point.Transform(move);
                    if (moved.X >= cell.X1 && moved.X < cell.X2 && moved.Y >= cell.Y1 && moved.Y < cell.Y2) keypoints.Add(moved);
                }
            }
            finally
            {
                Release(item, owned);
            }
        }
        double total = weights.Sum(w => w.Weight);
        var labels = total > 0 ? MixingMath.MixLabels(weights.Select(w => (w.Labels, w.Weight / total)).ToArray()) : input.ClassLabels;
        return new AnnotatedImage(image, masks, boxes, keypoints, additional, input.Metadata, labels, oriented);
    }

    private ImageBuffer NewCanvas(ImageBuffer like, int width, int height, IReadOnlyList<double> fill) => like.PixelType switch
    {
        PixelType.UInt8 => Canvas<byte>(like.Channels, width, height, fill),
        PixelType.UInt16 => Canvas<ushort>(like.Channels, width, height, fill),
        _ => Canvas<float>(like.Channels, width, height, fill),
    };

    private ImageBuffer<T> Canvas<T>(int channels, int width, int height, IReadOnlyList<double> fill) where T : unmanaged
    {
        var canvas = new ImageBuffer<T>(width, height, channels);
        DropoutOperation.FillRectangle(canvas, 0, 0, width, height, DropoutOperation.FillValues<T>(fill, channels, Name));
        return canvas;
    }

    /// <summary>Copies output [x1, x2) x [y1, y2) of <paramref name="canvas"/> from <paramref name="scaled"/> shifted by (dx, dy), in the canvas's type and channels.</summary>
    private static void Paste(ImageBuffer canvas, ImageBuffer scaled, int x1, int y1, int x2, int y2, int dx, int dy)
    {
        switch (canvas)
        {
            case ImageBuffer<byte> b: PasteTyped(b, scaled, x1, y1, x2, y2, dx, dy); break;
            case ImageBuffer<ushort> u: PasteTyped(u, scaled, x1, y1, x2, y2, dx, dy); break;
            default: PasteTyped(canvas.As<float>(), scaled, x1, y1, x2, y2, dx, dy); break;
        }
    }

    private static void PasteTyped<T>(ImageBuffer<T> canvas, ImageBuffer scaled, int x1, int y1, int x2, int y2, int dx, int dy) where T : unmanaged
    {
        // Masks are matched to the canvas already (labels, never scaled); images are brought to its type and channels here.
        using var owned = scaled.PixelType == canvas.PixelType && scaled.Channels == canvas.Channels ? null : MixingMath.Match<T>(scaled, canvas.Channels);
        var source = owned ?? scaled.As<T>();
        int cn = canvas.Channels;
        for (int y = y1; y < y2; y++)
            source.GetRow(y - dy).Slice((x1 - dx) * cn, (x2 - x1) * cn).CopyTo(canvas.GetRow(y).Slice(x1 * cn));
    }
}
