using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        var tables = Kernels.KernelCommon.KeptPlan(ref _mapTables, (Width, Step), static t => t.Key, static k => new MapTables(k.Width, k.Step));
        var (x0, fx) = (tables.X0, tables.Fx);
        // The node rows interpolated along x are shared by the Step pixel rows between two node rows.
        var (hxTop, hxBottom, hyTop, hyBottom) = (tables.XTop, tables.XBottom, tables.YTop, tables.YBottom);
        int cached = -1;
        for (int y = 0; y < Height; y++)
        {
            var row = map.GetRow(y);
            int i = Math.Min(y / Step, gridH - 2);
            double fy = (double)(y - i * Step) / Step;
            if (i != cached)
            {
                if (i == cached + 1 && cached >= 0)
                {
                    (hxTop, hxBottom) = (hxBottom, hxTop);
                    (hyTop, hyBottom) = (hyBottom, hyTop);
                }
                else
                {
                    AlongX(dx, i * gridW, x0, fx, hxTop);
                    AlongX(dy, i * gridW, x0, fx, hyTop);
                }
                AlongX(dx, (i + 1) * gridW, x0, fx, hxBottom);
                AlongX(dy, (i + 1) * gridW, x0, fx, hyBottom);
                cached = i;
            }
            MapRow(hxTop, hxBottom, hyTop, hyBottom, fy, y, row);
        }
        return map;
    }

    /// <summary>The column tables and node-row buffers of one image width and grid step (scratch, kept per thread).</summary>
    private sealed class MapTables
    {
        public MapTables(int width, int step)
        {
            Key = (width, step);
            int gridW = GridSize(width, step);
            X0 = new int[width];
            Fx = new double[width];
            for (int x = 0; x < width; x++)
            {
                X0[x] = Math.Min(x / step, gridW - 2);
                Fx[x] = (double)(x - X0[x] * step) / step;
            }
            XTop = new double[width];
            XBottom = new double[width];
            YTop = new double[width];
            YBottom = new double[width];
        }

        public (int Width, int Step) Key { get; }
        public int[] X0 { get; }
        public double[] Fx { get; }
        public double[] XTop { get; }
        public double[] XBottom { get; }
        public double[] YTop { get; }
        public double[] YBottom { get; }
    }

    [ThreadStatic]
    private static MapTables?[]? _mapTables;

    /// <summary>Lets tests reach the scalar code on any machine.</summary>
    internal static bool UseVectors = true;

    /// <summary>
    /// One row of the map from the node rows above and below (already interpolated along x):
    /// ddx = top·(1 - fy) + bottom·fy, likewise ddy; row[2x] = (float)(x + ddx), row[2x + 1] =
    /// (float)(y + ddy). Four pixels at a time with AVX, in the scalar code's operation order.
    /// </summary>
    private static unsafe void MapRow(double[] xTop, double[] xBottom, double[] yTop, double[] yBottom, double fy, int y, Span<float> row)
    {
        int x = 0, width = xTop.Length;
        double gy = 1 - fy;
        if (row.Length < 2 * width || xBottom.Length < width || yTop.Length < width || yBottom.Length < width)
            throw new ArgumentException("The node rows and the map row disagree in length.");
        if (UseVectors && Avx.IsSupported)
        {
            var vx = Vector256.Create(0.0, 1, 2, 3);
            var vy = Vector256.Create((double)y);
            var vg = Vector256.Create(gy);
            var vf = Vector256.Create(fy);
            var four = Vector256.Create(4.0);
            fixed (double* xt = xTop, xb = xBottom, yt = yTop, yb = yBottom)
            fixed (float* r = row)
            {
                for (; x + 4 <= width; x += 4, vx += four)
                {
                    var ddx = Avx.LoadVector256(xt + x) * vg + Avx.LoadVector256(xb + x) * vf;
                    var ddy = Avx.LoadVector256(yt + x) * vg + Avx.LoadVector256(yb + x) * vf;
                    var fx = Avx.ConvertToVector128Single(vx + ddx);
                    var fyv = Avx.ConvertToVector128Single(vy + ddy);
                    Sse.Store(r + 2 * x, Sse.UnpackLow(fx, fyv));
                    Sse.Store(r + 2 * x + 4, Sse.UnpackHigh(fx, fyv));
                }
            }
        }
        for (; x < width; x++)
        {
            double ddx = xTop[x] * gy + xBottom[x] * fy;
            double ddy = yTop[x] * gy + yBottom[x] * fy;
            row[2 * x] = (float)(x + ddx);
            row[2 * x + 1] = (float)(y + ddy);
        }
    }

    /// <summary>
    /// One node row interpolated at every pixel column: field[a]·(1 - f) + field[a + 1]·f. Scalar:
    /// with AVX2 gathers of the two nodes the map took 2.2 ms a 640x427 image instead of 1.3.
    /// </summary>
    private static void AlongX(float[] field, int start, int[] x0, double[] fx, double[] result)
    {
        var nodes = field.AsSpan(start);
        for (int x = 0; x < result.Length; x++)
        {
            int a = x0[x];
            double f = fx[x];
            result[x] = nodes[a] * (1 - f) + nodes[a + 1] * f;
        }
    }
}
