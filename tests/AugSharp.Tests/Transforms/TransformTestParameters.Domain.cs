namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> DomainEntries = new()
    {
        ["HistogramMatching"] = new() { ["reference_images"] = new List<object?> { TestPaths.Image("coffee.png"), TestPaths.Image("camera.png") }, ["blend_ratio"] = new List<object?> { 0.5, 1.0 } },
        ["FDA"] = new() { ["reference_images"] = new List<object?> { TestPaths.Image("chelsea.png") }, ["beta_limit"] = new List<object?> { 0.05, 0.2 } },
        ["PixelDistributionAdaptation"] = new() { ["reference_images"] = new List<object?> { TestPaths.Image("astronaut.png"), TestPaths.Image("camera.png") }, ["transform_type"] = "pca" },
    };
}
