namespace AugSharp;

/// <summary>
/// Albumentations' <c>keypoint_remapping_method</c> of the distortions, read and written for its
/// files. AugSharp moves keypoints the same way for both: through the numerical inverse of the
/// distortion's map, to sub-pixel precision, which both of Albumentations' methods approximate
/// ("direct" by the nearest map entry, "mask" by drawing and finding each point).
/// </summary>
public enum KeypointRemappingMethod
{
    /// <summary>Albumentations' mask method (its default).</summary>
    Mask,

    /// <summary>Albumentations' direct method.</summary>
    Direct,
}
