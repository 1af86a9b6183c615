using System.CommandLine;
using AugSharp.Pictures;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp demo</c>: the tutorial's seven grids and an index.html.</summary>
internal static class DemoCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var outDir = new Option<string>("--out") { HelpName = "DIR", Description = "Output folder.", DefaultValueFactory = _ => "augsharp-demo" };
        var seed = CommonOptions.Seed();
        var cellSize = CommonOptions.CellSize();
        var command = new Command("demo", "Write one 3x3 grid per augmentation of the Keras tutorial (rotation, shifts, brightness, zoom, flips) on the built-in photo, and an index.html showing them with their settings.")
        {
            outDir, seed, cellSize,
        };
        command.SetAction(parse =>
        {
            int? size = CommonOptions.GetCellSize(parse, cellSize);
            using var photo = DefaultPhoto.Load();
            var result = DemoReport.Write(photo, parse.GetValue(outDir)!, new DemoOptions
            {
                Seed = parse.GetValue(seed),
                CellSize = size,
                PhotoName = DefaultPhoto.FileName,
                Attribution = DefaultPhoto.Attribution,
            });
            foreach (string grid in result.Grids) context.Out.WriteLine(grid);
            context.Out.WriteLine(result.IndexFile);
            context.Out.WriteLine($"Wrote {result.Grids.Count} grids and index.html to {result.Directory}");
            context.Out.WriteLine($"Open {new Uri(result.IndexFile).AbsoluteUri} in a browser.");
            return AugSharpCli.Success;
        });
        return (command,
        [
            "augsharp demo",
            "augsharp demo --out /tmp/demo --seed 7",
            "augsharp demo --cell-size 128",
        ]);
    }
}
