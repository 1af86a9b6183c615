namespace AugSharp;

/// <summary>
/// Removes whole objects of the first mask (Albumentations' MaskDropout; default p = 0.5): the
/// mask's objects are its connected regions (8-connected) of one non-zero value; a number of
/// them is drawn from <see cref="MaxObjects"/> (inclusive, at most the number of objects) and
/// chosen uniformly; their pixels take <see cref="Fill"/> in the image and
/// <see cref="FillMask"/> in the masks. Without a mask, or with an empty one, nothing changes.
/// Boxes and keypoints under the removed objects follow <see cref="DropoutOperation"/>'s rules
/// (float32 images hold 0..1).
/// </summary>
[TransformCategory("dropout")]
public sealed class MaskDropout : Transform<MaskDropoutOperation>
{
    private readonly ValueRange _max = new(1, 1);

    /// <summary>How many objects to remove, [min, max] with min ≥ 1 (a number n means exactly n); default 1.</summary>
    public ValueRange MaxObjects
    {
        get => _max;
        init
        {
            value.Check(nameof(MaxObjects), 1);
            if (value.Min != Math.Floor(value.Min) || value.Max != Math.Floor(value.Max)) throw new ArgumentOutOfRangeException(nameof(MaxObjects), value, "max_objects takes whole numbers.");
            _max = value;
        }
    }

    /// <summary>The image value of removed objects (one for every channel, or one per channel); default 0.</summary>
    public IReadOnlyList<double> Fill { get; init; } = [0.0];

    /// <summary>The mask value of removed objects; default 0.</summary>
    public IReadOnlyList<double> FillMask { get; init; } = [0.0];

    /// <inheritdoc />
    protected override MaskDropoutOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int w = context.Width, h = context.Height;
        if (context.MaskCount == 0) return new MaskDropoutOperation(w, h, [], Fill, FillMask);
        var mask = context.Target.Masks[0];
        var (labels, count) = Label(mask);
        if (count == 0) return new MaskDropoutOperation(w, h, [], Fill, FillMask);
        int drop = Math.Min(count, rng.NextInt((int)MaxObjects.Min, (int)MaxObjects.Max + 1));
        var chosen = new bool[count + 1];
        if (drop == count) Array.Fill(chosen, true);
        else foreach (int i in rng.Permutation(count)[..drop]) chosen[i + 1] = true;
        chosen[0] = false;
        var runs = new List<int>();
        int start = -1;
        for (int i = 0; i <= labels.Length; i++)
        {
            bool on = i < labels.Length && chosen[labels[i]];
            if (on && start < 0) start = i;
            else if (!on && start >= 0)
            {
                runs.Add(start);
                runs.Add(i - start);
                start = -1;
            }
        }
        return new MaskDropoutOperation(mask.Width, mask.Height, runs, Fill, FillMask);
    }

    /// <summary>Labels the 8-connected regions of each non-zero value of channel 0 (values in increasing order, regions in raster order of their first pixel): a label per pixel (0 for background) and the count.</summary>
    internal static (int[] Labels, int Count) Label(ImageBuffer mask) => Label(Values(mask), mask.Width, mask.Height);

    /// <summary>Channel 0 of <paramref name="mask"/>, row by row, as doubles.</summary>
    internal static double[] Values(ImageBuffer mask)
    {
        int w = mask.Width, h = mask.Height;
        var values = new double[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                values[y * w + x] = mask switch
                {
                    ImageBuffer<byte> b => b[y, x, 0],
                    ImageBuffer<ushort> u => u[y, x, 0],
                    _ => mask.As<float>()[y, x, 0],
                };
        return values;
    }

    /// <summary>Labels the 8-connected regions of each non-zero value of <paramref name="values"/> (a <paramref name="w"/> x <paramref name="h"/> grid, row by row).</summary>
    internal static (int[] Labels, int Count) Label(double[] values, int w, int h)
    {
        var labels = new int[w * h];
        int next = 0;
        var stack = new Stack<int>();
        foreach (double value in values.Where(v => v != 0).Distinct().Order())
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] != value || labels[i] != 0) continue;
                labels[i] = ++next;
                stack.Push(i);
                while (stack.Count > 0)
                {
                    int p = stack.Pop(), px = p % w, py = p / w;
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            int qx = px + dx, qy = py + dy;
                            if ((uint)qx >= (uint)w || (uint)qy >= (uint)h) continue;
                            int q = qy * w + qx;
                            if (labels[q] != 0 || values[q] != value) continue;
                            labels[q] = next;
                            stack.Push(q);
                        }
                    }
                }
            }
        }
        return (labels, next);
    }
}

/// <summary>
/// A region of pixels set to a value in the image and the masks, given as runs over the pixels
/// row by row (start index, length, start index, length, ...) of an image of
/// <paramref name="Width"/> x <paramref name="Height"/>.
/// </summary>
/// <param name="Width">The width the region was drawn for.</param>
/// <param name="Height">The height the region was drawn for.</param>
/// <param name="Runs">Pairs of (first pixel index, number of pixels).</param>
/// <param name="Fill">The image value (one for every channel, or one per channel).</param>
/// <param name="FillMask">The mask value (one for every channel, or one per channel).</param>
public sealed record MaskDropoutOperation(int Width, int Height, IReadOnlyList<int> Runs, IReadOnlyList<double> Fill, IReadOnlyList<double> FillMask) : DropoutOperation
{
    private bool[]? Region(int width, int height)
    {
        if (Runs.Count == 0) return null;
        if (width != Width || height != Height)
            throw new InvalidOperationException($"{Name} was drawn for a {Width}x{Height} image, not {width}x{height}.");
        var region = new bool[Width * Height];
        for (int i = 0; i + 1 < Runs.Count; i += 2)
            Array.Fill(region, true, Runs[i], Runs[i + 1]);
        return region;
    }

    /// <inheritdoc />
    protected override bool[]? DroppedRegion(AnnotatedImage input) => Region(input.Image.Width, input.Image.Height);

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => Set(image, Fill);

    /// <inheritdoc />
    protected override ImageBuffer ApplyToMask(ImageBuffer mask) => OnMask(mask, m => Set(m, FillMask), m => Set(m, FillMask), m => Set(m, FillMask));

    private ImageBuffer<T> Set<T>(ImageBuffer<T> image, IReadOnlyList<double> fill) where T : unmanaged
    {
        if (Region(image.Width, image.Height) is not { } region) return image.Clone();
        var values = FillValues<T>(fill, image.Channels, Name);
        int channels = image.Channels, w = image.Width;
        var result = image.Clone();
        for (int y = 0; y < image.Height; y++)
        {
            var row = result.GetRow(y);
            for (int x = 0; x < w; x++)
                if (region[y * w + x])
                    for (int c = 0; c < channels; c++) row[x * channels + c] = values[c];
        }
        return result;
    }
}
