namespace AugSharp;

/// <summary>
/// Cuts the image into a grid of rows x cols tiles and shuffles them (Albumentations'
/// RandomGridShuffle; default p = 0.5). Tile sizes differ by at most one pixel per axis (which
/// rows and columns get the extra pixel is drawn); only tiles of the same size trade places, so
/// the image keeps its size. Masks, boxes and keypoints move with their tiles: a keypoint moves
/// exactly with its tile, and a box spanning several tiles becomes the box enclosing its moved
/// parts.
/// </summary>
[TransformCategory("geometric")]
public sealed class RandomGridShuffle : Transform<RandomGridShuffleOperation>
{
    /// <summary>The grid as (rows, cols), each at least 1.</summary>
    public IReadOnlyList<int> Grid { get; init; } = [3, 3];

    /// <inheritdoc />
    protected override RandomGridShuffleOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (Grid.Count != 2 || Grid[0] < 1 || Grid[1] < 1)
            throw new ArgumentOutOfRangeException(nameof(Grid), "grid must be (rows, cols), each at least 1.");
        int rows = Grid[0], cols = Grid[1];
        var rowEdges = Splits(context.Height, rows, rng);
        var colEdges = Splits(context.Width, cols, rng);
        var permutation = new int[rows * cols];
        for (int t = 0; t < permutation.Length; t++) permutation[t] = t;
        // Tiles of one size form a group; each group is shuffled on its own, in the order the groups first appear.
        var groups = new List<(int H, int W, List<int> Tiles)>();
        for (int t = 0; t < permutation.Length; t++)
        {
            int h = rowEdges[t / cols + 1] - rowEdges[t / cols], w = colEdges[t % cols + 1] - colEdges[t % cols];
            int g = groups.FindIndex(x => x.H == h && x.W == w);
            if (g < 0) groups.Add((h, w, [t]));
            else groups[g].Tiles.Add(t);
        }
        foreach (var (_, _, tiles) in groups)
        {
            var shuffled = tiles.ToArray();
            Shuffle(shuffled, rng);
            for (int i = 0; i < tiles.Count; i++) permutation[tiles[i]] = shuffled[i];
        }
        return new RandomGridShuffleOperation(rowEdges, colEdges, permutation);
    }

    private static int[] Splits(int size, int parts, RandomStream rng)
    {
        var lengths = new int[parts];
        for (int i = 0; i < parts; i++) lengths[i] = size / parts + (i < size % parts ? 1 : 0);
        Shuffle(lengths, rng);
        var edges = new int[parts + 1];
        for (int i = 0; i < parts; i++) edges[i + 1] = edges[i] + lengths[i];
        return edges;
    }

    private static void Shuffle(int[] values, RandomStream rng)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
