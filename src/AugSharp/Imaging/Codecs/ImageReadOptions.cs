namespace AugSharp;

/// <summary>Options for decoding.</summary>
public sealed record ImageReadOptions
{
    /// <summary>Largest accepted width*height; larger images are refused before their pixels are allocated (decompression bombs). Default 178,956,970 pixels, as Pillow's warning limit times two.</summary>
    public long MaxPixels { get; init; } = 178_956_970;
}
