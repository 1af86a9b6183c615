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
}
