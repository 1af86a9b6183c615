using System.Globalization;

namespace AugSharp.Datasets;

/// <summary>
/// What the layouts that keep one annotation file beside each image (YOLO, DOTA, Pascal VOC,
/// image+mask folders) share: listing a data set's files, the path of an image's annotation file,
/// numbers read and written in the invariant culture, and the tag that lets a box find its
/// object's other fields (VOC's <c>difficult</c>, DOTA's difficulty) after a pipeline moved it.
/// </summary>
internal static class LabelFiles
{
    /// <summary>Every file under <paramref name="root"/> (relative paths with <c>/</c>, sorted ordinally), never entering <paramref name="excludedFolder"/>; folders that cannot be listed are errors.</summary>
    public static List<string> List(string root, string? excludedFolder, List<GenerationError> errors)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"folder not found: {root}");
        var excluded = excludedFolder is null ? [] : ImageFolder.PathForms(Path.GetFullPath(excludedFolder));
        var files = new List<string>();
        var walkErrors = new List<AugmentFileError>();
        ImageFolder.Walk(root, AugmentFileSystem.Real, excluded, (relative, full) => { if (!AtomicFile.IsTemporary(full)) files.Add(relative); }, walkErrors);
        errors.AddRange(walkErrors.Select(e => new GenerationError(e.Path, e.Message)));
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// The annotation file of an image: the last folder named <paramref name="from"/> in its path
    /// replaced by <paramref name="to"/> and the extension by <paramref name="extension"/>
    /// (<c>images/train/a.jpg</c> gives <c>labels/train/a.txt</c>, as Ultralytics pairs them);
    /// null when no folder of the path is named <paramref name="from"/>.
    /// </summary>
    public static string? SidePath(string imagePath, string from, string to, string extension)
    {
        var parts = imagePath.Split('/');
        for (int i = parts.Length - 2; i >= 0; i--)
        {
            if (parts[i] != from) continue;
            parts[i] = to;
            parts[^1] = Path.GetFileNameWithoutExtension(parts[^1]) + extension;
            return string.Join('/', parts);
        }
        return null;
    }

    /// <summary>True when a folder of <paramref name="path"/> (not its file name) is named <paramref name="folder"/>.</summary>
    public static bool HasFolder(string path, string folder)
    {
        var parts = path.Split('/');
        for (int i = 0; i < parts.Length - 1; i++)
            if (parts[i] == folder) return true;
        return false;
    }

    /// <summary>True when <paramref name="input"/> is a folder holding folders <paramref name="first"/> and <paramref name="second"/> side by side, at its root or one level down; false for a folder that cannot be listed.</summary>
    public static bool HasFolders(string input, string first, string second)
    {
        try
        {
            if (!Directory.Exists(input)) return false;
            return Directory.EnumerateDirectories(input).Prepend(input)
                .Any(d => Directory.Exists(Path.Combine(d, first)) && Directory.Exists(Path.Combine(d, second)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads a number in the invariant culture; false for text that is not a finite number.</summary>
    public static bool TryNumber(string text, out double value)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>A number as annotation files write it: invariant, at most <paramref name="decimals"/> decimals, no trailing zeros, no negative zero.</summary>
    public static string Number(double value, int decimals = 6)
    {
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0;
        return rounded.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>The lines of a text file, with their numbers (from 1), without line breaks.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(string path)
    {
        int n = 0;
        foreach (string line in File.ReadLines(path)) yield return (++n, line);
    }

    /// <summary>
    /// A box label that also names its object (<c>name</c>, the unit separator, the object's index
    /// in its file), so that the writer finds the object's other fields after the pipeline moved
    /// (and perhaps dropped) boxes. Layouts that tag labels strip the tag when they write.
    /// </summary>
    public static string Tag(string name, int index) => LabelTag.Tag(name, index);

    /// <summary>The name and object index of a tagged label (<see cref="Tag"/>); index -1 for a label without a tag.</summary>
    public static (string Name, int Index) Untag(string? label) => LabelTag.Untag(label);

    /// <summary>The image files of <paramref name="files"/> (relative to <paramref name="root"/>), keyed by their path without extension (one image per stem: the first in ordinal order; later ones are errors).</summary>
    public static Dictionary<string, string> ImagesByStem(IEnumerable<string> files, string root, List<GenerationError> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            if (!ImageFolder.IsImageFile(file)) continue;
            string stem = WithoutExtension(file);
            if (!result.TryAdd(stem, file))
                errors.Add(new GenerationError(Path.Combine(root, file), $"another image has the same name: {result[stem]} (an annotation file pairs with one image)"));
        }
        return result;
    }

    /// <summary>The path without its file's extension.</summary>
    public static string WithoutExtension(string path)
    {
        int slash = path.LastIndexOf('/');
        int dot = path.LastIndexOf('.');
        return dot > slash ? path[..dot] : path;
    }
}
