namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    /// <summary>The folder of small companion images the several-image transforms draw from when the input has none.</summary>
    public static string CompanionFolder => TestPaths.TestData("Mixing", "Companions");

    private static readonly Dictionary<string, Dictionary<string, object?>> MixingEntries = new()
    {
        ["MixUp"] = new() { ["alpha"] = 0.4, ["companion_source"] = CompanionFolder },
        ["CutMix"] = new() { ["alpha"] = 1.0, ["companion_source"] = CompanionFolder },
        ["Mosaic"] = new() { ["grid_yx"] = new List<object?> { 2L, 2L }, ["target_size"] = new List<object?> { 30L, 40L }, ["cell_shape"] = new List<object?> { 24L, 30L }, ["companion_source"] = CompanionFolder },
        ["CopyAndPaste"] = new() { ["num_objects_range"] = new List<object?> { 1L, 2L }, ["scale_range"] = new List<object?> { 0.8, 1.2 }, ["companion_source"] = CompanionFolder },
        ["OverlayElements"] = new(),
        ["TextImage"] = new() { ["font_size_fraction_range"] = new List<object?> { 0.5, 0.9 }, ["augmentations"] = new List<object?> { "none", "swap" } },
    };
}
