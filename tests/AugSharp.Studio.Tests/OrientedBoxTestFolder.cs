using AugSharp.Studio;

namespace AugSharp.Studio.Tests;

/// <summary>
/// A temporary DOTA data set and a YOLO-OBB one holding the same photo (a cup of coffee on its
/// saucer, 600x400) with the same two oriented boxes: the spoon (turned about 11° from upright)
/// and the cup.
/// </summary>
internal sealed class OrientedBoxTestFolder : IDisposable
{
    public const int Width = 600, Height = 400;

    /// <summary>The objects: four corners in pixels, clockwise on screen, and the class.</summary>
    public static readonly (double[] Corners, string Class)[] Objects =
    [
        ([376, 60, 454, 76, 404, 333, 326, 317], "spoon"),
        ([165, 35, 405, 12, 430, 272, 190, 300], "cup"),
    ];

    public OrientedBoxTestFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "augsharp-studio-obb-" + Guid.NewGuid().ToString("N")[..10]);
        string photo = Path.Combine(AppContext.BaseDirectory, "TestData", "coffee.png");

        DotaImages = Path.Combine(Root, "dota", "images");
        Directory.CreateDirectory(DotaImages);
        Directory.CreateDirectory(Path.Combine(Root, "dota", "labelTxt"));
        File.Copy(photo, Path.Combine(DotaImages, "coffee.png"));
        File.WriteAllLines(Path.Combine(Root, "dota", "labelTxt", "coffee.txt"),
            ["imagesource:test", "gsd:0.1", .. Objects.Select(o => string.Join(' ', o.Corners) + $" {o.Class} 0")]);

        YoloImages = Path.Combine(Root, "yolo", "images");
        Directory.CreateDirectory(YoloImages);
        Directory.CreateDirectory(Path.Combine(Root, "yolo", "labels"));
        File.Copy(photo, Path.Combine(YoloImages, "coffee.png"));
        File.WriteAllText(Path.Combine(Root, "yolo", "data.yaml"), "path: .\ntrain: images\nnames:\n  0: spoon\n  1: cup\n");
        File.WriteAllLines(Path.Combine(Root, "yolo", "labels", "coffee.txt"),
            Objects.Select((o, i) => i + " " + string.Join(' ', YoloValues(o.Corners).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
    }

    public string Root { get; }

    /// <summary>The DOTA set's <c>images</c> folder (<c>labelTxt</c> beside it).</summary>
    public string DotaImages { get; }

    /// <summary>The YOLO-OBB set's <c>images</c> folder (<c>labels</c> beside it).</summary>
    public string YoloImages { get; }

    /// <summary>The corners normalised by the image's size, as YOLO-OBB writes them.</summary>
    public static double[] YoloValues(double[] corners) => corners.Select((v, i) => v / (i % 2 == 0 ? Width : Height)).ToArray();

    /// <summary>The photo with its two oriented boxes, made without the studio or the layouts' readers.</summary>
    public static AnnotatedImage Annotated()
    {
        var image = ImageCodec.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "coffee.png"));
        var boxes = Objects.Select(o => OrientedBoxFormats.FromValues(o.Corners, OrientedBoxFormat.Xyxyxyxy, Width, Height, label: o.Class)).ToArray();
        return new AnnotatedImage(image, orientedBoxes: boxes);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
