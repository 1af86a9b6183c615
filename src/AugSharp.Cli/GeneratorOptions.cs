using System.CommandLine;
using AugSharp.Keras;

namespace AugSharp.Cli;

/// <summary>The ImageDataGenerator options shared by preview and augment: Keras' names in kebab case, plus --pipeline.</summary>
internal sealed class GeneratorOptions
{
    private readonly List<(string Key, Option Option)> _options = [];

    public GeneratorOptions()
    {
        Pipeline = new Option<string>("--pipeline") { HelpName = "FILE", Description = "JSON or YAML pipeline file: a 'transforms' list of catalogue transforms (see 'augsharp transforms'), or ImageDataGenerator arguments with Keras' snake_case names (options given as well override those)." };
        Text("rotation_range", "DEGREES", "Rotation range in degrees: angles drawn from [-R, R].");
        Text("width_shift_range", "RANGE", "Keras' width_shift_range: a fraction (< 1), pixels (>= 1, an integer means integer pixels), or a list such as -10,10.");
        Text("height_shift_range", "RANGE", "Keras' height_shift_range, same forms as --width-shift-range.");
        Text("brightness_range", "LOW,HIGH", "Brightness factors, for example 0.2,1.0.");
        Text("shear_range", "DEGREES", "Shear angle range in degrees.");
        Text("zoom_range", "Z|LOW,HIGH", "Zoom (inverse scale): Z means [1-Z, 1+Z] (0: no zoom), or LOW,HIGH such as 0.8,1.2.");
        Text("channel_shift_range", "VALUE", "Range of random channel shifts (0..255 scale).");
        Text("fill_mode", "MODE", "constant, nearest (default), reflect or wrap.");
        Text("cval", "VALUE", "Fill value for --fill-mode constant.");
        Flag("horizontal_flip", "Randomly flip left to right.");
        Flag("vertical_flip", "Randomly flip top to bottom.");
        Text("rescale", "FACTOR", "Keras' rescale, such as 1/255 (kept with the settings; standardize applies it, the pictures do not).");
        Text("interpolation_order", "ORDER", "Resampling spline order 0..5 (0 nearest, 1 bilinear, the default).");
        Text("geometry", "keras|corrected", "keras (default): Keras' own numbers; corrected: width/height shifts follow their names and transforms pivot about the true centre.");
    }

    public Option<string> Pipeline { get; }

    /// <summary>The ImageDataGenerator options given on the command line.</summary>
    public IEnumerable<string> GivenOptions(ParseResult parse)
        => _options.Where(o => parse.GetResult(o.Option) is { Implicit: false }).Select(o => OptionName(o.Key));

    public void AddTo(Command command)
    {
        command.Add(Pipeline);
        foreach (var (_, option) in _options) command.Add(option);
    }

    public static string OptionName(string key) => "--" + key.Replace('_', '-');

    /// <summary>
    /// The transform to run: the pipeline of a file of catalogue transforms, or the Keras generator
    /// from --pipeline and the options given; its description for messages; the file's seed, if any.
    /// </summary>
    public (ITransform Transform, string Description, ulong? FileSeed) BuildTransform(ParseResult parse)
    {
        string? pipeline = parse.GetValue(Pipeline);
        if (pipeline is not null && File.Exists(pipeline))
        {
            ITransform loaded;
            try
            {
                loaded = PipelineFile.Load(pipeline);
            }
            catch (Exception e) when (e is PipelineFormatException or GeneratorConfigException)
            {
                throw new UsageException(e.Message, e);
            }
            if (loaded is Compose compose)
            {
                var given = GivenOptions(parse).ToArray();
                if (given.Length > 0)
                    throw new UsageException($"{given[0]} is an ImageDataGenerator option; {Path.GetFileName(pipeline)} is a pipeline of transforms: set the values in the file instead");
                return (compose, $"pipeline {Path.GetFileName(pipeline)}", compose.Seed);
            }
        }
        var config = Build(parse);
        string settings = config.ToKerasCall() + (config.Geometry == KerasGeometry.Corrected ? " with corrected geometry" : "");
        return (config.ToGenerator(), settings, null);
    }

    /// <summary>The configuration from --pipeline and the options given; throws <see cref="UsageException"/> naming the option or key at fault.</summary>
    public GeneratorConfig Build(ParseResult parse)
    {
        var config = new GeneratorConfig();
        string? pipeline = parse.GetValue(Pipeline);
        if (pipeline is not null)
        {
            if (!File.Exists(pipeline)) throw new FileNotFoundException($"pipeline file not found: {pipeline}", pipeline);
            try
            {
                config = GeneratorConfig.Load(pipeline);
            }
            catch (GeneratorConfigException e)
            {
                throw new UsageException(e.Message, e);
            }
        }
        foreach (var (key, option) in _options)
        {
            if (parse.GetResult(option) is not { Implicit: false } result) continue;
            string text = option is Option<bool> flag ? (parse.GetValue(flag) ? "true" : "false") : string.Join(",", result.Tokens.Select(t => t.Value));
            try
            {
                // The command line's list syntax: 0.8,1.2 or [0.8, 1.2].
                string trimmed = text.Trim();
                bool bracketed = trimmed.StartsWith('[') && trimmed.EndsWith(']');
                if (bracketed) trimmed = trimmed[1..^1];
                if (bracketed || trimmed.Contains(',')) config.Set(key, trimmed.Length == 0 ? [] : trimmed.Split(','));
                else config.Set(key, trimmed);
                config.Validate();
            }
            catch (GeneratorConfigException e)
            {
                throw new UsageException($"{OptionName(key)} {e.Problem}", e);
            }
        }
        return config;
    }

    private void Text(string key, string helpName, string description)
        => _options.Add((key, new Option<string>(OptionName(key)) { HelpName = helpName, Description = description }));

    private void Flag(string key, string description)
        => _options.Add((key, new Option<bool>(OptionName(key)) { Description = description }));
}
