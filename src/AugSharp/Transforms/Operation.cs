using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// The base of every operation record: <see cref="Apply"/> calls one hook per target (the image
/// hook for the additional images too). A
/// pixel-level operation overrides <see cref="ApplyToPixels{T}"/> and leaves masks, boxes and
/// keypoints alone; a geometric one derives from <see cref="GeometricOperation"/>.
/// </summary>
public abstract record Operation : IOperation
{
    /// <summary>
    /// The name of the transform that drew the operation (set when it is sampled: an
    /// <see cref="AffineOperation"/> drawn by Rotate says "Rotate"), or null for a record made by
    /// hand. Label mappings and manifests use it.
    /// </summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Transform { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public virtual string Name => Transform ?? OperationJson.TypeName(GetType());

    /// <inheritdoc />
    public virtual AnnotatedImage Apply(AnnotatedImage input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var image = ApplyToImage(input.Image);
        IReadOnlyList<ImageBuffer> masks = input.Masks.Count == 0 ? input.Masks : input.Masks.Select(ApplyToMask).ToArray();
        var boxes = input.Boxes.Count == 0 ? input.Boxes : ApplyToBoxes(input.Boxes, input.Shape);
        var keypoints = input.Keypoints.Count == 0 ? input.Keypoints : ApplyToKeypoints(input.Keypoints, input.Shape);
        var oriented = input.OrientedBoxes.Count == 0 ? input.OrientedBoxes : ApplyToOrientedBoxes(input.OrientedBoxes, input.Shape);
        IReadOnlyList<ImageBuffer> others = input.AdditionalImages.Count == 0 ? input.AdditionalImages : input.AdditionalImages.Select(ApplyToImage).ToArray();
        return new AnnotatedImage(image, masks, boxes, keypoints, others, input.Metadata, input.ClassLabels, oriented);
    }

    /// <summary>The image hook: dispatches to <see cref="ApplyToPixels{T}"/> by pixel type.</summary>
    protected virtual ImageBuffer ApplyToImage(ImageBuffer image) => image.PixelType switch
    {
        PixelType.UInt8 => ApplyToPixels(image.As<byte>()),
        PixelType.UInt16 => ApplyToPixels(image.As<ushort>()),
        _ => ApplyToPixels(image.As<float>()),
    };

    /// <summary>The typed image hook; returns a new buffer (or the input itself when nothing changes).</summary>
    protected virtual ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) where T : unmanaged => image;

    /// <summary>The mask hook (masks move with nearest-neighbour); by default the mask is kept.</summary>
    protected virtual ImageBuffer ApplyToMask(ImageBuffer mask) => mask;

    /// <summary>The box hook, for a source of <paramref name="input"/>; by default the boxes are kept.</summary>
    protected virtual IReadOnlyList<BoundingBox> ApplyToBoxes(IReadOnlyList<BoundingBox> boxes, ImageShape input) => boxes;

    /// <summary>The keypoint hook, for a source of <paramref name="input"/>; by default the keypoints are kept.</summary>
    protected virtual IReadOnlyList<Keypoint> ApplyToKeypoints(IReadOnlyList<Keypoint> keypoints, ImageShape input) => keypoints;

    /// <summary>
    /// The oriented-box hook, for a source of <paramref name="input"/>; by default the boxes are
    /// kept. An operation that changes axis-aligned boxes (overrides <see cref="ApplyToBoxes"/>)
    /// must override this hook too, or be marked <see cref="NoOrientedBoxesAttribute"/> on its
    /// transform.
    /// </summary>
    protected virtual IReadOnlyList<OrientedBox> ApplyToOrientedBoxes(IReadOnlyList<OrientedBox> boxes, ImageShape input) => boxes;

}

/// <summary>The operation of a transform that was not applied (its probability said no; <see cref="Operation.Transform"/> names it): it changes nothing.</summary>
public sealed record SkippedOperation : Operation
{
    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input) => input ?? throw new ArgumentNullException(nameof(input));
}
