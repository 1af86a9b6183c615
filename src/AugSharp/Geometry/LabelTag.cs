using System.Globalization;

namespace AugSharp;

/// <summary>
/// A label that also names the object it belongs to in its annotation file: the name, the unit
/// separator (U+001F), and an index. Data set readers tag the labels of boxes and keypoints so that
/// their writers find each object's other fields after a pipeline moved (and perhaps dropped) its
/// targets; keypoint label swaps (<see cref="KeypointParams.LabelMapping"/>) act on the name and
/// keep the index.
/// </summary>
internal static class LabelTag
{
    private const char Separator = '\u001F';

    /// <summary><paramref name="name"/> tagged with <paramref name="index"/>.</summary>
    public static string Tag(string name, int index) => name + Separator + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name and index of a tagged label; index -1 for a label without a tag (the label itself is the name).</summary>
    public static (string Name, int Index) Untag(string? label)
    {
        if (label is null) return ("", -1);
        int at = label.LastIndexOf(Separator);
        if (at < 0 || !int.TryParse(label.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index)) return (label, -1);
        return (label[..at], index);
    }

    /// <summary>
    /// The label with its name looked up in <paramref name="mapping"/>: the whole label first, then
    /// the name of a tagged label (the tag kept); null when neither is mapped.
    /// </summary>
    public static string? Map(string label, IReadOnlyDictionary<string, string> mapping)
    {
        if (mapping.TryGetValue(label, out var swapped)) return swapped;
        var (name, index) = Untag(label);
        return index >= 0 && mapping.TryGetValue(name, out swapped) ? Tag(swapped, index) : null;
    }
}
