namespace AugSharp.Cli;

/// <summary>The photo embedded in the tool, used when no image is given.</summary>
internal static class DefaultPhoto
{
    public const string FileName = "chelsea.png";

    public const string Attribution = "Photo: Chelsea the cat, by Stefan van der Walt (CC0), from the scikit-image sample images.";

    public static ImageBuffer Load()
    {
        using var stream = typeof(DefaultPhoto).Assembly.GetManifestResourceStream("AugSharp.Cli.Assets.chelsea.png")
            ?? throw new InvalidOperationException("The embedded photo is missing from the tool.");
        return ImageCodec.Read(stream, name: FileName);
    }

    /// <summary>The encoded files of the benchmark's default images: chelsea.png (451x300) and rocket.jpg (640x427).</summary>
    public static IReadOnlyList<(string Name, byte[] Data)> BenchmarkFiles()
    {
        var files = new List<(string, byte[])>();
        foreach (string name in new[] { FileName, "rocket.jpg" })
        {
            using var stream = typeof(DefaultPhoto).Assembly.GetManifestResourceStream("AugSharp.Cli.Assets." + name)
                ?? throw new InvalidOperationException($"The embedded image {name} is missing from the tool.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files.Add((name, copy.ToArray()));
        }
        return files;
    }
}
