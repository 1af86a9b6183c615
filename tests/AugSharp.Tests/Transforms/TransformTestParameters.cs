namespace AugSharp.Tests.Transforms;

/// <summary>
/// The parameters the registry's invariant tests use for each transform, as a file writes them
/// (Albumentations' names), chosen for a 40x30 test image. Every registered transform must have
/// an entry: a new transform is tested as soon as it is added here.
/// </summary>
public static partial class TransformTestParameters
{
    /// <summary>Width of the invariant tests' image.</summary>
    public const int Width = 40;

    /// <summary>Height of the invariant tests' image.</summary>
    public const int Height = 30;

    /// <summary>
    /// Every entry: this file's geometric ones and those of the other parts of this partial class
    /// (one per category, each a static field whose name ends in "Entries").
    /// </summary>
    public static IReadOnlyDictionary<string, Dictionary<string, object?>> ByName => All.Value;

    private static readonly Lazy<Dictionary<string, Dictionary<string, object?>>> All = new(() =>
    {
        var all = new Dictionary<string, Dictionary<string, object?>>();
        foreach (var field in typeof(TransformTestParameters).GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        {
            if (!field.Name.EndsWith("Entries", StringComparison.Ordinal) || field.GetValue(null) is not Dictionary<string, Dictionary<string, object?>> entries) continue;
            foreach (var (name, parameters) in entries) all.Add(name, parameters);
        }
        return all;
    });

    private static readonly Dictionary<string, Dictionary<string, object?>> GeometricEntries = new()
    {
        ["HorizontalFlip"] = new(),
        ["VerticalFlip"] = new(),
        ["Transpose"] = new(),
        ["RandomRotate90"] = new(),
        ["D4"] = new(),
        ["Rotate"] = new() { ["limit"] = 30.0 },
        ["Affine"] = new() { ["scale"] = new List<object?> { 0.8, 1.2 }, ["rotate"] = new List<object?> { -20.0, 20.0 }, ["shear"] = new Dictionary<string, object?> { ["x"] = new List<object?> { -10.0, 10.0 }, ["y"] = 0.0 }, ["translate_percent"] = new List<object?> { -0.1, 0.1 } },
        ["ShiftScaleRotate"] = new(),
        ["Crop"] = new() { ["x_min"] = 5L, ["y_min"] = 3L, ["x_max"] = 30L, ["y_max"] = 25L },
        ["CenterCrop"] = new() { ["height"] = 20L, ["width"] = 24L },
        ["RandomCrop"] = new() { ["height"] = 20L, ["width"] = 24L },
        ["RandomResizedCrop"] = new() { ["size"] = new List<object?> { 24L, 32L } },
        ["Resize"] = new() { ["height"] = 45L, ["width"] = 27L },
        ["LongestMaxSize"] = new() { ["max_size"] = 32L },
        ["SmallestMaxSize"] = new() { ["max_size"] = 20L },
        ["PadIfNeeded"] = new() { ["min_height"] = 36L, ["min_width"] = 48L, ["border_mode"] = "reflect101" },
        ["Perspective"] = new() { ["scale"] = new List<object?> { 0.05, 0.15 } },
        ["SafeRotate"] = new() { ["limit"] = 45.0, ["border_mode"] = "replicate" },
        ["RandomScale"] = new() { ["scale_limit"] = 0.3 },
        ["Pad"] = new() { ["padding"] = new List<object?> { 3L, 2L, 5L, 1L }, ["border_mode"] = "wrap" },
        ["LetterBox"] = new() { ["height"] = 32L, ["width"] = 32L },
        ["RandomSizedCrop"] = new() { ["min_max_height"] = new List<object?> { 10L, 25L }, ["size"] = new List<object?> { 16L, 20L }, ["w2h_ratio"] = 1.3 },
        ["RandomCropFromBorders"] = new() { ["crop_left"] = 0.3, ["crop_top"] = 0.2 },
        ["BBoxSafeRandomCrop"] = new() { ["erosion_rate"] = 0.1 },
        ["RandomSizedBBoxSafeCrop"] = new() { ["height"] = 20L, ["width"] = 20L },
        ["AtLeastOneBBoxRandomCrop"] = new() { ["height"] = 16L, ["width"] = 20L },
        ["CropNonEmptyMaskIfExists"] = new() { ["height"] = 16L, ["width"] = 20L },
        ["RandomCropNearBBox"] = new() { ["max_part_shift"] = 0.2 },
        ["CropAndPad"] = new() { ["px"] = new List<object?> { -6L, 6L } },
        ["ElasticTransform"] = new() { ["alpha"] = 30.0, ["sigma"] = 4.0 },
        ["GridDistortion"] = new() { ["num_steps"] = 4L, ["distort_limit"] = 0.3 },
        ["OpticalDistortion"] = new() { ["distort_limit"] = 0.2, ["border_mode"] = "reflect101" },
        ["PiecewiseAffine"] = new() { ["scale"] = new List<object?> { 0.05, 0.1 }, ["nb_rows"] = new List<object?> { 3L, 4L }, ["nb_cols"] = 4L },
        ["ThinPlateSpline"] = new() { ["scale_range"] = new List<object?> { 0.2, 0.4 }, ["num_control_points"] = 3L },
        ["RandomGridShuffle"] = new() { ["grid"] = new List<object?> { 3L, 2L } },
        ["GridElasticDeform"] = new() { ["num_grid_xy"] = new List<object?> { 3L, 2L }, ["magnitude"] = 3L },
    };

    /// <summary>Creates the named transform with its test parameters and <paramref name="p"/>.</summary>
    public static ITransform Create(string name, double p = 1)
    {
        var parameters = new Dictionary<string, object?>(ByName[name]) { ["p"] = p };
        return TransformRegistry.Create(name, parameters);
    }

    /// <summary>The registered names, for theories.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var d in TransformRegistry.All) data.Add(d.Name);
        return data;
    }
}
