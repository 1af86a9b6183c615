namespace AugSharp.Keras;

/// <summary>Which geometry an <see cref="ImageDataGenerator"/> uses.</summary>
public enum KerasGeometry
{
    /// <summary>
    /// Keras' own numbers (the default): height_shift_range shifts columns by a fraction of the
    /// height, width_shift_range shifts rows by a fraction of the width, and rotation, shear and zoom
    /// pivot about (col = H/2-0.5, row = W/2-0.5).
    /// </summary>
    Keras,

    /// <summary>
    /// What the names promise: width_shift_range shifts columns by a fraction of the width,
    /// height_shift_range shifts rows by a fraction of the height, and the pivot is the true
    /// centre (col = W/2-0.5, row = H/2-0.5). Not Keras' numbers on non-square images.
    /// </summary>
    Corrected,
}
