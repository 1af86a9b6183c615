using System.Collections.Concurrent;
using AugSharp.Datasets;

namespace AugSharp;

/// <summary>Settings of an <see cref="EnhanceRunner"/> run.</summary>
public sealed record EnhanceOptions
{
    /// <summary>Images processed at the same time (each step also uses the cores itself).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The output format (JPEG, PNG, WebP or TIFF), or null to keep each input's (GIF as PNG).</summary>
    public ImageFormat? OutputFormat { get; init; }

    /// <summary>Encoder settings (JPEG and WebP quality); null for the defaults.</summary>
    public ImageWriteOptions? WriteOptions { get; init; }

    /// <summary>Decoder settings; null for the defaults.</summary>
    public ImageReadOptions? ReadOptions { get; init; }
}

/// <summary>
/// Enhances an image, or every image in a folder (recursively, subfolders kept, names kept), with a
/// chain of <see cref="EnhanceStep"/>s applied in order. Images are processed in parallel; each
/// output is written to a temporary file and renamed into place (<see cref="AtomicFile"/>); a file
/// that cannot be read, enhanced or written is reported in the summary and skipped, and the run
/// goes on. Inputs are never replaced: an output that is an input is refused before anything is
/// written, and an output folder inside the input folder is not read as input.
/// </summary>
public sealed class EnhanceRunner
{
    private readonly IReadOnlyList<EnhanceStep> _steps;
    private readonly EnhanceOptions _options;

    /// <summary>Creates a runner for <paramref name="steps"/> (in order).</summary>
    public EnhanceRunner(IReadOnlyList<EnhanceStep> steps, EnhanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _options = options ?? new EnhanceOptions();
        if (_options.MaxDegreeOfParallelism < 1) throw new ArgumentOutOfRangeException(nameof(options), _options.MaxDegreeOfParallelism, "Parallelism must be 1 or more.");
        if (_options.OutputFormat is { } format && format is not (ImageFormat.Jpeg or ImageFormat.Png or ImageFormat.WebP or ImageFormat.Tiff))
            throw new ArgumentOutOfRangeException(nameof(options), format, "The output format must be JPEG, PNG, WebP or TIFF.");
        _steps = steps.ToArray();
    }

    /// <summary>
    /// Enhances <paramref name="input"/> into <paramref name="output"/>. For an input file, the
    /// output is a file when it has an image extension, otherwise a folder receiving the input's
    /// name; for an input folder, the output is a folder (created if needed). Per-file failures are
    /// in the summary, never thrown.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="input"/>.</exception>
    /// <exception cref="AugmentOutputConflictException">An output would replace an input.</exception>
    /// <exception cref="IOException">The output folder cannot be created.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled; the files written so far are complete.</exception>
    public AugmentSummary Run(string input, string output, IProgress<AugmentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        bool single = File.Exists(input);
        if (!single && !Directory.Exists(input)) throw new FileNotFoundException($"input not found: {input}", input);
        var jobs = new List<(string Source, string Destination)>();
        var listingErrors = new List<AugmentFileError>();
        string outFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        if (single)
        {
            string source = Path.GetFullPath(input);
            string destination = ImageFolder.IsImageFile(outFull) && !Directory.Exists(outFull)
                ? outFull
                : Path.Combine(outFull, OutputName(Path.GetFileName(source)));
            jobs.Add((source, destination));
        }
        else
        {
            string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(input));
            if (ImageFolder.PathForms(root).Any(r => ImageFolder.PathForms(outFull).Any(o => string.Equals(r, o, ImageFolder.PathComparison))))
                throw new AugmentOutputConflictException($"the output folder {outFull} is the input folder: the enhanced images would replace the inputs; choose another output folder");
            if (File.Exists(outFull)) throw new IOException($"cannot write to the output folder {outFull}: it is a file, not a folder");
            var listing = ImageFolder.List(root, outFull);
            listingErrors.AddRange(listing.Errors);
            foreach (string relative in listing.Files) jobs.Add((Path.Combine(root, relative), Path.Combine(outFull, OutputName(relative))));
        }
        CheckNoOutputReplacesAFile(jobs);
        if (jobs.Count == 0) return new AugmentSummary(0, 0, [], listingErrors) { FoldersSkipped = listingErrors.Count };
        foreach (string folder in jobs.Select(j => Path.GetDirectoryName(j.Destination)!).Distinct())
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new IOException($"cannot create the output folder {folder}: {e.Message}", e);
            }
        }

        progress?.Report(new AugmentProgress(0, jobs.Count, single ? jobs[0].Source : Path.GetFullPath(input)));
        var outputs = new ConcurrentBag<string>();
        var errors = new ConcurrentDictionary<int, AugmentFileError>();
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, jobs.Count, parallel, j =>
            {
                var (source, destination) = jobs[j];
                try
                {
                    EnhanceOne(source, destination);
                    outputs.Add(destination);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    errors[j] = new AugmentFileError(source, OneLine(e));
                }
                progress?.Report(new AugmentProgress(Interlocked.Increment(ref done), jobs.Count, source));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OperationCanceledException))
        {
            throw new OperationCanceledException("The run was cancelled.", e, cancellationToken);
        }
        var sorted = outputs.ToList();
        sorted.Sort(StringComparer.Ordinal);
        return new AugmentSummary(jobs.Count, jobs.Count - errors.Count, sorted, [.. listingErrors, .. errors.OrderBy(e => e.Key).Select(e => e.Value)])
        {
            CopiesFailed = errors.Count,
            FoldersSkipped = listingErrors.Count,
        };
    }

    /// <summary>Enhances one file into <paramref name="destination"/> (written atomically).</summary>
    public void EnhanceOne(string source, string destination)
    {
        using var image = ImageCodec.Read(source, _options.ReadOptions);
        using var result = Enhance.Apply(image, _steps);
        var format = ImageCodec.FormatFromExtension(destination);
        if (format == ImageFormat.Jpeg && result.Channels is 2 or 4)
        {
            using var bytes = PixelConversion.ToBytes(result);
            using var flat = PixelConversion.ToRgb(bytes);
            ImageCodec.Write(flat, destination, _options.WriteOptions);
        }
        else
        {
            ImageCodec.Write(result, destination, _options.WriteOptions);
        }
    }

    private string OutputName(string relative)
    {
        string ext = _options.OutputFormat switch
        {
            ImageFormat.Jpeg => ".jpg",
            ImageFormat.Png => ".png",
            ImageFormat.WebP => ".webp",
            ImageFormat.Tiff => ".tif",
            _ => Path.GetExtension(relative),
        };
        if (ext.Equals(".gif", StringComparison.OrdinalIgnoreCase)) ext = ".png";
        return Path.ChangeExtension(relative, ext);
    }

    private static void CheckNoOutputReplacesAFile(List<(string Source, string Destination)> jobs)
    {
        var comparer = ImageFolder.PathComparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var inputs = new HashSet<string>(jobs.Select(j => Path.GetFullPath(j.Source)), comparer);
        var outputOf = new Dictionary<string, string>(comparer);
        foreach (var (source, destination) in jobs)
        {
            string full = Path.GetFullPath(destination);
            if (inputs.Contains(full))
                throw new AugmentOutputConflictException($"{full} is an input: enhancing {source} would replace it; choose another output");
            if (!outputOf.TryAdd(full, source))
                throw new AugmentOutputConflictException($"{full} would be written twice, from {outputOf[full]} and from {source}; keep the format of the inputs or rename one of them");
        }
    }

    private static string OneLine(Exception e)
    {
        string message = e is ImageFormatException ife && ife.FileName is not null && e.Message.StartsWith(ife.FileName, StringComparison.Ordinal)
            ? e.Message[(ife.FileName.Length + 1)..].Trim()
            : e.Message;
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline >= 0 ? message[..newline] : message;
    }
}
