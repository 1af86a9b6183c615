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
