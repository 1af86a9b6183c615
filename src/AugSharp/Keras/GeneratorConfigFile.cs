using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AugSharp.Keras;

/// <summary>One value of a pipeline file before it is bound to a key: a scalar's text, or a list of scalar texts.</summary>
internal readonly struct ConfigValue
{
    private ConfigValue(string text, bool isString, bool isNull, IReadOnlyList<string>? items)
    {
        Text = text;
        IsString = isString;
        IsNull = isNull;
        Items = items ?? [];
        IsList = items is not null;
    }

    public string Text { get; }

    public bool IsString { get; }

    public bool IsNull { get; }

    public bool IsList { get; }

    public IReadOnlyList<string> Items { get; }

    public static ConfigValue OfScalar(string text, bool isString)
        => new(text, isString, !isString && text is "" or "~" or "null" or "Null" or "NULL" or "None" or "none", null);

    public static ConfigValue OfList(IReadOnlyList<string> items) => new("", false, false, items);

    public static ConfigValue Null { get; } = new("null", false, true, null);

    public override string ToString()
        => IsList ? "[" + string.Join(", ", Items) + "]" : IsNull ? "null" : IsString ? $"'{Text}'" : Text;
}

/// <summary>Reads the key/value pairs of JSON and YAML pipeline files.</summary>
internal static class GeneratorConfigFile
{
    internal readonly record struct Entry(string Key, ConfigValue Value);

    public static List<Entry> ParseJson(string json, string? source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new GeneratorConfigException(null, $"is not valid JSON ({FirstSentence(e.Message)})", source ?? "pipeline", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new GeneratorConfigException(null, "must be a JSON object of ImageDataGenerator arguments, such as {\"rotation_range\": 40}", source ?? "pipeline");
            var result = new List<Entry>();
            foreach (var property in doc.RootElement.EnumerateObject())
                result.Add(new Entry(property.Name, FromJson(property.Name, property.Value, source)));
            return result;
        }
    }

    private static ConfigValue FromJson(string key, JsonElement e, string? source)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Array:
                var items = new List<string>();
                foreach (var item in e.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Number)
                        throw new GeneratorConfigException(key, $"must be a list of numbers, got {item.GetRawText()}", source);
                    items.Add(item.GetRawText());
                }
                return ConfigValue.OfList(items);
            case JsonValueKind.String: return ConfigValue.OfScalar(e.GetString() ?? "", isString: true);
            case JsonValueKind.Null: return ConfigValue.Null;
            case JsonValueKind.Object: throw new GeneratorConfigException(key, "must be a number, a list, true/false or a name, not an object", source);
            default: return ConfigValue.OfScalar(e.GetRawText(), isString: false);
        }
    }

    public static List<Entry> ParseYaml(string yaml, string? source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new GeneratorConfigException(null, $"is not valid YAML (line {e.Start.Line}: {FirstSentence(e.Message)})", source ?? "pipeline", e);
        }
        var result = new List<Entry>();
        if (stream.Documents.Count == 0) return result;
        if (stream.Documents.Count > 1)
            throw new GeneratorConfigException(null, "must hold one YAML document", source ?? "pipeline");
        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" }) return result;
        if (root is not YamlMappingNode mapping)
            throw new GeneratorConfigException(null, "must be a mapping of ImageDataGenerator arguments, such as 'rotation_range: 40'", source ?? "pipeline");
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value
                ?? throw new GeneratorConfigException(null, $"line {keyNode.Start.Line}: keys must be argument names", source ?? "pipeline");
            result.Add(new Entry(key, FromYaml(key, valueNode, source)));
        }
        return result;
    }

    private static ConfigValue FromYaml(string key, YamlNode node, string? source)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                bool quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
                return ConfigValue.OfScalar(scalar.Value ?? "", isString: quoted);
            case YamlSequenceNode sequence:
                var items = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is not YamlScalarNode s || s.Value is null)
                        throw new GeneratorConfigException(key, "must be a list of numbers", source);
                    items.Add(s.Value);
                }
                return ConfigValue.OfList(items);
            default:
                throw new GeneratorConfigException(key, "must be a number, a list, true/false or a name, not a mapping", source);
        }
    }

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". ", StringComparison.Ordinal);
        return (i > 0 ? message[..i] : message).TrimEnd('.');
    }
}
