using System.CommandLine;
using AugSharp.Cleaning;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp clean</c>: find the distorted and meaningless images of a data set; report them, move them to a quarantine or delete them.</summary>
internal static class CleanCommand
{
    private const int MaxJobs = 256;

    public static (Command, string[]) Create(CliContext context)
    {
        var directory = new Argument<string>("DIR") { Description = "The data set's folder (every image under it, recursively)." };
        var report = new Option<string?>("--report") { HelpName = "DIR", Description = "Where report.html and report.json go (default: DIR-clean-report beside DIR)." };
        var moveTo = new Option<string?>("--move-to") { HelpName = "DIR", Description = "Move the rejected images and their label files there, under the same relative paths (moving one back restores it)." };
        var delete = new Option<bool>("--delete") { Description = "Delete the rejected images and their label files. Without --move-to or --delete nothing is changed." };
        var thresholds = new Option<string?>("--thresholds") { HelpName = "FILE", Description = "A JSON or YAML file of thresholds (max_fill, min_entropy, min_std_dev, max_dark, max_bright, min_sharpness, min_relative_sharpness, max_duplicate_distance); the others keep their defaults." };
        var restore = new Option<string?>("--restore") { HelpName = "QUARANTINE", Description = "Put back what an earlier clean-up moved to QUARANTINE (every file under its relative path; for a generated data set its manifest lines and annotation files too; the entries of a COCO or CSV file at the folder's root are merged back), then stop." };
        var jobs = new Option<int>("--jobs") { HelpName = "N", Description = "Images measured at the same time (default: the processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("clean", "Find the distorted and meaningless images of a data set: too much border fill, near-constant, mostly black or white, blurred, duplicates, unreadable. Writes report.html (the rejected images by reason, a histogram per measure with its threshold) and report.json; moves the rejected images to a quarantine folder with --move-to, or deletes them with --delete.");
        command.Add(directory);
        foreach (var option in new Option[] { report, moveTo, delete, thresholds, restore, jobs }) command.Add(option);
        var read = new ReadOptions();
        read.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(delete) && parse.GetValue(moveTo) is not null) throw new UsageException("--move-to and --delete cannot be used together");
            if (parse.GetValue(restore) is { } quarantine)
            {
                if (parse.GetValue(delete) || parse.GetValue(moveTo) is not null) throw new UsageException("--restore cannot be used with --move-to or --delete");
                var back = DatasetCleaner.Restore(parse.GetValue(directory)!, quarantine, read.Build(parse, context));
                context.Out.WriteLine($"Moved {AugmentCommand.Count(back.Count, "file", "files")} back from {Path.GetFullPath(quarantine)}.");
                return AugSharpCli.Success;
            }
            int jobCount = parse.GetValue(jobs);
            if (jobCount is < 1 or > MaxJobs) throw new UsageException($"--jobs must be from 1 to {MaxJobs}, got {jobCount}");
            string? thresholdsFile = parse.GetValue(thresholds);
            var limits = thresholdsFile is null ? new CleanThresholds() : CleanThresholds.Load(thresholdsFile);
            string dir = parse.GetValue(directory)!;
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"folder not found: {dir}");
            var options = new CleanOptions
            {
                Thresholds = limits,
                ReportDirectory = parse.GetValue(report),
                MoveTo = parse.GetValue(moveTo),
                Delete = parse.GetValue(delete),
                MaxDegreeOfParallelism = jobCount,
                ReadOptions = read.Build(parse, context),
            };
            CleanSummary summary;
            try
            {
                summary = DatasetCleaner.Run(dir, options);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            var reasons = summary.RejectedByCheck.Where(p => p.Value > 0).Select(p => $"{p.Key.ToString().ToLowerInvariant()} {p.Value}");
            context.Out.WriteLine($"Checked {AugmentCommand.Count(summary.Images.Count, "image", "images")}: {summary.Images.Count - summary.Rejected} kept, {summary.Rejected} rejected{(summary.Rejected > 0 ? $" ({string.Join(", ", reasons)})" : "")}.");
            context.Out.WriteLine($"Report: {Path.Combine(summary.ReportDirectory, "report.html")}");
            if (summary.Moved.Count > 0) context.Out.WriteLine($"Moved {AugmentCommand.Count(summary.Moved.Count, "file", "files")} to {Path.GetFullPath(parse.GetValue(moveTo)!)}.");
            if (summary.Deleted.Count > 0) context.Out.WriteLine($"Deleted {AugmentCommand.Count(summary.Deleted.Count, "file", "files")}.");
            foreach (var update in summary.Annotations)
            {
                string entries = update.Format == "csv"
                    ? AugmentCommand.Count(update.Images, "row", "rows")
                    : $"{AugmentCommand.Count(update.Images, "image", "images")} and {AugmentCommand.Count(update.Objects, "annotation", "annotations")}";
                string kept = parse.GetValue(moveTo) is { } q ? $" (kept in {Path.Combine(Path.GetFullPath(q), update.File)}, for --restore)" : "";
                context.Out.WriteLine($"Updated {update.File}: removed {entries}{kept}.");
            }
            if (summary.Rejected > 0 && summary.Moved.Count == 0 && summary.Deleted.Count == 0)
                context.Out.WriteLine("Nothing was changed; --move-to DIR moves the rejected images, --delete deletes them.");
            return AugSharpCli.Success;
        });
        return (command,
        [
            "augsharp clean data/train-aug",
            "augsharp clean data/train-aug --move-to data/quarantine --thresholds thresholds.yaml",
            "augsharp clean data/train-aug --restore data/quarantine",
        ]);
    }
}
