using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Replaces some superpixels by their mean colour (Albumentations' Superpixels; default p = 0.5).
/// The image (taken to float in 0..1) is shrunk, when its longer side exceeds
/// <see cref="MaxSize"/>, to <c>int(h·s)</c> x <c>int(w·s)</c> with <c>s = max_size / longer side</c>,
/// and segmented into about n superpixels (n drawn from <see cref="NSegments"/>) by SLIC with
/// compactness 10, written here after scikit-image's <c>slic</c> (Lab features for 3 channels,
/// ten rounds, connected segments). Each segment, in label order, is replaced by its mean with
/// probability p (drawn from <see cref="PReplace"/>; n flags drawn, reused in turn when SLIC
/// makes more segments); the result is enlarged back with <see cref="Interpolation"/>, so that
/// shrinking softens the kept pixels too, as in Albumentations. When no flag is set the image is
/// returned as it is. Every pixel type and channel count; integer results are rounded.
/// </summary>
[TransformCategory("quality")]
public sealed class Superpixels : Transform<SuperpixelsOperation>
{
    private readonly IReadOnlyList<double> _pReplace = [0.0, 0.1];
    private readonly IReadOnlyList<int> _nSegments = [100, 100];
    private readonly int? _maxSize = 128;

    /// <summary>The probability [min, max] within [0, 1] that a segment is replaced (one number P means [0, P]). Default [0, 0.1].</summary>
    public IReadOnlyList<double> PReplace
    {
        get => _pReplace;
        init
        {
            QualityPixels.Range(value, 0, 0, 1, "p_replace");
            _pReplace = value;
        }
    }

    /// <summary>The target number of segments [min, max], at least 1 (one number N means [1, N]). Default [100, 100].</summary>
    public IReadOnlyList<int> NSegments
    {
        get => _nSegments;
        init
        {
            QualityPixels.Range(value, 1, 1, int.MaxValue, "n_segments");
            _nSegments = value;
        }
    }

    /// <summary>The longest side at which the segmentation runs (larger images are shrunk first), at least 1; null never shrinks. Default 128.</summary>
    public int? MaxSize
    {
        get => _maxSize;
        init => _maxSize = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxSize), value, "max_size must be at least 1, or null.");
    }

    /// <summary>The interpolation of the shrinking and enlarging resizes. Default linear.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <inheritdoc />
    protected override SuperpixelsOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var (nmin, nmax) = QualityPixels.Range(NSegments, 1, 1, int.MaxValue, "n_segments");
        int n = nmin == nmax ? nmin : rng.NextInt(nmin, nmax + 1);
        var (pmin, pmax) = QualityPixels.Range(PReplace, 0, 0, 1, "p_replace");
        double p = pmin == pmax ? pmin : rng.Uniform(pmin, pmax);
        return new SuperpixelsOperation { NSegments = n, PReplace = p, Seed = rng.NextUInt64(), MaxSize = MaxSize, Interpolation = Interpolation };
    }
}

/// <summary>
/// SLIC with about <see cref="NSegments"/> segments; each is replaced by its mean when its flag is
/// set, the flags being <see cref="NSegments"/> draws below <see cref="PReplace"/> regenerated from <see cref="Seed"/>.
/// </summary>
public sealed record SuperpixelsOperation : Operation
{
    /// <summary>The target number of segments (and of replacement flags).</summary>
    public int NSegments { get; init; } = 100;

    /// <summary>The probability that a segment is replaced.</summary>
    public double PReplace { get; init; }

    /// <summary>The seed of the replacement flags.</summary>
    public ulong Seed { get; init; }

    /// <summary>The longest side at which the segmentation runs, or null.</summary>
    public int? MaxSize { get; init; } = 128;

    /// <summary>The interpolation of the resizes.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>The replacement flags: segment i (in label order) is replaced when flag i mod n is set.</summary>
    public bool[] Flags()
    {
        var rng = new RandomStream(Seed);
        var flags = new bool[Math.Max(1, NSegments)];
        for (int i = 0; i < flags.Length; i++) flags[i] = rng.NextDouble() < PReplace;
        return flags;
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        var flags = Flags();
        if (!flags.Contains(true)) return image;
        int w = image.Width, h = image.Height, cn = image.Channels;
        using var unit = QualityPixels.ToUnit(image);
        var small = unit;
        int longest = Math.Max(w, h);
        if (MaxSize is int max && longest > max)
        {
            double scale = (double)max / longest;
            small = ImageBuffer<float>.CreateUninitialized(Math.Max(1, (int)(w * scale)), Math.Max(1, (int)(h * scale)), cn);
            ResizeKernel.Apply(unit, small, Interpolation);
        }
        var labels = Slic.Segment(small, NSegments);
        int sw = small.Width, sh = small.Height;
        int labelCount = labels.Max();
        var sums = new double[(labelCount + 1) * cn];
        var counts = new int[labelCount + 1];
        for (int y = 0; y < sh; y++)
        {
            var row = small.GetRow(y);
            for (int x = 0; x < sw; x++)
            {
                int l = labels[y * sw + x];
                counts[l]++;
                for (int c = 0; c < cn; c++) sums[l * cn + c] += row[x * cn + c];
            }
        }
        // Labels present, in increasing order, index the flags (as Albumentations walks np.unique's labels).
        var replace = new bool[labelCount + 1];
        for (int l = 1, index = 0; l <= labelCount; l++)
        {
            if (counts[l] == 0) continue;
            replace[l] = flags[index % flags.Length];
            index++;
        }
        var result = ReferenceEquals(small, unit) ? unit.Clone() : small;
        for (int y = 0; y < sh; y++)
        {
            var row = result.GetRow(y);
            for (int x = 0; x < sw; x++)
            {
                int l = labels[y * sw + x];
                if (!replace[l]) continue;
                for (int c = 0; c < cn; c++) row[x * cn + c] = (float)(sums[l * cn + c] / counts[l]);
            }
        }
        if (sw != w || sh != h)
        {
            var full = ImageBuffer<float>.CreateUninitialized(w, h, cn);
            ResizeKernel.Apply(result, full, Interpolation);
            result.Dispose();
            result = full;
        }
        var output = QualityPixels.FromUnit<T>(result);
        result.Dispose();
        return output;
    }
}
