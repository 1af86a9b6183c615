namespace AugSharp.Keras;

public sealed partial class ImageDataGenerator
{
    /// <summary>
    /// Keras' <c>standardize</c>, in place and in Keras' order: preprocessing function, rescale,
    /// samplewise centre and std, featurewise centre and std, ZCA. Returns the array (the same
    /// instance unless the preprocessing function returned another).
    /// </summary>
    public NdArray Standardize(NdArray x) => throw new NotImplementedException();

    /// <summary>
    /// Keras' <c>fit</c>: computes <see cref="Mean"/>, <see cref="Std"/> and
    /// <see cref="ZcaWhiteningMatrix"/> from a rank-4 batch (rescaled, and augmented
    /// <paramref name="rounds"/> times when <paramref name="augment"/> is set).
    /// </summary>
    public void Fit(NdArray x, bool augment = false, int rounds = 1, int? seed = null) => throw new NotImplementedException();
}
