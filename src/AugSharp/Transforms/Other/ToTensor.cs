namespace AugSharp;

/// <summary>
/// The last step of a training pipeline (Albumentations' ToTensorV2, read from its files under
/// that name; default p = 1): the image becomes float32 with its values unchanged (no scaling:
/// put Normalize or ToFloat before it); <see cref="Tensors"/> then gives the channels-first
/// <c>[C, H, W]</c> array of the image and the masks' arrays as <see cref="TransposeMask"/> says
/// (<see cref="TensorLayout"/>). Masks, boxes and keypoints are kept.
/// </summary>
[TransformCategory("other")]
public sealed class ToTensor : Transform<ToTensorOperation>, IChangesPixelType
{
    /// <summary>Creates the transform with p = 1.</summary>
    public ToTensor() => P = 1;

    /// <summary>Whether masks are wanted channels-first too (<see cref="TensorLayout.MaskToArray"/>). Default false.</summary>
    public bool TransposeMask { get; init; }

    /// <inheritdoc />
    public PixelType OutputPixelType(PixelType input) => PixelType.Float32;

    /// <inheritdoc />
    protected override ToTensorOperation SampleOperation(RandomStream rng, TransformContext context) => new() { TransposeMask = TransposeMask };

    /// <summary>The image and masks of <paramref name="result"/> as channels-first arrays, the masks as <see cref="TransposeMask"/> says.</summary>
    public ((float[] Data, int[] Shape) Image, IReadOnlyList<(float[] Data, int[] Shape)> Masks) Tensors(AnnotatedImage result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return (TensorLayout.ToChw(result.Image), result.Masks.Select(m => TensorLayout.MaskToArray(m, TransposeMask)).ToArray());
    }
}

/// <summary>The step of <see cref="ToTensor"/>: the image as float32, values unchanged.</summary>
public sealed record ToTensorOperation : Operation
{
    /// <summary>Whether masks are wanted channels-first.</summary>
    public bool TransposeMask { get; init; }

    /// <inheritdoc />
    protected override ImageBuffer ApplyToImage(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.PixelType == PixelType.Float32) return image.As<float>().Clone();
        var result = ImageBuffer<float>.CreateUninitialized(image.Width, image.Height, image.Channels);
        for (int y = 0; y < image.Height; y++)
        {
            var target = result.GetRow(y);
            if (image.PixelType == PixelType.UInt8)
            {
                var source = image.As<byte>().GetRow(y);
                for (int i = 0; i < source.Length; i++) target[i] = source[i];
            }
            else
            {
                var source = image.As<ushort>().GetRow(y);
                for (int i = 0; i < source.Length; i++) target[i] = source[i];
            }
        }
        return result;
    }
}
