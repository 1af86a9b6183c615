using System.CommandLine;
using AugSharp.Datasets;
using Spectre.Console;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp augment</c>: augmented copies of an image or a folder of images.</summary>
internal static class AugmentCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "An image, or a folder of images (searched recursively; subfolders are kept)." };
        var output = new Argument<string>("OUTPUT") { Description = "Output folder; copy k of NAME.EXT is written as NAME_augk.EXT." };
        var generator = new GeneratorOptions();
        var copies = new Option<int>("--copies") { HelpName = "N", Description = "Augmented copies per image.", DefaultValueFactory = _ => 1 };
        var seed = CommonOptions.Seed();
        var command = new Command("augment", "Write augmented copies of an image or of every image in a folder. The same seed gives byte-identical files; a file that cannot be read is reported and skipped, and the exit code is 1.");
        command.Add(input);
        command.Add(output);
        generator.AddTo(command);
        command.Add(copies);
        command.Add(seed);
        command.SetAction(parse =>
        {
            var config = generator.Build(parse);
            int n = parse.GetValue(copies);
            if (n is < 1 or > 10000) throw new UsageException($"--copies must be from 1 to 10000, got {n}");
            string inputPath = parse.GetValue(input)!;
            string outputPath = parse.GetValue(output)!;
            if (!File.Exists(inputPath) && !Directory.Exists(inputPath)) throw new FileNotFoundException($"input not found: {inputPath}", inputPath);
            if (Directory.Exists(inputPath) && AugmentRunner.FindInputs(inputPath).Count == 0)
                throw new FileNotFoundException($"no images found in {inputPath}", inputPath);
            if (File.Exists(outputPath)) throw new UsageException($"OUTPUT must be a folder, but {outputPath} is a file");

            var runner = new AugmentRunner(config.ToGenerator(), new AugmentOptions { Copies = n, Seed = parse.GetValue(seed) });
            AugmentSummary summary;
            if (context.IsInteractive)
            {
                summary = null!;
                context.Console_.Progress().AutoClear(true).Start(ctx =>
                {
                    var task = ctx.AddTask("augmenting");
                    summary = runner.Run(inputPath, outputPath, new Progress<AugmentProgress>(p =>
                    {
                        task.MaxValue = p.FilesTotal;
                        task.Value = Math.Max(task.Value, p.FilesDone);
                    }));
                });
            }
            else
            {
                summary = runner.Run(inputPath, outputPath);
            }

            foreach (var failure in summary.Errors) context.Error.WriteLine($"error: {failure.Path}: {failure.Message.TrimEnd('.')} (skipped)");
            context.Out.WriteLine($"Wrote {summary.Outputs.Count} images ({n} per input) from {summary.FilesAugmented} of {summary.FilesFound} inputs to {Path.GetFullPath(outputPath)}.");
            if (!summary.Succeeded)
            {
                context.Error.WriteLine($"error: {summary.Errors.Count} of {summary.FilesFound} inputs failed.");
                return AugSharpCli.Failure;
            }
            return AugSharpCli.Success;
        });
        return (command,
        [
            "augsharp augment cat.jpg out --rotation-range 40 --horizontal-flip --copies 9",
            "augsharp augment data/train data/train-aug --pipeline pipeline.yaml --copies 5 --seed 42",
            "augsharp augment photos out --zoom-range 0.8,1.2 --fill-mode reflect --seed 1",
        ]);
    }
}
