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

/// <summary>Where the channel axis is in an image array.</summary>
public enum DataFormat
{
    /// <summary>(H, W, C), Keras' default.</summary>
    ChannelsLast,

    /// <summary>(C, H, W).</summary>
    ChannelsFirst,
}

/// <summary>Parses Keras' string names.</summary>
public static class KerasNames
{
    /// <summary>Parses "constant", "nearest", "reflect" or "wrap".</summary>
    public static FillMode ParseFillMode(string name) => name switch
    {
        "constant" => FillMode.Constant,
        "nearest" => FillMode.Nearest,
        "reflect" => FillMode.Reflect,
        "wrap" => FillMode.Wrap,
        _ => throw new ArgumentException($"Unknown fill_mode '{name}': expected one of constant, nearest, reflect, wrap.", nameof(name)),
    };

    /// <summary>The Keras name of a fill mode.</summary>
    public static string Name(FillMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>Parses "channels_last" or "channels_first", with Keras' error otherwise.</summary>
    public static DataFormat ParseDataFormat(string name) => name switch
    {
        "channels_last" => DataFormat.ChannelsLast,
        "channels_first" => DataFormat.ChannelsFirst,
        _ => throw new ArgumentException(
            "`data_format` should be `\"channels_last\"` (channel after row and column) or `\"channels_first\"` (channel before row and column). Received: " + name, nameof(name)),
    };
}
