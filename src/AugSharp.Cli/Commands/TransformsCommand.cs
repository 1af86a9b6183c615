using System.CommandLine;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp transforms</c>: the catalogue of transforms a pipeline file may name.</summary>
internal static class TransformsCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the catalogue as JSON (name, category, targets, pixel types, channels, parameters with defaults)." };
        var command = new Command("transforms", "List the transforms a pipeline file may use, with their parameters and defaults (Albumentations' names).");
        command.Add(json);
        command.SetAction(parse =>
        {
            context.Out.Write(parse.GetValue(json) ? TransformCatalogue.ToJson() + "\n" : TransformCatalogue.ToText());
            return AugSharpCli.Success;
        });
        return (command, ["augsharp transforms", "augsharp transforms --json"]);
    }
}
