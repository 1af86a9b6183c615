using System.CommandLine;
using System.Globalization;
using AugSharp.Pictures;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp preview</c>: a grid of augmented versions of one image.</summary>
internal static class PreviewCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var image = new Argument<string?>("IMAGE") { Description = "The image to augment; default: the built-in photo of a cat.", Arity = ArgumentArity.ZeroOrOne };
        var generator = new GeneratorOptions();
        var grid = new Option<string>("--grid") { HelpName = "COLSxROWS", Description = "Grid size, columns x rows.", DefaultValueFactory = _ => "3x3" };
        var outFile = new Option<string>("--out") { HelpName = "FILE", Description = "Output image (format from the extension).", DefaultValueFactory = _ => "augsharp-preview.png" };
        var seed = CommonOptions.Seed();
        var captions = new Option<bool>("--captions") { Description = "Write the drawn parameters under each cell." };
        var withOriginal = new Option<bool>("--with-original") { Description = "Show the original image as the first cell." };
        var cellSize = CommonOptions.CellSize();
        var single = new Option<string>("--transform") { HelpName = "NAME", Description = "Show one catalogue transform's range instead of a pipeline: a range parameter is swept from its lower to its upper end across the cells." };
        var sweep = new Option<string>("--sweep") { HelpName = "PARAMETER", Description = "With --transform: the range parameter to sweep (default: its first range parameter)." };
        var set = new Option<string[]>("--set") { HelpName = "KEY=VALUE", Description = "With --transform: a parameter for every cell, its value as a pipeline file writes it (--set quality_range=[10,90], --set reference_images=[a.jpg]); repeatable.", AllowMultipleArgumentsPerToken = false };
        var annotations = new Option<string>("--annotations") { HelpName = "COCO.json", Description = "COCO annotations of the image (matched by file name): its boxes, masks and keypoints are moved with it and drawn on every cell." };
        var command = new Command("preview", "Write a grid of augmented versions of an image, drawn with ImageDataGenerator options (Keras' names in kebab case) or a pipeline file (Keras arguments or catalogue transforms).");
        command.Add(image);
        generator.AddTo(command);
        var read = new ReadOptions();
        read.AddTo(command);
        foreach (var option in new Option[] { grid, outFile, seed, captions, withOriginal, cellSize, annotations, single, sweep, set }) command.Add(option);
        command.SetAction(parse =>
        {
            string? transformName = parse.GetValue(single);
            if (transformName is null && parse.GetValue(sweep) is not null) throw new UsageException("--sweep needs --transform NAME");
            var fixedParameters = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (string pair in parse.GetValue(set) ?? [])
            {
                if (transformName is null) throw new UsageException("--set needs --transform NAME");
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0) throw new UsageException($"--set takes KEY=VALUE, not '{pair}'");
                try
                {
                    fixedParameters[pair[..eq].Trim()] = PipelineFile.ParseValue(pair[(eq + 1)..]);
                }
                catch (PipelineFormatException e)
                {
                    throw new UsageException($"--set {pair}: {e.Message}", e);
                }
            }
            var (transform, settings, fileSeed) = transformName is null ? generator.BuildTransform(parse) : (null!, $"{transformName}'s range", (ulong?)null);
            if (transformName is not null && (parse.GetValue(generator.Pipeline) is not null || generator.GivenOptions(parse).Any()))
                throw new UsageException("--transform shows one catalogue transform; it does not combine with --pipeline or ImageDataGenerator options");
            string outPath = parse.GetValue(outFile)!;
            CheckOutputExtension(outPath);
            var (columns, rows) = ParseGrid(parse.GetValue(grid)!);
            int? size = CommonOptions.GetCellSize(parse, cellSize);
            string? path = parse.GetValue(image);
            if (path is not null && !File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
            using var source = path is null ? DefaultPhoto.Load() : ImageCodec.Read(path, read.Build(parse, context));
            var annotated = new AnnotatedImage(source);
            if (parse.GetValue(annotations) is { } cocoPath)
            {
                var coco = AugSharp.Datasets.CocoDataset.Load(cocoPath);
                string name = path ?? DefaultPhoto.FileName;
                var entry = coco.FindImage(name) ?? throw new UsageException($"{cocoPath} has no image named {Path.GetFileName(name)}");
                annotated = coco.Annotate(source, entry);
            }
            var previewOptions = new PreviewOptions
            {
                Columns = columns,
                Rows = rows,
                Seed = CommonOptions.SeedOrFile(parse, seed, fileSeed),
                Captions = parse.GetValue(captions),
                WithOriginal = parse.GetValue(withOriginal),
                CellSize = size,
            };
            PreviewPicture picture;
            try
            {
                picture = transformName is null
                    ? AugmentationPreview.Render(annotated, transform, previewOptions)
                    : TransformSweep.Render(annotated, transformName, parse.GetValue(sweep), previewOptions, fixedParameters);
            }
            catch (PipelineFormatException e)
            {
                throw new UsageException(e.Message, e);
            }
            string output = Path.GetFullPath(outPath);
            string? dir = Path.GetDirectoryName(output);
            if (dir is not null) Directory.CreateDirectory(dir);
            using (picture.Image) ImageCodec.Write(picture.Image, output);
            context.Out.WriteLine($"Wrote {output} ({columns}x{rows} grid of {path ?? DefaultPhoto.FileName}, {settings}).");
            return AugSharpCli.Success;
        });
        return (command,
        [
            "augsharp preview --rotation-range 40 --captions",
            "augsharp preview cat.jpg --width-shift-range 0.2 --zoom-range 0.8,1.2 --fill-mode reflect --horizontal-flip",
            "augsharp preview cat.jpg --pipeline pipeline.yaml --grid 4x2 --with-original --out grid.png --seed 3",
            "augsharp preview street.jpg --pipeline detection.yaml --annotations instances.json --with-original",
            "augsharp preview cat.jpg --transform Rotate --captions",
        ]);
    }

    private static void CheckOutputExtension(string path)
    {
        const string Supported = ".png, .jpg, .jpeg, .webp, .bmp, .tif, .tiff, .ppm, .pgm or .pnm";
        var format = ImageCodec.FormatFromExtension(path);
        if (format is not (ImageFormat.Unknown or ImageFormat.Gif)) return;
        string extension = Path.GetExtension(path);
        string problem = extension.Length == 0 ? "no file extension" : $"unsupported extension '{extension}'";
        throw new UsageException($"--out {path}: {problem}; use {Supported}");
    }

    private static (int Columns, int Rows) ParseGrid(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int columns)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int rows)
            && columns is >= 1 and <= 20 && rows is >= 1 and <= 20)
        {
            return (columns, rows);
        }
        throw new UsageException($"--grid must be COLUMNSxROWS with 1 to 20 each, such as 3x3, got '{text}'");
    }
}
