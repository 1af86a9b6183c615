namespace AugSharp;

/// <summary>
/// What <see cref="ITransform.Sample"/> may look at: the shape and type of the image the
/// operation will meet, its boxes and keypoints, and (on demand) its pixels and masks. Inside a
/// pipeline the pixels of a run of geometric steps are warped once at the end of the run: the
/// shape, boxes and keypoints here are already those after the steps sampled so far, and asking
/// for <see cref="Target"/> warps the pending pixels first.
/// </summary>
public sealed class TransformContext
{
    private readonly Func<AnnotatedImage> _target;

    /// <summary>The context of <paramref name="target"/>.</summary>
    public TransformContext(AnnotatedImage target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = () => target;
        Shape = target.Shape;
        PixelType = target.Image.PixelType;
        Boxes = target.Boxes;
        Keypoints = target.Keypoints;
        OrientedBoxes = target.OrientedBoxes;
        MaskCount = target.Masks.Count;
        Metadata = target.Metadata;
        ClassLabels = target.ClassLabels;
    }

    internal TransformContext(ImageShape shape, PixelType pixelType, IReadOnlyList<BoundingBox> boxes, IReadOnlyList<Keypoint> keypoints, int maskCount,
        IReadOnlyDictionary<string, object> metadata, IReadOnlyDictionary<string, double> classLabels, Func<AnnotatedImage> target, IReadOnlyList<OrientedBox> orientedBoxes)
    {
        OrientedBoxes = orientedBoxes;
        Metadata = metadata;
        ClassLabels = classLabels;
        Shape = shape;
        PixelType = pixelType;
        Boxes = boxes;
        Keypoints = keypoints;
        MaskCount = maskCount;
        _target = target;
    }

    /// <summary>The image's shape.</summary>
    public ImageShape Shape { get; }

    /// <summary>The image's pixel type.</summary>
    public PixelType PixelType { get; }

    /// <summary>The boxes, in pixels.</summary>
    public IReadOnlyList<BoundingBox> Boxes { get; }

    /// <summary>The keypoints.</summary>
    public IReadOnlyList<Keypoint> Keypoints { get; }

    /// <summary>The oriented boxes, in pixels.</summary>
    public IReadOnlyList<OrientedBox> OrientedBoxes { get; }

    /// <summary>
    /// What the box-aware crops keep or aim at: the boxes, then the axis-aligned envelopes of the
    /// oriented boxes (<see cref="OrientedBox.Envelope"/>); the boxes themselves when there are no
    /// oriented boxes.
    /// </summary>
    public IReadOnlyList<BoundingBox> EnclosingBoxes => OrientedBoxes.Count == 0 ? Boxes : Boxes.Concat(OrientedBoxes.Select(o => o.Envelope)).ToArray();

    /// <summary>The number of masks.</summary>
    public int MaskCount { get; }

    /// <summary>The several-image transforms' inputs, by metadata key (<see cref="AnnotatedImage.Metadata"/>). Read them; never change them.</summary>
    public IReadOnlyDictionary<string, object> Metadata { get; }

    /// <summary>The image-level soft label (<see cref="AnnotatedImage.ClassLabels"/>).</summary>
    public IReadOnlyDictionary<string, double> ClassLabels { get; }

    /// <summary>The companion annotated images under <paramref name="key"/>, or an empty list.</summary>
    public IReadOnlyList<AnnotatedImage> CompanionsOf(string key) => Metadata.TryGetValue(key, out var items) && items is IReadOnlyList<AnnotatedImage> list ? list : [];

    /// <summary>The number of companions under <paramref name="key"/>: the length of a list of annotated images, or the count of an <see cref="ICompanionReader"/>.</summary>
    public int CompanionCount(string key) => Metadata.TryGetValue(key, out var items) && items is ICompanionReader reader ? reader.Count : CompanionsOf(key).Count;

    /// <summary>The annotated image itself (pixels and masks). Read it; never change it.</summary>
    public AnnotatedImage Target => _target();

    /// <summary>Width in pixels.</summary>
    public int Width => Shape.Width;

    /// <summary>Height in pixels.</summary>
    public int Height => Shape.Height;
}
