using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// The base of the dropout operations: they overwrite regions of the image (and of the masks
/// when a mask fill is given) without moving anything, and apply Albumentations' rules to the
/// targets under the dropped regions. A box is kept when its visible area (its pixels outside
/// the dropped region) is at least the pipeline's <see cref="BoxParams.MinArea"/> and its
/// visible fraction at least <see cref="BoxParams.MinVisibility"/>; with the default box
/// parameters every box is kept, as in Albumentations. A keypoint on a dropped pixel is removed
/// when <see cref="KeypointParams.RemoveInvisible"/> is set (the default). Inside a pipeline the
/// runner passes its own box and keypoint parameters; <see cref="Apply(AnnotatedImage)"/> on its
/// own uses the defaults.
/// </summary>
public abstract record DropoutOperation : Operation
{
    /// <summary>
    /// The dropped pixels of <paramref name="input"/>'s image, row by row (true where dropped),
    /// or null when nothing is dropped or the operation has no rule for boxes and keypoints.
    /// </summary>
    protected abstract bool[]? DroppedRegion(AnnotatedImage input);

    /// <summary>Whether keypoints on dropped pixels are removed (true for the hole-based dropouts).</summary>
    protected virtual bool RemovesKeypoints => true;

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input) => Apply(input, BoxParams.Default, KeypointParams.Default);

    /// <summary>Applies the operation with the box and keypoint rules of <paramref name="boxParams"/> and <paramref name="keypointParams"/>.</summary>
    public AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams) => Apply(input, boxParams, keypointParams, OrientedBoxParams.Default, null);

    internal AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams, List<int>? keptBoxes)
        => Apply(input, boxParams, keypointParams, OrientedBoxParams.Default, keptBoxes);

    /// <summary>Applies the operation with the rules of a pipeline, oriented boxes included (judged as boxes are, by <paramref name="orientedBoxParams"/>).</summary>
    public AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams, OrientedBoxParams orientedBoxParams)
        => Apply(input, boxParams, keypointParams, orientedBoxParams, null);

    internal AnnotatedImage Apply(AnnotatedImage input, BoxParams boxParams, KeypointParams keypointParams, OrientedBoxParams orientedBoxParams, List<int>? keptBoxes)
    {
        ArgumentNullException.ThrowIfNull(orientedBoxParams);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(boxParams);
        ArgumentNullException.ThrowIfNull(keypointParams);
        var region = input.Boxes.Count > 0 || input.OrientedBoxes.Count > 0 || (input.Keypoints.Count > 0 && RemovesKeypoints && keypointParams.RemoveInvisible) ? DroppedRegion(input) : null;
        var result = base.Apply(input);
        var boxes = input.Boxes;
        var keypoints = input.Keypoints;
        var oriented = input.OrientedBoxes;
        if (region is not null)
        {
            boxes = FilterBoxes(input.Boxes, region, input.Image.Width, input.Image.Height, boxParams, keptBoxes);
            oriented = FilterOrientedBoxes(input.OrientedBoxes, region, input.Image.Width, input.Image.Height, orientedBoxParams);
            if (RemovesKeypoints && keypointParams.RemoveInvisible) keypoints = FilterKeypoints(input.Keypoints, region, input.Image.Width, input.Image.Height);
        }
        else
        {
            keptBoxes?.AddRange(Enumerable.Range(0, input.Boxes.Count));
        }
        return result.With(boxes: boxes, keypoints: keypoints, orientedBoxes: oriented);
    }

    /// <summary>
    /// The rule of <see cref="FilterBoxes"/> for oriented boxes: a box's pixels are those whose
    /// centres lie inside its polygon (within the image); visible = those outside
    /// <paramref name="region"/>; kept when visible ≥ min_area and visible / pixels ≥
    /// min_visibility. A box without a pixel centre inside is kept.
    /// </summary>
    internal static IReadOnlyList<OrientedBox> FilterOrientedBoxes(IReadOnlyList<OrientedBox> boxes, bool[] region, int width, int height, OrientedBoxParams p)
    {
        if (boxes.Count == 0) return boxes;
        var result = new List<OrientedBox>(boxes.Count);
        foreach (var box in boxes)
        {
            var corners = box.GetCorners();
            var envelope = box.Envelope;
            int x1 = Math.Clamp((int)Math.Floor(envelope.X1), 0, width), x2 = Math.Clamp((int)Math.Ceiling(envelope.X2), 0, width);
            int y1 = Math.Clamp((int)Math.Floor(envelope.Y1), 0, height), y2 = Math.Clamp((int)Math.Ceiling(envelope.Y2), 0, height);
            long area = 0, covered = 0;
            for (int y = y1; y < y2; y++)
            {
                for (int x = x1; x < x2; x++)
                {
                    if (!Polygons.ContainsConvex(corners, x + 0.5, y + 0.5)) continue;
                    area++;
                    if (region[y * width + x]) covered++;
                }
            }
            if (area > 0)
            {
                long visible = area - covered;
                if (visible < p.MinArea || (double)visible / area < p.MinVisibility) continue;
            }
            result.Add(box);
        }
        return result;
    }

    /// <summary>
    /// Albumentations' rule: box edges truncated to whole pixels (and clipped to the image);
    /// visible = its pixels outside <paramref name="region"/>; kept when visible ≥ min_area and
    /// visible / area ≥ min_visibility. A box without a whole pixel is kept.
    /// </summary>
    internal static IReadOnlyList<BoundingBox> FilterBoxes(IReadOnlyList<BoundingBox> boxes, bool[] region, int width, int height, BoxParams p, List<int>? kept)
    {
        var result = new List<BoundingBox>(boxes.Count);
        for (int i = 0; i < boxes.Count; i++)
        {
            var box = boxes[i];
            int x1 = Math.Clamp((int)box.X1, 0, width), x2 = Math.Clamp((int)box.X2, 0, width);
            int y1 = Math.Clamp((int)box.Y1, 0, height), y2 = Math.Clamp((int)box.Y2, 0, height);
            long area = (long)(x2 - x1) * (y2 - y1);
            if (area > 0)
            {
                long covered = 0;
                for (int y = y1; y < y2; y++)
                {
                    int row = y * width;
                    for (int x = x1; x < x2; x++)
                        if (region[row + x]) covered++;
                }
                long visible = area - covered;
                if (visible < p.MinArea || (double)visible / area < p.MinVisibility) continue;
            }
            result.Add(box);
            kept?.Add(i);
        }
        return result;
    }

    /// <summary>Removes the keypoints whose pixel (x and y truncated) is dropped.</summary>
    internal static IReadOnlyList<Keypoint> FilterKeypoints(IReadOnlyList<Keypoint> keypoints, bool[] region, int width, int height)
    {
        return keypoints.Where(k =>
        {
            if (!(k.X >= 0 && k.Y >= 0 && k.X < width && k.Y < height)) return true;
            return !region[(int)k.Y * width + (int)k.X];
        }).ToArray();
    }

    /// <summary>
    /// The channel values of <paramref name="fill"/> for <paramref name="channels"/> channels of
    /// <typeparamref name="T"/> (one value for all, or one per channel), saturated to the type.
    /// </summary>
    internal static T[] FillValues<T>(IReadOnlyList<double> fill, int channels, string name) where T : unmanaged
    {
        if (fill.Count != 1 && fill.Count != channels)
            throw new InvalidOperationException($"{name}: the fill has {fill.Count} values for an image of {channels} channels; give one value or one per channel.");
        var values = new T[channels];
        for (int c = 0; c < channels; c++) values[c] = KernelCommon.FromDouble<T>(fill.Count == 1 ? fill[0] : fill[c]);
        return values;
    }

    /// <summary>Sets the rectangle [x1, x2) x [y1, y2) of <paramref name="image"/> (clipped to it) to <paramref name="values"/>.</summary>
    internal static void FillRectangle<T>(ImageBuffer<T> image, int x1, int y1, int x2, int y2, T[] values) where T : unmanaged
    {
        x1 = Math.Max(x1, 0);
        y1 = Math.Max(y1, 0);
        x2 = Math.Min(x2, image.Width);
        y2 = Math.Min(y2, image.Height);
        int channels = image.Channels;
        for (int y = y1; y < y2; y++)
        {
            var row = image.GetRow(y);
            for (int x = x1; x < x2; x++)
                for (int c = 0; c < channels; c++) row[x * channels + c] = values[c];
        }
    }

    /// <summary>Applies the function for the mask's pixel type.</summary>
    internal static ImageBuffer OnMask(ImageBuffer mask, Func<ImageBuffer<byte>, ImageBuffer<byte>> bytes, Func<ImageBuffer<ushort>, ImageBuffer<ushort>> words, Func<ImageBuffer<float>, ImageBuffer<float>> floats) => mask.PixelType switch
    {
        PixelType.UInt8 => bytes(mask.As<byte>()),
        PixelType.UInt16 => words(mask.As<ushort>()),
        _ => floats(mask.As<float>()),
    };
}

/// <summary>One rectangular hole: columns [<paramref name="X1"/>, <paramref name="X2"/>) and rows [<paramref name="Y1"/>, <paramref name="Y2"/>), in pixels.</summary>
/// <param name="X1">Left edge (inclusive).</param>
/// <param name="Y1">Top edge (inclusive).</param>
/// <param name="X2">Right edge (exclusive).</param>
/// <param name="Y2">Bottom edge (exclusive).</param>
/// <param name="Fill">This hole's own image fill (a random colour drawn for it), or null for the operation's fill.</param>
public sealed record DropoutHole(int X1, int Y1, int X2, int Y2, IReadOnlyList<double>? Fill = null);

/// <summary>
/// Rectangular holes cut into the image (CoarseDropout, Erasing, GridDropout, XYMasking): each
/// hole's pixels take its fill (or <see cref="Fill"/>), and the masks' take
/// <see cref="FillMask"/> when it is given. Boxes and keypoints under the holes follow
/// <see cref="DropoutOperation"/>'s rules.
/// </summary>
/// <param name="Holes">The holes, in pixels of the image the operation was drawn for.</param>
/// <param name="Fill">The image fill: one value for every channel, or one per channel.</param>
/// <param name="FillMask">The mask fill (one value, or one per mask channel), or null to leave masks alone.</param>
public sealed record HoleDropoutOperation(IReadOnlyList<DropoutHole> Holes, IReadOnlyList<double> Fill, IReadOnlyList<double>? FillMask) : DropoutOperation
{
    /// <summary>
    /// When set (the <c>random</c> fill), the holes' pixels take random values of the pixel type's
    /// range (0..255, 0..65535, 0..1 for float32) drawn from this seed, hole after hole, row by
    /// row, channel by channel; null for constant fills.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ulong? NoiseSeed { get; init; }

    /// <inheritdoc />
    protected override bool[]? DroppedRegion(AnnotatedImage input)
    {
        if (Holes.Count == 0) return null;
        int w = input.Image.Width, h = input.Image.Height;
        var region = new bool[w * h];
        foreach (var hole in Holes)
        {
            for (int y = Math.Max(hole.Y1, 0); y < Math.Min(hole.Y2, h); y++)
                for (int x = Math.Max(hole.X1, 0); x < Math.Min(hole.X2, w); x++) region[y * w + x] = true;
        }
        return region;
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        var result = image.Clone();
        var shared = FillValues<T>(Fill, image.Channels, Name);
        if (NoiseSeed is { } seed)
        {
            var rng = new RandomStream(seed);
            bool isFloat = image.PixelType == PixelType.Float32;
            int max = (int)PixelTypes.NominalMax(image.PixelType), channels = image.Channels;
            foreach (var hole in Holes)
            {
                for (int y = Math.Max(hole.Y1, 0); y < Math.Min(hole.Y2, image.Height); y++)
                {
                    var row = result.GetRow(y);
                    for (int x = Math.Max(hole.X1, 0); x < Math.Min(hole.X2, image.Width); x++)
                        for (int c = 0; c < channels; c++)
                            row[x * channels + c] = KernelCommon.FromDouble<T>(isFloat ? rng.NextDouble() : rng.NextInt(0, max + 1));
                }
            }
            return result;
        }
        foreach (var hole in Holes)
            FillRectangle(result, hole.X1, hole.Y1, hole.X2, hole.Y2, hole.Fill is null ? shared : FillValues<T>(hole.Fill, image.Channels, Name));
        return result;
    }

    /// <inheritdoc />
    protected override ImageBuffer ApplyToMask(ImageBuffer mask)
    {
        if (FillMask is null || Holes.Count == 0) return mask;
        return OnMask(mask, FillHoles, FillHoles, FillHoles);
    }

    private ImageBuffer<T> FillHoles<T>(ImageBuffer<T> mask) where T : unmanaged
    {
        var result = mask.Clone();
        var values = FillValues<T>(FillMask!, mask.Channels, Name);
        foreach (var hole in Holes) FillRectangle(result, hole.X1, hole.Y1, hole.X2, hole.Y2, values);
        return result;
    }
}
