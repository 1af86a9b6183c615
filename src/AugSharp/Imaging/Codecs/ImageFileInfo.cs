namespace AugSharp;

/// <summary>What a file holds, read without decoding the pixels.</summary>
/// <param name="Format">File format.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">Channels as decoded by <see cref="ImageCodec.Read(string, ImageReadOptions?)"/>.</param>
/// <param name="BitDepth">Bits per channel: 8 or 16.</param>
public sealed record ImageFileInfo(ImageFormat Format, int Width, int Height, int Channels, int BitDepth);
