namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> NoiseMoreEntries = new()
    {
        ["ISONoise"] = new() { ["color_shift"] = new List<object?> { 0.02, 0.05 }, ["intensity"] = new List<object?> { 0.2, 0.5 } },
        ["AdditiveNoise"] = new()
        {
            ["noise_type"] = "beta",
            ["spatial_mode"] = "per_pixel",
            ["noise_params"] = new Dictionary<string, object?> { ["alpha_range"] = new List<object?> { 0.5, 1.5 }, ["beta_range"] = new List<object?> { 0.5, 1.5 }, ["scale_range"] = new List<object?> { 0.1, 0.2 } },
            ["approximation"] = 0.5,
        },
    };
}
