namespace AugSharp;

/// <summary>How a kernel computes a pixel between source pixels (OpenCV's interpolation flags).</summary>
public enum Interpolation
{
    /// <summary>The nearest source pixel (OpenCV INTER_NEAREST).</summary>
    Nearest,

    /// <summary>Bilinear (INTER_LINEAR).</summary>
    Linear,

    /// <summary>Bicubic with a = -0.75 (INTER_CUBIC).</summary>
    Cubic,

    /// <summary>Pixel-area averaging when shrinking, bilinear when enlarging (INTER_AREA; resize only).</summary>
    Area,

    /// <summary>Lanczos over 8x8 neighbours (INTER_LANCZOS4).</summary>
    Lanczos,
}
