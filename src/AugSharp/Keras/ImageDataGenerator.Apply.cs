namespace AugSharp.Keras;

public sealed partial class ImageDataGenerator
{
    /// <summary>
    /// Applies <paramref name="parameters"/> to one image (rank 3, in <see cref="DataFormat"/>),
    /// in Keras' order: affine, channel shift, horizontal flip, vertical flip, brightness. Returns a
    /// new array; the input is not modified.
    /// </summary>
    public NdArray ApplyTransform(NdArray x, KerasTransformParameters parameters) => throw new NotImplementedException();

    /// <summary>Applies <paramref name="parameters"/> to a channels-last image buffer; returns a new buffer.</summary>
    public ImageBuffer<float> ApplyTransform(ImageBuffer<float> image, KerasTransformParameters parameters) => throw new NotImplementedException();

    /// <summary><c>ApplyTransform(x, GetRandomTransform(x.Shape, seed))</c>.</summary>
    public NdArray RandomTransform(NdArray x, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return ApplyTransform(x, GetRandomTransform(x.Shape, seed));
    }
}
