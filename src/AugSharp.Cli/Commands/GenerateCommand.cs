using System.CommandLine;
using System.Diagnostics;
using AugSharp.Datasets;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp generate</c>: an augmented data set on disk, in the input's layout, resumable and shardable.</summary>
internal static class GenerateCommand
{
    private const int MaxJobs = 256;

    public static (Command, string[]) Create(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "The data set: a folder of class folders, a CSV file of path,label[,more columns], or a COCO JSON file (paths relative to the file's folder). It is never modified." };
        var output = new Argument<string>("OUTPUT") { Description = "Output folder: the augmented data set in the same layout, with manifest.jsonl, summary.json and errors.jsonl. It may be inside INPUT (it is then not read as input)." };
        var generator = new GeneratorOptions();
        var layout = new Option<string>("--layout")
        {
            HelpName = "auto|" + string.Join('|', DatasetLayouts.All.Select(l => l.Name)),
            Description = "The input's layout; auto recognises it (a .csv file, a .json COCO file; a folder with images/ and labels/ (YOLO, its lines telling detection, segmentation or OBB), images/ and labelTxt/ (DOTA), JPEGImages/ and Annotations/ (VOC), images/ and masks/; else a folder of class folders).",
            DefaultValueFactory = _ => "auto",
        };
        var copies = new Option<int?>("--copies") { HelpName = "N", Description = "Augmented copies per image (default 1)." };
        var perClass = new Option<int?>("--per-class") { HelpName = "N", Description = "Top every class up to N images instead (originals count with --include-originals); the copies are spread over the class's images deterministically." };
        var seed = CommonOptions.Seed();
        var jobs = new Option<int>("--jobs")
        {
            HelpName = "N",
            Description = "Images decoded, augmented and encoded at the same time (default: the processor count); the files are the same for any N.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var format = new Option<string>("--format") { HelpName = "same|jpg|png|webp|tiff", Description = "Format of the outputs: same as each input (GIF as PNG, the default), jpg, png, webp or tiff.", DefaultValueFactory = _ => "same" };
        var quality = new Option<int?>("--quality") { HelpName = "Q", Description = "JPEG and WebP quality, 1 to 100 (default: the encoder's, and lossless WebP inputs stay lossless)." };
        var originals = new Option<bool>("--include-originals") { Description = "Also write every input image (copied byte for byte when its format is kept)." };
        var split = new Option<string?>("--split") { HelpName = "NAME=F,...", Description = "Subsets written to their own folders, such as train=0.8,val=0.2: an image and all its copies go to the same subset, chosen by a hash of its path." };
        var shard = new Option<string?>("--shard")
        {
            HelpName = "I/N|auto|auto/N",
            Description = $"Make only shard I of N (0-based; shards are chosen by a hash of each image's path) and join the shards with 'augsharp merge'. auto reads JOB_COMPLETION_INDEX (Kubernetes Indexed Job; the count from auto/N or {DatasetShard.CountVariable}) or SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (Slurm job array).",
        };
        var runOptions = new RunOptions();
        var clean = new Option<bool>("--clean") { Description = "Check every copy as 'augsharp clean' does (border fill, no information, black or white, blurred against its source, all objects lost) and draw it again, up to 10 times, while it fails; the last draw is kept after that." };
        var cleanThresholds = new Option<string?>("--clean-thresholds") { HelpName = "FILE", Description = "The thresholds of --clean (a JSON or YAML file, as for 'augsharp clean --thresholds'); implies --clean." };
        var command = new Command("generate", "Generate an augmented data set on disk in the input's layout (class folders, CSV), with a manifest that replays every output. The same seed gives byte-identical files for any --jobs and any shards; a run stopped by Ctrl-C or killed resumes when started again; bad inputs are reported in errors.jsonl and skipped (exit code 1).");
        command.Add(input);
        command.Add(output);
        generator.AddTo(command);
        foreach (var option in new Option[] { layout, copies, perClass, seed, jobs, format, quality, originals, split, shard, clean, cleanThresholds }) command.Add(option);
        runOptions.AddTo(command);
        var read = new ReadOptions();
        read.AddTo(command);
        command.SetAction(parse =>
        {
            var (transform, _, fileSeed) = generator.BuildTransform(parse);
            int? n = parse.GetValue(copies), target = parse.GetValue(perClass);
            if (n is not null && target is not null) throw new UsageException("give one of --copies and --per-class, not both");
            if (n is < 1 or > 10000) throw new UsageException($"--copies must be from 1 to 10000, got {n}");
            if (target is < 1) throw new UsageException($"--per-class must be 1 or more, got {target}");
            int jobCount = parse.GetValue(jobs);
            if (jobCount is < 1 or > MaxJobs) throw new UsageException($"--jobs must be from 1 to {MaxJobs}, got {jobCount}");
            int? q = parse.GetValue(quality);
            if (q is < 1 or > 100) throw new UsageException($"--quality must be from 1 to 100, got {q}");
            string layoutName = parse.GetValue(layout)!;
            if (layoutName != "auto" && DatasetLayouts.All.All(l => l.Name != layoutName))
                throw new UsageException($"--layout must be auto or one of {string.Join(", ", DatasetLayouts.All.Select(l => l.Name))}, got '{layoutName}'");
            IReadOnlyList<DatasetSplit> splits = [];
            if (parse.GetValue(split) is { } splitText)
            {
                try
                {
                    splits = DatasetSplit.Parse(splitText);
                }
                catch (FormatException e)
                {
                    throw new UsageException($"--split: {e.Message}", e);
                }
            }
            DatasetShard? shardSpec = parse.GetValue(shard) is { } shardText ? ParseShard(shardText) : null;
            string inputPath = parse.GetValue(input)!;
            string outputPath = parse.GetValue(output)!;
            if (!File.Exists(inputPath) && !Directory.Exists(inputPath)) throw new FileNotFoundException($"input not found: {inputPath}", inputPath);

            string? thresholdsFile = parse.GetValue(cleanThresholds);
            IAugmenter? augmenter = parse.GetValue(clean) || thresholdsFile is not null
                ? new AugSharp.Cleaning.CleanFilter(transform as Compose ?? new Compose([transform]), thresholdsFile is null ? null : AugSharp.Cleaning.CleanThresholds.Load(thresholdsFile))
                : null;
            var options = new DatasetGeneratorOptions
            {
                Pipeline = transform,
                Augmenter = augmenter,
                Layout = layoutName,
                Copies = n ?? 1,
                PerClass = target,
                Seed = CommonOptions.SeedOrFile(parse, seed, fileSeed),
                MaxDegreeOfParallelism = jobCount,
                OutputFormat = AugmentCommand.ParseFormat(parse.GetValue(format)!),
                Quality = q,
                IncludeOriginals = parse.GetValue(originals),
                Splits = splits,
                Shard = shardSpec,
                Overwrite = parse.GetValue(runOptions.Overwrite),
                Force = parse.GetValue(runOptions.Force),
                FailFast = parse.GetValue(runOptions.FailFast),
                ReadOptions = read.Build(parse, context),
            };
            return Execute(context, options, inputPath, outputPath);
        });
        return (command,
        [
            "augsharp generate data/train data/train-aug --pipeline pipeline.yaml --copies 5 --seed 42",
            "augsharp generate labels.csv out --pipeline pipeline.yaml --per-class 500 --split train=0.8,val=0.2 --format jpg --quality 90",
            "augsharp generate data out/shard-$JOB_COMPLETION_INDEX --pipeline pipeline.yaml --copies 5 --shard auto/8",
        ]);
    }

    /// <summary>
    /// Runs a generation with the progress display and prints its outcome: the one place that
    /// turns a <see cref="GenerationSummary"/> into lines and an exit code (generate and augment).
    /// </summary>
    internal static int Execute(CliContext context, DatasetGeneratorOptions options, string inputPath, string outputPath)
    {
        var shardSpec = options.Shard;
        var generatorRun = new DatasetGenerator(options);
        GenerationSummary summary;
        try
        {
            summary = context.IsInteractive
                ? RunWithProgress(context, generatorRun, inputPath, outputPath)
                : generatorRun.Run(inputPath, outputPath, new PlainProgress(context.Error), context.Cancellation);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            context.Error.WriteLine($"Stopped. The outputs written so far are kept: run the same command again to resume.");
            throw;
        }
        catch (ArgumentException e) when (e is not AugmentOutputConflictException)
        {
            throw new UsageException(e.Message, e);
        }

        foreach (var failure in summary.Errors) context.Error.WriteLine($"error: {failure.File}: {failure.Reason.TrimEnd('.')} (skipped)");
        foreach (var warning in summary.Warnings) context.Error.WriteLine($"warning: {warning}.");
        string shardText = shardSpec is { } s ? $" (shard {s})" : "";
        if (!summary.Completed)
        {
            context.Error.WriteLine($"error: stopped at the first failed input (--fail-fast) after {AugmentCommand.Count(summary.Written + summary.Resumed, "output", "outputs")} of {summary.Planned}; fix it and run the same command again to resume.");
            return AugSharpCli.Failure;
        }
        var counts = summary.Counts!;
        if (counts.Outputs > 0) AugSharp.Pictures.GenerationReport.Write(summary.OutputFolder);
        if (summary.Planned == 0 && shardSpec is null && summary.Errors.Count == 0)
            throw new FileNotFoundException($"no images found in {inputPath}", inputPath);
        string resumed = summary.Resumed > 0 ? $", {summary.Resumed} already there from a previous run" : "";
        context.Out.WriteLine($"Wrote {AugmentCommand.Count(counts.Outputs, "image", "images")} from {AugmentCommand.Count(counts.Sources, "input", "inputs")}{shardText} to {summary.OutputFolder}{resumed} ({summary.Written} written in {summary.Elapsed.TotalSeconds:0.0} s).");
        if (counts.PerClass.Count > 1 || counts.PerSplit.Count > 0)
        {
            var parts = counts.PerSplit.Select(kv => $"{kv.Key} {kv.Value}").Concat(counts.PerClass.Select(kv => $"{(kv.Key.Length == 0 ? "(no class)" : kv.Key)} {kv.Value}"));
            context.Out.WriteLine("  " + string.Join(", ", parts));
        }
        if (!summary.Succeeded)
        {
            context.Error.WriteLine($"error: {AugmentCommand.Count(summary.Errors.Count, "input", "inputs")} failed (see {Path.Combine(summary.OutputFolder, "errors.jsonl")}).");
            return AugSharpCli.Failure;
        }
        return AugSharpCli.Success;
    }

    private static DatasetShard ParseShard(string text)
    {
        try
        {
            if (text == "auto") return DatasetShard.FromEnvironment(Environment.GetEnvironmentVariable);
            if (text.StartsWith("auto/", StringComparison.Ordinal))
            {
                if (!int.TryParse(text["auto/".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int count))
                    throw new FormatException($"auto/N needs a whole number N, got '{text}'");
                return DatasetShard.FromEnvironment(Environment.GetEnvironmentVariable, count);
            }
            return DatasetShard.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--shard: {e.Message}", e);
        }
    }

    private static GenerationSummary RunWithProgress(CliContext context, DatasetGenerator generator, string inputPath, string outputPath)
    {
        GenerationSummary summary = null!;
        context.Console_.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 24 }, new PercentageColumn(), new CountRateEtaColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("generating", autoStart: true, maxValue: 1);
                summary = generator.Run(inputPath, outputPath, new TaskProgress(task), context.Cancellation);
            });
        return summary;
    }

    private sealed class TaskProgress(ProgressTask task) : IProgress<GenerationProgress>
    {
        private readonly Lock _lock = new();

        public void Report(GenerationProgress value)
        {
            lock (_lock)
            {
                task.MaxValue = Math.Max(1, value.Total);
                if (value.Done > task.Value) task.Value = value.Done;
            }
        }
    }

    private sealed class CountRateEtaColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
            => new Text(AugmentProgressText.Describe((int)task.Value, (int)task.MaxValue, task.ElapsedTime ?? TimeSpan.Zero));
    }

    /// <summary>Progress as plain lines on stderr when the output is not a terminal: at most one a second, and the last.</summary>
    internal sealed class PlainProgress(TextWriter error) : IProgress<GenerationProgress>
    {
        private readonly Lock _lock = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.FromSeconds(-10);
        private int _resumedAtStart = -1;

        public void Report(GenerationProgress value)
        {
            lock (_lock)
            {
                if (_resumedAtStart < 0) _resumedAtStart = value.Resumed;
                var now = _clock.Elapsed;
                bool last = value.Done >= value.Total;
                if (!last && now - _last < TimeSpan.FromSeconds(1)) return;
                _last = now;
                // The rate counts this run's work only.
                string text = AugmentProgressText.Describe(value.Done - _resumedAtStart, value.Total - _resumedAtStart, now);
                error.WriteLine($"progress: {text}" + (value.Resumed > 0 ? $" ({value.Resumed} resumed)" : ""));
            }
        }
    }
}
