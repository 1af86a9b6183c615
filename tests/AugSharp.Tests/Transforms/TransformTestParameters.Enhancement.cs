namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> EnhancementEntries = new()
    {
        ["EdgeUpscale"] = new() { ["scale"] = 2L },
        ["BilateralFilter"] = new() { ["sigma_color"] = 20.0, ["sigma_space"] = 1.5 },
        ["NonLocalMeans"] = new() { ["sigma"] = 10.0, ["patch_size"] = 3L, ["search_size"] = 7L },
        ["RichardsonLucy"] = new() { ["psf"] = "motion", ["length"] = 5.0, ["angle"] = 30.0, ["iterations"] = 5L },
        ["WindowLevel"] = new() { ["center"] = 100.0, ["width"] = 120.0, ["keep_depth"] = true },
    };
}
