namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> WeatherEntries = new()
    {
        ["RandomShadow"] = new() { ["shadow_roi"] = new List<object?> { 0.1, 0.3, 0.9, 1.0 }, ["num_shadows_limit"] = new List<object?> { 1L, 3L }, ["shadow_dimension"] = 6L, ["shadow_intensity_range"] = new List<object?> { 0.3, 0.7 } },
        ["RandomGravel"] = new() { ["gravel_roi"] = new List<object?> { 0.0, 0.2, 1.0, 1.0 }, ["number_of_patches"] = 3L },
    };
}
