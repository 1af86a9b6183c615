namespace AugSharp.Pictures;

/// <summary>
/// One transform's range as a grid: a range parameter is swept from its lower to its upper end
/// across the cells (each cell fixes it at one value), so a person sees what the range does.
/// </summary>
public static class TransformSweep
{
    /// <summary>
    /// The grid of <paramref name="source"/> under the catalogue transform <paramref name="name"/>
    /// (applied in every cell), with <paramref name="parameter"/> (a range parameter; by default
    /// the first one whose range is not a single value) swept evenly across the augmented cells.
    /// Without such a parameter every cell is drawn from its own random stream. Range parameters
    /// are those of real ranges and the two-number integer ones whose name ends in <c>_range</c>
    /// (<c>quality_range</c>, <c>num_holes_range</c>). <paramref name="parameters"/> sets other
    /// parameters for every cell (file values, as <see cref="PipelineFile.ParseValue"/> gives them).
    /// </summary>
    /// <exception cref="PipelineFormatException">The transform or parameter is unknown, or the parameter is not a range.</exception>
    public static PreviewPicture Render(AnnotatedImage source, string name, string? parameter = null, PreviewOptions? options = null, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(name);
        options ??= new PreviewOptions();
        var descriptor = TransformRegistry.Find(name);
        var ranges = descriptor.Parameters.Where(p => (Nullable.GetUnderlyingType(p.Type) ?? p.Type) is var t
            && (t == typeof(ValueRange) || t == typeof(AxisRange) || (t == typeof(IReadOnlyList<int>) && p.Name.EndsWith("_range", StringComparison.Ordinal)))).ToArray();
        var given = parameters ?? new Dictionary<string, object?>();
        TransformParameter? swept;
        if (parameter is null)
        {
            swept = ranges.FirstOrDefault(p => !given.ContainsKey(p.Name) && Span(p.Default) is { } r && r.Min < r.Max);
        }
        else
        {
            swept = descriptor.Parameters.FirstOrDefault(p => p.Name == parameter);
            if (swept is null)
            {
                string? closest = Spelling.Closest(parameter, descriptor.Parameters.Select(p => p.Name));
                throw new PipelineFormatException($"{name} has no parameter '{parameter}'" + (closest is null ? "" : $"; did you mean '{closest}'?"));
            }
            if (!ranges.Contains(swept))
                throw new PipelineFormatException(ranges.Length == 0
                    ? $"{name}.{parameter} is not a range, and {name} has no range parameter to sweep"
                    : $"{name}.{parameter} is not a range; choose one of {string.Join(", ", ranges.Select(r => r.Name))}");
        }
        int cells = Math.Max(1, options.Rows * options.Columns - (options.WithOriginal ? 1 : 0));
        var pipelines = new Compose[cells];
        for (int i = 0; i < cells; i++)
        {
            var cell = new Dictionary<string, object?>(given) { ["p"] = 1.0 };
            if (swept is not null && Span(given.GetValueOrDefault(swept.Name) ?? swept.Default) is { } r)
            {
                double v = cells == 1 ? (r.Min + r.Max) / 2 : r.Min + (r.Max - r.Min) * i / (cells - 1);
                // A range of whole numbers (a count, a size in pixels) is swept in whole numbers.
                if (r.Min == Math.Floor(r.Min) && r.Max == Math.Floor(r.Max)) v = Math.Round(v, MidpointRounding.AwayFromZero);
                cell[swept.Name] = new List<object?> { v, v };
            }
            pipelines[i] = new Compose([TransformRegistry.Create(name, cell)]);
        }
        return AugmentationPreview.Render(source, i => pipelines[i], options);
    }

    private static ValueRange? Span(object? fileValue) => fileValue switch
    {
        List<object?> { Count: 2 } l when Number(l[0]) is double a && Number(l[1]) is double b => new ValueRange(a, b),
        Dictionary<string, object?> axes when axes.TryGetValue("x", out var x) => Span(x),
        _ => null,
    };

    private static double? Number(object? value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => null,
    };
}
