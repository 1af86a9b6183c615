using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// The base of the several-image operations (MixUp, CutMix, Mosaic, CopyAndPaste,
/// OverlayElements): they bring pixels and targets of other images into the image. The other
/// images are named by <see cref="CompanionRef"/>s, which the operation resolves when applied
/// (an index into the input's companions under its metadata key, or an entry of a source on disk),
/// so a recorded operation replays to the same bytes given the same companions or files. Inside a
/// pipeline the runner passes its box and keypoint rules: boxes a paste covers are judged by
/// <see cref="BoxParams.MinArea"/> and <see cref="BoxParams.MinVisibility"/>, pasted boxes by the
/// share of them that shows, and every box is then clipped and filtered as after a geometric
/// step. <see cref="Operation.Apply(AnnotatedImage)"/> on its own uses the default rules.
/// </summary>
public abstract record MixingOperation : Operation
{
    /// <summary>The key of the input's <see cref="AnnotatedImage.Metadata"/> the companions come from.</summary>
    public string MetadataKey { get; init; } = "";

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input) => Apply(input, BoxParams.Default, KeypointParams.Default);

    /// <summary>Applies the operation with the box and keypoint rules of a pipeline.</summary>
    public abstract AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams);

    /// <summary>
    /// Applies the operation with the box, keypoint and oriented-box rules of a pipeline. By
    /// default an input with oriented boxes is refused (the operation does not know where they
    /// go); the operations that carry them override this.
    /// </summary>
    public virtual AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams, OrientedBoxParams orientedBoxParams)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.OrientedBoxes.Count > 0) throw new NotSupportedException($"{Name} cannot carry oriented boxes.");
        return Apply(input, boxParams, keypointParams);
    }

    /// <summary>
    /// Reads the companion <paramref name="reference"/> names, for <paramref name="input"/>; Owned
    /// is true when it was read for this call (from a reader or a file), so that its buffers are
    /// the caller's to dispose.
    /// </summary>
    protected (AnnotatedImage Image, bool Owned) Resolve(AnnotatedImage input, CompanionRef reference)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Open(input.Metadata, MetadataKey, reference, Name);
    }

    /// <summary>Opens the companion <paramref name="reference"/> names in <paramref name="metadata"/> under <paramref name="key"/> (or on disk); errors name <paramref name="name"/>.</summary>
    internal static (AnnotatedImage Image, bool Owned) Open(IReadOnlyDictionary<string, object> metadata, string key, CompanionRef reference, string name)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.File is { } file)
            return (CompanionSource.Open(reference.Source ?? throw new InvalidOperationException($"{name}: the companion '{file}' names no source.")).Read(file), true);
        int index = reference.Index ?? -1;
        if (metadata.TryGetValue(key, out var items) && items is ICompanionReader reader)
        {
            if (index < 0 || index >= reader.Count) throw new InvalidOperationException($"{name}: companion {index} of '{key}' is missing; its reader has {reader.Count}.");
            return (reader.Read(index), true);
        }
        var companions = metadata.TryGetValue(key, out var list) && list is IReadOnlyList<AnnotatedImage> l ? l : [];
        if (index < 0 || index >= companions.Count)
            throw new InvalidOperationException($"{name}: companion {index} of '{key}' is missing; the input has {companions.Count}.");
        return (companions[index], false);
    }

    /// <summary>The input with copies of its image and additional images: the result of an operation that found nothing to bring in (an applied operation always returns new pixels, as NoOp does).</summary>
    protected static AnnotatedImage Unchanged(AnnotatedImage input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.With(image: Copy(input.Image), additionalImages: input.AdditionalImages.Select(Copy).ToArray());
    }

    /// <summary>A copy of <paramref name="image"/>.</summary>
    protected static ImageBuffer Copy(ImageBuffer image) => image switch
    {
        ImageBuffer<byte> b => b.Clone(),
        ImageBuffer<ushort> u => u.Clone(),
        _ => image.As<float>().Clone(),
    };

    /// <summary>Disposes the buffers of a companion read for one call.</summary>
    protected internal static void Release(AnnotatedImage companion, bool owned)
    {
        if (!owned) return;
        foreach (var buffer in companion.Buffers) buffer.Dispose();
    }
}

/// <summary>
/// Names one companion image of a several-image operation: <see cref="Index"/> into the input's
/// companions under the operation's metadata key, or <see cref="File"/> of <see cref="Source"/>
/// (a folder of images, or a COCO file) on disk.
/// </summary>
public sealed record CompanionRef
{
    /// <summary>The index into the input's companions, or null for a file.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Index { get; init; }

    /// <summary>The source the entry belongs to (a folder, or a COCO file), or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    /// <summary>The entry: a file's path relative to the folder (with '/'), or a COCO image's file name; null for an index.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? File { get; init; }

    /// <summary>The companion at <paramref name="index"/> of the input's list.</summary>
    public static CompanionRef Companion(int index) => new() { Index = index };

    /// <summary>The file <paramref name="file"/> of <paramref name="source"/>.</summary>
    public static CompanionRef FromSource(string source, string file) => new() { Source = source, File = file };
}

/// <summary>
/// Companions read on demand (a data set too large to hold in memory, a database): put one in an
/// <see cref="AnnotatedImage.Metadata"/> under a transform's metadata key instead of a list. Each
/// <see cref="Read"/> returns new buffers, which the operation disposes after use; reading the
/// same index again must give the same image for recipes to replay. A pipeline run on several
/// images at once may call <see cref="Read"/> from several threads.
/// </summary>
public interface ICompanionReader
{
    /// <summary>The number of companions.</summary>
    int Count { get; }

    /// <summary>Reads companion <paramref name="index"/> (0 to <see cref="Count"/> - 1).</summary>
    AnnotatedImage Read(int index);
}

/// <summary>How a several-image transform draws its companions: from the input's metadata when there are any, else from its source on disk.</summary>
internal static class CompanionPicker
{
    /// <summary>How many companions there are to draw from (the input's under <paramref name="key"/>, or the source's files).</summary>
    public static int Available(TransformContext context, string key, string? source)
    {
        int count = context.CompanionCount(key);
        if (count > 0 || string.IsNullOrEmpty(source)) return count;
        return CompanionSource.Open(source).Entries.Count;
    }

    /// <summary>
    /// <paramref name="count"/> companions drawn uniformly with replacement (or fewer distinct ones
    /// without replacement when <paramref name="distinct"/>), from the input's companions under
    /// <paramref name="key"/> when it has any, else from <paramref name="source"/>.
    /// </summary>
    public static CompanionRef[] Draw(RandomStream rng, TransformContext context, string key, string? source, int count, bool distinct)
    {
        int available = context.CompanionCount(key);
        bool fromSource = available == 0 && !string.IsNullOrEmpty(source);
        IReadOnlyList<string> entries = fromSource ? CompanionSource.Open(source!).Entries : [];
        if (fromSource) available = entries.Count;
        if (available == 0 || count <= 0) return [];
        int[] picks;
        if (distinct)
        {
            picks = rng.Permutation(available);
            if (picks.Length > count) picks = picks[..count];
        }
        else
        {
            picks = new int[count];
            for (int i = 0; i < count; i++) picks[i] = rng.NextInt(available);
        }
        return picks.Select(i => fromSource ? CompanionRef.FromSource(source!, entries[i]) : CompanionRef.Companion(i)).ToArray();
    }
}
