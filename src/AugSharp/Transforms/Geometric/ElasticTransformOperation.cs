namespace AugSharp;

/// <summary>
/// An elastic deformation: output pixel (x, y) reads the source at (x + dx, y + dy). The
/// displacements are given, row by row, on a grid of nodes every <paramref name="Step"/> pixels
/// (node (i, j) at pixel (j·step, i·step); ⌈(w-1)/step⌉ + 1 nodes per row, likewise per column)
/// and interpolated bilinearly between nodes; with step 1 they are per pixel. An empty
/// <paramref name="Dy"/> means dy equals dx.
/// </summary>
/// <param name="Width">The image width the fields were drawn for.</param>
/// <param name="Height">The image height the fields were drawn for.</param>
/// <param name="Step">The grid step in pixels.</param>
/// <param name="Dx">Horizontal displacement per node.</param>
/// <param name="Dy">Vertical displacement per node (empty: the same as <paramref name="Dx"/>).</param>
public sealed record ElasticTransformOperation(int Width, int Height, int Step, IReadOnlyList<float> Dx, IReadOnlyList<float> Dy) : DistortionOperation
{
    /// <summary>The number of grid nodes along an axis of <paramref name="size"/> pixels.</summary>
    public static int GridSize(int size, int step) => size <= 1 ? 1 : (size - 2 + step) / step + 1;

    /// <inheritdoc />
    public override ImageBuffer<float> GetMap(ImageShape input)
    {
        CheckSize(input, Width, Height, Name);
        if (Step < 1) throw new InvalidOperationException($"The {Name} grid step must be at least 1.");
        int gridW = GridSize(Width, Step), gridH = GridSize(Height, Step);
        var dx = Dx as float[] ?? Dx.ToArray();
        var dy = Dy.Count == 0 ? dx : Dy as float[] ?? Dy.ToArray();
        if (dx.Length != gridW * gridH || dy.Length != gridW * gridH)
            throw new InvalidOperationException($"The {Name} fields must hold {gridW * gridH} values each.");
        if (Step > 1 && (gridW < 2 || gridH < 2))
            throw new InvalidOperationException($"A {Name} grid step above 1 needs an image of at least 2x2 pixels.");
        var map = ImageBuffer<float>.CreateUninitialized(Width, Height, 2);
        if (Step == 1)
        {
            for (int y = 0; y < Height; y++)
            {
                var row = map.GetRow(y);
                int offset = y * Width;
                for (int x = 0; x < Width; x++)
                {
                    row[2 * x] = x + dx[offset + x];
                    row[2 * x + 1] = y + dy[offset + x];
                }
            }
            return map;
        }
        var x0 = new int[Width];
        var fx = new double[Width];
        for (int x = 0; x < Width; x++)
        {
            x0[x] = Math.Min(x / Step, gridW - 2);
            fx[x] = (double)(x - x0[x] * Step) / Step;
        }
        for (int y = 0; y < Height; y++)
        {
            var row = map.GetRow(y);
            int i = Math.Min(y / Step, gridH - 2);
            double fy = (double)(y - i * Step) / Step;
            int top = i * gridW, bottom = top + gridW;
            for (int x = 0; x < Width; x++)
            {
                int a = top + x0[x], b = bottom + x0[x];
                double f = fx[x];
                double ddx = (dx[a] * (1 - f) + dx[a + 1] * f) * (1 - fy) + (dx[b] * (1 - f) + dx[b + 1] * f) * fy;
                double ddy = (dy[a] * (1 - f) + dy[a + 1] * f) * (1 - fy) + (dy[b] * (1 - f) + dy[b + 1] * f) * fy;
                row[2 * x] = (float)(x + ddx);
                row[2 * x + 1] = (float)(y + ddy);
            }
        }
        return map;
    }
}
