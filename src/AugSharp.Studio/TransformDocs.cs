using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AugSharp.Studio;

/// <summary>
/// The documentation lines of the transforms and their parameters, from the library's XML
/// documentation (embedded in this assembly at build time; the file next to the library is the
/// fallback). A missing file gives empty lines, never an error.
/// </summary>
internal static partial class TransformDocs
{
    private static readonly Lazy<Dictionary<string, string>> Members = new(Read);

    /// <summary>The first sentence of the type's summary, or "".</summary>
    public static string Summary(Type type) => FirstSentence(Members.Value.GetValueOrDefault("T:" + type.FullName) ?? "");

    /// <summary>The summary of the parameter's property (looked up along the base types), or "".</summary>
    public static string PropertySummary(Type type, TransformParameter parameter)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            string pascal = string.Concat(parameter.Name.Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
            foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (!string.Equals(property.Name, pascal, StringComparison.OrdinalIgnoreCase)) continue;
                string name = (t.IsGenericType ? t.GetGenericTypeDefinition().FullName : t.FullName) + "." + property.Name;
                if (Members.Value.TryGetValue("P:" + name, out var text)) return text;
            }
        }
        return "";
    }

    private static string FirstSentence(string text)
    {
        int end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }

    private static Dictionary<string, string> Read()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var stream = typeof(TransformDocs).Assembly.GetManifestResourceStream("AugSharp.Studio.Assets.AugSharp.xml")
                ?? OpenBesideLibrary();
            if (stream is null) return result;
            var doc = XDocument.Load(stream);
            foreach (var member in doc.Descendants("member"))
            {
                string? name = member.Attribute("name")?.Value;
                var summary = member.Element("summary");
                if (name is null || summary is null) continue;
                result[name] = Flatten(summary);
            }
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException)
        {
            // No documentation: the page shows the parameters without their lines.
        }
        return result;
    }

    private static FileStream? OpenBesideLibrary()
    {
        string path = Path.ChangeExtension(typeof(ITransform).Assembly.Location, ".xml");
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    /// <summary>The text of a summary: <c>see cref</c> becomes the short name, <c>c</c> and <c>paramref</c> their text, spaces collapsed.</summary>
    private static string Flatten(XElement summary)
    {
        var text = new System.Text.StringBuilder();
        foreach (var node in summary.DescendantNodes())
        {
            if (node is XText t && t.Parent is not null) text.Append(t.Value);
            else if (node is XElement { Name.LocalName: "see" or "paramref" or "typeparamref" } e && !e.Nodes().Any())
            {
                string reference = e.Attribute("cref")?.Value ?? e.Attribute("name")?.Value ?? e.Attribute("langword")?.Value ?? "";
                text.Append(reference[(reference.LastIndexOfAny([':', '.']) + 1)..]);
            }
        }
        return Spaces().Replace(text.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
