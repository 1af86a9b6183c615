using System.Text.Json.Serialization;
using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// A tile shuffle: the image is cut at <paramref name="RowEdges"/> and
/// <paramref name="ColEdges"/> (pixel boundaries, from 0 to the height and width), and output tile
/// t (row by row) is an exact copy of source tile <paramref name="Permutation"/>[t], which has the
/// same size. Points move exactly with their tile; a box becomes the box enclosing the moved parts
/// of it that lie in each tile.
/// </summary>
/// <param name="RowEdges">rows + 1 increasing edges, 0 to the height.</param>
/// <param name="ColEdges">cols + 1 increasing edges, 0 to the width.</param>
/// <param name="Permutation">For each output tile, the source tile it shows.</param>
public sealed record RandomGridShuffleOperation(IReadOnlyList<int> RowEdges, IReadOnlyList<int> ColEdges, IReadOnlyList<int> Permutation) : MappedOperation
{
    private int Rows => RowEdges.Count - 1;

    private int Cols => ColEdges.Count - 1;

    /// <inheritdoc />
    [JsonIgnore]
    public override Interpolation ImageInterpolation => Interpolation.Nearest;

    /// <inheritdoc />
    public override ImageBuffer<float> GetMap(ImageShape input)
    {
        Check(input);
        var map = ImageBuffer<float>.CreateUninitialized(input.Width, input.Height, 2);
        for (int r = 0; r < Rows; r++)
        {
            for (int y = RowEdges[r]; y < RowEdges[r + 1]; y++)
            {
                var row = map.GetRow(y);
                for (int c = 0; c < Cols; c++)
                {
                    int s = Permutation[r * Cols + c];
                    int dx = ColEdges[s % Cols] - ColEdges[c], dy = RowEdges[s / Cols] - RowEdges[r];
                    for (int x = ColEdges[c]; x < ColEdges[c + 1]; x++)
                    {
                        row[2 * x] = x + dx;
                        row[2 * x + 1] = y + dy;
                    }
                }
            }
        }
        return map;
    }

    /// <inheritdoc />
    public override (double X, double Y)? MapPoint(double x, double y, ImageShape input)
    {
        Check(input);
        if (!(x >= -0.5 && y >= -0.5 && x <= input.Width - 0.5 && y <= input.Height - 0.5)) return null;
        int sc = Tile(ColEdges, x + 0.5), sr = Tile(RowEdges, y + 0.5);
        int t = Destination(sr * Cols + sc);
        int r = t / Cols, c = t % Cols;
        return (x - ColEdges[sc] + ColEdges[c], y - RowEdges[sr] + RowEdges[r]);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<Keypoint> ApplyToKeypoints(IReadOnlyList<Keypoint> keypoints, ImageShape input)
    {
        var result = new List<Keypoint>(keypoints.Count);
        foreach (var k in keypoints)
            result.Add(MapPoint(k.X, k.Y, input) is { } p ? k with { X = p.X, Y = p.Y } : k with { X = double.NaN, Y = double.NaN });
        return result;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<BoundingBox> ApplyToBoxes(IReadOnlyList<BoundingBox> boxes, ImageShape input)
    {
        Check(input);
        var result = new List<BoundingBox>(boxes.Count);
        foreach (var box in boxes)
        {
            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            for (int sr = 0; sr < Rows; sr++)
            {
                double y1 = Math.Max(box.Y1, RowEdges[sr]), y2 = Math.Min(box.Y2, RowEdges[sr + 1]);
                if (!(y1 < y2 || (y1 == y2 && box.Y1 == box.Y2))) continue;
                for (int sc = 0; sc < Cols; sc++)
                {
                    double x1 = Math.Max(box.X1, ColEdges[sc]), x2 = Math.Min(box.X2, ColEdges[sc + 1]);
                    if (!(x1 < x2 || (x1 == x2 && box.X1 == box.X2))) continue;
                    int t = Destination(sr * Cols + sc);
                    double dx = ColEdges[t % Cols] - ColEdges[sc], dy = RowEdges[t / Cols] - RowEdges[sr];
                    minX = Math.Min(minX, x1 + dx); maxX = Math.Max(maxX, x2 + dx);
                    minY = Math.Min(minY, y1 + dy); maxY = Math.Max(maxY, y2 + dy);
                }
            }
            result.Add(minX <= maxX ? box with { X1 = minX, Y1 = minY, X2 = maxX, Y2 = maxY } : box with { X1 = -1, Y1 = -1, X2 = -1, Y2 = -1 });
        }
        return result;
    }

    /// <summary>Each oriented box becomes the minimum-area rectangle around the moved parts of its polygon that lie in each tile.</summary>
    protected override IReadOnlyList<OrientedBox> ApplyToOrientedBoxes(IReadOnlyList<OrientedBox> boxes, ImageShape input)
    {
        Check(input);
        var result = new List<OrientedBox>(boxes.Count);
        foreach (var box in boxes)
        {
            var corners = box.GetCorners();
            var points = new List<(double X, double Y)>();
            for (int sr = 0; sr < Rows; sr++)
            {
                for (int sc = 0; sc < Cols; sc++)
                {
                    var part = Polygons.ClipToRectangle(corners, ColEdges[sc], RowEdges[sr], ColEdges[sc + 1], RowEdges[sr + 1]);
                    if (part.Length < 3 || !(Polygons.Area(part) > 0)) continue;
                    int t = Destination(sr * Cols + sc);
                    double dx = ColEdges[t % Cols] - ColEdges[sc], dy = RowEdges[t / Cols] - RowEdges[sr];
                    foreach (var (x, y) in part) points.Add((x + dx, y + dy));
                }
            }
            result.Add(Polygons.MinimumAreaRectangle(points, box.Label));
        }
        return result;
    }

    /// <summary>The output tile showing source tile <paramref name="source"/>.</summary>
    private int Destination(int source)
    {
        for (int t = 0; t < Permutation.Count; t++)
            if (Permutation[t] == source) return t;
        throw new InvalidOperationException($"{Name}: the permutation does not contain tile {source}.");
    }

    /// <summary>The tile holding edge coordinate <paramref name="e"/> (the last tile keeps the far edge).</summary>
    private static int Tile(IReadOnlyList<int> edges, double e)
    {
        int k = 0;
        while (k < edges.Count - 2 && e >= edges[k + 1]) k++;
        return k;
    }

    private void Check(ImageShape input)
    {
        if (Rows < 1 || Cols < 1 || RowEdges[0] != 0 || ColEdges[0] != 0 || RowEdges[^1] != input.Height || ColEdges[^1] != input.Width)
            throw new ArgumentException($"This {Name} operation was drawn for a {(ColEdges.Count > 0 ? ColEdges[^1] : 0)}x{(RowEdges.Count > 0 ? RowEdges[^1] : 0)} image, not {input.Width}x{input.Height}.", nameof(input));
        if (Permutation.Count != Rows * Cols)
            throw new InvalidOperationException($"{Name} needs one permutation entry per tile ({Rows * Cols}).");
    }
}
