using System.CommandLine;
using AugSharp.Datasets;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp merge</c>: the shards of a generate run joined into what a single run makes.</summary>
internal static class MergeCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var output = new Argument<string>("OUTPUT") { Description = "The merged data set's folder (empty or absent)." };
        var shards = new Argument<string[]>("SHARD_DIR") { Description = "The output folders of all the shards of one 'augsharp generate --shard' run.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("merge", "Join the shards of an 'augsharp generate --shard I/N' run: images, manifests, errors and annotation files, identical byte for byte to a single run's.");
        command.Add(output);
        command.Add(shards);
        command.SetAction(parse =>
        {
            GenerationCounts counts;
            try
            {
                counts = DatasetMerger.Merge(parse.GetValue(output)!, parse.GetValue(shards)!);
            }
            catch (ArgumentException e) when (e is not AugmentOutputConflictException)
            {
                throw new UsageException(e.Message, e);
            }
            if (counts.Outputs > 0) AugSharp.Pictures.GenerationReport.Write(parse.GetValue(output)!);
            context.Out.WriteLine($"Merged {parse.GetValue(shards)!.Length} shards into {Path.GetFullPath(parse.GetValue(output)!)}: {AugmentCommand.Count(counts.Outputs, "image", "images")} from {AugmentCommand.Count(counts.Sources, "input", "inputs")}.");
            if (counts.Errors > 0)
            {
                context.Error.WriteLine($"error: the run had {AugmentCommand.Count(counts.Errors, "failed input", "failed inputs")} (see errors.jsonl).");
                return AugSharpCli.Failure;
            }
            return AugSharpCli.Success;
        });
        return (command, ["augsharp merge out shard-0 shard-1 shard-2 shard-3"]);
    }
}
