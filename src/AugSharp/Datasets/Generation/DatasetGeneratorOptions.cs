using System.Globalization;

namespace AugSharp.Datasets;

/// <summary>Settings of a <see cref="DatasetGenerator"/>.</summary>
public sealed record DatasetGeneratorOptions
{
    /// <summary>The transform applied to every copy: a pipeline, a single transform or the Keras generator.</summary>
    public required ITransform Pipeline { get; init; }

    /// <summary>
    /// What runs <see cref="Pipeline"/> on each copy, or null for the pipeline itself: for example a
    /// <see cref="Cleaning.CleanFilter"/> that draws a copy again while it fails the clean-up checks.
    /// Its <see cref="object.ToString"/> is part of the run's settings (a resumed run must use the same).
    /// </summary>
    public IAugmenter? Augmenter { get; init; }

    /// <summary>The layout's name (<c>folders</c>, <c>csv</c>... see <see cref="DatasetLayouts"/>), or null (auto) to recognise it from the input.</summary>
    public string? Layout { get; init; }

    /// <summary>Augmented copies per input image (when <see cref="PerClass"/> is null). Default 1.</summary>
    public int Copies { get; init; } = 1;

    /// <summary>
    /// When set, each class is topped up to this many output images: the copies are spread
    /// evenly over the class's images, the remainder going to images chosen by a hash of
    /// their keys and the seed (originals count when <see cref="IncludeOriginals"/> is set).
    /// </summary>
    public int? PerClass { get; init; }

    /// <summary>Seed: copy k of an item uses <c>RandomStream.For(Seed, RandomStream.ItemKey(key), k)</c>. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Images decoded, augmented and encoded at the same time; the files do not depend on it. Default: the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Format of the outputs (JPEG, PNG, WebP or TIFF), or null for each input's own (GIF as PNG).</summary>
    public ImageFormat? OutputFormat { get; init; }

    /// <summary>JPEG and WebP quality (1 to 100), or null for the encoder's default (lossless WebP inputs then stay lossless).</summary>
    public int? Quality { get; init; }

    /// <summary>Also write each input image itself (copied byte for byte when its format is kept).</summary>
    public bool IncludeOriginals { get; init; }

    /// <summary>Subsets (train, val, test...) with their fractions; empty for none. Each item goes, with all its copies, to the subset its key's hash falls in.</summary>
    public IReadOnlyList<DatasetSplit> Splits { get; init; } = [];

    /// <summary>The shard of the items this run makes, or null for all.</summary>
    public DatasetShard? Shard { get; init; }

    /// <summary>Start over: delete what a previous run left in the output folder.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Write into an output folder that holds other files (they are left alone).</summary>
    public bool Force { get; init; }

    /// <summary>Stop at the first input that fails (the run can be resumed).</summary>
    public bool FailFast { get; init; }

    /// <summary>Decoder options, or null for the defaults.</summary>
    public ImageReadOptions? ReadOptions { get; init; }
}

/// <summary>A subset of a generated data set and the fraction of the items it receives.</summary>
/// <param name="Name">The subset's name, which is also its folder (train, val, test...).</param>
/// <param name="Fraction">Its share of the items, above 0.</param>
public readonly record struct DatasetSplit(string Name, double Fraction)
{
    /// <summary>Reads <c>train=0.8,val=0.2</c>; the fractions are normalised to sum to 1.</summary>
    /// <exception cref="FormatException">A part is not NAME=FRACTION, a name is repeated or cannot name a folder, or a fraction is not above 0.</exception>
    public static IReadOnlyList<DatasetSplit> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<DatasetSplit>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new FormatException($"'{part}' is not NAME=FRACTION (for example train=0.8,val=0.2)");
            string name = part[..eq].Trim();
            if (DatasetLayouts.LabelProblem(name) is { } problem) throw new FormatException($"the split name '{name}' cannot name a folder: {problem}");
            if (!double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double f) || !(f > 0) || double.IsInfinity(f))
                throw new FormatException($"the fraction of '{name}' must be a number above 0, got '{part[(eq + 1)..]}'");
            if (result.Any(s => s.Name == name)) throw new FormatException($"the split '{name}' is named twice");
            result.Add(new DatasetSplit(name, f));
        }
        if (result.Count == 0) throw new FormatException("no split given (for example train=0.8,val=0.2)");
        double total = result.Sum(s => s.Fraction);
        return result.Select(s => s with { Fraction = s.Fraction / total }).ToArray();
    }

    /// <summary>The subset of the item with key <paramref name="itemKey"/>: a hash of the key alone (not the seed), so a validation set stays the same across seeds.</summary>
    public static string? Choose(IReadOnlyList<DatasetSplit> splits, string itemKey)
    {
        ArgumentNullException.ThrowIfNull(splits);
        if (splits.Count == 0) return null;
        double u = (RandomStream.Mix((ulong)RandomStream.ItemKey(itemKey) ^ 0x5EED5B117UL) >> 11) * (1.0 / (1UL << 53));
        double cumulative = 0;
        foreach (var s in splits)
        {
            cumulative += s.Fraction;
            if (u < cumulative) return s.Name;
        }
        return splits[^1].Name;
    }
}

/// <summary>One of <see cref="Count"/> deterministic shards of the items: shard <see cref="Index"/> (0-based) makes the items whose key hash falls in it.</summary>
/// <param name="Index">The shard, from 0 to <paramref name="Count"/> - 1.</param>
/// <param name="Count">The number of shards.</param>
public readonly record struct DatasetShard(int Index, int Count)
{
    /// <summary>The name of the environment variable that gives the shard count to <c>--shard auto</c> on Kubernetes (an Indexed Job gives only the index).</summary>
    public const string CountVariable = "AUGSHARP_SHARD_COUNT";

    /// <summary>True when the item with key <paramref name="itemKey"/> belongs to this shard.</summary>
    public bool Contains(string itemKey)
        => (int)(RandomStream.Mix((ulong)RandomStream.ItemKey(itemKey) ^ 0x5A4D0C0FFEEUL) % (ulong)Count) == Index;

    /// <summary>Reads <c>I/N</c> (I from 0 to N - 1).</summary>
    /// <exception cref="FormatException">Not I/N with 0 &lt;= I &lt; N.</exception>
    public static DatasetShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new FormatException($"a shard is I/N (for example 0/4), got '{text}'");
        return Create(i, n);
    }

    /// <summary>
    /// The shard of a cluster job, from its environment: a Kubernetes Indexed Job's
    /// <c>JOB_COMPLETION_INDEX</c> with the count given or in <see cref="CountVariable"/>, or a
    /// Slurm job array's <c>SLURM_ARRAY_TASK_ID</c> (less <c>SLURM_ARRAY_TASK_MIN</c>) and
    /// <c>SLURM_ARRAY_TASK_COUNT</c>.
    /// </summary>
    /// <param name="environment">Reads a variable (null when unset).</param>
    /// <param name="count">The shard count when given on the command line (<c>auto/N</c>), or null.</param>
    /// <exception cref="FormatException">No cluster variables are set, or their values do not make a shard.</exception>
    public static DatasetShard FromEnvironment(Func<string, string?> environment, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int? Number(string name)
        {
            string? v = environment(name);
            if (string.IsNullOrWhiteSpace(v)) return null;
            return int.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw new FormatException($"{name} must be a whole number, got '{v}'");
        }
        if (Number("JOB_COMPLETION_INDEX") is { } index)
        {
            int n = count ?? Number(CountVariable) ?? throw new FormatException($"JOB_COMPLETION_INDEX is {index} but the shard count is unknown: give --shard auto/N or set {CountVariable} (the Job's completions)");
            return Create(index, n);
        }
        if (Number("SLURM_ARRAY_TASK_ID") is { } task)
        {
            int min = Number("SLURM_ARRAY_TASK_MIN") ?? 0;
            int n = count ?? Number("SLURM_ARRAY_TASK_COUNT") ?? throw new FormatException("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: give --shard auto/N");
            return Create(task - min, n);
        }
        throw new FormatException("--shard auto needs JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm job array) in the environment");
    }

    private static DatasetShard Create(int index, int count)
    {
        if (count < 1) throw new FormatException($"the shard count must be 1 or more, got {count}");
        if (index < 0 || index >= count) throw new FormatException($"the shard index must be from 0 to {count - 1}, got {index}");
        return new DatasetShard(index, count);
    }

    /// <summary><c>I/N</c>.</summary>
    public override string ToString() => $"{Index.ToString(CultureInfo.InvariantCulture)}/{Count.ToString(CultureInfo.InvariantCulture)}";
}
