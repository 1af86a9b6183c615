namespace AugSharp.Pictures;

/// <summary>Layout and colours of a <see cref="PreviewGrid"/>.</summary>
public sealed record PreviewGridOptions
{
    /// <summary>Cells per row. Default 3.</summary>
    public int Columns { get; init; } = 3;

    /// <summary>Pixels between cells and around the grid. Default 4.</summary>
    public int Margin { get; init; } = 4;

    /// <summary>Gray level of the background and margins. Default 255 (white).</summary>
    public byte Background { get; init; } = 255;

    /// <summary>Gray level of caption text. Default 32.</summary>
    public byte TextColor { get; init; } = 32;

    /// <summary>Caption font size in pixels, or null to choose it from the cell width (see <see cref="PreviewGrid.CaptionFontSizeFor"/>).</summary>
    public float? CaptionFontSize { get; init; }
}

/// <summary>
/// Composes images into one grid picture (row-major, like matplotlib's subplots), each cell
/// optionally with a caption drawn under it in <see cref="CaptionFont"/>. The result is 8-bit RGB.
/// </summary>
public static class PreviewGrid
{
    /// <summary>
    /// Composes <paramref name="cells"/> (any channel count; all the same size, or centred in the
    /// largest) into rows of <see cref="PreviewGridOptions.Columns"/>.
    /// </summary>
    /// <param name="cells">The images, row by row.</param>
    /// <param name="captions">One caption per cell (null entries for none), or null for no captions.</param>
    /// <param name="options">Layout; null for the defaults.</param>
    public static ImageBuffer<byte> Compose(IReadOnlyList<ImageBuffer<byte>> cells, IReadOnlyList<string?>? captions = null, PreviewGridOptions? options = null)
        => Compose(cells, captions, options, out _);

    /// <summary>As <see cref="Compose(IReadOnlyList{ImageBuffer{byte}}, IReadOnlyList{string?}?, PreviewGridOptions?)"/>, also giving where each cell's picture was put (left and top pixel in the grid).</summary>
    internal static ImageBuffer<byte> Compose(IReadOnlyList<ImageBuffer<byte>> cells, IReadOnlyList<string?>? captions, PreviewGridOptions? options, out (int X, int Y)[] placements)
    {
        ArgumentNullException.ThrowIfNull(cells);
        options ??= new PreviewGridOptions();
        if (cells.Count == 0) throw new ArgumentException("A grid needs at least one cell.", nameof(cells));
        if (options.Columns < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Columns, "Columns must be 1 or more.");
        if (options.Margin < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Margin, "The margin must be 0 or more.");
        if (captions is not null && captions.Count != cells.Count)
            throw new ArgumentException($"Got {captions.Count} captions for {cells.Count} cells.", nameof(captions));

        int cellW = cells.Max(c => c.Width), cellH = cells.Max(c => c.Height);
        int columns = Math.Min(options.Columns, cells.Count);
        int rows = (cells.Count + columns - 1) / columns;
        float fontSize = options.CaptionFontSize ?? CaptionFontSizeFor(cellW);
        if (!(fontSize > 0) || !float.IsFinite(fontSize)) throw new ArgumentOutOfRangeException(nameof(options), fontSize, "The caption font size must be a positive number of pixels.");
        var wrapped = captions?.Select(c => c is null ? (IReadOnlyList<string>)[] : CaptionFont.Wrap(c, fontSize, cellW)).ToArray();
        int captionLines = wrapped is null ? 0 : wrapped.Max(w => w.Count);
        int lineHeight = captionLines == 0 ? 0 : CaptionFont.LineHeight(fontSize);
        int padding = Math.Max(2, lineHeight / 4);
        int captionH = captionLines == 0 ? 0 : captionLines * lineHeight + 2 * padding;

        int m = options.Margin;
        var (width, height) = CanvasSize(cellW, cellH + captionH, columns, rows, m);
        var grid = new ImageBuffer<byte>(width, height, 3);
        grid.Fill(options.Background);
        byte[] ink = [options.TextColor];
        placements = new (int X, int Y)[cells.Count];
        for (int i = 0; i < cells.Count; i++)
        {
            int col = i % columns, row = i / columns;
            int left = m + col * (cellW + m), top = m + row * (cellH + captionH + m);
            using var rgb = PixelConversion.ToRgb(cells[i], options.Background);
            int ox = left + (cellW - rgb.Width) / 2, oy = top + (cellH - rgb.Height) / 2;
            placements[i] = (ox, oy);
            for (int y = 0; y < rgb.Height; y++)
                rgb.GetRow(y).CopyTo(grid.GetRow(oy + y).Slice(ox * 3, rgb.Width * 3));
            if (wrapped is not null)
            {
                var lines = wrapped[i];
                for (int l = 0; l < lines.Count; l++)
                {
                    int tx = left + (cellW - CaptionFont.MeasureWidth(lines[l], fontSize)) / 2;
                    int ty = top + cellH + padding + l * lineHeight;
                    CaptionFont.DrawText(grid, lines[l], tx, ty, fontSize, ink);
                }
            }
        }
        return grid;
    }

    /// <summary>The size of a grid of <paramref name="columns"/>x<paramref name="rows"/> cells of <paramref name="cellWidth"/>x<paramref name="cellHeight"/> (caption band included) with <paramref name="margin"/> between and around them.</summary>
    public static (int Width, int Height) CanvasSize(int cellWidth, int cellHeight, int columns, int rows, int margin)
        => (columns * cellWidth + (columns + 1) * margin, rows * cellHeight + (rows + 1) * margin);

    /// <summary>
    /// The caption font size chosen for cells <paramref name="cellWidth"/> pixels wide: 13 pixels
    /// (readable at 100%) up to cells 400 pixels wide, then growing with the cell up to 28.
    /// </summary>
    public static float CaptionFontSizeFor(int cellWidth) => Math.Clamp(cellWidth / 30f, 13f, 28f);
}
