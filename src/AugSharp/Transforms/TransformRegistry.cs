using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace AugSharp;

/// <summary>One parameter of a registered transform: its file name (snake_case), its type and default.</summary>
/// <param name="Name">The name in files (snake_case), Albumentations' name.</param>
/// <param name="Type">The .NET type of the property.</param>
/// <param name="Default">The default value, in the form files write it.</param>
public sealed record TransformParameter(string Name, Type Type, object? Default)
{
    internal PropertyInfo Property { get; init; } = null!;

    /// <summary>The kind of value a file gives: number, integer, bool, text, range ([min, max]), axis_range (a range or {x, y}), numbers, integers, or the names of an enumeration.</summary>
    public string Kind
    {
        get
        {
            var t = Nullable.GetUnderlyingType(Type) ?? Type;
            if (t == typeof(double)) return "number";
            if (t == typeof(int)) return "integer";
            if (t == typeof(bool)) return "bool";
            if (t == typeof(string)) return "text";
            if (t == typeof(ValueRange)) return Property.IsDefined(typeof(SymmetricScalarAttribute)) ? "range (a number L means [-L, L])" : "range";
            if (t == typeof(AxisRange)) return "axis_range";
            if (t == typeof(IReadOnlyList<double>)) return "numbers";
            if (t == typeof(IReadOnlyList<int>)) return "integers";
            if (t == typeof(IReadOnlyList<string>)) return "texts";
            if (t == typeof(DropoutFill)) return "fill (a number, a list per channel, random_uniform or random)";
            if (t == typeof(NoiseParams)) return "noise_params (a mapping: ranges, mean_range, std_range, scale_range, alpha_range, beta_range)";
            if (t == typeof(InterpolationPair)) return "interpolation_pair ({downscale, upscale})";
            if (t.IsEnum) return string.Join("|", Enum.GetNames(t).Select(TransformRegistry.SnakeCase));
            return t.Name;
        }
    }
}

/// <summary>A transform of the catalogue: its name, category and parameters.</summary>
/// <param name="Name">The transform's name (Albumentations' name).</param>
/// <param name="Category">Its category (geometric, crops, resize, ...).</param>
/// <param name="Type">The .NET type.</param>
/// <param name="Parameters">Its parameters, p included.</param>
public sealed record TransformDescriptor(string Name, string Category, Type Type, IReadOnlyList<TransformParameter> Parameters)
{
    /// <summary>True for transforms that move pixels, masks, boxes and keypoints; false for pixel-level ones.</summary>
    public bool IsGeometric => Category is "geometric" or "crops" or "resize";

    /// <summary>
    /// True for categories whose transforms may change masks, boxes and keypoints without moving
    /// pixels: dropout fills masks under its holes and drops the boxes and keypoints they hide;
    /// the several-image (mixing) transforms bring in the targets of their other images.
    /// </summary>
    public bool ChangesTargetsWithoutMovingPixels => Category is "dropout" or "mixing";

    /// <summary>The targets the transform changes: the image always; masks, boxes and keypoints for geometric and dropout ones.</summary>
    public IReadOnlyList<string> Targets => IsGeometric || ChangesTargetsWithoutMovingPixels ? ["image", "masks", "bboxes", "keypoints"] : ["image"];

    /// <summary>The pixel types it takes (each natively, without a detour through float).</summary>
    public IReadOnlyList<string> PixelTypes => ["uint8", "uint16", "float32"];

    /// <summary>The channel counts it takes: "any", or "rgb" for transforms defined on RGB (3 channels, or 4 with alpha; see <see cref="RgbImagesAttribute"/>).</summary>
    public string Channels => Type.IsDefined(typeof(RgbImagesAttribute), false) ? "rgb" : "any";
}

/// <summary>
/// The catalogue: every public transform of the library with a parameterless constructor and a
/// <see cref="TransformCategoryAttribute"/>, found by reflection. It creates transforms by name
/// from file values (numbers, strings, lists, mappings), with clear errors that name the closest
/// known name.
/// </summary>
public static class TransformRegistry
{
    private static readonly Lazy<Dictionary<string, TransformDescriptor>> Known = new(Discover);

    /// <summary>Every registered transform, by name.</summary>
    public static IReadOnlyList<TransformDescriptor> All => Known.Value.Values.OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal).ToArray();

    /// <summary>The transform called <paramref name="name"/>; throws with the closest name when there is none.</summary>
    public static TransformDescriptor Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Known.Value.TryGetValue(name, out var d)) return d;
        string? closest = Spelling.Closest(name, Known.Value.Keys.Concat(PipelineFile.ContainerNames));
        throw new PipelineFormatException($"unknown transform '{name}'" + (closest is null ? "" : $"; did you mean '{closest}'?"));
    }

    /// <summary>Creates <paramref name="name"/> with <paramref name="parameters"/> (snake_case names; values as a file gives them).</summary>
    public static ITransform Create(string name, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var d = Find(name);
        var transform = Activator.CreateInstance(d.Type)!;
        foreach (var (key, value) in parameters)
        {
            var parameter = d.Parameters.FirstOrDefault(p => p.Name == key);
            if (parameter is null)
            {
                string? closest = Spelling.Closest(key, d.Parameters.Select(p => p.Name));
                throw new PipelineFormatException($"{name} has no parameter '{key}'" + (closest is null ? "" : $"; did you mean '{closest}'?"));
            }
            object? converted;
            try
            {
                converted = Convert(value, parameter.Property.PropertyType, parameter.Property.IsDefined(typeof(SymmetricScalarAttribute)));
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
            {
                throw new PipelineFormatException($"{name}.{key}: {e.Message}", e);
            }
            try
            {
                parameter.Property.SetValue(transform, converted);
            }
            catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
            {
                throw new PipelineFormatException($"{name}.{key}: {inner.Message}", inner);
            }
        }
        return (ITransform)transform;
    }

    /// <summary>The parameters of <paramref name="transform"/> as a file writes them (every parameter, defaults included).</summary>
    public static IReadOnlyDictionary<string, object?> ParametersOf(ITransform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var d = Find(transform.Name);
        if (transform is Lambda { FunctionName: null })
            throw new NotSupportedException("Lambda without a function_name holds C# delegates and cannot be written to a file; give it a FunctionName and register the functions with Lambda.Register.");
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in d.Parameters) result[p.Name] = ToFileValue(p.Property.GetValue(transform));
        return result;
    }

    /// <summary>The snake_case form of a PascalCase name.</summary>
    public static string SnakeCase(string pascal) => JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);

    private static Dictionary<string, TransformDescriptor> Discover()
    {
        var result = new Dictionary<string, TransformDescriptor>(StringComparer.Ordinal);
        foreach (var type in typeof(TransformRegistry).Assembly.GetExportedTypes())
        {
            var category = type.GetCustomAttribute<TransformCategoryAttribute>();
            if (category is null || type.IsAbstract || !typeof(ITransform).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null) continue;
            var instance = (ITransform)Activator.CreateInstance(type)!;
            var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.Name != nameof(ITransform.Name) && !IsCodeOnly(p))
                .OrderBy(p => p.Name == nameof(ITransform.P) ? 1 : 0)
                .Select(p => new TransformParameter(SnakeCase(p.Name), p.PropertyType, ToFileValue(p.GetValue(instance))) { Property = p })
                .ToArray();
            result.Add(instance.Name, new TransformDescriptor(instance.Name, category.Category, type, parameters));
        }
        return result;
    }

    private static bool IsCodeOnly(PropertyInfo property)
        => property.IsDefined(typeof(CodeOnlyAttribute), true) || typeof(Delegate).IsAssignableFrom(property.PropertyType);

    /// <summary>A property value in the form a file writes it.</summary>
    internal static object? ToFileValue(object? value) => value switch
    {
        null => null,
        ValueRange r => new List<object?> { r.Min, r.Max },
        DropoutFill f => f.ToFileValue(),
        NoiseParams n => n.ToFileValue(),
        InterpolationPair i => i.ToFileValue(),
        AxisRange a => a.X == a.Y ? ToFileValue(a.X) : new Dictionary<string, object?> { ["x"] = ToFileValue(a.X), ["y"] = ToFileValue(a.Y) },
        Enum e => SnakeCase(e.ToString()),
        string s => s,
        System.Collections.IEnumerable list => list.Cast<object?>().Select(ToFileValue).ToList(),
        _ => value,
    };

    /// <summary>Converts a file value (double, long, bool, string, list, mapping) to <paramref name="type"/>.</summary>
    internal static object? Convert(object? value, Type type, bool symmetricScalar)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (value is null)
        {
            if (underlying is not null || !type.IsValueType) return null;
            throw new FormatException("cannot be null");
        }
        type = underlying ?? type;
        if (type == typeof(double)) return Number(value);
        if (type == typeof(int)) return checked((int)Integer(value));
        if (type == typeof(bool)) return value is bool b ? b : throw new FormatException($"must be true or false, not {Show(value)}");
        if (type == typeof(string)) return value as string ?? throw new FormatException($"must be text, not {Show(value)}");
        if (type == typeof(BorderMode)) return ParseEnum<BorderMode>(value, ["constant", "replicate", "reflect", "wrap", "reflect101"]);
        if (type == typeof(Interpolation)) return ParseEnum<Interpolation>(value, ["nearest", "linear", "cubic", "area", "lanczos"]);
        if (type.IsEnum) return ParseEnumByName(type, value);
        if (type == typeof(ValueRange)) return Range(value, symmetricScalar);
        if (type == typeof(AxisRange))
        {
            if (value is IReadOnlyDictionary<string, object?> axes)
            {
                foreach (var key in axes.Keys)
                    if (key is not ("x" or "y")) throw new FormatException($"takes the keys x and y, not '{key}'");
                var x = axes.TryGetValue("x", out var xv) ? Range(xv, symmetricScalar) : ValueRange.Fixed(0);
                var y = axes.TryGetValue("y", out var yv) ? Range(yv, symmetricScalar) : ValueRange.Fixed(0);
                return new AxisRange(x, y);
            }
            return AxisRange.Both(Range(value, symmetricScalar));
        }
        if (type == typeof(DropoutFill)) return DropoutFill.FromFileValue(value);
        if (type == typeof(NoiseParams)) return NoiseParams.FromFileValue(value);
        if (type == typeof(InterpolationPair)) return InterpolationPair.FromFileValue(value);
        if (type == typeof(IReadOnlyList<double>)) return value is IList<object?> l ? l.Select(Number).ToArray() : new[] { Number(value) };
        if (type == typeof(IReadOnlyList<string>)) return value is IList<object?> ls ? ls.Select(Text).ToArray() : new[] { Text(value) };
        if (type == typeof(IReadOnlyList<int?>)) return value is IList<object?> ln ? ln.Select(v => v is null ? (int?)null : checked((int)Integer(v))).ToArray() : new int?[] { checked((int)Integer(value)) };
        if (type == typeof(IReadOnlyList<int>)) return value is IList<object?> li ? li.Select(v => checked((int)Integer(v))).ToArray() : new[] { checked((int)Integer(value)) };
        throw new FormatException($"has a type ({type.Name}) that files cannot set");
    }

    private static ValueRange Range(object? value, bool symmetricScalar)
    {
        if (value is IList<object?> list)
        {
            if (list.Count != 2) throw new FormatException($"must be [min, max], not a list of {list.Count}");
            double a = Number(list[0]), b = Number(list[1]);
            if (a > b) throw new FormatException($"[{a}, {b}] has min above max");
            return new ValueRange(a, b);
        }
        double v = Number(value);
        return symmetricScalar ? ValueRange.Symmetric(v) : ValueRange.Fixed(v);
    }

    private static string Text(object? value) => value switch
    {
        string s => s,
        double or long or int => System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new FormatException($"must be text or a number, not {Show(value)}"),
    };

    private static double Number(object? value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new FormatException($"must be a number, not {Show(value)}"),
    };

    private static long Integer(object? value)
    {
        double d = Number(value);
        if (d != Math.Floor(d)) throw new FormatException($"must be a whole number, not {d.ToString(CultureInfo.InvariantCulture)}");
        return (long)d;
    }

    private static T ParseEnum<T>(object value, string[] opencvOrder) where T : struct, Enum
    {
        if (value is double or long or int)
        {
            long code = Integer(value);
            if (code < 0 || code >= opencvOrder.Length) throw new FormatException($"has no OpenCV code {code} (0 to {opencvOrder.Length - 1})");
            return (T)ParseEnumByName(typeof(T), opencvOrder[code]);
        }
        return (T)ParseEnumByName(typeof(T), value);
    }

    private static object ParseEnumByName(Type type, object value)
    {
        if (value is not string s) throw new FormatException($"must be one of {string.Join(", ", Enum.GetNames(type).Select(SnakeCase))}, not {Show(value)}");
        string key = Normalise(s);
        foreach (var name in Enum.GetNames(type))
            if (Normalise(name) == key) return Enum.Parse(type, name);
        throw new FormatException($"must be one of {string.Join(", ", Enum.GetNames(type).Select(SnakeCase))}, not '{s}'");

        static string Normalise(string text)
        {
            string t = text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
            foreach (var prefix in new[] { "cv2.", "border", "inter" })
                if (t.StartsWith(prefix, StringComparison.Ordinal) && t.Length > prefix.Length) t = t[prefix.Length..];
            return t == "default" ? "reflect101" : t;
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        IList<object?> l => $"a list of {l.Count}",
        IReadOnlyDictionary<string, object?> => "a mapping",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };
}

/// <summary>A pipeline file, or a transform's parameters, cannot be read; the message names the transform and parameter.</summary>
public sealed class PipelineFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public PipelineFormatException(string message, Exception? inner = null) : base(message, inner) { }
}
