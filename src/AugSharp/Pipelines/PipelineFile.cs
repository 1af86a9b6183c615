using System.Globalization;
using System.Text;
using System.Text.Json;
using AugSharp.Keras;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AugSharp;

/// <summary>
/// Pipeline files, JSON or YAML, in either of two forms. The engine's form has a
/// <c>transforms</c> list (each entry <c>Name: {parameters}</c>, or just <c>Name</c>; containers
/// Compose, OneOf, SomeOf, Sequential, OneOrOther and RandomOrder hold their own
/// <c>transforms</c>), with optional <c>seed</c>, <c>bbox_params</c>, <c>keypoint_params</c> and
/// <c>obb_params</c> (oriented boxes: <c>format</c> xywha, xyxyxyxy or yolo_obb, <c>angle_unit</c>
/// degrees or radians, <c>normalized</c>, <c>min_area</c>, <c>min_visibility</c>, <c>clip</c>,
/// <c>filter_invalid_boxes</c>, <c>label_fields</c>; see <see cref="OrientedBoxParams"/>):
/// <code>
/// seed: 7
/// bbox_params: {format: coco, min_visibility: 0.3}
/// transforms:
///   - HorizontalFlip: {p: 0.5}
///   - Affine: {rotate: [-30, 30], scale: [0.9, 1.1], border_mode: reflect101, p: 0.7}
///   - OneOf:
///       p: 0.5
///       transforms:
///         - RandomResizedCrop: {size: [224, 224], scale: [0.5, 1.0]}
///         - LongestMaxSize: {max_size: 224}
/// </code>
/// Albumentations' own saved form (<c>A.save</c>: <c>__version__</c>, <c>transform</c>,
/// <c>__class_fullname__</c>) is read too (see <see cref="ToAlbumentationsJson"/> for writing it).
/// The Keras form is a mapping of <c>ImageDataGenerator</c> arguments (<c>rotation_range: 40</c>)
/// and gives the generator itself. Parameters have Albumentations' names; border modes and
/// interpolations take names or OpenCV's codes.
/// </summary>
public static class PipelineFile
{
    /// <summary>The names of the containers a file may use.</summary>
    public static IReadOnlyList<string> ContainerNames { get; } = ["Compose", "OneOf", "SomeOf", "Sequential", "OneOrOther", "RandomOrder", "SelectiveChannelTransform"];

    /// <summary>Reads a pipeline file (JSON for <c>.json</c> or text starting with <c>{</c>, YAML otherwise).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PipelineFormatException">The engine form is malformed; the message names the file, transform and parameter.</exception>
    /// <exception cref="GeneratorConfigException">The Keras form holds an invalid value.</exception>
    public static ITransform Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"pipeline file not found: {path}", path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path), IsJson(path));
    }

    /// <summary>Reads pipeline text; <paramref name="source"/> names it in errors.</summary>
    public static ITransform Parse(string text, string? source = null, bool? json = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        bool isJson = json ?? text.TrimStart().StartsWith('{');
        object? root;
        try
        {
            root = isJson ? FromJson(text) : FromYaml(text);
        }
        catch (Exception e) when (e is JsonException or YamlException)
        {
            throw new PipelineFormatException($"{source ?? "pipeline"}: is not valid {(isJson ? "JSON" : "YAML")} ({e.Message})", e);
        }
        if (root is IReadOnlyDictionary<string, object?> saved && AlbumentationsFormat.Is(saved))
        {
            try
            {
                root = AlbumentationsFormat.ToEngineForm(saved);
            }
            catch (PipelineFormatException e) when (source is not null)
            {
                throw new PipelineFormatException($"{source}: {e.Message}", e);
            }
        }
        if (root is IReadOnlyDictionary<string, object?> map && map.ContainsKey("transforms"))
        {
            try
            {
                return BuildCompose(map, top: true);
            }
            catch (PipelineFormatException e) when (source is not null)
            {
                throw new PipelineFormatException($"{source}: {e.Message}", e);
            }
        }
        var config = isJson ? GeneratorConfig.FromJson(text, source) : GeneratorConfig.FromYaml(text, source);
        return config.ToGenerator();
    }

    /// <summary>The engine form of <paramref name="transform"/> as YAML (the Keras generator is written with its config instead).</summary>
    public static string ToYaml(ITransform transform)
    {
        var sb = new StringBuilder();
        var root = ToTree(transform is Compose ? transform : new Compose([transform]));
        WriteYaml(sb, root, 0);
        return sb.ToString();
    }

    /// <summary>The engine form of <paramref name="transform"/> as JSON.</summary>
    public static string ToJson(ITransform transform)
        => JsonSerializer.Serialize(ToTree(transform is Compose ? transform : new Compose([transform])), new JsonSerializerOptions { WriteIndented = true });

    /// <summary><paramref name="transform"/> in Albumentations' saved form (<c>__version__</c>, <c>transform</c>, <c>__class_fullname__</c>), as JSON that <c>A.load</c> reads.</summary>
    public static string ToAlbumentationsJson(ITransform transform)
    {
        var tree = (IReadOnlyDictionary<string, object?>)ToTree(transform is Compose ? transform : new Compose([transform]));
        return JsonSerializer.Serialize(AlbumentationsFormat.FromEngineForm(tree), new JsonSerializerOptions { WriteIndented = true });
    }

    private static bool IsJson(string path) => Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);

    private static Compose BuildCompose(IReadOnlyDictionary<string, object?> map, bool top)
    {
        var allowed = top ? new[] { "transforms", "seed", "bbox_params", "keypoint_params", "obb_params", "p" } : ["transforms", "bbox_params", "keypoint_params", "obb_params", "p"];
        CheckKeys("Compose", map, allowed);
        var children = Children("Compose", map);
        BoxParams? box = map.TryGetValue("bbox_params", out var b) && b is not null ? BuildBoxParams(b) : null;
        KeypointParams? kp = map.TryGetValue("keypoint_params", out var k) && k is not null ? BuildKeypointParams(k) : null;
        OrientedBoxParams? obb = map.TryGetValue("obb_params", out var o) && o is not null ? BuildOrientedBoxParams(o) : null;
        double p = map.TryGetValue("p", out var pv) ? (double)TransformRegistry.Convert(pv, typeof(double), false)! : 1;
        ulong? seed = map.TryGetValue("seed", out var sv) && sv is not null ? checked((ulong)(int)TransformRegistry.Convert(sv, typeof(int), false)!) : null;
        try
        {
            return new Compose(children, box, kp, p, obb) { Seed = seed };
        }
        catch (NotSupportedException e)
        {
            throw new PipelineFormatException(e.Message);
        }
    }

    private static List<ITransform> Children(string owner, IReadOnlyDictionary<string, object?> map)
    {
        if (!map.TryGetValue("transforms", out var list) || list is not IList<object?> items)
            throw new PipelineFormatException($"{owner} needs a 'transforms' list");
        return items.Select(BuildEntry).ToList();
    }

    private static ITransform BuildEntry(object? entry)
    {
        string name;
        IReadOnlyDictionary<string, object?> parameters;
        switch (entry)
        {
            case string s:
                name = s;
                parameters = new Dictionary<string, object?>();
                break;
            case IReadOnlyDictionary<string, object?> one when one.Count == 1:
                (name, var value) = one.First();
                parameters = value switch
                {
                    null => new Dictionary<string, object?>(),
                    IReadOnlyDictionary<string, object?> d => d,
                    _ => throw new PipelineFormatException($"{name} takes a mapping of parameters, not {value}"),
                };
                break;
            default:
                throw new PipelineFormatException("each entry of 'transforms' is a transform name, or 'Name: {parameters}'");
        }
        double P(double fallback) => parameters.TryGetValue("p", out var pv) ? (double)TransformRegistry.Convert(pv, typeof(double), false)! : fallback;
        int N(int fallback) => parameters.TryGetValue("n", out var nv) ? (int)TransformRegistry.Convert(nv, typeof(int), false)! : fallback;
        bool Replace() => parameters.TryGetValue("replace", out var rv) && (bool)TransformRegistry.Convert(rv, typeof(bool), false)!;
        switch (name)
        {
            case "Compose":
                return BuildCompose(parameters, top: false);
            case "OneOf":
                CheckKeys(name, parameters, ["transforms", "p"]);
                return new OneOf(Children(name, parameters), P(0.5));
            case "SomeOf":
                CheckKeys(name, parameters, ["transforms", "p", "n", "replace"]);
                return new SomeOf(Children(name, parameters), N(1), Replace(), P(1));
            case "RandomOrder":
                CheckKeys(name, parameters, ["transforms", "p", "n", "replace"]);
                return new RandomOrder(Children(name, parameters), N(1), Replace(), P(1));
            case "SelectiveChannelTransform":
                CheckKeys(name, parameters, ["transforms", "p", "channels"]);
                var channels = parameters.TryGetValue("channels", out var cv) ? (IReadOnlyList<int>?)TransformRegistry.Convert(cv, typeof(IReadOnlyList<int>), false) : null;
                return new SelectiveChannelTransform(Children(name, parameters), channels, P(1));
            case "Sequential":
                CheckKeys(name, parameters, ["transforms", "p"]);
                return new Sequential(Children(name, parameters), P(0.5));
            case "OneOrOther":
                CheckKeys(name, parameters, ["transforms", "p"]);
                var pair = Children(name, parameters);
                if (pair.Count != 2) throw new PipelineFormatException($"OneOrOther takes exactly 2 transforms, not {pair.Count}");
                return new OneOrOther(pair[0], pair[1], P(0.5));
            default:
                return TransformRegistry.Create(name, parameters);
        }
    }

    private static void CheckKeys(string owner, IReadOnlyDictionary<string, object?> map, string[] allowed)
    {
        foreach (var key in map.Keys)
        {
            if (allowed.Contains(key)) continue;
            string? closest = Spelling.Closest(key, allowed);
            throw new PipelineFormatException($"{owner} has no parameter '{key}'" + (closest is null ? "" : $"; did you mean '{closest}'?"));
        }
    }

    private static BoxParams BuildBoxParams(object value)
    {
        if (value is not IReadOnlyDictionary<string, object?> map) throw new PipelineFormatException("bbox_params is a mapping");
        var result = new BoxParams();
        foreach (var (key, v) in map)
        {
            result = key switch
            {
                "format" => result with { Format = (BoxFormat)TransformRegistry.Convert(v, typeof(BoxFormat), false)! },
                "min_area" => result with { MinArea = Num(v) },
                "min_visibility" => result with { MinVisibility = Num(v) },
                "min_width" => result with { MinWidth = Num(v) },
                "min_height" => result with { MinHeight = Num(v) },
                "clip" => result with { Clip = (bool)TransformRegistry.Convert(v, typeof(bool), false)! },
                "filter_invalid_bboxes" => result with { FilterInvalidBboxes = (bool)TransformRegistry.Convert(v, typeof(bool), false)! },
                "boxes_from_masks" => result with { BoxesFromMasks = (bool)TransformRegistry.Convert(v, typeof(bool), false)! },
                "label_fields" or "check_each_transform" => result,
                _ => throw Unknown("bbox_params", key, ["format", "min_area", "min_visibility", "min_width", "min_height", "clip", "filter_invalid_bboxes", "boxes_from_masks", "label_fields"]),
            };
        }
        return result;
    }

    private static OrientedBoxParams BuildOrientedBoxParams(object value)
    {
        if (value is not IReadOnlyDictionary<string, object?> map) throw new PipelineFormatException("obb_params is a mapping");
        var result = new OrientedBoxParams();
        foreach (var (key, v) in map)
        {
            result = key switch
            {
                "format" => result with
                {
                    Format = OrientedBoxFormats.Parse(v?.ToString() ?? "")
                        ?? throw new PipelineFormatException($"obb_params.format is xywha, xyxyxyxy or yolo_obb, not '{v}'"),
                },
                "angle_unit" => result with
                {
                    AngleUnit = (v?.ToString() ?? "").Trim().ToLowerInvariant() switch
                    {
                        "degrees" or "deg" => AngleUnit.Degrees,
                        "radians" or "rad" => AngleUnit.Radians,
                        _ => throw new PipelineFormatException($"obb_params.angle_unit is degrees or radians, not '{v}'"),
                    },
                },
                "normalized" => result with { Normalized = (bool)TransformRegistry.Convert(v, typeof(bool), false)! },
                "min_area" => result with { MinArea = Num(v) },
                "min_visibility" => result with { MinVisibility = Num(v) },
                "clip" => result with { Clip = (bool)TransformRegistry.Convert(v, typeof(bool), false)! },
                "filter_invalid_boxes" => result with { FilterInvalidBoxes = (bool)TransformRegistry.Convert(v, typeof(bool), false)! },
                "label_fields" => result,
                _ => throw Unknown("obb_params", key, ["format", "angle_unit", "normalized", "min_area", "min_visibility", "clip", "filter_invalid_boxes", "label_fields"]),
            };
        }
        if (result.Format == OrientedBoxFormat.Xywha && result.Normalized)
            throw new PipelineFormatException("obb_params: xywha boxes are in pixels; normalized applies to xyxyxyxy corners");
        return result;
    }

    private static KeypointParams BuildKeypointParams(object value)
    {
        if (value is not IReadOnlyDictionary<string, object?> map) throw new PipelineFormatException("keypoint_params is a mapping");
        var result = new KeypointParams();
        foreach (var (key, v) in map)
        {
            result = key switch
            {
                "format" => result with { Format = (KeypointFormat)TransformRegistry.Convert(v, typeof(KeypointFormat), false)! },
                "remove_invisible" => result with { RemoveInvisible = (bool)TransformRegistry.Convert(v, typeof(bool), false)! },
                "angle_in_degrees" => result with { AngleInDegrees = (bool)TransformRegistry.Convert(v, typeof(bool), false)! },
                "label_mapping" => result with { LabelMapping = LabelMapping(v) },
                "label_fields" or "check_each_transform" => result,
                _ => throw Unknown("keypoint_params", key, ["format", "remove_invisible", "angle_in_degrees", "label_mapping", "label_fields"]),
            };
        }
        return result;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> LabelMapping(object? value)
    {
        if (value is not IReadOnlyDictionary<string, object?> map) throw new PipelineFormatException("label_mapping is a mapping of transform names to label mappings");
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var (transform, inner) in map)
        {
            if (inner is not IReadOnlyDictionary<string, object?> pairs) throw new PipelineFormatException($"label_mapping.{transform} is a mapping of labels");
            result[transform] = pairs.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "");
        }
        return result;
    }

    private static double Num(object? v) => (double)TransformRegistry.Convert(v, typeof(double), false)!;

    private static PipelineFormatException Unknown(string owner, string key, string[] known)
    {
        string? closest = Spelling.Closest(key, known);
        return new PipelineFormatException($"{owner} has no key '{key}'" + (closest is null ? "" : $"; did you mean '{closest}'?"));
    }

    private static object ToTree(ITransform transform)
    {
        switch (transform)
        {
            case Compose c:
            {
                var map = new Dictionary<string, object?>();
                if (c.Seed is { } seed) map["seed"] = seed;
                if (c.BoxParams is { } bp)
                {
                    map["bbox_params"] = new Dictionary<string, object?>
                    {
                        ["format"] = TransformRegistry.SnakeCase(bp.Format.ToString()), ["min_area"] = bp.MinArea, ["min_visibility"] = bp.MinVisibility,
                        ["min_width"] = bp.MinWidth, ["min_height"] = bp.MinHeight, ["clip"] = bp.Clip, ["filter_invalid_bboxes"] = bp.FilterInvalidBboxes, ["boxes_from_masks"] = bp.BoxesFromMasks,
                    };
                }
                if (c.KeypointParams is { } kp)
                {
                    map["keypoint_params"] = new Dictionary<string, object?>
                    {
                        ["format"] = TransformRegistry.SnakeCase(kp.Format.ToString()), ["remove_invisible"] = kp.RemoveInvisible, ["angle_in_degrees"] = kp.AngleInDegrees,
                        ["label_mapping"] = kp.LabelMapping.ToDictionary(kv => kv.Key, kv => (object?)kv.Value.ToDictionary(p => p.Key, p => (object?)p.Value)),
                    };
                }
                if (c.OrientedBoxParams is { } ob)
                {
                    map["obb_params"] = new Dictionary<string, object?>
                    {
                        ["format"] = OrientedBoxFormats.Name(ob.Format), ["angle_unit"] = ob.AngleUnit == AngleUnit.Degrees ? "degrees" : "radians", ["normalized"] = ob.Normalized,
                        ["min_area"] = ob.MinArea, ["min_visibility"] = ob.MinVisibility, ["clip"] = ob.Clip, ["filter_invalid_boxes"] = ob.FilterInvalidBoxes,
                    };
                }
                if (c.P != 1) map["p"] = c.P;
                map["transforms"] = c.Transforms.Select(t => (object?)Entry(t)).ToList();
                return map;
            }
            default:
                return Entry(transform);
        }
    }

    private static Dictionary<string, object?> Entry(ITransform transform)
    {
        Dictionary<string, object?> parameters = transform switch
        {
            Compose c => (Dictionary<string, object?>)ToTree(c),
            OneOrOther o => new() { ["p"] = o.FirstProbability, ["transforms"] = o.Transforms.Select(t => (object?)Entry(t)).ToList() },
            SomeOf s => new() { ["n"] = s.N, ["replace"] = s.Replace, ["p"] = s.P, ["transforms"] = s.Transforms.Select(t => (object?)Entry(t)).ToList() },
            RandomOrder r => new() { ["n"] = r.N, ["replace"] = r.Replace, ["p"] = r.P, ["transforms"] = r.Transforms.Select(t => (object?)Entry(t)).ToList() },
            SelectiveChannelTransform sc => new() { ["channels"] = sc.Channels.Select(c => (object?)(long)c).ToList(), ["p"] = sc.P, ["transforms"] = sc.Transforms.Select(t => (object?)Entry(t)).ToList() },
            ContainerTransform k => new() { ["p"] = k.P, ["transforms"] = k.Transforms.Select(t => (object?)Entry(t)).ToList() },
            ImageDataGenerator => throw new NotSupportedException("The Keras generator is written as its own arguments (the Keras form), not inside an engine pipeline file."),
            _ => new(TransformRegistry.ParametersOf(transform)),
        };
        return new Dictionary<string, object?> { [transform.Name] = parameters };
    }

    /// <summary>
    /// One value written as in a YAML pipeline file (<c>0.5</c>, <c>[10, 90]</c>, <c>reflect101</c>,
    /// <c>{x: [0, 1]}</c>), in the form the registry takes: a long, double, bool, string, list or mapping.
    /// </summary>
    public static object? ParseValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return FromYaml(text);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new PipelineFormatException($"'{text}' is not a value: {e.Message}", e);
        }
    }

    private static object? FromJson(string text)
    {
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Convert(doc.RootElement);

        static object? Convert(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => (IReadOnlyDictionary<string, object?>)e.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value), StringComparer.Ordinal),
            JsonValueKind.Array => e.EnumerateArray().Select(Convert).ToList(),
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }

    private static object? FromYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0) return null;
        return Convert(stream.Documents[0].RootNode);

        static object? Convert(YamlNode node) => node switch
        {
            YamlMappingNode m => (IReadOnlyDictionary<string, object?>)m.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => Convert(kv.Value), StringComparer.Ordinal),
            YamlSequenceNode s => s.Children.Select(Convert).ToList(),
            YamlScalarNode sc => Scalar(sc),
            _ => null,
        };

        static object? Scalar(YamlScalarNode s)
        {
            string v = s.Value ?? "";
            if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) return v;
            if (v is "" or "~" or "null" or "Null" or "NULL") return null;
            if (v is "true" or "True" or "TRUE") return true;
            if (v is "false" or "False" or "FALSE") return false;
            if (long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            return v;
        }
    }

    private static void WriteYaml(StringBuilder sb, object? value, int indent)
    {
        string pad = new(' ', indent);
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                foreach (var (key, v) in map)
                {
                    if (v is IReadOnlyDictionary<string, object?> { Count: > 0 } || v is IList<object?> { Count: > 0 } list && list.Any(i => i is IReadOnlyDictionary<string, object?>))
                    {
                        sb.Append(pad).Append(key).Append(":\n");
                        WriteYaml(sb, v, indent + 2);
                    }
                    else
                    {
                        sb.Append(pad).Append(key).Append(": ").Append(Inline(v)).Append('\n');
                    }
                }
                break;
            case IList<object?> items:
                foreach (var item in items)
                {
                    if (item is IReadOnlyDictionary<string, object?> m)
                    {
                        var inner = new StringBuilder();
                        WriteYaml(inner, m, indent + 2);
                        string text = inner.ToString();
                        sb.Append(pad).Append("- ").Append(text.AsSpan(indent + 2));
                    }
                    else
                    {
                        sb.Append(pad).Append("- ").Append(Inline(item)).Append('\n');
                    }
                }
                break;
        }
    }

    private static string Inline(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => s.Length == 0 || s.Any(ch => ":{}[],#&*!|>'\"%@`".Contains(ch)) || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || s is "true" or "false" or "null"
            ? JsonSerializer.Serialize(s) : s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> m => "{" + string.Join(", ", m.Select(kv => kv.Key + ": " + Inline(kv.Value))) + "}",
        IList<object?> l => "[" + string.Join(", ", l.Select(Inline)) + "]",
        _ => value.ToString() ?? "",
    };
}
