using System.Collections.Concurrent;
using AugSharp.Keras;

namespace AugSharp.Datasets;

/// <summary>Settings of an <see cref="AugmentRunner"/>.</summary>
public sealed record AugmentOptions
{
    /// <summary>Augmented copies written per input image. Default 1.</summary>
    public int Copies { get; init; } = 1;

    /// <summary>
    /// Seed: copy k of a file uses <c>RandomStream.For(Seed, RandomStream.ItemKey(path), k)</c>,
    /// the path being the file's relative to the input folder (its name for a single file), so
    /// adding or removing other files never changes its copies. Default 0.
    /// </summary>
    public ulong Seed { get; init; }

    /// <summary>Files processed at the same time; the output does not depend on it. Default: the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Encoder options (JPEG and WebP quality...), or null for the defaults. With null and the
    /// input's own format, a lossless WebP input is written lossless: a lossless file is never
    /// written back lossy unless asked.
    /// </summary>
    public ImageWriteOptions? WriteOptions { get; init; }

    /// <summary>Decoder options (pixel limit, truncated files, warnings), or null for the defaults.</summary>
    public ImageReadOptions? ReadOptions { get; init; }

    /// <summary>
    /// Format of the copies: <see cref="ImageFormat.Jpeg"/>, <see cref="ImageFormat.Png"/> or
    /// <see cref="ImageFormat.WebP"/>, or null (the default) for the input's own format (GIF inputs
    /// are written as PNG). JPEG has no alpha: images with alpha are composited over white first.
    /// </summary>
    public ImageFormat? OutputFormat { get; init; }
}

/// <summary>A file or folder that could not be augmented or listed.</summary>
/// <param name="Path">The input file (or folder).</param>
/// <param name="Message">Why, in one line.</param>
/// <param name="Copy">The copy that could not be written, or null when the whole input failed (it could not be read).</param>
public sealed record AugmentFileError(string Path, string Message, int? Copy = null);

/// <summary>Progress of a run: reported once when the work starts (<see cref="FilesDone"/> 0), then once per finished input file.</summary>
/// <param name="FilesDone">Input files finished (written or failed).</param>
/// <param name="FilesTotal">Input files found.</param>
/// <param name="File">The file just finished (the input folder or file at the start).</param>
public readonly record struct AugmentProgress(int FilesDone, int FilesTotal, string File);

/// <summary>What a run did; it matches what is on disk, copy by copy.</summary>
/// <param name="FilesFound">Input images found.</param>
/// <param name="FilesAugmented">Input images whose copies were all written.</param>
/// <param name="Outputs">Files written (every one complete), sorted.</param>
/// <param name="Errors">Inputs that could not be read, copies that could not be written and folders that could not be listed, in input order.</param>
public sealed record AugmentSummary(int FilesFound, int FilesAugmented, IReadOnlyList<string> Outputs, IReadOnlyList<AugmentFileError> Errors)
{
    /// <summary>True when nothing failed.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Copies that were not written: every copy of an input that could not be read, and each copy whose writing failed.</summary>
    public int CopiesFailed { get; init; }

    /// <summary>Folders that could not be listed (skipped; each is also in <see cref="Errors"/>).</summary>
    public int FoldersSkipped { get; init; }

    /// <summary>Things the user should know that did not stop the run, each said once (for example 16-bit images through an 8-bit step).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>An output file of a run would replace one of its inputs (or another output): nothing was written.</summary>
public sealed class AugmentOutputConflictException : ArgumentException
{
    /// <summary>Creates the exception with a one-line message naming the file.</summary>
    public AugmentOutputConflictException(string message) : base(message)
    {
    }
}

/// <summary>
/// Writes augmented copies of an image or of every image in a folder (recursively, keeping the
/// subfolders, such as class folders). Copy k of <c>dogs/rex.jpg</c> is written as
/// <c>dogs/rex_aug&lt;k&gt;.jpg</c> (GIF inputs as PNG). Results depend only on the seed, never on
/// thread timing.
/// </summary>
/// <remarks>
/// <para>Inputs are never modified: an output folder equal to the input folder, or an output file
/// that would replace an input, is refused with <see cref="AugmentOutputConflictException"/>
/// before anything is written, and an output folder inside the input folder is left out of the
/// input listing.</para>
/// <para>Each copy is encoded into a temporary file <c>.NAME.augsharp-tmp-HEX</c> next to its
/// destination and renamed into place, so that only complete files ever carry an output name;
/// a run deletes the temporary files a killed run left in its output folder before it starts.
/// A file that cannot be read, a copy that cannot be written and a folder that cannot be listed
/// are recorded in the summary and skipped; the run goes on.</para>
/// </remarks>
public sealed class AugmentRunner
{
    private readonly Compose _pipeline;
    private readonly string? _eightBitStep;
    private int _warnedEightBit;
    private readonly AugmentOptions _options;
    private readonly AugmentFileSystem _fileSystem;

    /// <summary>Creates a runner for <paramref name="transform"/>: a pipeline, a single transform or the Keras generator.</summary>
    public AugmentRunner(ITransform transform, AugmentOptions? options = null)
        : this(transform, options, AugmentFileSystem.Real)
    {
    }

    internal AugmentRunner(ITransform transform, AugmentOptions? options, AugmentFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(transform);
        options ??= new AugmentOptions();
        if (options.Copies < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Copies, "Copies must be 1 or more.");
        if (options.MaxDegreeOfParallelism < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism, "Parallelism must be 1 or more.");
        if (options.OutputFormat is { } format && format is not (ImageFormat.Jpeg or ImageFormat.Png or ImageFormat.WebP or ImageFormat.Tiff))
            throw new ArgumentOutOfRangeException(nameof(options), format, "The output format must be JPEG, PNG, WebP or TIFF.");
        _pipeline = transform as Compose ?? new Compose([transform]);
        _eightBitStep = PipelineInspection.EightBitStep(_pipeline);
        _options = options;
        _fileSystem = fileSystem;
    }

    /// <summary>True when <paramref name="path"/> has an image file extension AugSharp reads.</summary>
    public static bool IsImageFile(string path) => ImageFolder.IsImageFile(path);

    /// <summary>
    /// The input images of <paramref name="input"/>: the file itself, or the image files under the
    /// folder (recursively, see <see cref="ImageFolder"/>), as paths relative to the folder sorted
    /// ordinally; <paramref name="outputDirectory"/>, when given, is left out.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="input"/>.</exception>
    public static IReadOnlyList<string> FindInputs(string input, string? outputDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (File.Exists(input)) return [Path.GetFileName(input)];
        if (!Directory.Exists(input)) throw new FileNotFoundException($"input not found: {input}", input);
        return ImageFolder.List(input, outputDirectory).Files;
    }

    /// <summary>The output path, relative to the output folder, of copy <paramref name="copy"/> of the input <paramref name="relativePath"/>.</summary>
    /// <param name="relativePath">The input, relative to the input folder.</param>
    /// <param name="copy">The copy number.</param>
    /// <param name="format">The output format (JPEG, PNG, WebP or TIFF), or null for the input's own (GIF as PNG).</param>
    public static string OutputName(string relativePath, int copy, ImageFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        string ext = format switch
        {
            ImageFormat.Jpeg => ".jpg",
            ImageFormat.Png => ".png",
            ImageFormat.WebP => ".webp",
            ImageFormat.Tiff => ".tif",
            null => Path.GetExtension(relativePath),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "The output format must be JPEG, PNG, WebP or TIFF."),
        };
        if (ext.Equals(".gif", StringComparison.OrdinalIgnoreCase)) ext = ".png";
        string dir = Path.GetDirectoryName(relativePath) ?? "";
        string name = $"{Path.GetFileNameWithoutExtension(relativePath)}_aug{copy}{ext}";
        return dir.Length == 0 ? name : Path.Combine(dir, name).Replace('\\', '/');
    }

    /// <summary>
    /// Augments <paramref name="input"/> (an image or a folder) into <paramref name="outputDirectory"/>
    /// (created if needed). Per-file failures are returned in the summary, never thrown. When there
    /// are no images, nothing is created and the summary is empty.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="input"/>.</exception>
    /// <exception cref="AugmentOutputConflictException">The output folder is the input folder, or an output file would replace an input.</exception>
    /// <exception cref="IOException">The output folder cannot be created or written (the message names it and says why); nothing was augmented.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the files finished so far are complete, the one being written is removed.</exception>
    public AugmentSummary Run(string input, string outputDirectory, IProgress<AugmentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        bool single = File.Exists(input);
        if (!single && !Directory.Exists(input)) throw new FileNotFoundException($"input not found: {input}", input);
        string root = single ? Path.GetDirectoryName(Path.GetFullPath(input))! : Path.TrimEndingDirectorySeparator(Path.GetFullPath(input));
        string outRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        var outForms = ImageFolder.PathForms(outRoot);

        if (!single && ImageFolder.PathForms(root).Any(r => outForms.Any(o => string.Equals(r, o, ImageFolder.PathComparison))))
            throw new AugmentOutputConflictException($"the output folder {outRoot} is the input folder: the copies would be mixed with the inputs; choose another output folder");
        if (File.Exists(outRoot))
            throw new IOException($"cannot write to the output folder {outRoot}: it is a file, not a folder");

        IReadOnlyList<string> inputs;
        var listingErrors = new List<AugmentFileError>();
        if (single)
        {
            inputs = [Path.GetFileName(input)];
        }
        else
        {
            var listing = ImageFolder.List(root, outRoot, _fileSystem);
            inputs = listing.Files;
            listingErrors.AddRange(listing.Errors);
        }
        if (inputs.Count == 0) return new AugmentSummary(0, 0, [], listingErrors) { FoldersSkipped = listingErrors.Count };
        CheckNoOutputReplacesAFile(root, inputs, outRoot);

        PrepareOutputFolder(outRoot);
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new AugmentProgress(0, inputs.Count, single ? Path.GetFullPath(input) : root));

        _warnedEightBit = 0;
        var outputs = new ConcurrentBag<string>();
        var errors = new ConcurrentDictionary<(int Input, int Copy), AugmentFileError>();
        int done = 0, copiesFailed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, inputs.Count, parallel, (j, state) =>
            {
                string source = Path.Combine(root, inputs[j]);
                int failed = AugmentOne(source, inputs[j], j, outRoot, outputs, errors, cancellationToken);
                Interlocked.Add(ref copiesFailed, failed);
                progress?.Report(new AugmentProgress(Interlocked.Increment(ref done), inputs.Count, source));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OperationCanceledException))
        {
            throw new OperationCanceledException("The run was cancelled.", e, cancellationToken);
        }

        var sortedOutputs = outputs.ToList();
        sortedOutputs.Sort(StringComparer.Ordinal);
        int failedInputs = errors.Keys.Select(k => k.Input).Distinct().Count();
        return new AugmentSummary(inputs.Count, inputs.Count - failedInputs, sortedOutputs,
            [.. listingErrors, .. errors.OrderBy(kv => kv.Key.Input).ThenBy(kv => kv.Key.Copy).Select(kv => kv.Value)])
        {
            CopiesFailed = copiesFailed,
            FoldersSkipped = listingErrors.Count,
            Warnings = _warnedEightBit != 0
                ? [$"16-bit images went through {_eightBitStep}, which works in 8 bits: their copies keep 16-bit files but only 8-bit precision"]
                : [],
        };
    }

    private void CheckNoOutputReplacesAFile(string root, IReadOnlyList<string> inputs, string outRoot)
    {
        var comparer = ImageFolder.PathComparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var inputPaths = new HashSet<string>(inputs.Select(i => Path.GetFullPath(Path.Combine(root, i))), comparer);
        var outputOf = new Dictionary<string, string>(comparer);
        foreach (string relative in inputs)
        {
            string source = Path.Combine(root, relative);
            for (int k = 0; k < _options.Copies; k++)
            {
                string output = Path.GetFullPath(Path.Combine(outRoot, OutputName(relative, k, _options.OutputFormat)));
                if (inputPaths.Contains(output))
                    throw new AugmentOutputConflictException($"{output} is an input: copy {k} of {source} would replace it; choose another output folder");
                if (!outputOf.TryAdd(output, source))
                    throw new AugmentOutputConflictException($"{output} would be written twice, from {outputOf[output]} and from {source}; keep the format of the inputs or rename one of them");
            }
        }
    }

    private void PrepareOutputFolder(string outRoot)
    {
        try
        {
            Directory.CreateDirectory(outRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IOException($"cannot create the output folder {outRoot}: {Reason(e)}", e);
        }
        var stale = new List<string>();
        ImageFolder.Walk(outRoot, _fileSystem, [], (_, full) => { if (ImageFolder.IsTemporaryFile(full)) stale.Add(full); }, []);
        foreach (string file in stale) TryDelete(file);

        string probe = AtomicFile.TemporaryPath(Path.Combine(outRoot, "write-test"));
        try
        {
            using (_fileSystem.CreateNewFile(probe)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write to the output folder {outRoot}: {Reason(e)}", e);
        }
        finally
        {
            TryDelete(probe);
        }
    }

    /// <returns>The number of copies that were not written.</returns>
    private int AugmentOne(string source, string relative, int index, string outRoot, ConcurrentBag<string> outputs,
        ConcurrentDictionary<(int, int), AugmentFileError> errors, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ImageBuffer image;
        ImageWriteOptions? writeOptions = _options.WriteOptions;
        try
        {
            if (writeOptions is null && _options.OutputFormat is null && ImageCodec.FormatFromExtension(source) == ImageFormat.WebP)
                writeOptions = ImageWriteOptions.Preserving(ImageCodec.Identify(source));
            image = ImageCodec.Read(source, _options.ReadOptions);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            errors[(index, -1)] = new AugmentFileError(source, OneLine(e));
            return _options.Copies;
        }
        int failed = 0;
        if (image.PixelType == PixelType.UInt16 && _eightBitStep is not null) Interlocked.Exchange(ref _warnedEightBit, 1);
        using (image)
        {
            for (int k = 0; k < _options.Copies; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string path = Path.Combine(outRoot, OutputName(relative, k, _options.OutputFormat));
                try
                {
                    var output = _pipeline.Apply(image, _options.Seed, RandomStream.ItemKey(relative), k);
                    try
                    {
                        WriteAtomically(output, path, writeOptions, cancellationToken);
                    }
                    finally
                    {
                        if (!ReferenceEquals(output, image)) output.Dispose();
                    }
                    outputs.Add(path);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    errors[(index, k)] = new AugmentFileError(source, $"copy {k} ({path}) was not written: {OneLine(e)}", k);
                    failed++;
                }
            }
        }
        return failed;
    }

    private void WriteAtomically(ImageBuffer image, string path, ImageWriteOptions? writeOptions, CancellationToken cancellationToken)
    {
        var format = ImageCodec.FormatFromExtension(path);
        AtomicFile.Write(path, encoded => Encode(image, encoded, format, writeOptions), _fileSystem.CreateNewFile, _fileSystem.Replace, cancellationToken);
    }

    /// <summary>
    /// Encodes an output image as batch runs do: JPEG has no alpha, so images with alpha (or
    /// grey with alpha) are composited over white first.
    /// </summary>
    internal static void Encode(ImageBuffer image, Stream encoded, ImageFormat format, ImageWriteOptions? writeOptions)
        => encoded.Write(DatasetGenerator.EncodeToBytes(image, format, writeOptions));

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

    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "access is denied",
        _ => OneLine(e).TrimEnd('.'),
    };

    internal static string OneLine(Exception e)
    {
        string message = e is ImageFormatException ife && ife.FileName is not null && e.Message.StartsWith(ife.FileName, StringComparison.Ordinal)
            ? e.Message[(ife.FileName.Length + 1)..].Trim()
            : e.Message;
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline >= 0 ? message[..newline] : message;
    }
}
