using System.Globalization;
using System.Text;

namespace AugSharp.Keras;

/// <summary>
/// The augmentation arguments of an <see cref="ImageDataGenerator"/> as plain data, named as in
/// Keras (snake_case): what a pipeline file (JSON or YAML) holds and what the <c>augsharp</c>
/// command-line options fill. <see cref="Validate"/> checks the values with messages that name
/// the key; <see cref="ToGenerator"/> builds the generator.
/// </summary>
/// <example>
/// <code>
/// var config = GeneratorConfig.Load("pipeline.yaml");   // rotation_range: 40, zoom_range: [0.8, 1.2]
/// var generator = config.ToGenerator();
/// </code>
/// </example>
public sealed class GeneratorConfig
{
    /// <summary>
    /// The keys a pipeline file may hold, in Keras' argument order, then AugSharp's own
    /// <c>geometry</c> (<c>keras</c> or <c>corrected</c>, see <see cref="KerasGeometry"/>).
    /// </summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "rotation_range", "width_shift_range", "height_shift_range", "brightness_range", "shear_range",
        "zoom_range", "channel_shift_range", "fill_mode", "cval", "horizontal_flip", "vertical_flip",
        "rescale", "interpolation_order", "geometry",
    ];

    /// <summary>Degree range of random rotations (<c>rotation_range</c>), 0 or more.</summary>
    public double RotationRange { get; set; }

    /// <summary><c>width_shift_range</c>: a float (fraction below 1, else pixels), an int, or a list.</summary>
    public ShiftRange WidthShiftRange { get; set; } = ShiftRange.FromFloat(0);

    /// <summary><c>height_shift_range</c>: a float (fraction below 1, else pixels), an int, or a list.</summary>
    public ShiftRange HeightShiftRange { get; set; } = ShiftRange.FromFloat(0);

    /// <summary><c>brightness_range</c>: two factors [low, high], or null for none.</summary>
    public double[]? BrightnessRange { get; set; }

    /// <summary>Shear angle range in degrees (<c>shear_range</c>), 0 or more.</summary>
    public double ShearRange { get; set; }

    /// <summary><c>zoom_range</c> as [low, high] inverse scales; a number z means [1-z, 1+z].</summary>
    public ZoomRange ZoomRange { get; set; } = new(1, 1);

    /// <summary>Range of channel shift intensities (<c>channel_shift_range</c>), 0 or more.</summary>
    public double ChannelShiftRange { get; set; }

    /// <summary>How points outside the input are filled (<c>fill_mode</c>).</summary>
    public FillMode FillMode { get; set; } = FillMode.Nearest;

    /// <summary>Fill value for <see cref="FillMode.Constant"/> (<c>cval</c>).</summary>
    public double Cval { get; set; }

    /// <summary>Randomly reverse columns (<c>horizontal_flip</c>).</summary>
    public bool HorizontalFlip { get; set; }

    /// <summary>Randomly reverse rows (<c>vertical_flip</c>).</summary>
    public bool VerticalFlip { get; set; }

    /// <summary>Multiplier applied by <see cref="ImageDataGenerator.Standardize"/> (<c>rescale</c>); null for none.</summary>
    public double? Rescale { get; set; }

    /// <summary>Spline order of the resampling (<c>interpolation_order</c>): 0 nearest, 1 bilinear, up to 5.</summary>
    public int InterpolationOrder { get; set; } = 1;

    /// <summary>
    /// Keras' geometry (the default) or the corrected one where width and height shifts follow
    /// their names and transforms pivot about the true centre (<c>geometry</c>; not a Keras argument).
    /// </summary>
    public KerasGeometry Geometry { get; set; } = KerasGeometry.Keras;

    /// <summary>
    /// Reads a pipeline file: JSON when the extension is <c>.json</c> (or the text starts with
    /// <c>{</c>), YAML otherwise. The result is validated.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="GeneratorConfigException">The file is malformed or holds an invalid value.</exception>
    public static GeneratorConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"pipeline file not found: {path}", path);
        string text = File.ReadAllText(path);
        string name = Path.GetFileName(path);
        bool json = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase)
            || (!IsYamlExtension(path) && text.TrimStart().StartsWith('{'));
        return json ? FromJson(text, name) : FromYaml(text, name);
    }

    /// <summary>Parses and validates a JSON object of Keras arguments.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for error messages (for example the file name).</param>
    public static GeneratorConfig FromJson(string json, string? source = null)
        => FromEntries(GeneratorConfigFile.ParseJson(json, source), source);

    /// <summary>Parses and validates a YAML mapping of Keras arguments.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="source">A name for error messages (for example the file name).</param>
    public static GeneratorConfig FromYaml(string yaml, string? source = null)
        => FromEntries(GeneratorConfigFile.ParseYaml(yaml, source), source);

    private static GeneratorConfig FromEntries(IEnumerable<GeneratorConfigFile.Entry> entries, string? source)
    {
        var config = new GeneratorConfig();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!seen.Add(entry.Key)) throw new GeneratorConfigException(entry.Key, "is given twice", source);
            config.Assign(entry.Key, entry.Value, source);
        }
        config.Validate(source);
        return config;
    }

    /// <summary>
    /// Sets one argument to a single value written as a file writes it: a number such as
    /// <c>0.2</c> (integers stay integers: <c>width_shift_range</c> 2 is Keras' int form),
    /// <c>true</c>/<c>false</c>, a fill mode name, <c>none</c>. Values are checked for their type
    /// here and for their range by <see cref="Validate"/>.
    /// </summary>
    /// <param name="key">A Keras name from <see cref="Keys"/>.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="GeneratorConfigException">Unknown key or a value of the wrong type.</exception>
    public void Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        Assign(key, ConfigValue.OfScalar(value.Trim(), isString: false), null);
    }

    /// <summary>Sets one argument to a list of values (<c>zoom_range</c> [0.8, 1.2], a <c>width_shift_range</c> choice).</summary>
    /// <param name="key">A Keras name from <see cref="Keys"/>.</param>
    /// <param name="values">The values, each as a file writes it.</param>
    /// <exception cref="GeneratorConfigException">Unknown key or a value of the wrong type.</exception>
    public void Set(string key, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(values);
        Assign(key, ConfigValue.OfList(values.Select(v => v.Trim()).ToArray()), null);
    }

    internal void Assign(string key, ConfigValue value, string? source)
    {
        GeneratorConfigException Bad(string problem) => new(key, problem, source);
        switch (key)
        {
            case "rotation_range": RotationRange = Number(key, value, source); break;
            case "shear_range": ShearRange = Number(key, value, source); break;
            case "channel_shift_range": ChannelShiftRange = Number(key, value, source); break;
            case "cval": Cval = Number(key, value, source); break;
            case "width_shift_range": WidthShiftRange = Shift(key, value, source); break;
            case "height_shift_range": HeightShiftRange = Shift(key, value, source); break;
            case "horizontal_flip": HorizontalFlip = Bool(key, value, source); break;
            case "vertical_flip": VerticalFlip = Bool(key, value, source); break;
            case "interpolation_order":
                if (value.IsList || !int.TryParse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int order))
                    throw Bad($"must be a whole number from 0 to 5, got {value}");
                InterpolationOrder = order;
                break;
            case "fill_mode":
                if (value.IsList) throw Bad($"must be one of constant, nearest, reflect, wrap, got {value}");
                try { FillMode = KerasNames.ParseFillMode(value.Text.ToLowerInvariant()); }
                catch (ArgumentException) { throw Bad($"must be one of constant, nearest, reflect, wrap, got '{value.Text}'"); }
                break;
            case "brightness_range":
                if (value.IsNull) { BrightnessRange = null; break; }
                if (!value.IsList) throw Bad($"must be two factors such as 0.2,1.0, got {value}");
                var pair = Numbers(key, value, source);
                if (pair.Length != 2) throw Bad($"must be two factors such as 0.2,1.0, got {value}");
                BrightnessRange = pair;
                break;
            case "zoom_range":
                if (value.IsList)
                {
                    var zoom = Numbers(key, value, source);
                    if (zoom.Length != 2) throw Bad($"must be a number or two numbers such as 0.8,1.2, got {value}");
                    ZoomRange = new ZoomRange(zoom[0], zoom[1]);
                }
                else
                {
                    ZoomRange = Number(key, value, source);
                }
                break;
            case "geometry":
                if (value.IsList || !TryParseGeometry(value.Text, out var geometry))
                    throw Bad($"must be keras or corrected, got {(value.IsList ? value.ToString() : "'" + value.Text + "'")}");
                Geometry = geometry;
                break;
            case "rescale":
                if (value.IsNull) { Rescale = null; break; }
                if (!value.IsList && TryParseFraction(value.Text, out double fraction)) { Rescale = fraction; break; }
                Rescale = Number(key, value, source);
                break;
            default:
                string? near = Spelling.Closest(key, Keys);
                string hint = near is not null ? $"; did you mean {near}?" : $"; known keys: {string.Join(", ", Keys)}";
                throw new GeneratorConfigException(key, "is not an ImageDataGenerator augmentation argument" + hint, source);
        }
    }

    /// <summary>
    /// Checks every value against the range Keras can use and throws on the first one out of it,
    /// naming its key: ranges and shifts are 0 or more, zoom factors above 0 with low &lt;= high,
    /// brightness factors 0 or more with low &lt;= high, interpolation_order 0..5, numbers finite.
    /// </summary>
    /// <param name="source">A name for error messages (for example the file name).</param>
    /// <exception cref="GeneratorConfigException">A value is out of range.</exception>
    public void Validate(string? source = null)
    {
        GeneratorConfigException Bad(string key, string problem) => new(key, problem, source);
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        void NonNegative(string key, double v)
        {
            if (!double.IsFinite(v)) throw Bad(key, $"must be a finite number, got {F(v)}");
            if (v < 0) throw Bad(key, $"must be 0 or more, got {F(v)}");
        }
        NonNegative("rotation_range", RotationRange);
        NonNegative("shear_range", ShearRange);
        NonNegative("channel_shift_range", ChannelShiftRange);
        CheckShift("width_shift_range", WidthShiftRange);
        CheckShift("height_shift_range", HeightShiftRange);
        if (BrightnessRange is { } b)
        {
            if (b.Length != 2) throw Bad("brightness_range", $"must be two factors such as 0.2,1.0, got {b.Length} values");
            if (!double.IsFinite(b[0]) || !double.IsFinite(b[1]) || b[0] < 0 || b[1] < 0)
                throw Bad("brightness_range", $"factors must be 0 or more, got [{F(b[0])}, {F(b[1])}]");
            if (b[0] > b[1]) throw Bad("brightness_range", $"low must not exceed high, got [{F(b[0])}, {F(b[1])}]");
        }
        var z = ZoomRange;
        if (!double.IsFinite(z.Low) || !double.IsFinite(z.High) || z.Low <= 0 || z.High <= 0)
            throw Bad("zoom_range", $"must give zoom factors above 0 (a number z means [1-z, 1+z], so z must be below 1), got [{F(z.Low)}, {F(z.High)}]");
        if (z.Low > z.High) throw Bad("zoom_range", $"low must not exceed high, got [{F(z.Low)}, {F(z.High)}]");
        if (!double.IsFinite(Cval)) throw Bad("cval", $"must be a finite number, got {F(Cval)}");
        if (Rescale is double r && !double.IsFinite(r)) throw Bad("rescale", $"must be a finite number, got {F(r)}");
        if (InterpolationOrder is < 0 or > 5) throw Bad("interpolation_order", $"must be from 0 to 5, got {InterpolationOrder}");
        if (!Enum.IsDefined(FillMode)) throw Bad("fill_mode", "must be one of constant, nearest, reflect, wrap");
        if (!Enum.IsDefined(Geometry)) throw Bad("geometry", "must be keras or corrected");

        void CheckShift(string key, ShiftRange s)
        {
            if (s.Kind == ShiftRangeKind.List)
            {
                foreach (double v in s.Values)
                    if (!double.IsFinite(v)) throw Bad(key, $"list elements must be finite numbers, got {F(v)}");
            }
            else
            {
                NonNegative(key, s.Value);
            }
        }
    }

    /// <summary>Validates, then creates the <see cref="ImageDataGenerator"/> with these arguments.</summary>
    public ImageDataGenerator ToGenerator()
    {
        Validate();
        return new ImageDataGenerator(
            rotationRange: RotationRange,
            widthShiftRange: WidthShiftRange,
            heightShiftRange: HeightShiftRange,
            brightnessRange: BrightnessRange is null ? null : [BrightnessRange[0], BrightnessRange[1]],
            shearRange: ShearRange,
            zoomRange: ZoomRange,
            channelShiftRange: ChannelShiftRange,
            fillMode: FillMode,
            cval: Cval,
            horizontalFlip: HorizontalFlip,
            verticalFlip: VerticalFlip,
            rescale: Rescale,
            interpolationOrder: InterpolationOrder,
            geometry: Geometry);
    }

    /// <summary>A copy of this configuration.</summary>
    public GeneratorConfig Clone()
    {
        var copy = (GeneratorConfig)MemberwiseClone();
        copy.BrightnessRange = BrightnessRange is null ? null : [.. BrightnessRange];
        return copy;
    }

    /// <summary>
    /// The arguments that differ from Keras' defaults, as (Keras name, Python literal) pairs in
    /// <see cref="Keys"/> order: for example (<c>rotation_range</c>, <c>90</c>).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ChangedSettings()
    {
        var result = new List<KeyValuePair<string, string>>();
        var defaults = new GeneratorConfig();
        foreach (string key in Keys)
        {
            string value = Literal(key);
            if (value != defaults.Literal(key)) result.Add(new(key, value));
        }
        return result;
    }

    /// <summary>
    /// The Python call that builds the same generator in Keras, for example
    /// <c>ImageDataGenerator(rotation_range=90)</c>. <c>geometry</c>, which Keras does not have, is left out.
    /// </summary>
    public string ToKerasCall()
        => "ImageDataGenerator(" + string.Join(", ", ChangedSettings().Where(kv => kv.Key != "geometry").Select(kv => $"{kv.Key}={kv.Value}")) + ")";

    /// <summary>The arguments that differ from the defaults as a JSON object (a pipeline file).</summary>
    public string ToJson()
    {
        var sb = new StringBuilder("{");
        var settings = ChangedSettings();
        for (int i = 0; i < settings.Count; i++)
        {
            string v = settings[i].Value switch
            {
                "True" => "true",
                "False" => "false",
                "None" => "null",
                var s when s.StartsWith('\'') => "\"" + s[1..^1] + "\"",
                var s => s,
            };
            sb.Append(i == 0 ? "\n" : ",\n").Append("  \"").Append(settings[i].Key).Append("\": ").Append(v);
        }
        return sb.Append(settings.Count > 0 ? "\n}\n" : "}\n").ToString();
    }

    /// <summary>The arguments that differ from the defaults as a YAML mapping (a pipeline file).</summary>
    public string ToYaml()
    {
        var sb = new StringBuilder();
        foreach (var (key, literal) in ChangedSettings())
        {
            string v = literal switch
            {
                "True" => "true",
                "False" => "false",
                "None" => "null",
                var s when s.StartsWith('\'') => s[1..^1],
                var s => s,
            };
            sb.Append(key).Append(": ").Append(v).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The value of <paramref name="key"/> as a Python literal (<c>90</c>, <c>[0.8, 1.2]</c>, <c>True</c>, <c>'reflect'</c>).</summary>
    public string Literal(string key)
    {
        static string F(double v)
        {
            string s = v.ToString("R", CultureInfo.InvariantCulture);
            return s.Contains('.') || s.Contains('E') || s.Contains('N') || s.Contains('I') ? s : s + ".0";
        }
        static string Shift(ShiftRange s) => s.Kind switch
        {
            ShiftRangeKind.Int => ((int)s.Value).ToString(CultureInfo.InvariantCulture),
            ShiftRangeKind.List => "[" + string.Join(", ", s.Values.Select(F)) + "]",
            _ => F(s.Value),
        };
        static string Bool(bool b) => b ? "True" : "False";
        return key switch
        {
            "rotation_range" => F(RotationRange),
            "width_shift_range" => Shift(WidthShiftRange),
            "height_shift_range" => Shift(HeightShiftRange),
            "brightness_range" => BrightnessRange is null ? "None" : "[" + string.Join(", ", BrightnessRange.Select(F)) + "]",
            "shear_range" => F(ShearRange),
            "zoom_range" => "[" + F(ZoomRange.Low) + ", " + F(ZoomRange.High) + "]",
            "channel_shift_range" => F(ChannelShiftRange),
            "fill_mode" => "'" + KerasNames.Name(FillMode) + "'",
            "cval" => F(Cval),
            "horizontal_flip" => Bool(HorizontalFlip),
            "vertical_flip" => Bool(VerticalFlip),
            "rescale" => Rescale is double r ? F(r) : "None",
            "interpolation_order" => InterpolationOrder.ToString(CultureInfo.InvariantCulture),
            "geometry" => Geometry == KerasGeometry.Corrected ? "'corrected'" : "'keras'",
            _ => throw new ArgumentException($"Unknown key '{key}'.", nameof(key)),
        };
    }

    private static bool TryParseGeometry(string text, out KerasGeometry geometry)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "keras": geometry = KerasGeometry.Keras; return true;
            case "corrected": geometry = KerasGeometry.Corrected; return true;
            default: geometry = KerasGeometry.Keras; return false;
        }
    }

    private static bool IsYamlExtension(string path)
    {
        string ext = Path.GetExtension(path);
        return ext.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || ext.Equals(".yml", StringComparison.OrdinalIgnoreCase);
    }

    private static double Number(string key, ConfigValue value, string? source)
    {
        if (value.IsList || value.IsNull || value.IsString || !TryParseNumber(value.Text, out double v))
            throw new GeneratorConfigException(key, $"must be a number, got {value}", source);
        return v;
    }

    private static double[] Numbers(string key, ConfigValue value, string? source)
    {
        if (!value.IsList) throw new GeneratorConfigException(key, $"must be a list of numbers such as 0.8,1.2, got {value}", source);
        var result = new double[value.Items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if (!TryParseNumber(value.Items[i], out result[i]))
                throw new GeneratorConfigException(key, $"must be a list of numbers, got '{value.Items[i]}' in {value}", source);
        }
        return result;
    }

    private static ShiftRange Shift(string key, ConfigValue value, string? source)
    {
        if (value.IsList) return ShiftRange.FromList(Numbers(key, value, source));
        double v = Number(key, value, source);
        return IsInteger(value.Text) && v is >= int.MinValue and <= int.MaxValue ? ShiftRange.FromInt((int)v) : ShiftRange.FromFloat(v);
    }

    private static bool Bool(string key, ConfigValue value, string? source)
    {
        if (!value.IsList)
        {
            if (value.Text.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
            if (value.Text.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        }
        throw new GeneratorConfigException(key, $"must be true or false, got {value}", source);
    }

    private static bool IsInteger(string text)
    {
        string t = text.Trim();
        if (t.StartsWith('+') || t.StartsWith('-')) t = t[1..];
        return t.Length > 0 && t.All(char.IsAsciiDigit);
    }

    private static bool TryParseNumber(string text, out double value)
        => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryParseFraction(string text, out double value)
    {
        value = 0;
        int slash = text.IndexOf('/');
        if (slash <= 0) return false;
        if (!TryParseNumber(text[..slash], out double a) || !TryParseNumber(text[(slash + 1)..], out double b) || b == 0) return false;
        value = a / b;
        return true;
    }
}
