namespace AugSharp.Keras;

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
