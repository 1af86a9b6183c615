namespace AugSharp;

/// <summary>
/// Albumentations' saved pipeline form (<c>A.save</c>, <c>A.to_dict</c>): a <c>__version__</c> and
/// a <c>transform</c> whose entries name their class in <c>__class_fullname__</c>, compositions
/// holding <c>transforms</c>, and <c>bbox_params</c>/<c>keypoint_params</c>. It is translated to the
/// engine's form and read by the same rules: a transform or parameter AugSharp lacks is refused by
/// name, never dropped. Keys that only tune Albumentations' own checking (<c>is_check_shapes</c>,
/// <c>strict</c>, <c>save_applied_params</c>, <c>check_each_transform</c>) are accepted; others are
/// accepted only at the value that changes nothing (an empty <c>additional_targets</c>, a nearest
/// <c>mask_interpolation</c>, a null <c>max_accept_ratio</c>).
/// </summary>
internal static class AlbumentationsFormat
{
    private const string ClassKey = "__class_fullname__";
    private const string LambdaNameKey = "__name__";
    private const string SavedToTensorName = "ToTensorV2";

    /// <summary>True when <paramref name="root"/> is in Albumentations' saved form.</summary>
    public static bool Is(IReadOnlyDictionary<string, object?> root)
        => root.ContainsKey("__version__") || root.TryGetValue("transform", out var t) && t is IReadOnlyDictionary<string, object?> m && m.ContainsKey(ClassKey);

    /// <summary>The engine form of a saved pipeline.</summary>
    public static IReadOnlyDictionary<string, object?> ToEngineForm(IReadOnlyDictionary<string, object?> root)
    {
        if (!root.TryGetValue("transform", out var t) || t is not IReadOnlyDictionary<string, object?> top)
            throw new PipelineFormatException("an Albumentations pipeline file needs a 'transform' mapping");
        string name = ClassName(top);
        var compose = name == "Compose" || name == "ReplayCompose" ? top : new Dictionary<string, object?> { ["transforms"] = new List<object?> { top } };
        var result = new Dictionary<string, object?>();
        foreach (var (key, value) in compose)
        {
            switch (key)
            {
                case ClassKey or "is_check_shapes" or "strict" or "save_applied_params":
                    break;
                case "additional_targets":
                    if (value is IReadOnlyDictionary<string, object?> { Count: > 0 })
                        throw new PipelineFormatException("additional_targets by name are not read from files; pass additional images in AnnotatedImage.AdditionalImages");
                    break;
                case "mask_interpolation":
                    if (value is not (null or 0L or "nearest"))
                        throw new PipelineFormatException("Compose.mask_interpolation other than nearest is not supported: masks always move with nearest-neighbour");
                    break;
                case "transforms":
                    result[key] = Transforms(value);
                    break;
                case "bbox_params":
                    result[key] = value is IReadOnlyDictionary<string, object?> bp ? WithoutNoOps(bp, "bbox_params") : value;
                    break;
                case "keypoint_params":
                    result[key] = value is IReadOnlyDictionary<string, object?> kp ? WithoutNoOps(kp, "keypoint_params") : value;
                    break;
                case "seed":
                    if (value is not null) result[key] = value;
                    break;
                default:
                    result[key] = value;
                    break;
            }
        }
        return result;
    }

    /// <summary>A pipeline in Albumentations' saved form (the tree of the engine form, renamed).</summary>
    public static Dictionary<string, object?> FromEngineForm(IReadOnlyDictionary<string, object?> compose)
    {
        var transform = new Dictionary<string, object?> { [ClassKey] = "Compose" };
        foreach (var (key, value) in compose)
        {
            transform[key] = key == "transforms" ? Saved(value) : value;
        }
        if (!transform.ContainsKey("p")) transform["p"] = 1.0;
        return new Dictionary<string, object?> { ["__version__"] = "2.0.8", ["transform"] = transform };
    }

    private static List<object?> Saved(object? transforms)
    {
        var result = new List<object?>();
        foreach (var entry in (IList<object?>)transforms!)
        {
            var (name, parameters) = ((IReadOnlyDictionary<string, object?>)entry!).Single();
            var saved = new Dictionary<string, object?> { [ClassKey] = name == nameof(ToTensor) ? SavedToTensorName : name };
            foreach (var (key, value) in (IReadOnlyDictionary<string, object?>)parameters!)
            {
                if (name == nameof(Lambda))
                {
                    // Albumentations writes a Lambda as its name only.
                    if (key == "function_name") saved[LambdaNameKey] = value;
                    continue;
                }
                if (name == nameof(TextImage) && key == "augmentations" && value is IList<object?> changes)
                {
                    saved[key] = changes.Select(c => c is "none" ? null : c).ToList();
                    continue;
                }
                saved[key] = key == "transforms" ? Saved(value) : value;
            }
            result.Add(saved);
        }
        return result;
    }

    private static List<object?> Transforms(object? value)
    {
        if (value is not IList<object?> items) throw new PipelineFormatException("'transforms' must be a list");
        var result = new List<object?>();
        foreach (var item in items)
        {
            if (item is not IReadOnlyDictionary<string, object?> entry) throw new PipelineFormatException("each saved transform is a mapping with __class_fullname__");
            string name = ClassName(entry);
            var parameters = new Dictionary<string, object?>();
            foreach (var (key, v) in entry)
            {
                if (key == ClassKey) continue;
                if (key == LambdaNameKey && name == nameof(Lambda))
                {
                    parameters["function_name"] = v;
                    continue;
                }
                if (key == "augmentations" && name == nameof(TextImage) && v is IList<object?> changes)
                {
                    // Albumentations writes "leave the text as it is" as null (its default is [null]).
                    parameters[key] = changes.Select(c => c ?? "none").ToList();
                    continue;
                }
                parameters[key] = key == "transforms" ? Transforms(v) : v;
            }
            result.Add(new Dictionary<string, object?> { [name] = parameters });
        }
        return result;
    }

    private static Dictionary<string, object?> WithoutNoOps(IReadOnlyDictionary<string, object?> map, string owner)
    {
        var result = new Dictionary<string, object?>();
        foreach (var (key, value) in map)
        {
            if (key is "check_each_transform") continue;
            if (key is "max_accept_ratio")
            {
                if (value is not null) throw new PipelineFormatException($"{owner}.max_accept_ratio is not supported");
                continue;
            }
            result[key] = value;
        }
        return result;
    }

    private static string ClassName(IReadOnlyDictionary<string, object?> entry)
    {
        if (!entry.TryGetValue(ClassKey, out var n) || n is not string full || full.Length == 0)
            throw new PipelineFormatException("a saved transform has no __class_fullname__");
        int dot = full.LastIndexOf('.');
        string name = dot >= 0 ? full[(dot + 1)..] : full;
        return name == SavedToTensorName ? nameof(ToTensor) : name;
    }
}
