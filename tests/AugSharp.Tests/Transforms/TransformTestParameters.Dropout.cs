namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> DropoutEntries = new()
    {
        ["CoarseDropout"] = new() { ["num_holes_range"] = new List<object?> { 1L, 4L }, ["hole_height_range"] = new List<object?> { 0.1, 0.3 }, ["hole_width_range"] = new List<object?> { 3L, 8L }, ["fill"] = "random_uniform", ["fill_mask"] = 0L },
    };
}
