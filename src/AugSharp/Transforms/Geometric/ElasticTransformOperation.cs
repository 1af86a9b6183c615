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
        var x0 = new int[Width];
        var fx = new double[Width];
        for (int x = 0; x < Width; x++)
        {
            x0[x] = Math.Min(x / Step, gridW - 2);
            fx[x] = (double)(x - x0[x] * Step) / Step;
        }
        // The node rows interpolated along x are shared by the Step pixel rows between two node rows.
        var hxTop = new double[Width];
        var hxBottom = new double[Width];
        var hyTop = new double[Width];
        var hyBottom = new double[Width];
        var ddx = new double[Width];
        var ddy = new double[Width];
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
            AlongY(hxTop, hxBottom, fy, ddx);
            AlongY(hyTop, hyBottom, fy, ddy);
            Interleave(ddx, ddy, y, row);
        }
        return map;
    }

    /// <summary>row[2x] = (float)(x + ddx[x]), row[2x + 1] = (float)(y + ddy[x]); four pixels at a time with AVX.</summary>
    private static void Interleave(double[] ddx, double[] ddy, int y, Span<float> row)
    {
        int x = 0, width = ddx.Length;
        if (Avx.IsSupported)
        {
            var vx = Vector256.Create(0.0, 1, 2, 3);
            var vy = Vector256.Create((double)y);
            var four = Vector256.Create(4.0);
            ref float r0 = ref MemoryMarshal.GetReference(row);
            for (; x + 4 <= width; x += 4, vx += four)
            {
                var fx = Avx.ConvertToVector128Single(vx + Vector256.Create<double>(ddx.AsSpan(x, 4)));
                var fy = Avx.ConvertToVector128Single(vy + Vector256.Create<double>(ddy.AsSpan(x, 4)));
                Sse.UnpackLow(fx, fy).StoreUnsafe(ref r0, (nuint)(2 * x));
                Sse.UnpackHigh(fx, fy).StoreUnsafe(ref r0, (nuint)(2 * x + 4));
            }
        }
        for (; x < width; x++)
        {
            row[2 * x] = (float)(x + ddx[x]);
            row[2 * x + 1] = (float)(y + ddy[x]);
        }
    }

    /// <summary>One node row interpolated at every pixel column: field[a]·(1 - f) + field[a + 1]·f.</summary>
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

    /// <summary>top·(1 - fy) + bottom·fy per column.</summary>
    private static void AlongY(double[] top, double[] bottom, double fy, double[] result)
    {
        double gy = 1 - fy;
        int x = 0, n = Vector256<double>.Count;
        if (Vector256.IsHardwareAccelerated)
        {
            var vg = Vector256.Create(gy);
            var vf = Vector256.Create(fy);
            for (; x + n <= result.Length; x += n)
                (Vector256.Create<double>(top.AsSpan(x, n)) * vg + Vector256.Create<double>(bottom.AsSpan(x, n)) * vf).CopyTo(result.AsSpan(x, n));
        }
        for (; x < result.Length; x++) result[x] = top[x] * gy + bottom[x] * fy;
    }
}
