namespace AugSharp;

/// <summary>Options for encoding.</summary>
public sealed record ImageWriteOptions
{
    /// <summary>JPEG and lossy WebP quality, 1..100. Default 90.</summary>
    public int Quality { get; init; } = 90;

    /// <summary>Lossless WebP.</summary>
    public bool Lossless { get; init; }
}
