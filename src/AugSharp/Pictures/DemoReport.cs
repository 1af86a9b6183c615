using AugSharp.Keras;

namespace AugSharp.Pictures;

/// <summary>One augmentation of the demo: a file name, a title and the generator arguments.</summary>
/// <param name="Name">File stem of the grid, for example <c>rotation_range</c>.</param>
/// <param name="Title">Heading in the report.</param>
/// <param name="Description">One sentence on what the setting does.</param>
/// <param name="Config">The generator arguments.</param>
public sealed record DemoAugmentation(string Name, string Title, string Description, GeneratorConfig Config);

/// <summary>Settings of <see cref="DemoReport.Write"/>.</summary>
public sealed record DemoOptions
{
    /// <summary>Seed of the random streams. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Longest side of each cell in pixels, or null for the photo's size.</summary>
    public int? CellSize { get; init; }

    /// <summary>Draw the drawn parameters under each cell. Default true.</summary>
    public bool Captions { get; init; } = true;

    /// <summary>Name of the photo, shown in the report.</summary>
    public string PhotoName { get; init; } = "photo";

    /// <summary>Attribution of the photo, shown in the report's footer, or null.</summary>
    public string? Attribution { get; init; }
}

/// <summary>The files written by <see cref="DemoReport.Write"/>.</summary>
/// <param name="Directory">The output folder (full path).</param>
/// <param name="Grids">The grid PNGs (full paths), in <see cref="DemoReport.Augmentations"/> order.</param>
/// <param name="IndexFile">The HTML page (full path).</param>
public sealed record DemoResult(string Directory, IReadOnlyList<string> Grids, string IndexFile);

/// <summary>
/// The demo of the classic Keras augmentation tutorial: one 3x3 grid per augmentation
/// (rotation, shifts, brightness, zoom, flips) on one photo, and an <c>index.html</c> showing them
/// with their settings.
/// </summary>
public static class DemoReport
{
    /// <summary>The seven augmentations of the tutorial, in its order.</summary>
    public static IReadOnlyList<DemoAugmentation> Augmentations { get; } =
    [
        new("rotation_range", "Random rotation", "Rotates by an angle drawn uniformly from -90 to 90 degrees; corners are filled with the nearest edge pixels.",
            new GeneratorConfig { RotationRange = 90 }),
        new("height_shift_range", "Random height shift", "Keras' height_shift_range: a shift of up to half the image height, applied along the columns as Keras does.",
            new GeneratorConfig { HeightShiftRange = 0.5 }),
        new("width_shift_range", "Random width shift", "Keras' width_shift_range: a shift of up to half the image width, applied along the rows as Keras does.",
            new GeneratorConfig { WidthShiftRange = 0.5 }),
        new("brightness_range", "Random brightness", "Multiplies brightness by a factor drawn from 0.2 (darker) to 1.0 (unchanged).",
            new GeneratorConfig { BrightnessRange = [0.2, 1.0] }),
        new("zoom_range", "Random zoom", "Zoom values are inverse scales: below 1 magnifies. Drawn from 0.2 to 1.0 on each axis.",
            new GeneratorConfig { ZoomRange = new ZoomRange(0.2, 1.0) }),
        new("horizontal_flip", "Random horizontal flip", "Mirrors left to right with probability 0.5.",
            new GeneratorConfig { HorizontalFlip = true }),
        new("vertical_flip", "Random vertical flip", "Mirrors top to bottom with probability 0.5.",
            new GeneratorConfig { VerticalFlip = true }),
    ];

    /// <summary>
    /// Writes <c>&lt;name&gt;.png</c> for every augmentation of <see cref="Augmentations"/> and
    /// <c>index.html</c> into <paramref name="outputDirectory"/> (created if needed).
    /// </summary>
    /// <param name="photo">The photo to augment.</param>
    /// <param name="outputDirectory">Destination folder.</param>
    /// <param name="options">Seed, cell size, captions; null for the defaults.</param>
    /// <param name="progress">Receives the name of each grid once written.</param>
    public static DemoResult Write(ImageBuffer photo, string outputDirectory, DemoOptions? options = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        options ??= new DemoOptions();
        string dir = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(dir);

        var report = new HtmlReport("AugSharp demo: ImageDataGenerator augmentations")
        {
            Introduction = $"Each grid shows nine random augmentations of {options.PhotoName} ({photo.Width}x{photo.Height}) "
                + $"drawn with seed {options.Seed}, one setting at a time, as in the Keras data augmentation tutorial. "
                + "Under each picture: the parameters that were drawn for it.",
            Footer = options.Attribution,
        };
        var grids = new List<string>();
        string cellArg = options.CellSize is int cs ? $" --cell-size {cs}" : "";
        foreach (var demo in Augmentations)
        {
            var preview = AugmentationPreview.Render(photo, demo.Config.ToGenerator(),
                new PreviewOptions { Seed = options.Seed, CellSize = options.CellSize, Captions = options.Captions });
            string file = demo.Name + ".png";
            string path = Path.Combine(dir, file);
            using (preview.Image) ImageCodec.Write(preview.Image, path);
            grids.Add(path);
            var settings = demo.Config.ChangedSettings();
            string cli = "augsharp preview" + string.Concat(settings.Select(kv => " " + CliOption(kv.Key, kv.Value)))
                + $" --seed {options.Seed}{cellArg} --captions";
            report.Sections.Add(new HtmlReportSection($"{demo.Title}: {string.Join(", ", settings.Select(kv => $"{kv.Key}={kv.Value}"))}",
                file, demo.Description, ["# Keras", demo.Config.ToKerasCall(), "# AugSharp command line", cli]) { NavTitle = demo.Title });
            progress?.Report(file);
        }
        string index = Path.Combine(dir, "index.html");
        report.Write(index);
        return new DemoResult(dir, grids, index);
    }

    private static string CliOption(string key, string literal)
    {
        string option = "--" + key.Replace('_', '-');
        return literal switch
        {
            "True" => option,
            _ => option + " " + literal.Trim('[', ']', '\'').Replace(", ", ",", StringComparison.Ordinal),
        };
    }
}
