using System.CommandLine;
using AugSharp.Datasets;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp replay</c>: an output of a generated data set made again from its manifest record.</summary>
internal static class ReplayCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var target = new Argument<string>("MANIFEST_LINE_OR_OUTPUT") { Description = "A line of manifest.jsonl, or an output image's path (the manifest is then found in its folder or a folder above)." };
        var manifest = new Option<string?>("--manifest") { HelpName = "FILE", Description = "The run's manifest.jsonl (default: found above the output, or in the current folder for a line)." };
        var to = new Option<string?>("--to") { HelpName = "FILE", Description = "Write the image here instead of at its place in the data set." };
        var imageRoot = new Option<string?>("--input") { HelpName = "DIR", Description = "The folder the sources are relative to, if the input has moved since the run." };
        var command = new Command("replay", "Make an output of 'augsharp generate' again, byte for byte, from its manifest record (the source, the seed and the sampled operations).");
        command.Add(target);
        command.Add(manifest);
        command.Add(to);
        command.Add(imageRoot);
        command.SetAction(parse =>
        {
            string text = parse.GetValue(target)!;
            string? manifestPath = parse.GetValue(manifest);
            GenerationRecord record;
            if (text.TrimStart().StartsWith('{'))
            {
                try
                {
                    record = GenerationRecord.Parse(text);
                }
                catch (FormatException e)
                {
                    throw new UsageException($"MANIFEST_LINE_OR_OUTPUT: {e.Message}", e);
                }
                manifestPath ??= Path.Combine(Directory.GetCurrentDirectory(), "manifest.jsonl");
            }
            else
            {
                string output = Path.GetFullPath(text);
                manifestPath ??= FindManifest(Path.GetDirectoryName(output)!)
                    ?? throw new FileNotFoundException($"no manifest.jsonl in the folders above {output}: give --manifest", text);
                record = DatasetReplay.Find(manifestPath, output)
                    ?? throw new FileNotFoundException($"{manifestPath} has no record of {output}", text);
            }
            if (!File.Exists(manifestPath)) throw new FileNotFoundException($"manifest not found: {manifestPath}", manifestPath);
            string folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
            byte[] bytes = DatasetReplay.Recreate(record, folder, parse.GetValue(imageRoot));
            string destination = Path.GetFullPath(parse.GetValue(to) ?? Path.Combine(folder, record.Output));
            if (File.Exists(destination) && File.ReadAllBytes(destination).AsSpan().SequenceEqual(bytes))
            {
                context.Out.WriteLine($"{destination} is already identical to its replay ({bytes.Length} bytes).");
                return AugSharpCli.Success;
            }
            bool existed = File.Exists(destination);
            AtomicFile.Write(destination, s => s.Write(bytes));
            context.Out.WriteLine($"{(existed ? "Replaced" : "Wrote")} {destination} ({bytes.Length} bytes){(existed ? ": the file there differed from its replay" : "")}.");
            return AugSharpCli.Success;
        });
        return (command,
        [
            "augsharp replay out/cats/tom_aug3.jpg",
            "augsharp replay out/cats/tom_aug3.jpg --to check.jpg",
        ]);
    }

    private static string? FindManifest(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "manifest.jsonl");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
