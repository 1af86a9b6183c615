using AugSharp.Keras;

namespace AugSharp.Pictures;

/// <summary>What <see cref="AugmentationPreview.Render(ImageBuffer, ITransform, PreviewOptions)"/> draws.</summary>
public sealed record PreviewOptions
{
    /// <summary>Rows of the grid. Default 3.</summary>
    public int Rows { get; init; } = 3;

    /// <summary>Columns of the grid. Default 3.</summary>
    public int Columns { get; init; } = 3;

    /// <summary>Seed of the random streams. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Item index of the image in the random streams (cell i uses <c>RandomStream.For(Seed, Item, i)</c>). Default 0.</summary>
    public long Item { get; init; }

    /// <summary>Draw the drawn parameters under each cell.</summary>
    public bool Captions { get; init; }

    /// <summary>Show the original image as the first cell.</summary>
    public bool WithOriginal { get; init; }

    /// <summary>Longest side of each cell in pixels (the image is resized before it is augmented), or null for the image's own size.</summary>
    public int? CellSize { get; init; }

    /// <summary>Pixels between cells and around the grid. Default 4.</summary>
    public int Margin { get; init; } = 4;
}

/// <summary>A rendered preview grid and the operations drawn for its cells.</summary>
/// <param name="Image">The grid, 8-bit RGB.</param>
/// <param name="Operations">The recipe of each augmented cell, in cell order (the original, when shown, is not included).</param>
/// <param name="CellWidth">Width of one cell's input image.</param>
/// <param name="CellHeight">Height of one cell's input image.</param>
public sealed record PreviewPicture(ImageBuffer<byte> Image, IReadOnlyList<ComposeOperation> Operations, int CellWidth, int CellHeight)
{
    /// <summary>
    /// Every cell of the grid in cell order (the original first, when shown): where its picture
    /// lies in <see cref="Image"/> and the oriented boxes drawn on it. Empty for a picture made
    /// by other means than <see cref="AugmentationPreview"/>.
    /// </summary>
    public IReadOnlyList<PreviewCell> Cells { get; init; } = [];
}

/// <summary>One cell of a <see cref="PreviewPicture"/>.</summary>
/// <param name="X">Left pixel of the cell's picture in the grid.</param>
/// <param name="Y">Top pixel of the cell's picture in the grid.</param>
/// <param name="Width">Width of the cell's picture (an augmented picture may be smaller or larger than the input).</param>
/// <param name="Height">Height of the cell's picture.</param>
/// <param name="OrientedBoxes">The oriented boxes drawn on the cell, moved with its pixels, in the cell's own pixel coordinates (add <paramref name="X"/> and <paramref name="Y"/> for the grid's).</param>
public sealed record PreviewCell(int X, int Y, int Width, int Height, IReadOnlyList<OrientedBox> OrientedBoxes);

/// <summary>
/// The picture Keras tutorials end with: a grid of augmented versions of one image, each cell
/// drawn from its own random stream so that the grid depends only on the seed.
/// </summary>
public static class AugmentationPreview
{
    /// <summary>Renders a grid of <paramref name="source"/> augmented by <paramref name="transform"/> (a pipeline, one transform or the Keras generator).</summary>
    public static PreviewPicture Render(ImageBuffer source, ITransform transform, PreviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Render(new AnnotatedImage(source), transform, options);
    }

    /// <summary>
    /// Renders a grid of <paramref name="source"/> and its targets augmented by
    /// <paramref name="transform"/>: every cell shows the moved masks, boxes and keypoints drawn
    /// over the moved pixels (<see cref="AnnotationOverlay"/>).
    /// </summary>
    public static PreviewPicture Render(AnnotatedImage source, ITransform transform, PreviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var pipeline = transform as Compose ?? new Compose([transform]);
        return Render(source, _ => pipeline, options);
    }

    /// <summary>Renders a grid whose augmented cell <c>i</c> uses the pipeline <paramref name="cellPipeline"/> gives for it.</summary>
    internal static PreviewPicture Render(AnnotatedImage source, Func<int, Compose> cellPipeline, PreviewOptions? options)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new PreviewOptions();
        if (options.Rows < 1 || options.Columns < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"A grid needs at least 1x1 cells, got {options.Columns}x{options.Rows}.");
        if (options.CellSize is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.CellSize, "The cell size must be 1 or more.");

        using var bytes = PixelConversion.ToBytes(source.Image);
        using var cellImage = options.CellSize is int size ? PictureResize.Fit(bytes, size) : bytes.Clone();
        bool annotated = source.Masks.Count > 0 || source.Boxes.Count > 0 || source.Keypoints.Count > 0 || source.OrientedBoxes.Count > 0;
        var cellTargets = new AnnotatedImage(cellImage);
        if (annotated)
        {
            // The targets follow the picture to the cell's size.
            var scaled = cellImage.Width == source.Image.Width && cellImage.Height == source.Image.Height
                ? source
                : new ResizeOperation(cellImage.Width, cellImage.Height).Apply(new AnnotatedImage(bytes, source.Masks, source.Boxes, source.Keypoints, orientedBoxes: source.OrientedBoxes));
            if (!ReferenceEquals(scaled.Image, source.Image) && !ReferenceEquals(scaled.Image, bytes)) scaled.Image.Dispose();
            cellTargets = new AnnotatedImage(cellImage, scaled.Masks, scaled.Boxes, scaled.Keypoints, orientedBoxes: scaled.OrientedBoxes);
        }

        int total = options.Rows * options.Columns;
        int offset = options.WithOriginal ? 1 : 0;
        int augmented = Math.Max(0, total - offset);
        var cells = new ImageBuffer<byte>[total];
        var operations = new ComposeOperation[augmented];
        var oriented = new IReadOnlyList<OrientedBox>[total];
        Array.Fill(oriented, []);
        if (options.WithOriginal)
        {
            cells[0] = annotated ? AnnotationOverlay.Draw(cellTargets) : cellImage.Clone();
            oriented[0] = cellTargets.OrientedBoxes.Where(b => b.IsValid).ToArray();
        }
        Parallel.For(0, augmented, i =>
        {
            var (result, recipe) = cellPipeline(i).Run(cellTargets, RandomStream.For(options.Seed, options.Item, i));
            operations[i] = recipe;
            if (annotated)
            {
                cells[i + offset] = AnnotationOverlay.Draw(result);
                oriented[i + offset] = result.OrientedBoxes.Where(b => b.IsValid).ToArray();
                result.DisposeExcept(cellTargets);
            }
            else
            {
                cells[i + offset] = ReferenceEquals(result.Image, cellImage) ? cellImage.Clone() : ToCell(result.Image);
            }
        });

        IReadOnlyList<string?>? captions = null;
        if (options.Captions)
        {
            var list = new List<string?>(total);
            if (options.WithOriginal) list.Add("original");
            list.AddRange(operations.Select(TransformCaption.Format));
            captions = list;
        }
        try
        {
            var grid = PreviewGrid.Compose(cells, captions, new PreviewGridOptions { Columns = options.Columns, Margin = options.Margin }, out var placements);
            var layout = new PreviewCell[total];
            for (int i = 0; i < total; i++) layout[i] = new PreviewCell(placements[i].X, placements[i].Y, cells[i].Width, cells[i].Height, oriented[i]);
            return new PreviewPicture(grid, operations, cellImage.Width, cellImage.Height) { Cells = layout };
        }
        finally
        {
            foreach (var cell in cells) cell?.Dispose();
        }
    }

    private static ImageBuffer<byte> ToCell(ImageBuffer image)
    {
        if (image is ImageBuffer<byte> b) return b;
        using (image)
        {
            return DisplayPixels.ToBytes(image);
        }
    }
}
