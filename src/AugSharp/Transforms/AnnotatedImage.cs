namespace AugSharp;

/// <summary>
/// An image with the targets that move with it: masks (moved with nearest-neighbour, never
/// interpolated into new labels), boxes in pixels (<see cref="BoundingBox"/>) and keypoints.
/// Additional images of the same size (a second view of a stereo pair, an image of the scene
/// before and after) get exactly the image's operation, interpolation included (Albumentations'
/// <c>additional_targets</c> of type image). Operations return a new annotated image and leave
/// their input as it was; a target an operation does not change is shared between the two.
/// </summary>
public sealed class AnnotatedImage
{
    /// <summary>An annotated image.</summary>
    /// <param name="image">The pixels.</param>
    /// <param name="masks">Masks of the same height and width as the image (any type, any channels).</param>
    /// <param name="boxes">Boxes in pixels (pascal_voc edges).</param>
    /// <param name="keypoints">Keypoints in pixel-index coordinates.</param>
    /// <param name="additionalImages">More images of the same height and width, moved exactly as the image.</param>
    public AnnotatedImage(ImageBuffer image, IReadOnlyList<ImageBuffer>? masks = null, IReadOnlyList<BoundingBox>? boxes = null, IReadOnlyList<Keypoint>? keypoints = null,
        IReadOnlyList<ImageBuffer>? additionalImages = null)
    {
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

    /// <summary>The image's shape.</summary>
    public ImageShape Shape => Image.Shape;

    /// <summary>A copy with some targets replaced.</summary>
    public AnnotatedImage With(ImageBuffer? image = null, IReadOnlyList<ImageBuffer>? masks = null, IReadOnlyList<BoundingBox>? boxes = null, IReadOnlyList<Keypoint>? keypoints = null,
        IReadOnlyList<ImageBuffer>? additionalImages = null)
        => new(image ?? Image, masks ?? Masks, boxes ?? Boxes, keypoints ?? Keypoints, additionalImages ?? AdditionalImages);

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
