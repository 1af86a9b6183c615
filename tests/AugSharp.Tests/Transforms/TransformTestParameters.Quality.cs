namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> QualityEntries = new()
    {
        ["Sharpen"] = new() { ["alpha"] = new List<object?> { 0.3, 0.6 }, ["lightness"] = new List<object?> { 0.7, 1.2 } },
        ["Emboss"] = new() { ["alpha"] = new List<object?> { 0.3, 0.6 }, ["strength"] = new List<object?> { 0.3, 0.8 } },
        ["UnsharpMask"] = new() { ["blur_limit"] = new List<object?> { 3L, 5L }, ["sigma_limit"] = new List<object?> { 0.5, 1.5 }, ["alpha"] = new List<object?> { 0.3, 0.7 }, ["threshold"] = 5L },
        ["ImageCompression"] = new() { ["quality_range"] = new List<object?> { 40L, 80L } },
        ["Downscale"] = new() { ["scale_range"] = new List<object?> { 0.3, 0.6 }, ["interpolation_pair"] = new Dictionary<string, object?> { ["downscale"] = "area", ["upscale"] = 2L } },
        ["RingingOvershoot"] = new() { ["blur_limit"] = new List<object?> { 5L, 9L }, ["cutoff"] = new List<object?> { 0.5, 1.2 } },
        ["ChromaticAberration"] = new() { ["primary_distortion_limit"] = 0.1, ["secondary_distortion_limit"] = 0.2, ["mode"] = "red_blue" },
        ["Superpixels"] = new() { ["p_replace"] = new List<object?> { 0.3, 0.6 }, ["n_segments"] = new List<object?> { 10L, 30L }, ["max_size"] = 24L },
    };
}
