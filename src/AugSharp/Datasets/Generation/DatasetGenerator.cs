using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AugSharp.Datasets;

/// <summary>Progress of a generation run: reported when the work starts, then once per output written or failed.</summary>
/// <param name="Done">Outputs finished (written, resumed or failed).</param>
/// <param name="Total">Outputs this run (or shard) makes.</param>
/// <param name="Resumed">Outputs a previous run had already finished.</param>
public readonly record struct GenerationProgress(int Done, int Total, int Resumed);

/// <summary>What a generation run did.</summary>
/// <param name="OutputFolder">The output folder (full path).</param>
/// <param name="Completed">True when the run finished (manifest, summary and aggregate files written); false when <see cref="DatasetGeneratorOptions.FailFast"/> stopped it, and it can be resumed.</param>
/// <param name="Planned">Outputs this run (or shard) makes.</param>
/// <param name="Written">Outputs written by this run.</param>
/// <param name="Resumed">Outputs a previous run had finished.</param>
/// <param name="Errors">Inputs and copies that failed, sorted by file.</param>
/// <param name="Counts">The counts of <c>summary.json</c>, or null when the run did not complete.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record GenerationSummary(string OutputFolder, bool Completed, int Planned, int Written, int Resumed, IReadOnlyList<GenerationError> Errors, GenerationCounts? Counts, TimeSpan Elapsed)
{
    /// <summary>True when nothing failed.</summary>
    public bool Succeeded => Completed && Errors.Count == 0;

    /// <summary>Things the user should know that did not stop the run, each said once (16-bit images through an 8-bit step).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Generates an augmented data set on disk from a data set in any registered layout (class
/// folders, a CSV...), written back in the same layout with its annotations, plus
/// <c>manifest.jsonl</c> (one record per output, sorted by output path: source, seed, item key,
/// copy, split and the sampled operations), <c>errors.jsonl</c> and <c>summary.json</c>.
/// </summary>
/// <remarks>
/// <para><b>Deterministic.</b> Copy k of an item is named <c>STEM_aug&lt;k&gt;.EXT</c> and its bytes
/// depend only on the seed, the item's key (its path relative to the input) and k; never on the
/// degree of parallelism, on other items, or on the shard.</para>
/// <para><b>Streaming.</b> Each job is two threads of its own: one takes the next item and
/// carries it through reading, decoding and the pipeline, the other encodes and writes its
/// outputs. Memory holds an item per job and a few outputs however large the data set. Only the
/// item listing (its paths, a few hundred bytes per item) and a 64-bit hash per output grow with
/// it; the manifest is sorted in bounded chunks.</para>
/// <para><b>Resumable.</b> Every file is written under a temporary name and renamed. After each
/// output is in place its record is appended to a journal (<c>.augsharp-run/journal.jsonl</c>,
/// flushed line by line); a run started again with the same settings skips the outputs that are
/// recorded and present, and at the end the journal is sorted (in bounded chunks) into
/// <c>manifest.jsonl</c> and the state folder removed, so a resumed run ends with exactly the
/// files of an uninterrupted one.</para>
/// <para><b>Safe.</b> Bad inputs are reported and skipped; outputs never leave the output folder;
/// a run holds a lock on its output folder, so a second run into it is refused;
/// an output folder inside the input is not read as input; the input is never written.</para>
/// </remarks>
public sealed class DatasetGenerator
{
    private readonly DatasetGeneratorOptions _options;
    private readonly Compose _pipeline;
    private readonly string? _eightBitStep;
    private int _sawSixteenBit;

    /// <summary>A generator with <paramref name="options"/>.</summary>
    public DatasetGenerator(DatasetGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Pipeline, nameof(options.Pipeline));
        if (options.Copies < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Copies, "Copies must be 1 or more.");
        if (options.PerClass is < 1) throw new ArgumentOutOfRangeException(nameof(options), options.PerClass, "The per-class count must be 1 or more.");
        if (options.MaxDegreeOfParallelism < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism, "Parallelism must be 1 or more.");
        if (options.Quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(options), options.Quality, "Quality must be from 1 to 100.");
        if (options.OutputFormat is { } format && format is not (ImageFormat.Jpeg or ImageFormat.Png or ImageFormat.WebP or ImageFormat.Tiff))
            throw new ArgumentOutOfRangeException(nameof(options), format, "The output format must be JPEG, PNG, WebP or TIFF.");
        _options = options;
        _pipeline = options.Pipeline as Compose ?? new Compose([options.Pipeline]);
        _eightBitStep = PipelineInspection.EightBitStep(_pipeline);
    }

    /// <summary>An item of the plan: its split and its number of copies (its output names are made again when needed, to keep the plan small).</summary>
    private sealed record Planned(DatasetItem Item, string? Split, int Copies);

    /// <summary>An item with the outputs still to write.</summary>
    private sealed record Work(DatasetItem Item, string? Split, IReadOnlyList<(int? Copy, string Output)> Outputs);

    private sealed record Loaded(Work Work, byte[] Bytes);

    private sealed record Encoded(GenerationRecord Record, byte[] Image, IReadOnlyList<(string RelativePath, byte[] Content)> Files);

    /// <summary>
    /// An item's decoded input, shared by its outputs until the last of them is encoded (its
    /// outputs may hold its buffers): the item's own loop holds one use, every output one more.
    /// </summary>
    private sealed class SharedInput(AnnotatedImage image)
    {
        private int _uses = 1;

        public AnnotatedImage Image { get; } = image;

        public void Acquire() => Interlocked.Increment(ref _uses);

        public void Release()
        {
            if (Interlocked.Decrement(ref _uses) != 0) return;
            foreach (var buffer in Image.Buffers) buffer.Dispose();
        }
    }

    /// <summary>An output augmented and waiting to be encoded and written; <see cref="Result"/> is null for an original.</summary>
    private sealed record Augmented(Loaded Loaded, SharedInput Input, int? Copy, string Path, GenerationRecord Record, AnnotatedImage? Result, ImageWriteOptions? WriteOptions);

    /// <summary>
    /// Generates the data set of <paramref name="input"/> into <paramref name="outputDirectory"/>.
    /// Bad inputs are in the summary's errors, never thrown.
    /// </summary>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    /// <exception cref="ArgumentException">The layout is unknown or not recognised.</exception>
    /// <exception cref="FormatException">The input cannot be read as its layout at all (a CSV file without a header).</exception>
    /// <exception cref="AugmentOutputConflictException">The output folder is the input's, holds the input, holds other files (without <see cref="DatasetGeneratorOptions.Force"/>), or holds a run with other settings (without <see cref="DatasetGeneratorOptions.Overwrite"/>).</exception>
    /// <exception cref="IOException">The output folder cannot be created or written; nothing was done.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the outputs written so far are kept and the same run resumes after them.</exception>
    public GenerationSummary Run(string input, string outputDirectory, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref _sawSixteenBit, 0);
        string inputFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(input));
        if (!File.Exists(inputFull) && !Directory.Exists(inputFull)) throw new FileNotFoundException($"input not found: {input}", input);
        string outRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        if (File.Exists(outRoot)) throw new IOException($"cannot write to the output folder {outRoot}: it is a file, not a folder");
        var layout = DatasetLayouts.Resolve(_options.Layout, inputFull);

        var outForms = ImageFolder.PathForms(outRoot);
        string inputFolder = Directory.Exists(inputFull) ? inputFull : Path.GetDirectoryName(inputFull)!;
        if (ImageFolder.PathForms(inputFolder).Any(r => outForms.Any(o => string.Equals(r, o, ImageFolder.PathComparison))))
            throw new AugmentOutputConflictException($"the output folder {outRoot} is the input's folder: the outputs would be mixed with the inputs; choose another output folder");
        if (ImageFolder.IsUnder(inputFull, outForms) || ImageFolder.IsUnder(ImageFolder.RealPath(inputFull), outForms))
            throw new AugmentOutputConflictException($"the input {inputFull} is inside the output folder {outRoot}; choose another output folder");

        CheckWritable(outRoot);

        var reader = layout.CreateReader();
        var scan = reader.Scan(inputFull, outRoot);
        var writer = layout.CreateWriter(scan.WriterSettings);
        var settings = Settings(layout, scan, inputFull);
        var errors = new ConcurrentQueue<GenerationError>(scan.Errors);

        // The plan covers every item, so that every shard takes the same decisions.
        var plan = Plan(scan.Items, writer, errors);
        var mine = _options.Shard is { } shard ? plan.Where(p => shard.Contains(p.Item.Key)).ToArray() : plan;
        // Outputs are known by a 64-bit hash of their path: a few bytes each, however many there are.
        var myOutputs = new HashSet<long>(mine.SelectMany(p => OutputsOf(p, writer).Select(o => PathHash(o.Output))));

        string state = Path.Combine(outRoot, GenerationFiles.StateFolder);
        using var runLock = PrepareOutputFolder(outRoot, settings);
        var done = ResumeState(outRoot, state, settings, myOutputs);
        cancellationToken.ThrowIfCancellationRequested();

        int total = myOutputs.Count, resumed = done.Count, finished = resumed, written = 0;
        progress?.Report(new GenerationProgress(finished, total, resumed));
        var work = mine.Select(p => new Work(p.Item, p.Split, OutputsOf(p, writer).Where(o => !done.Contains(PathHash(o.Output))).ToArray()))
            .Where(w => w.Outputs.Count > 0);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? fatal = null;
        bool failedFast = false;
        void Fail(GenerationError error, int outputs)
        {
            errors.Enqueue(error);
            Interlocked.Add(ref finished, outputs);
            progress?.Report(new GenerationProgress(Volatile.Read(ref finished), total, resumed));
            if (_options.FailFast)
            {
                failedFast = true;
                stop.Cancel();
            }
        }

        string journalPath = Path.Combine(state, GenerationFiles.JournalFile);
        using (var journal = OpenJournal(journalPath))
        {
            var token = stop.Token;
            using var next = work.GetEnumerator();
            var nextLock = new Lock();
            int jobs = _options.MaxDegreeOfParallelism;
            // Augmented outputs wait here for encoding and writing: a few per job, so memory stays bounded.
            using var augmented = new BlockingCollection<Augmented>(jobs);
            var journalLock = new Lock();

            void Guard(Action body)
            {
                try
                {
                    body();
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref fatal, e, null);
                    stop.Cancel();
                }
            }

            // Per job, two dedicated threads: one takes the next item and carries it through
            // reading, decoding and the pipeline; the other encodes the outputs and writes them
            // (temporary file, flush to disk, rename, journal line). The codec works in libvips'
            // threads and the file is flushed to disk while the first thread goes on with the next
            // image, so a core is not left idle while a thread waits for either.
            void Augmenter() => Guard(() =>
            {
                while (!token.IsCancellationRequested)
                {
                    Work p;
                    lock (nextLock)
                    {
                        if (!next.MoveNext()) return;
                        p = next.Current;
                    }
                    byte[] bytes;
                    try
                    {
                        bytes = File.ReadAllBytes(p.Item.SourcePath);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        Fail(new GenerationError(p.Item.SourcePath, e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : ErrorText.OneLine(e)), p.Outputs.Count);
                        continue;
                    }
                    Augment(new Loaded(p, bytes), reader, a => augmented.Add(a, token), Fail, token);
                }
            });

            void EncoderWriter() => Guard(() =>
            {
                foreach (var a in augmented.GetConsumingEnumerable(token))
                {
                    Encoded e;
                    try
                    {
                        e = Encode(a, writer);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Fail(OutputError(a.Loaded.Work.Item, a.Copy, a.Path, ex), 1);
                        continue;
                    }
                    Write(outRoot, e, token);
                    lock (journalLock)
                    {
                        journal.Write(e.Record.ToJsonLine());
                        journal.Write('\n');
                        journal.Flush();
                        written++;
                    }
                    progress?.Report(new GenerationProgress(Interlocked.Increment(ref finished), total, resumed));
                }
            });

            var augmenters = Enumerable.Range(0, jobs).Select(i => new Thread(Augmenter) { IsBackground = true, Name = $"augsharp augment {i + 1}" }).ToArray();
            var encoders = Enumerable.Range(0, jobs).Select(i => new Thread(EncoderWriter) { IsBackground = true, Name = $"augsharp encode {i + 1}" }).ToArray();
            foreach (var thread in encoders) thread.Start();
            foreach (var thread in augmenters) thread.Start();
            foreach (var thread in augmenters) thread.Join();
            augmented.CompleteAdding();
            foreach (var thread in encoders) thread.Join();
            // Outputs left in the queue by a stop: their buffers go back.
            while (augmented.TryTake(out var left)) Release(left);
        }

        if (fatal is not null) throw fatal is AggregateException a && a.InnerExceptions.Count == 1 ? a.InnerExceptions[0] : fatal;
        cancellationToken.ThrowIfCancellationRequested();
        var sortedErrors = errors.Distinct().Order(GenerationError.Order).ToArray();
        if (failedFast)
            return new GenerationSummary(outRoot, false, total, written, resumed, sortedErrors, null, clock.Elapsed) { Warnings = Warnings() };

        // Compaction: the journal, sorted, becomes the manifest; then the files made from it.
        var records = File.Exists(journalPath)
            ? ManifestLines.ReadRecords(journalPath).Where(l => myOutputs.Contains(PathHash(GenerationRecord.OutputOf(l)!)))
            : [];
        ManifestLines.SortInto(records, Path.Combine(outRoot, GenerationFiles.Manifest), state);
        var counts = GenerationFiles.Finish(outRoot, settings, writer, sortedErrors, new RunFacts(clock.Elapsed.TotalSeconds, written, resumed, _options.MaxDegreeOfParallelism));
        runLock.Dispose();
        Directory.Delete(state, recursive: true);
        return new GenerationSummary(outRoot, true, total, written, resumed, sortedErrors, counts, clock.Elapsed) { Warnings = Warnings() };
    }

    private IReadOnlyList<string> Warnings() => Volatile.Read(ref _sawSixteenBit) != 0
        ? [$"16-bit images went through {_eightBitStep}, which works in 8 bits: their outputs keep 16-bit files but only 8-bit precision"]
        : [];

    private void Augment(Loaded loaded, DatasetReader reader, Action<Augmented> output, Action<GenerationError, int> fail, CancellationToken token)
    {
        var item = loaded.Work.Item;
        SharedInput input;
        ImageWriteOptions? writeOptions = _options.Quality is { } q ? new ImageWriteOptions { Quality = q } : null;
        try
        {
            if (writeOptions is null && _options.OutputFormat is null && ImageCodec.FormatFromExtension(item.SourcePath) == ImageFormat.WebP)
            {
                using var probe = new MemoryStream(loaded.Bytes, writable: false);
                writeOptions = ImageWriteOptions.Preserving(ImageCodec.Identify(probe, item.SourcePath));
            }
            input = new SharedInput(reader.Load(item, loaded.Bytes, _options.ReadOptions));
            if (input.Image.Image.PixelType == PixelType.UInt16 && _eightBitStep is not null) Volatile.Write(ref _sawSixteenBit, 1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            fail(new GenerationError(item.SourcePath, ErrorText.OneLine(e)), loaded.Work.Outputs.Count);
            return;
        }
        try
        {
            long itemKey = RandomStream.ItemKey(item.Key);
            foreach (var (copy, path) in loaded.Work.Outputs)
            {
                token.ThrowIfCancellationRequested();
                var record = new GenerationRecord(path, item.Key, item.Label, loaded.Work.Split, copy, _options.Seed, itemKey, null);
                AnnotatedImage? result = null;
                if (copy is { } k)
                {
                    try
                    {
                        var (image, operations) = (_options.Augmenter ?? _pipeline).Run(input.Image, RandomStream.For(_options.Seed, itemKey, k));
                        result = image;
                        record = record with { Recipe = OperationJson.Serialize(operations) };
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        result?.DisposeExcept(input.Image);
                        fail(OutputError(item, k, path, e), 1);
                        continue;
                    }
                }
                input.Acquire();
                var next = new Augmented(loaded, input, copy, path, record, result, writeOptions);
                try
                {
                    output(next);
                }
                catch
                {
                    Release(next);
                    throw;
                }
            }
        }
        finally
        {
            input.Release();
        }
    }

    /// <summary>The error of one output that failed (a copy, or the original when <paramref name="copy"/> is null).</summary>
    private static GenerationError OutputError(DatasetItem item, int? copy, string path, Exception e)
        => new(item.SourcePath, copy is { } k ? $"copy {k} ({path}): {ErrorText.OneLine(e)}" : $"original ({path}): {ErrorText.OneLine(e)}");

    /// <summary>Gives back an output's buffers and its use of the input.</summary>
    private static void Release(Augmented a)
    {
        a.Result?.DisposeExcept(a.Input.Image);
        a.Input.Release();
    }

    /// <summary>Encodes an augmented output (or an original) with its annotation files; its buffers go back either way.</summary>
    private static Encoded Encode(Augmented a, DatasetWriter writer)
    {
        try
        {
            var item = a.Loaded.Work.Item;
            var format = ImageCodec.FormatFromExtension(a.Path);
            if (a.Result is not { } result)
            {
                bool sameFormat = string.Equals(Path.GetExtension(a.Path), Path.GetExtension(item.SourcePath), StringComparison.OrdinalIgnoreCase);
                byte[] bytes = sameFormat ? a.Loaded.Bytes : EncodeToBytes(a.Input.Image.Image, format, a.WriteOptions);
                return Annotated(a.Record, item, a.Input.Image, bytes, writer);
            }
            return Annotated(a.Record, item, result, EncodeToBytes(result.Image, format, a.WriteOptions), writer);
        }
        finally
        {
            Release(a);
        }
    }

    /// <summary>The record with the layout's annotation, and the annotation files to write beside the image.</summary>
    private static Encoded Annotated(GenerationRecord record, DatasetItem item, AnnotatedImage output, byte[] bytes, DatasetWriter writer)
    {
        record = record with { Annotation = writer.Annotate(item, output) };
        var files = writer.ItemFiles(item, output, record);
        foreach (var (relative, _) in files)
        {
            if (DatasetLayouts.SafeRelativePath(relative, out string reason) is null) throw new InvalidOperationException($"the annotation file {relative} is refused: {reason}");
            if (IsReserved(relative)) throw new InvalidOperationException($"the annotation file {relative} would replace a file of the run");
        }
        if (files.Count > 0) record = record with { Files = files.Select(f => f.RelativePath).ToArray() };
        return new Encoded(record, bytes, files);
    }

    /// <summary>Encodes an output as the generator writes it.</summary>
    internal static byte[] EncodeToBytes(ImageBuffer image, ImageFormat format, ImageWriteOptions? writeOptions)
    {
        // JPEG has no alpha: images with alpha (or grey with alpha) are composited over white first.
        if (format == ImageFormat.Jpeg && image.Channels is 2 or 4)
        {
            using var bytes = PixelConversion.ToBytes(image);
            using var flat = PixelConversion.ToRgb(bytes);
            return ImageCodec.WriteToArray(flat, format, writeOptions);
        }
        return ImageCodec.WriteToArray(image, format, writeOptions);
    }

    private static void Write(string outRoot, Encoded e, CancellationToken token)
    {
        foreach (var (relative, content) in e.Files)
            AtomicFile.Write(Path.Combine(outRoot, relative), s => s.Write(content), CreateNew, Replace, token);
        AtomicFile.Write(Path.Combine(outRoot, e.Record.Output), s => s.Write(e.Image), CreateNew, Replace, token);
    }

    private static Stream CreateNew(string path) => AugmentFileSystem.Real.CreateNewFile(path);

    private static void Replace(string source, string destination) => AugmentFileSystem.Real.Replace(source, destination);

    /// <summary>The plan of every item, in key order; an item whose output would collide with another's (or leave the output folder) is reported and dropped.</summary>
    private Planned[] Plan(IReadOnlyList<DatasetItem> items, DatasetWriter writer, ConcurrentQueue<GenerationError> errors)
    {
        var copies = CopiesPerItem(items);
        var taken = new HashSet<long>();
        var plan = new List<Planned>(items.Count);
        foreach (var item in items)
        {
            var planned = new Planned(item, DatasetSplit.Choose(_options.Splits, item.Key), copies[item.Key]);
            var outputs = OutputsOf(planned, writer);
            string? problem = null;
            foreach (var (_, output) in outputs)
            {
                if (DatasetLayouts.SafeRelativePath(output, out string reason) is null) problem = reason;
                else if (IsReserved(output)) problem = $"the output {output} would replace a file of the run";
                else if (taken.Contains(PathHash(output))) problem = $"the output {output} would also be written for another input: keep the inputs' format or rename one of them";
                if (problem is not null) break;
            }
            if (problem is not null)
            {
                errors.Enqueue(new GenerationError(item.SourcePath, problem));
                continue;
            }
            foreach (var (_, output) in outputs) taken.Add(PathHash(output));
            if (outputs.Count > 0) plan.Add(planned);
        }
        return plan.ToArray();
    }

    /// <summary>The outputs of an item: its original first (with <see cref="DatasetGeneratorOptions.IncludeOriginals"/>), then its copies, under its split's folder.</summary>
    private List<(int? Copy, string Output)> OutputsOf(Planned planned, DatasetWriter writer)
    {
        string prefix = planned.Split is null ? "" : planned.Split + "/";
        string extension = OutputExtension(planned.Item.Key, _options.OutputFormat);
        var outputs = new List<(int?, string)>(planned.Copies + 1);
        if (_options.IncludeOriginals) outputs.Add((null, prefix + writer.ImagePath(planned.Item, null, extension)));
        for (int k = 0; k < planned.Copies; k++) outputs.Add((k, prefix + writer.ImagePath(planned.Item, k, extension)));
        return outputs;
    }

    /// <summary>
    /// The extension of an output image: the format's (.jpg, .png, .webp, .tif), or the input's own
    /// for null (GIF inputs are written as PNG).
    /// </summary>
    public static string OutputExtension(string inputPath, ImageFormat? format)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        string ext = format switch
        {
            ImageFormat.Jpeg => ".jpg",
            ImageFormat.Png => ".png",
            ImageFormat.WebP => ".webp",
            ImageFormat.Tiff => ".tif",
            null => Path.GetExtension(inputPath),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "The output format must be JPEG, PNG, WebP or TIFF."),
        };
        return ext.Equals(".gif", StringComparison.OrdinalIgnoreCase) ? ".png" : ext;
    }

    private static bool IsReserved(string output)
        => output is GenerationFiles.Manifest or GenerationFiles.Summary or GenerationFiles.Errors || output.StartsWith(GenerationFiles.StateFolder + "/", StringComparison.Ordinal);

    private static long PathHash(string path)
        => (long)RandomStream.Mix((ulong)RandomStream.ItemKey(path) ^ (ulong)path.Length);

    private Dictionary<string, int> CopiesPerItem(IReadOnlyList<DatasetItem> items)
    {
        var result = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        if (_options.PerClass is not { } target)
        {
            foreach (var item in items) result[item.Key] = _options.Copies;
            return result;
        }
        foreach (var group in items.GroupBy(i => i.Label ?? "", StringComparer.Ordinal))
        {
            var members = group.OrderBy(i => RandomStream.Mix(_options.Seed ^ (ulong)RandomStream.ItemKey(i.Key)))
                .ThenBy(i => i.Key, StringComparer.Ordinal).ToArray();
            int extra = Math.Max(0, target - (_options.IncludeOriginals ? members.Length : 0));
            int each = extra / members.Length, remainder = extra % members.Length;
            for (int i = 0; i < members.Length; i++) result[members[i].Key] = each + (i < remainder ? 1 : 0);
        }
        return result;
    }

    private JsonObject Settings(DatasetLayout layout, DatasetScan scan, string inputFull)
    {
        JsonNode pipeline;
        try
        {
            pipeline = JsonNode.Parse(PipelineFile.ToJson(_pipeline))!;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            pipeline = Describe(_options.Pipeline);
        }
        var settings = new JsonObject
        {
            ["layout"] = layout.Name,
            ["layout_settings"] = scan.WriterSettings.DeepClone(),
            ["input"] = inputFull,
            ["image_root"] = scan.ImageRoot,
            ["seed"] = _options.Seed,
            ["pipeline"] = pipeline,
            ["copies"] = _options.PerClass is null ? _options.Copies : null,
            ["per_class"] = _options.PerClass,
            ["format"] = _options.OutputFormat?.ToString().ToLowerInvariant() ?? "same",
            ["quality"] = _options.Quality,
            ["include_originals"] = _options.IncludeOriginals,
            ["split"] = _options.Splits.Count == 0 ? null : SplitObject(_options.Splits),
        };
        if (_options.Augmenter is { } augmenter) settings["augmenter"] = augmenter.ToString();
        if (_options.Shard is { } shard) settings["shard"] = shard.ToString();
        return settings;
    }

    /// <summary>
    /// A transform the pipeline files cannot write (the Keras generator: a pipeline file writes its
    /// configuration instead) as its type and its public settings, so that a run with other
    /// settings is recognised as another run.
    /// </summary>
    private static JsonObject Describe(ITransform transform)
    {
        var properties = new JsonObject();
        foreach (var property in transform.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead) continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!(type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type.IsValueType && type.Namespace?.StartsWith("AugSharp", StringComparison.Ordinal) == true)) continue;
            object? value = property.GetValue(transform);
            properties[property.Name] = value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
        }
        return new JsonObject { ["type"] = transform.GetType().FullName, ["settings"] = properties };
    }

    private static JsonObject SplitObject(IReadOnlyList<DatasetSplit> splits)
    {
        var o = new JsonObject();
        foreach (var s in splits) o[s.Name] = s.Fraction;
        return o;
    }

    /// <summary>
    /// Checks the output folder against the settings, takes the run's lock (so that two runs never
    /// write into one folder at the same time), clears it with <see cref="DatasetGeneratorOptions.Overwrite"/>,
    /// and removes the temporary files a killed run left.
    /// </summary>
    /// <returns>The lock, held until the run ends.</returns>
    private FileStream PrepareOutputFolder(string outRoot, JsonObject settings)
    {
        var previous = Directory.Exists(outRoot) ? GenerationFiles.ReadSettings(outRoot) : null;
        bool holdsOther = Directory.Exists(outRoot) && previous is null && HoldsFiles(outRoot);
        if (_options.Overwrite)
        {
            if (holdsOther && !_options.Force)
                throw new AugmentOutputConflictException($"the output folder {outRoot} holds files that are not a generated data set: --overwrite would delete them; add --force to allow it, or choose another folder");
        }
        else if (previous is not null)
        {
            if (!JsonNode.DeepEquals(previous, settings))
                throw new AugmentOutputConflictException($"the output folder {outRoot} holds a data set generated with other settings ({Difference(previous, settings)}); use --overwrite to start over, or choose another folder");
        }
        else if (holdsOther && !_options.Force)
        {
            throw new AugmentOutputConflictException($"the output folder {outRoot} is not empty and holds no generated data set; choose an empty folder, or add --force to write into it");
        }

        CheckWritable(outRoot);
        string state = Path.Combine(outRoot, GenerationFiles.StateFolder);
        Directory.CreateDirectory(state);
        FileStream runLock;
        try
        {
            runLock = new FileStream(Path.Combine(state, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"another run is writing into {outRoot}: wait for it to finish, or choose another folder", e);
        }
        try
        {
            if (_options.Overwrite) ClearFolder(outRoot);
            var stale = new List<string>();
            ImageFolder.Walk(outRoot, AugmentFileSystem.Real, [], (_, full) => { if (AtomicFile.IsTemporary(full)) stale.Add(full); }, []);
            foreach (string file in stale) TryDelete(file);
            return runLock;
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    private const string LockFile = "lock";

    /// <summary>Creates the output folder and writes a file in it (removed at once): one clear error before any work when it cannot be written.</summary>
    private static void CheckWritable(string outRoot)
    {
        try
        {
            Directory.CreateDirectory(outRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IOException($"cannot create the output folder {outRoot}: {(e is UnauthorizedAccessException ? "access is denied" : ErrorText.OneLine(e).TrimEnd('.'))}", e);
        }
        string probe = AtomicFile.TemporaryPath(Path.Combine(outRoot, "write-test"));
        try
        {
            using (AugmentFileSystem.Real.CreateNewFile(probe)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write to the output folder {outRoot}: {(e is UnauthorizedAccessException ? "access is denied" : ErrorText.OneLine(e).TrimEnd('.'))}", e);
        }
        finally
        {
            TryDelete(probe);
        }
    }

    /// <summary>The outputs a previous run finished (recorded and present); starts the journal of this run.</summary>
    private static HashSet<long> ResumeState(string outRoot, string state, JsonObject settings, HashSet<long> myOutputs)
    {
        Directory.CreateDirectory(state);
        string journal = Path.Combine(state, GenerationFiles.JournalFile);
        string settingsFile = Path.Combine(state, GenerationFiles.SettingsFile);
        string manifest = Path.Combine(outRoot, GenerationFiles.Manifest);
        if (!File.Exists(settingsFile))
        {
            // A finished run started again: its manifest becomes the journal.
            if (File.Exists(manifest) && !File.Exists(journal)) ManifestLines.WriteLines(journal, ManifestLines.ReadRecords(manifest));
            AtomicFile.Write(settingsFile, s => s.Write(Encoding.UTF8.GetBytes(GenerationFiles.Text(settings) + "\n")));
        }
        var done = new HashSet<long>();
        if (!File.Exists(journal)) return done;
        foreach (string line in ManifestLines.ReadRecords(journal))
        {
            var record = GenerationRecord.Parse(line);
            if (!myOutputs.Contains(PathHash(record.Output))) continue;
            if (File.Exists(Path.Combine(outRoot, record.Output)) && record.Files.All(f => File.Exists(Path.Combine(outRoot, f)))) done.Add(PathHash(record.Output));
        }
        return done;
    }

    private static StreamWriter OpenJournal(string path)
    {
        bool needsNewline = false;
        if (File.Exists(path) && new FileInfo(path).Length > 0)
        {
            using var read = new FileStream(path, FileMode.Open, FileAccess.Read);
            read.Seek(-1, SeekOrigin.End);
            needsNewline = read.ReadByte() != '\n';
        }
        var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        if (needsNewline)
        {
            writer.Write('\n');
            writer.Flush();
        }
        return writer;
    }

    /// <summary>True when the folder holds something besides temporary files and a state folder without settings (a run killed as it started).</summary>
    private static bool HoldsFiles(string folder)
        => Directory.EnumerateFileSystemEntries(folder).Any(e => !AtomicFile.IsTemporary(e) && Path.GetFileName(e) != GenerationFiles.StateFolder);

    /// <summary>Deletes everything in the output folder but the run's lock.</summary>
    private static void ClearFolder(string folder)
    {
        string state = Path.Combine(folder, GenerationFiles.StateFolder);
        foreach (string dir in Directory.EnumerateDirectories(folder))
            if (dir != state) Directory.Delete(dir, recursive: true);
        foreach (string file in Directory.EnumerateFiles(folder)) File.Delete(file);
        foreach (string dir in Directory.EnumerateDirectories(state)) Directory.Delete(dir, recursive: true);
        foreach (string file in Directory.EnumerateFiles(state))
            if (Path.GetFileName(file) != LockFile) File.Delete(file);
    }

    /// <summary>The first setting that differs, as <c>key.sub: OLD then, NEW now</c>.</summary>
    private static string Difference(JsonNode? previous, JsonNode? current, string path = "")
    {
        if (previous is JsonObject p && current is JsonObject c)
        {
            foreach (string key in c.Select(kv => kv.Key).Union(p.Select(kv => kv.Key)))
                if (!JsonNode.DeepEquals(p[key], c[key])) return Difference(p[key], c[key], path.Length == 0 ? key : path + "." + key);
        }
        return $"{(path.Length == 0 ? "settings" : path)}: {Short(previous)} then, {Short(current)} now";

        static string Short(JsonNode? node)
        {
            string text = node?.ToJsonString() ?? "none";
            return text.Length > 60 ? text[..57] + "..." : text;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
