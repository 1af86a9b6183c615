namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> WeatherEntries = new()
    {
        ["RandomShadow"] = new() { ["shadow_roi"] = new List<object?> { 0.1, 0.3, 0.9, 1.0 }, ["num_shadows_limit"] = new List<object?> { 1L, 3L }, ["shadow_dimension"] = 6L, ["shadow_intensity_range"] = new List<object?> { 0.3, 0.7 } },
        ["RandomGravel"] = new() { ["gravel_roi"] = new List<object?> { 0.0, 0.2, 1.0, 1.0 }, ["number_of_patches"] = 3L },
        ["RandomSunFlare"] = new() { ["flare_roi"] = new List<object?> { 0.1, 0.0, 0.9, 0.5 }, ["angle_range"] = new List<object?> { 0.1, 0.4 }, ["num_flare_circles_range"] = new List<object?> { 3L, 5L }, ["src_radius"] = 15L, ["src_color"] = new List<object?> { 255L, 230L, 180L }, ["method"] = "physics_based" },
        ["RandomFog"] = new() { ["fog_coef_range"] = new List<object?> { 0.3, 0.6 }, ["alpha_coef"] = 0.1 },
        ["RandomRain"] = new() { ["slant_range"] = new List<object?> { -5.0, 5.0 }, ["drop_length"] = 6L, ["drop_width"] = 2L, ["drop_color"] = new List<object?> { 180L, 190L, 200L }, ["blur_value"] = 3L, ["brightness_coefficient"] = 0.8, ["rain_type"] = "heavy" },
        ["RandomSnow"] = new() { ["snow_point_range"] = new List<object?> { 0.2, 0.4 }, ["brightness_coeff"] = 2.0, ["method"] = "texture" },
        ["Spatter"] = new() { ["mean"] = new List<object?> { 0.6, 0.7 }, ["std"] = 0.4, ["gauss_sigma"] = new List<object?> { 1.0, 2.0 }, ["cutout_threshold"] = new List<object?> { 0.6, 0.7 }, ["intensity"] = new List<object?> { 0.5, 0.7 }, ["mode"] = "mud", ["color"] = new List<object?> { 30L, 40L, 60L } },
    };
}
