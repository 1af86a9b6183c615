using System.CommandLine;

namespace AugSharp.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<ulong> Seed() => new("--seed")
    {
        HelpName = "N",
        Description = "Seed of the random streams (0 or more); the same seed gives the same pictures and files.",
        DefaultValueFactory = _ => 0,
    };

    public static Option<int?> CellSize() => new("--cell-size")
    {
        HelpName = "N",
        Description = "Longest side of each grid cell in pixels (the image is resized first); default: the image's size.",
    };

    public static int? GetCellSize(ParseResult parse, Option<int?> option)
    {
        int? size = parse.GetValue(option);
        if (size is < 1 or > 8192) throw new UsageException($"--cell-size must be from 1 to 8192, got {size}");
        return size;
    }

    /// <summary>The --seed given on the command line, else the pipeline file's seed, else 0.</summary>
    public static ulong SeedOrFile(ParseResult parse, Option<ulong> seed, ulong? fileSeed)
        => parse.GetResult(seed) is { Implicit: false } || fileSeed is null ? parse.GetValue(seed) : fileSeed.Value;
}

/// <summary>The options of a resumable batch run (generate and augment): start over, share a folder, stop early.</summary>
internal sealed class RunOptions
{
    public Option<bool> Overwrite { get; } = new("--overwrite") { Description = "Start over: delete what a previous run left in OUTPUT. Without it, the same command started again resumes after the outputs already written." };

    public Option<bool> Force { get; } = new("--force") { Description = "Write into an OUTPUT that holds other files (they are kept; with --overwrite they are deleted)." };

    public Option<bool> FailFast { get; } = new("--fail-fast") { Description = "Stop at the first input that fails (the run can be resumed); by default bad inputs are reported and skipped." };

    public void AddTo(Command command)
    {
        command.Add(Overwrite);
        command.Add(Force);
        command.Add(FailFast);
    }
}
