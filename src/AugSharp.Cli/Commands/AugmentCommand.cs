using System.CommandLine;
using System.Globalization;
using AugSharp.Datasets;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp augment</c>: augmented copies of an image or a folder of images.</summary>
internal static class AugmentCommand
{
    private const int MaxJobs = 256;

    public static (Command, string[]) Create(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "An image, or a folder of images (searched recursively; subfolders such as class folders are kept). It is never modified." };
        var output = new Argument<string>("OUTPUT") { Description = "Output folder; copy k of NAME.EXT is written as NAME_augk.EXT, with manifest.jsonl, summary.json, errors.jsonl and report.html. It may be inside INPUT (it is then not read as input), but not INPUT itself." };
        var generator = new GeneratorOptions();
        var copies = new Option<int>("--copies") { HelpName = "N", Description = "Augmented copies per image.", DefaultValueFactory = _ => 1 };
        var seed = CommonOptions.Seed();
        var jobs = new Option<int>("--jobs")
        {
            HelpName = "N",
            Description = "Images processed at the same time (default: the processor count); the files are the same for any N.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var format = new Option<string>("--format") { HelpName = "same|jpg|png|webp|tiff", Description = "Format of the copies: same as each input (GIF as PNG, the default), jpg, png, webp, or tiff (which also keeps 16-bit and float pixels, as after Normalize).", DefaultValueFactory = _ => "same" };
        var quality = new Option<int?>("--quality") { HelpName = "Q", Description = "JPEG and WebP quality, 1 to 100 (default: the encoder's, and lossless WebP inputs stay lossless)." };
        var runOptions = new RunOptions();
        var command = new Command("augment", "Write augmented copies of an image or of every image in a folder: 'augsharp generate' on a folder of images, subfolders kept. The same seed gives byte-identical files for any --jobs; a file that cannot be read is reported in errors.jsonl and skipped (exit code 1); a run stopped by Ctrl-C (exit code 130) or killed resumes when started again, and never leaves a partial file.");
        command.Add(input);
        command.Add(output);
        generator.AddTo(command);
        foreach (var option in new Option[] { copies, seed, jobs, format, quality }) command.Add(option);
        runOptions.AddTo(command);
        var read = new ReadOptions();
        read.AddTo(command);
        command.SetAction(parse =>
        {
            var (transform, _, fileSeed) = generator.BuildTransform(parse);
            int n = parse.GetValue(copies);
            if (n is < 1 or > 10000) throw new UsageException($"--copies must be from 1 to 10000, got {n}");
            int jobCount = parse.GetValue(jobs);
            if (jobCount is < 1 or > MaxJobs) throw new UsageException($"--jobs must be from 1 to {MaxJobs}, got {jobCount}");
            int? q = parse.GetValue(quality);
            if (q is < 1 or > 100) throw new UsageException($"--quality must be from 1 to 100, got {q}");
            var outputFormat = ParseFormat(parse.GetValue(format)!);
            string inputPath = parse.GetValue(input)!;
            string outputPath = parse.GetValue(output)!;
            if (!File.Exists(inputPath) && !Directory.Exists(inputPath)) throw new FileNotFoundException($"input not found: {inputPath}", inputPath);

            var options = new DatasetGeneratorOptions
            {
                Pipeline = transform,
                Layout = "folders",
                Copies = n,
                Seed = CommonOptions.SeedOrFile(parse, seed, fileSeed),
                MaxDegreeOfParallelism = jobCount,
                OutputFormat = outputFormat,
                Quality = q,
                Overwrite = parse.GetValue(runOptions.Overwrite),
                Force = parse.GetValue(runOptions.Force),
                FailFast = parse.GetValue(runOptions.FailFast),
                ReadOptions = read.Build(parse, context),
            };
            return GenerateCommand.Execute(context, options, inputPath, outputPath);
        });
        return (command,
        [
            "augsharp augment cat.jpg out --rotation-range 40 --horizontal-flip --copies 9",
            "augsharp augment data/train data/train-aug --pipeline pipeline.yaml --copies 5 --seed 42",
            "augsharp augment photos out --zoom-range 0.8,1.2 --fill-mode reflect --seed 1 --format jpg --quality 85 --jobs 4",
        ]);
    }

    /// <summary>"1 image", "2 images".</summary>
    internal static string Count(int n, string singular, string plural)
        => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural);

    /// <summary>The value of a --format option: same (null), jpg, png, webp or tiff.</summary>
    internal static ImageFormat? ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "same" => null,
        "jpg" or "jpeg" => ImageFormat.Jpeg,
        "png" => ImageFormat.Png,
        "webp" => ImageFormat.WebP,
        "tif" or "tiff" => ImageFormat.Tiff,
        _ => throw new UsageException($"--format must be same, jpg, png, webp or tiff, got '{text}'"),
    };
}

/// <summary>The text of the progress display: count, rate and time left.</summary>
internal static class AugmentProgressText
{
    /// <summary>For example <c>10/40 images, 2.0 images/s, ETA 0:15</c>; the rate is the average since the start.</summary>
    public static string Describe(int done, int total, TimeSpan elapsed)
    {
        string count = $"{done}/{AugmentCommand.Count(total, "image", "images")}";
        if (done <= 0 || elapsed <= TimeSpan.Zero) return $"{count}, -- images/s, ETA --";
        double rate = done / elapsed.TotalSeconds;
        var left = TimeSpan.FromSeconds(Math.Round(Math.Max(0, total - done) / rate));
        string eta = left.TotalHours >= 1
            ? $"{(int)left.TotalHours}:{left.Minutes:00}:{left.Seconds:00}"
            : $"{left.Minutes}:{left.Seconds:00}";
        return $"{count}, {rate.ToString("0.0", CultureInfo.InvariantCulture)} images/s, ETA {eta}";
    }
}
