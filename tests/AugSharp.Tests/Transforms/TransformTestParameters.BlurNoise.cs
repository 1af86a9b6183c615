namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> BlurNoiseEntries = new()
    {
        ["Blur"] = new() { ["blur_limit"] = new List<object?> { 3L, 7L } },
        ["GaussianBlur"] = new() { ["sigma_limit"] = new List<object?> { 0.5, 2.0 } },
        ["MedianBlur"] = new() { ["blur_limit"] = 5L },
        ["MotionBlur"] = new() { ["blur_limit"] = new List<object?> { 3L, 9L }, ["angle_range"] = new List<object?> { 10.0, 80.0 } },
        ["Defocus"] = new() { ["radius"] = new List<object?> { 2L, 5L }, ["alias_blur"] = new List<object?> { 0.1, 0.4 } },
        ["ZoomBlur"] = new() { ["max_factor"] = new List<object?> { 1.1, 1.2 }, ["step_factor"] = new List<object?> { 0.03, 0.05 } },
        ["GlassBlur"] = new() { ["sigma"] = 0.6, ["max_delta"] = 3L, ["iterations"] = 2L },
        ["AdvancedBlur"] = new() { ["blur_limit"] = new List<object?> { 3L, 9L }, ["rotate_limit"] = 45.0 },
        ["GaussNoise"] = new() { ["std_range"] = new List<object?> { 0.05, 0.1 }, ["per_channel"] = false, ["noise_scale_factor"] = 0.5 },
        ["MultiplicativeNoise"] = new() { ["multiplier"] = new List<object?> { 0.8, 1.2 }, ["per_channel"] = true, ["elementwise"] = true },
        ["ShotNoise"] = new() { ["scale_range"] = new List<object?> { 0.05, 0.2 } },
        ["SaltAndPepper"] = new() { ["amount"] = new List<object?> { 0.05, 0.1 } },
    };
}
