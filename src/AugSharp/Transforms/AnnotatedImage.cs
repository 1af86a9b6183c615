namespace AugSharp;

/// <summary>
/// An image with the targets that move with it: masks (moved with nearest-neighbour, never
/// interpolated into new labels), boxes in pixels (<see cref="BoundingBox"/>), oriented boxes in
/// pixels (<see cref="OrientedBox"/>) and keypoints.
/// Additional images of the same size (a second view of a stereo pair, an image of the scene
/// before and after) get exactly the image's operation, interpolation included (Albumentations'
/// <c>additional_targets</c> of type image). Operations return a new annotated image and leave
/// their input as it was; a target an operation does not change is shared between the two.
/// <para>
/// Two more things ride along. <see cref="Metadata"/> holds the inputs of the several-image
/// transforms under their <c>metadata_key</c> (Albumentations' <c>mosaic_metadata</c>,
/// <c>overlay_metadata</c>, <c>textimage_metadata</c>...): lists of companion annotated images,
/// overlay elements or texts, which flow through a pipeline untouched. <see cref="ClassLabels"/>
/// is an image-level soft label (class name to weight, for classification) that MixUp, CutMix
/// and Mosaic mix by the share each source contributes; the boxes keep their own labels.
/// </para>
/// </summary>
public sealed class AnnotatedImage
{
    /// <summary>An annotated image.</summary>
    /// <param name="image">The pixels.</param>
    /// <param name="masks">Masks of the same height and width as the image (any type, any channels).</param>
    /// <param name="boxes">Boxes in pixels (pascal_voc edges).</param>
    /// <param name="keypoints">Keypoints in pixel-index coordinates.</param>
    /// <param name="additionalImages">More images of the same height and width, moved exactly as the image.</param>
    /// <param name="metadata">The several-image transforms' inputs, by metadata key (see <see cref="Metadata"/>).</param>
    /// <param name="classLabels">The image-level soft label: class name to weight (see <see cref="ClassLabels"/>).</param>
    /// <param name="orientedBoxes">Oriented boxes in pixels (edge coordinates).</param>
    public AnnotatedImage(ImageBuffer image, IReadOnlyList<ImageBuffer>? masks = null, IReadOnlyList<BoundingBox>? boxes = null, IReadOnlyList<Keypoint>? keypoints = null,
        IReadOnlyList<ImageBuffer>? additionalImages = null, IReadOnlyDictionary<string, object>? metadata = null, IReadOnlyDictionary<string, double>? classLabels = null,
        IReadOnlyList<OrientedBox>? orientedBoxes = null)
    {
        OrientedBoxes = orientedBoxes ?? [];
        Metadata = metadata ?? EmptyMetadata;
        ClassLabels = classLabels ?? EmptyLabels;
        ArgumentNullException.ThrowIfNull(image);
        Image = image;
        Masks = masks ?? [];
        Boxes = boxes ?? [];
        Keypoints = keypoints ?? [];
        AdditionalImages = additionalImages ?? [];
        foreach (var mask in Masks)
        {
            if (mask.Width != image.Width || mask.Height != image.Height)
                throw new ArgumentException($"A {mask.Width}x{mask.Height} mask does not fit a {image.Width}x{image.Height} image.", nameof(masks));
        }
        foreach (var other in AdditionalImages)
        {
            if (other.Width != image.Width || other.Height != image.Height)
                throw new ArgumentException($"A {other.Width}x{other.Height} additional image does not fit a {image.Width}x{image.Height} image.", nameof(additionalImages));
        }
    }

    private static readonly IReadOnlyDictionary<string, object> EmptyMetadata = new Dictionary<string, object>();
    private static readonly IReadOnlyDictionary<string, double> EmptyLabels = new Dictionary<string, double>();

    /// <summary>
    /// The inputs of the several-image transforms, by their <c>metadata_key</c>: a list of
    /// <see cref="AnnotatedImage"/> companions (or an <see cref="ICompanionReader"/> that reads
    /// them on demand) for MixUp, CutMix, Mosaic and CopyAndPaste, a list
    /// of <see cref="OverlayElement"/> for OverlayElements, a list of <see cref="TextElement"/> for
    /// TextImage. Operations never change it; it is the same object in the result.
    /// </summary>
    public IReadOnlyDictionary<string, object> Metadata { get; }

    /// <summary>
    /// The image-level soft label (class name to weight, usually summing to 1; empty when not
    /// given). Geometric and pixel transforms keep it; MixUp, CutMix and Mosaic mix the labels of
    /// their sources by each one's share of the result (blend weight or area).
    /// </summary>
    public IReadOnlyDictionary<string, double> ClassLabels { get; }

    /// <summary>A copy whose <see cref="Metadata"/> has <paramref name="items"/> under <paramref name="key"/> (the other keys kept).</summary>
    public AnnotatedImage WithMetadata(string key, object items)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(items);
        var metadata = new Dictionary<string, object>(Metadata, StringComparer.Ordinal) { [key] = items };
        return new(Image, Masks, Boxes, Keypoints, AdditionalImages, metadata, ClassLabels, OrientedBoxes);
    }

    /// <summary>The companions under <paramref name="key"/>: the list of annotated images there, or an empty list.</summary>
    public IReadOnlyList<AnnotatedImage> CompanionsOf(string key) => Metadata.TryGetValue(key, out var items) && items is IReadOnlyList<AnnotatedImage> list ? list : [];

    /// <summary>More images of the image's size, moved exactly as the image.</summary>
    public IReadOnlyList<ImageBuffer> AdditionalImages { get; }

    /// <summary>Every pixel buffer: the image, the additional images and the masks.</summary>
    public IEnumerable<ImageBuffer> Buffers => AdditionalImages.Prepend(Image).Concat(Masks);

    /// <summary>The pixels.</summary>
    public ImageBuffer Image { get; }

    /// <summary>The masks, each the image's height and width.</summary>
    public IReadOnlyList<ImageBuffer> Masks { get; }

    /// <summary>The boxes, in pixels.</summary>
    public IReadOnlyList<BoundingBox> Boxes { get; }

    /// <summary>The keypoints, in pixel-index coordinates.</summary>
    public IReadOnlyList<Keypoint> Keypoints { get; }

    /// <summary>The oriented boxes, in pixels (edge coordinates), canonical after a pipeline.</summary>
    public IReadOnlyList<OrientedBox> OrientedBoxes { get; }

    /// <summary>The image's shape.</summary>
    public ImageShape Shape => Image.Shape;

    /// <summary>A copy with some targets replaced.</summary>
    public AnnotatedImage With(ImageBuffer? image = null, IReadOnlyList<ImageBuffer>? masks = null, IReadOnlyList<BoundingBox>? boxes = null, IReadOnlyList<Keypoint>? keypoints = null,
        IReadOnlyList<ImageBuffer>? additionalImages = null, IReadOnlyDictionary<string, object>? metadata = null, IReadOnlyDictionary<string, double>? classLabels = null,
        IReadOnlyList<OrientedBox>? orientedBoxes = null)
        => new(image ?? Image, masks ?? Masks, boxes ?? Boxes, keypoints ?? Keypoints, additionalImages ?? AdditionalImages, metadata ?? Metadata, classLabels ?? ClassLabels, orientedBoxes ?? OrientedBoxes);

    /// <summary>
    /// Disposes the buffers of this image that <paramref name="keep"/> does not hold too (the
    /// images and masks an operation made and a later one replaced).
    /// </summary>
    public void DisposeExcept(AnnotatedImage keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var kept = keep.Buffers.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var buffer in Buffers)
            if (!kept.Contains(buffer)) buffer.Dispose();
    }
}
