using System.Diagnostics;
using AugSharp.Keras;

namespace AugSharp.Benchmarking;

/// <summary>How a benchmark runs.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Images processed at the same time (Parallel.For over the image list); 1 runs on the calling thread.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Timed runs; the median is reported.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>
    /// Shortest timed run: a run goes over the whole image list again until this long has passed
    /// (so that a run of a few small images is not a few microseconds of timer noise).
    /// </summary>
    public TimeSpan MinRunTime { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Untimed warm-up before the runs (at least one pass over the images), long enough for the
    /// JIT to replace the first compiled code with optimised code.
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Quality of the JPEG encode of the end-to-end row.</summary>
    public int JpegQuality { get; init; } = 90;
}

/// <summary>The speed of one row.</summary>
/// <param name="Transform">The row's name.</param>
/// <param name="ImagesPerSecond">Median over the runs of images processed per second (all threads together).</param>
/// <param name="MedianMilliseconds">Median time of one image on one thread, over every image of every run.</param>
/// <param name="Images">Images in the set.</param>
/// <param name="Threads">Images processed at the same time.</param>
public sealed record BenchmarkResult(string Transform, double ImagesPerSecond, double MedianMilliseconds, int Images, int Threads)
{
    /// <summary>
    /// Managed bytes allocated per image during the timed runs, the benchmark's own bookkeeping
    /// included (with one thread, that thread's allocations; with more, the whole process's), or
    /// null when not measured (a peer's report). Buffers rented from the
    /// array pool and returned do not count once the pool holds them.
    /// </summary>
    public double? AllocatedBytesPerImage { get; init; }
}

/// <summary>
/// The per-transform benchmark: each row of <see cref="BenchmarkSet"/> with its fixed parameters on
/// images decoded into memory first (decoding is not timed), the operations built once before
/// timing, a warm-up, then the median of several timed runs over all images.
/// </summary>
public static class TransformBenchmark
{
    /// <summary>Images as the benchmark uses them: 8-bit RGB (gray repeated, alpha over white, 16-bit scaled to 8).</summary>
    public static ImageBuffer<byte> AsRgb8(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var bytes = PixelConversion.ToBytes(image);
        if (bytes.Channels == 3) return bytes;
        using (bytes) return PixelConversion.ToRgb(bytes);
    }

    /// <summary>Times <paramref name="rows"/> on <paramref name="images"/> (8-bit RGB; not disposed).</summary>
    public static IReadOnlyList<BenchmarkResult> Run(IReadOnlyList<ImageBuffer<byte>> images, IEnumerable<BenchmarkRow> rows, BenchmarkOptions? options = null, Action<BenchmarkResult>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(rows);
        options ??= new BenchmarkOptions();
        Validate(images.Count, options);
        var results = new List<BenchmarkResult>();
        foreach (var row in rows)
        {
            using var work = BenchmarkCase.Create(row, images);
            var result = Time(work.Name, images.Count, work.Run, options, cancellation);
            results.Add(result);
            progress?.Invoke(result);
        }
        return results;
    }

    /// <summary>
    /// The end-to-end row: decode each encoded file (held in memory), the KerasPipeline row's
    /// generator on float32, and a JPEG encode at <see cref="BenchmarkOptions.JpegQuality"/>.
    /// </summary>
    public static BenchmarkResult RunEndToEnd(IReadOnlyList<byte[]> encodedFiles, BenchmarkOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(encodedFiles);
        options ??= new BenchmarkOptions();
        Validate(encodedFiles.Count, options);
        var generator = BenchmarkCase.BuildGenerator(BenchmarkSet.Find("KerasPipeline")!);
        var write = new ImageWriteOptions { Quality = options.JpegQuality };
        void One(int index)
        {
            using var decoded = ImageCodec.Decode(encodedFiles[index]);
            using var rgb = AsRgb8(decoded);
            using var input = rgb.ConvertTo<float>();
            using var output = generator.ApplyTransform(input, generator.Sample(RandomStream.For(0, index), input.Shape));
            using var bytes = output.ConvertTo<byte>();
            ImageCodec.WriteToArray(bytes, ImageFormat.Jpeg, write);
        }
        return Time(BenchmarkSet.EndToEnd, encodedFiles.Count, One, options, cancellation);
    }

    private static void Validate(int count, BenchmarkOptions options)
    {
        if (count == 0) throw new ArgumentException("The benchmark needs at least one image.");
        if (options.Threads < 1) throw new ArgumentOutOfRangeException(nameof(options), "Threads must be 1 or more.");
        if (options.Runs < 1) throw new ArgumentOutOfRangeException(nameof(options), "Runs must be 1 or more.");
    }

    private static BenchmarkResult Time(string name, int count, Action<int> apply, BenchmarkOptions options, CancellationToken cancellation)
    {
        var perImage = new List<double>[options.Threads];
        for (int t = 0; t < perImage.Length; t++) perImage[t] = [];

        // With several threads a pass goes round the images until every thread has had 16 of them,
        // so that the end of a pass (the threads waiting for the slowest image) is a small part of it.
        int perPass = options.Threads == 1 ? count : Math.Max(count, 16 * options.Threads);

        // Warm-up: at least one pass, and long enough for the JIT to reach its optimised code.
        var warm = Stopwatch.StartNew();
        do
        {
            Pass(count, perPass, apply, options.Threads, null, cancellation);
        }
        while (warm.Elapsed < options.WarmUp);

        var rates = new double[options.Runs];
        // One thread: that thread's own count (nothing else in the process adds to it); more: the process's.
        long Allocated() => options.Threads == 1 ? GC.GetAllocatedBytesForCurrentThread() : GC.GetTotalAllocatedBytes(precise: true);
        long allocatedBefore = Allocated(), timedImages = 0;
        for (int run = 0; run < options.Runs; run++)
        {
            long images = 0;
            var clock = Stopwatch.StartNew();
            do
            {
                Pass(count, perPass, apply, options.Threads, perImage, cancellation);
                images += perPass;
            }
            while (clock.Elapsed < options.MinRunTime);
            rates[run] = images / clock.Elapsed.TotalSeconds;
            timedImages += images;
        }
        long allocated = Allocated() - allocatedBefore;
        double[] times = perImage.SelectMany(l => l).ToArray();
        return new BenchmarkResult(name, Median(rates), Median(times), count, options.Threads) { AllocatedBytesPerImage = (double)allocated / timedImages };
    }

    private static void Pass(int count, int items, Action<int> apply, int threads, List<double>[]? perImage, CancellationToken cancellation)
    {
        if (threads == 1)
        {
            for (int i = 0; i < count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                long start = Stopwatch.GetTimestamp();
                apply(i);
                perImage?[0].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            return;
        }
        // Each worker keeps its own list of times (the slot of the worker that takes an index is
        // claimed with an interlocked counter, so no list is shared between threads).
        int slot = -1;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        Parallel.For(0, items, parallel, () => Interlocked.Increment(ref slot) % threads, (i, _, mine) =>
        {
            long start = Stopwatch.GetTimestamp();
            apply(i % count);
            if (perImage is not null)
            {
                lock (perImage[mine]) perImage[mine].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            return mine;
        }, _ => { });
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
