namespace AugSharp.Keras;

/// <summary>How points outside the input are filled (scipy.ndimage modes, as Keras passes them).</summary>
public enum FillMode
{
    /// <summary><c>kkkkkkkk|abcd|kkkkkkkk</c> with k = cval; no blending at the edge.</summary>
    Constant,

    /// <summary><c>aaaaaaaa|abcd|dddddddd</c>.</summary>
    Nearest,

    /// <summary><c>abcddcba|abcd|dcbaabcd</c> (half-sample symmetric).</summary>
    Reflect,

    /// <summary><c>abcdabcd|abcd|abcdabcd</c> as scipy does it: period n-1, first and last samples coincide.</summary>
    Wrap,
}
