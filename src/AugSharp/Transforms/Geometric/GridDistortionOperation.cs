namespace AugSharp;

/// <summary>
/// A grid distortion: along x, cell k covers the output pixels [k·s, (k+1)·s) with s = width /
/// <paramref name="NumSteps"/> (integer division; the last cell, k = num_steps, takes whatever
/// remains), and inside it the source position grows by <paramref name="StepsX"/>[k] per pixel,
/// starting from 0 at the left edge. The same along y with <paramref name="StepsY"/>.
/// </summary>
/// <param name="NumSteps">The number of full cells per side.</param>
/// <param name="StepsX">num_steps + 1 factors along x.</param>
/// <param name="StepsY">num_steps + 1 factors along y.</param>
public sealed record GridDistortionOperation(int NumSteps, IReadOnlyList<double> StepsX, IReadOnlyList<double> StepsY) : DistortionOperation
{
    /// <summary>The number of pixels of cell <paramref name="k"/> along an axis of <paramref name="size"/> pixels.</summary>
    public static int CellLength(int k, int size, int numSteps)
    {
        int step = size / numSteps;
        int start = Math.Min(k * step, size);
        int end = k == numSteps ? size : Math.Min(start + step, size);
        return end - start;
    }

    /// <inheritdoc />
    public override ImageBuffer<float> GetMap(ImageShape input)
    {
        if (StepsX.Count != NumSteps + 1 || StepsY.Count != NumSteps + 1)
            throw new InvalidOperationException($"{Name} needs num_steps + 1 = {NumSteps + 1} factors per axis.");
        var xs = Axis(StepsX, input.Width);
        var ys = Axis(StepsY, input.Height);
        var map = ImageBuffer<float>.CreateUninitialized(input.Width, input.Height, 2);
        for (int y = 0; y < input.Height; y++)
        {
            var row = map.GetRow(y);
            float sy = ys[y];
            for (int x = 0; x < input.Width; x++)
            {
                row[2 * x] = xs[x];
                row[2 * x + 1] = sy;
            }
        }
        return map;
    }

    private float[] Axis(IReadOnlyList<double> steps, int size)
    {
        var values = new float[size];
        double prev = 0;
        int start = 0;
        for (int k = 0; k <= NumSteps; k++)
        {
            int length = CellLength(k, size, NumSteps);
            for (int i = 0; i < length; i++) values[start + i] = (float)(prev + steps[k] * i);
            prev += steps[k] * length;
            start += length;
        }
        return values;
    }
}
