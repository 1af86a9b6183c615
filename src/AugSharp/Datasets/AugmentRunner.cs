using System.Collections.Concurrent;
using AugSharp.Keras;
using AugSharp.Pictures;

namespace AugSharp.Datasets;

/// <summary>Settings of an <see cref="AugmentRunner"/>.</summary>
public sealed record AugmentOptions
{
    /// <summary>Augmented copies written per input image. Default 1.</summary>
    public int Copies { get; init; } = 1;

    /// <summary>Seed: copy k of file j uses <c>RandomStream.For(Seed, j, k)</c>, j being the file's index in the sorted list. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Files processed at the same time; the output does not depend on it. Default: the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Encoder options (JPEG quality...), or null for the defaults.</summary>
    public ImageWriteOptions? WriteOptions { get; init; }
}

/// <summary>A file that could not be augmented.</summary>
/// <param name="Path">The input file.</param>
/// <param name="Message">Why, in one line.</param>
public sealed record AugmentFileError(string Path, string Message);

/// <summary>Progress of a run: reported once per finished input file.</summary>
/// <param name="FilesDone">Input files finished (written or failed).</param>
/// <param name="FilesTotal">Input files found.</param>
/// <param name="File">The file just finished.</param>
public readonly record struct AugmentProgress(int FilesDone, int FilesTotal, string File);

/// <summary>What a run did.</summary>
/// <param name="FilesFound">Input images found.</param>
/// <param name="FilesAugmented">Input images augmented without error.</param>
/// <param name="Outputs">Files written, sorted.</param>
/// <param name="Errors">Files that failed, in input order.</param>
public sealed record AugmentSummary(int FilesFound, int FilesAugmented, IReadOnlyList<string> Outputs, IReadOnlyList<AugmentFileError> Errors)
{
    /// <summary>True when no file failed.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Writes augmented copies of an image or of every image in a folder (recursively, keeping the
/// subfolders, such as class folders). Copy k of <c>dogs/rex.jpg</c> is written as
/// <c>dogs/rex_aug&lt;k&gt;.jpg</c> (GIF inputs as PNG). Results depend only on the seed, never on
/// thread timing; each file is written atomically; a file that fails is recorded and skipped.
/// </summary>
public sealed class AugmentRunner
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff", ".pgm", ".ppm", ".pnm",
    };

    private readonly ImageDataGenerator _generator;
    private readonly AugmentOptions _options;

    /// <summary>Creates a runner for <paramref name="generator"/>.</summary>
    public AugmentRunner(ImageDataGenerator generator, AugmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        options ??= new AugmentOptions();
        if (options.Copies < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Copies, "Copies must be 1 or more.");
        if (options.MaxDegreeOfParallelism < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism, "Parallelism must be 1 or more.");
        _generator = generator;
        _options = options;
    }

    /// <summary>True when <paramref name="path"/> has an image file extension AugSharp reads.</summary>
    public static bool IsImageFile(string path) => ImageExtensions.Contains(Path.GetExtension(path));

    /// <summary>
    /// The input images of <paramref name="input"/>: the file itself, or the image files under the
    /// folder (recursively), as paths relative to the folder sorted ordinally.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="input"/>.</exception>
    public static IReadOnlyList<string> FindInputs(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (File.Exists(input)) return [Path.GetFileName(input)];
        if (!Directory.Exists(input)) throw new FileNotFoundException($"input not found: {input}", input);
        var files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
            .Where(IsImageFile)
            .Select(f => Path.GetRelativePath(input, f).Replace('\\', '/'))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The output path, relative to the output folder, of copy <paramref name="copy"/> of the input <paramref name="relativePath"/>.</summary>
    public static string OutputName(string relativePath, int copy)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        string ext = Path.GetExtension(relativePath);
        if (ext.Equals(".gif", StringComparison.OrdinalIgnoreCase)) ext = ".png";
        string dir = Path.GetDirectoryName(relativePath) ?? "";
        string name = $"{Path.GetFileNameWithoutExtension(relativePath)}_aug{copy}{ext}";
        return dir.Length == 0 ? name : Path.Combine(dir, name).Replace('\\', '/');
    }

    /// <summary>
    /// Augments <paramref name="input"/> (an image or a folder) into <paramref name="outputDirectory"/>
    /// (created if needed). Per-file failures are returned in the summary, never thrown.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="input"/>.</exception>
    public AugmentSummary Run(string input, string outputDirectory, IProgress<AugmentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var inputs = FindInputs(input);
        string root = File.Exists(input) ? Path.GetDirectoryName(Path.GetFullPath(input))! : Path.GetFullPath(input);
        string outRoot = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(outRoot);

        var outputs = new ConcurrentBag<string>();
        var errors = new ConcurrentDictionary<int, AugmentFileError>();
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, inputs.Count, parallel, j =>
        {
            string source = Path.Combine(root, inputs[j]);
            try
            {
                foreach (string written in AugmentOne(source, inputs[j], j, outRoot)) outputs.Add(written);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors[j] = new AugmentFileError(source, OneLine(e));
            }
            progress?.Report(new AugmentProgress(Interlocked.Increment(ref done), inputs.Count, source));
        });

        var sortedOutputs = outputs.ToList();
        sortedOutputs.Sort(StringComparer.Ordinal);
        return new AugmentSummary(inputs.Count, inputs.Count - errors.Count, sortedOutputs,
            errors.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToArray());
    }

    private List<string> AugmentOne(string source, string relative, int index, string outRoot)
    {
        var written = new List<string>();
        using var image = ImageCodec.Read(source);
        using var floats = PictureConversion.ToKerasFloat(image);
        for (int k = 0; k < _options.Copies; k++)
        {
            var parameters = _generator.Sample(RandomStream.For(_options.Seed, index, k), floats.Shape);
            using var augmented = _generator.ApplyTransform(floats, parameters);
            using var output = PictureConversion.FromKerasFloat(augmented, image.PixelType);
            string path = Path.Combine(outRoot, OutputName(relative, k));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ImageCodec.Write(output, path, _options.WriteOptions);
            written.Add(path);
        }
        return written;
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
