namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    private static readonly Dictionary<string, Dictionary<string, object?>> DropoutEntries = new()
    {
        ["CoarseDropout"] = new() { ["num_holes_range"] = new List<object?> { 1L, 4L }, ["hole_height_range"] = new List<object?> { 0.1, 0.3 }, ["hole_width_range"] = new List<object?> { 3L, 8L }, ["fill"] = "random_uniform", ["fill_mask"] = 0L },
        ["Erasing"] = new() { ["scale"] = new List<object?> { 0.05, 0.3 }, ["fill"] = new List<object?> { 7L }, ["fill_mask"] = 2L },
        ["GridDropout"] = new() { ["ratio"] = 0.4, ["unit_size_range"] = new List<object?> { 5L, 9L }, ["fill"] = "random_uniform", ["fill_mask"] = 0L },
        ["XYMasking"] = new() { ["num_masks_x"] = new List<object?> { 1L, 2L }, ["num_masks_y"] = 1L, ["mask_x_length"] = new List<object?> { 2L, 5L }, ["mask_y_length"] = 3L, ["fill"] = 100L },
        ["ConstrainedCoarseDropout"] = new() { ["num_holes_range"] = new List<object?> { 1L, 2L }, ["hole_height_range"] = new List<object?> { 0.2, 0.5 }, ["hole_width_range"] = new List<object?> { 0.2, 0.5 }, ["mask_indices"] = new List<object?> { 1L }, ["bbox_labels"] = new List<object?> { "a", "all" }, ["fill_mask"] = 0L },
        ["PixelDropout"] = new() { ["dropout_prob"] = 0.2, ["drop_value"] = null, ["mask_drop_value"] = 3L },
        ["ChannelDropout"] = new() { ["channel_drop_range"] = new List<object?> { 1L, 1L }, ["fill"] = 10L },
        ["MaskDropout"] = new() { ["max_objects"] = new List<object?> { 1L, 2L }, ["fill"] = new List<object?> { 50L }, ["fill_mask"] = 0L },
    };
}
