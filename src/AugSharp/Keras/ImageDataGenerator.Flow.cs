namespace AugSharp.Keras;

public sealed partial class ImageDataGenerator
{
    /// <summary>
    /// Keras' <c>flow</c>: batches of augmented, standardised images from a rank-4 array
    /// <paramref name="x"/> with optional labels <paramref name="y"/>, extra arrays
    /// <paramref name="misc"/> (Keras' <c>(x, misc)</c> form) and sample weights.
    /// </summary>
    public NumpyArrayIterator Flow(NdArray x, NdArray? y = null, int batchSize = 32, bool shuffle = true, NdArray? sampleWeight = null,
        int? seed = null, string? saveToDir = null, string savePrefix = "", string saveFormat = "png", bool ignoreClassSplit = false,
        string? subset = null, IReadOnlyList<NdArray>? misc = null)
        => NumpyArrayIterator.Create(this, x, y, misc, batchSize, shuffle, sampleWeight, seed, saveToDir, savePrefix, saveFormat, ignoreClassSplit, subset);

    /// <summary>
    /// Keras' <c>flow_from_directory</c>: one class per sub-directory of <paramref name="directory"/>
    /// (code-point order, or <paramref name="classes"/>), images loaded at <paramref name="targetSize"/>
    /// (height, width; default 256x256) in <paramref name="colorMode"/>, labels by
    /// <paramref name="classMode"/> ("categorical", "binary", "sparse", "input" or null).
    /// </summary>
    public DirectoryIterator FlowFromDirectory(string directory, (int Height, int Width)? targetSize = null, string colorMode = "rgb",
        IReadOnlyList<string>? classes = null, string? classMode = "categorical", int batchSize = 32, bool shuffle = true, int? seed = null,
        string? saveToDir = null, string savePrefix = "", string saveFormat = "png", bool followLinks = false, string? subset = null,
        string interpolation = "nearest", bool keepAspectRatio = false)
        => DirectoryIterator.Create(this, directory, targetSize ?? (256, 256), colorMode, classes, classMode, batchSize, shuffle, seed,
            saveToDir, savePrefix, saveFormat, followLinks, subset, interpolation, keepAspectRatio);
}
