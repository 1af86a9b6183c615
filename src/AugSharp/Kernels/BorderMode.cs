namespace AugSharp;

/// <summary>
/// How a kernel reads pixels outside the source image (OpenCV's border types). Keras'
/// <c>fill_mode</c> is a different thing with scipy's conventions: see <see cref="Keras.FillMode"/>.
/// </summary>
public enum BorderMode
{
    /// <summary>A constant value per channel (<c>iiiiii|abcdefgh|iiiiiii</c>).</summary>
    Constant,

    /// <summary>The edge pixel repeated (<c>aaaaaa|abcdefgh|hhhhhhh</c>).</summary>
    Replicate,

    /// <summary>Mirrored, the edge pixel included (<c>fedcba|abcdefgh|hgfedcb</c>).</summary>
    Reflect,

    /// <summary>Mirrored about the edge pixel (<c>gfedcb|abcdefgh|gfedcba</c>); OpenCV's default.</summary>
    Reflect101,

    /// <summary>Tiled (<c>cdefgh|abcdefgh|abcdefg</c>).</summary>
    Wrap,
}
