namespace AugSharp.Keras;

/// <summary>Where the channel axis is in an image array.</summary>
public enum DataFormat
{
    /// <summary>(H, W, C), Keras' default.</summary>
    ChannelsLast,

    /// <summary>(C, H, W).</summary>
    ChannelsFirst,
}
