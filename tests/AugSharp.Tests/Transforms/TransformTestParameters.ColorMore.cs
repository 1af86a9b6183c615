namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> ColorMoreEntries = new()
    {
        ["ToRGB"] = new() { ["num_output_channels"] = 3L },
        ["Illumination"] = new() { ["mode"] = "gaussian", ["intensity_range"] = new List<object?> { 0.05, 0.15 }, ["center_range"] = new List<object?> { 0.2, 0.8 } },
        ["PlasmaBrightnessContrast"] = new() { ["brightness_range"] = new List<object?> { -0.2, 0.2 }, ["contrast_range"] = new List<object?> { -0.2, 0.2 }, ["plasma_size"] = 32L, ["roughness"] = 1.5 },
        ["HEStain"] = new() { ["method"] = "macenko", ["intensity_scale_range"] = new List<object?> { 0.8, 1.2 }, ["intensity_shift_range"] = new List<object?> { -0.1, 0.1 }, ["augment_background"] = true },
        ["PlasmaShadow"] = new() { ["shadow_intensity_range"] = new List<object?> { 0.2, 0.5 }, ["plasma_size"] = 16L, ["roughness"] = 2.0 },
    };
}
