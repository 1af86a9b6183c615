using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// The base of the domain adaptation transforms (HistogramMatching, FDA,
/// PixelDistributionAdaptation): each application draws one reference image of the target domain,
/// either among the files of <see cref="ReferenceImages"/> or among the images of
/// <see cref="ReferenceBuffers"/> (buffers take precedence when both are given). Files are read
/// through AugSharp's codecs when first needed (a relative path is resolved against the current
/// directory; an unreadable file is reported by its path), and the decoded images are kept in a
/// small cache of the transform (the last few used). The operation records the drawn file's path,
/// or the drawn buffer's index, so a recipe names its reference.
/// </summary>
/// <typeparam name="TOperation">The operation record.</typeparam>
public abstract class DomainAdaptationTransform<TOperation> : Transform<TOperation>
    where TOperation : DomainAdaptationOperation
{
    private readonly ReferenceImageCache _cache = new(4);

    /// <summary>The reference images of the target domain, as file paths (relative ones against the current directory).</summary>
    public IReadOnlyList<string> ReferenceImages { get; init; } = [];

    /// <summary>
    /// Reference images given from C# as buffers (uint8, uint16 or float32 in 0..1; kept, never
    /// changed). Not a file parameter: pipeline files neither set nor write it, and a recipe
    /// records only the drawn buffer's index, so such a recipe replays only with the same buffer
    /// put back into its operation (<see cref="DomainAdaptationOperation.ReferenceBuffer"/>).
    /// </summary>
    [CodeOnly]
    [JsonIgnore]
    public IReadOnlyList<ImageBuffer>? ReferenceBuffers { get; init; }

    /// <summary>Draws the reference: the operation's path or index and its buffer.</summary>
    protected TOperation WithReference(TOperation operation, RandomStream rng)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(rng);
        if (ReferenceBuffers is { Count: > 0 } buffers)
        {
            int index = rng.NextInt(buffers.Count);
            return (TOperation)((DomainAdaptationOperation)operation with { ReferenceIndex = index, ReferenceBuffer = buffers[index], Cache = _cache });
        }
        if (ReferenceImages.Count == 0)
            throw new InvalidOperationException($"{Name} needs reference images: give reference_images (file paths), or ReferenceBuffers from code.");
        string path = ReferenceImages[rng.NextInt(ReferenceImages.Count)];
        return (TOperation)((DomainAdaptationOperation)operation with { ReferencePath = path, Cache = _cache });
    }
}

/// <summary>
/// The base of the domain adaptation operations: it knows the drawn reference image (a file's
/// path, or a buffer's index with the buffer itself) and gives it to the subclass in the scale
/// 0..1 with as many channels as it adapts (see <see cref="AdaptedChannels"/>).
/// </summary>
public abstract record DomainAdaptationOperation : Operation
{
    private static readonly ReferenceImageCache Shared = new(2);

    /// <summary>The drawn reference file, as the transform was given it, or null for a buffer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReferencePath { get; init; }

    /// <summary>The index of the drawn buffer among the transform's reference buffers, or null for a file.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ReferenceIndex { get; init; }

    /// <summary>The drawn buffer (not serialised: a recipe read back holds only its index; put the buffer back here to replay it).</summary>
    [JsonIgnore]
    public ImageBuffer? ReferenceBuffer { get; init; }

    /// <summary>The transform's cache of decoded files.</summary>
    [JsonIgnore]
    internal ReferenceImageCache? Cache { get; init; }

    /// <summary>
    /// How many of the first channels of an image of <paramref name="imageChannels"/> channels a
    /// reference of <paramref name="referenceChannels"/> channels adapts (the others, such as an
    /// alpha channel, are kept): all when the counts agree; otherwise the colour channels (alpha
    /// left out of 2- and 4-channel images) — a gray reference serves every colour channel, an RGB
    /// reference serves a gray image through its luma, and otherwise the first channels of both pair up.
    /// </summary>
    internal static int AdaptedChannels(int imageChannels, int referenceChannels)
    {
        if (imageChannels == referenceChannels) return imageChannels;
        int imageColour = ColourChannels(imageChannels), referenceColour = ColourChannels(referenceChannels);
        return referenceColour == 1 || imageColour == 1 ? imageColour : Math.Min(imageColour, referenceColour);
    }

    private static int ColourChannels(int channels) => channels switch { 2 => 1, 4 => 3, _ => channels };

    /// <summary>
    /// The reference as float32 in 0..1 with <see cref="AdaptedChannels"/> channels for an image of
    /// <paramref name="imageChannels"/> channels, resized (bilinear) to <paramref name="width"/> x
    /// <paramref name="height"/> when those are given. The caller disposes it.
    /// </summary>
    protected ImageBuffer<float> Reference(int imageChannels, int width = 0, int height = 0)
    {
        var source = ReferenceBuffer ?? (ReferencePath is { } path ? (Cache ?? Shared).Get(path, Name) : null)
            ?? throw new InvalidOperationException($"{Name}: the operation's reference image (buffer #{ReferenceIndex}) was given from code and is not part of the recipe; put it back into ReferenceBuffer to replay it.");
        int rc = source.Channels, k = AdaptedChannels(imageChannels, rc);
        var adapted = new ImageBuffer<float>(source.Width, source.Height, k);
        switch (source)
        {
            case ImageBuffer<byte> b: Fill(b, adapted, imageChannels); break;
            case ImageBuffer<ushort> u: Fill(u, adapted, imageChannels); break;
            default: Fill(source.As<float>(), adapted, imageChannels); break;
        }
        if (width <= 0 || height <= 0 || (width == adapted.Width && height == adapted.Height)) return adapted;
        var resized = ImageBuffer<float>.CreateUninitialized(width, height, k);
        Kernels.ResizeKernel.Apply(adapted, resized, Interpolation.Linear);
        adapted.Dispose();
        return resized;
    }

    private static void Fill<T>(ImageBuffer<T> source, ImageBuffer<float> adapted, int imageChannels) where T : unmanaged
    {
        double max = NoiseMath.MaxValue<T>();
        int rc = source.Channels, k = adapted.Channels;
        bool same = rc == imageChannels, gray = !same && ColourChannels(rc) == 1, luma = !same && !gray && k == 1;
        for (int y = 0; y < source.Height; y++)
        {
            var s = source.GetRow(y);
            var d = adapted.GetRow(y);
            for (int x = 0; x < source.Width; x++)
            {
                if (luma)
                {
                    double v = 0.299 * NoiseMath.Get(s[x * rc]) + 0.587 * NoiseMath.Get(s[x * rc + 1]) + 0.114 * NoiseMath.Get(s[x * rc + 2]);
                    d[x] = (float)Math.Clamp(v / max, 0, 1);
                    continue;
                }
                for (int c = 0; c < k; c++)
                    d[x * k + c] = (float)Math.Clamp(NoiseMath.Get(s[x * rc + (gray ? 0 : c)]) / max, 0, 1);
            }
        }
    }
}

/// <summary>A small, thread-safe cache of decoded reference files: the last few used, by full path.</summary>
internal sealed class ReferenceImageCache(int capacity)
{
    private readonly LinkedList<(string Path, ImageBuffer Image)> _recent = new();

    /// <summary>The decoded file at <paramref name="path"/> (relative to the current directory); errors name <paramref name="transform"/> and the path.</summary>
    public ImageBuffer Get(string path, string transform)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new IOException($"{transform}: the reference image path '{path}' is not valid: {e.Message}", e);
        }
        lock (_recent)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Path != full) continue;
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value.Image;
            }
        }
        ImageBuffer image;
        try
        {
            image = ImageCodec.Read(full);
        }
        catch (IOException e)
        {
            throw new IOException($"{transform}: the reference image '{path}' cannot be read: {e.Message}", e);
        }
        lock (_recent)
        {
            // Another thread may have read the same file meanwhile: keep the first copy.
            foreach (var entry in _recent)
                if (entry.Path == full) return entry.Image;
            // Decoded buffers stay alive while operations may hold them; evicted ones are left to the collector.
            _recent.AddFirst((full, image));
            while (_recent.Count > capacity) _recent.RemoveLast();
        }
        return image;
    }
}
