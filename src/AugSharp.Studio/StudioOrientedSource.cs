using AugSharp.Datasets;

namespace AugSharp.Studio;

/// <summary>
/// The oriented boxes of a studio folder that is the <c>images</c> folder of a DOTA data set
/// (<c>labelTxt/</c> beside it) or of an Ultralytics YOLO-OBB one (<c>labels/</c> beside it, or
/// a split such as <c>images/train</c> with <c>labels/train</c>). The data set is scanned once, at
/// the start, by the layout's own reader (<see cref="DotaLayout.Reader"/> or
/// <see cref="YoloLayout.Reader"/>), which reads each image with its boxes when it is shown.
/// </summary>
internal sealed class StudioOrientedSource
{
    private readonly Dictionary<string, DatasetItem> _items;

    private StudioOrientedSource(string layout, string root, DatasetReader reader, DatasetScan scan)
    {
        Layout = layout;
        Root = root;
        Reader = reader;
        _items = scan.Items.ToDictionary(i => Path.GetFullPath(i.SourcePath), StringComparer.Ordinal);
        Errors = scan.Errors.Select(e => $"{e.File}: {e.Reason}").ToArray();
    }

    /// <summary>The layout's name, as <c>augsharp augment --layout</c> writes it: <c>dota</c> or <c>yolo-obb</c>.</summary>
    public string Layout { get; }

    /// <summary>The data set's folder (the one holding <c>images</c> and <c>labelTxt</c> or <c>labels</c>).</summary>
    public string Root { get; }

    /// <summary>The layout's reader, after its scan of <see cref="Root"/>.</summary>
    public DatasetReader Reader { get; }

    /// <summary>What the scan refused (a malformed line, a label file naming no image...), each with its file: the images concerned are shown without boxes.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>
    /// The <c>obb_params</c> the studio's pipelines carry for this layout when they name none: the
    /// layout's own format (<c>xyxyxyxy</c> pixel corners for DOTA, <c>yolo_obb</c> for YOLO-OBB).
    /// </summary>
    public string ObbFormat => Layout == "dota" ? "xyxyxyxy" : "yolo_obb";

    /// <summary>The scanned item of the image at <paramref name="fullPath"/>, or null when the scan has none (no label file of its own is fine: it has no boxes).</summary>
    public DatasetItem? Item(string fullPath) => _items.GetValueOrDefault(Path.GetFullPath(fullPath));

    /// <summary>
    /// The DOTA or YOLO-OBB data set whose <c>images</c> folder is <paramref name="folder"/> (or
    /// whose <c>images</c> folder holds it, for a split), or null when there is none.
    /// </summary>
    public static StudioOrientedSource? Find(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var dir = new DirectoryInfo(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        DirectoryInfo? images = dir.Name == "images" ? dir : dir.Parent is { Name: "images" } parent ? parent : null;
        if (images?.Parent is not { } root) return null;
        string? name = DotaLayout.Detect(root.FullName) ? "dota" : YoloLayout.DetectOriented(root.FullName) ? "yolo-obb" : null;
        if (name is null) return null;
        var layout = DatasetLayouts.All.First(l => l.Name == name);
        var reader = layout.CreateReader();
        return new StudioOrientedSource(name, root.FullName, reader, reader.Scan(root.FullName, excludedFolder: null));
    }
}
