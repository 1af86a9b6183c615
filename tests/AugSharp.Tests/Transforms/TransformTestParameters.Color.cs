namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> ColorEntries = new()
    {
        ["RandomBrightnessContrast"] = new() { ["brightness_limit"] = 0.3, ["contrast_limit"] = new List<object?> { -0.3, 0.4 } },
        ["RandomGamma"] = new() { ["gamma_limit"] = new List<object?> { 70L, 150L } },
        ["InvertImg"] = new(),
        ["Solarize"] = new() { ["threshold_range"] = new List<object?> { 0.3, 0.7 } },
        ["Posterize"] = new() { ["num_bits"] = new List<object?> { 2L, 6L } },
        ["ChannelShuffle"] = new(),
        ["ToGray"] = new() { ["method"] = "weighted_average" },
        ["ToSepia"] = new(),
        ["Equalize"] = new() { ["mode"] = "cv", ["by_channels"] = true },
        ["AutoContrast"] = new() { ["cutoff"] = 1.5, ["ignore"] = 255L, ["method"] = "pil" },
        ["HueSaturationValue"] = new() { ["hue_shift_limit"] = 30L, ["sat_shift_limit"] = new List<object?> { -40L, 40L }, ["val_shift_limit"] = 25.0 },
        ["RandomToneCurve"] = new() { ["scale"] = 0.2, ["per_channel"] = true },
        ["CLAHE"] = new() { ["clip_limit"] = new List<object?> { 1.0, 3.0 }, ["tile_grid_size"] = new List<object?> { 4L, 3L } },
        ["ColorJitter"] = new() { ["brightness"] = 0.3, ["contrast"] = new List<object?> { 0.6, 1.5 }, ["saturation"] = 0.4, ["hue"] = 0.2 },
        ["FancyPCA"] = new() { ["alpha"] = 0.3 },
        ["PlanckianJitter"] = new() { ["mode"] = "cied", ["sampling_method"] = "gaussian" },
        ["RGBShift"] = new() { ["r_shift_limit"] = 30L, ["g_shift_limit"] = new List<object?> { -10L, 40L }, ["b_shift_limit"] = 15.5 },
    };
}
