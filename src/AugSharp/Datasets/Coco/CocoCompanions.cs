using System.Runtime.CompilerServices;

namespace AugSharp.Datasets;

/// <summary>
/// The images of a COCO file as companions of the several-image transforms (MixUp, CutMix, Mosaic,
/// CopyAndPaste), each with its boxes, instance masks and keypoints
/// (<see cref="CocoDataset.Annotate"/>). Put one in an annotated image's
/// <see cref="AnnotatedImage.Metadata"/> under a transform's metadata key, or give the COCO file as
/// the transform's <c>companion_source</c>. Image files are found relative to
/// <see cref="ImageFolder"/> (by default the COCO file's folder).
/// </summary>
public sealed class CocoCompanions : ICompanionReader
{
    private readonly CocoDataset _dataset;

    /// <summary>The images of the COCO file at <paramref name="cocoPath"/>, found under <paramref name="imageFolder"/> (default: the COCO file's folder).</summary>
    public CocoCompanions(string cocoPath, string? imageFolder = null)
    {
        ArgumentNullException.ThrowIfNull(cocoPath);
        _dataset = CocoDataset.Load(cocoPath);
        ImageFolder = imageFolder ?? Path.GetDirectoryName(Path.GetFullPath(cocoPath)) ?? ".";
    }

    /// <summary>The folder the images' file names are relative to.</summary>
    public string ImageFolder { get; }

    /// <inheritdoc />
    public int Count => _dataset.Images.Count;

    /// <summary>The images' file names, in the file's order.</summary>
    public IReadOnlyList<string> FileNames => _dataset.Images.Select(i => i.FileName).ToArray();

    /// <inheritdoc />
    public AnnotatedImage Read(int index)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"The COCO file has {Count} images.");
        return Read(_dataset.Images[index]);
    }

    /// <summary>Reads the image whose file name is <paramref name="fileName"/>.</summary>
    public AnnotatedImage Read(string fileName)
        => Read(_dataset.FindImage(fileName) ?? throw new FileNotFoundException($"The COCO file has no image {fileName}.", fileName));

    private AnnotatedImage Read(CocoImage image)
    {
        var pixels = ImageCodec.Read(Path.Combine(ImageFolder, image.FileName));
        try
        {
            return _dataset.Annotate(pixels, image);
        }
        catch
        {
            pixels.Dispose();
            throw;
        }
    }

#pragma warning disable CA2255 // The library registers its own reader of COCO files for the transforms' companion_source, so that Transforms need not know Datasets.
    [ModuleInitializer]
    internal static void RegisterAsCompanionSource()
        => CompanionSource.RegisterFileReader(".json", path =>
        {
            var coco = new CocoCompanions(path);
            return new CompanionSource(coco.FileNames, coco.Read);
        });
#pragma warning restore CA2255
}
