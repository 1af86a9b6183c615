namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> OtherEntries = new()
    {
        ["NoOp"] = new(),
        ["Morphological"] = new() { ["scale"] = new List<object?> { 3L, 3L }, ["operation"] = "dilation" },
        ["ToFloat"] = new(),
        ["FromFloat"] = new() { ["dtype"] = "uint16" },
        ["Normalize"] = new() { ["mean"] = new List<object?> { 0.5 }, ["std"] = new List<object?> { 0.25 }, ["normalization"] = "image_per_channel" },
    };
}
