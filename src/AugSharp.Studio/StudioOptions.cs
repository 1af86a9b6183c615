namespace AugSharp.Studio;

/// <summary>What <see cref="StudioServer.StartAsync"/> serves and where it listens.</summary>
public sealed record StudioOptions
{
    /// <summary>
    /// The folder whose images the page shows (only the images directly inside it), and where
    /// the page saves pipelines when asked; null serves <see cref="SampleImages"/> instead.
    /// </summary>
    public string? Folder { get; init; }

    /// <summary>With <see cref="Folder"/>: the one file name of the folder to show (for <c>augsharp studio IMAGE</c>); null shows every image.</summary>
    public string? OnlyImage { get; init; }

    /// <summary>The images shown when <see cref="Folder"/> is null (encoded files, by name).</summary>
    public IReadOnlyList<StudioImageFile> SampleImages { get; init; } = [];

    /// <summary>COCO annotations of the images (matched by file name): boxes, masks and keypoints are drawn on every cell.</summary>
    public string? AnnotationsPath { get; init; }

    /// <summary>A pipeline file the editor starts from; null starts from an empty pipeline.</summary>
    public string? PipelinePath { get; init; }

    /// <summary>The address to listen on: an IP address or <c>localhost</c>. Default 127.0.0.1 (this machine only).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 (the default) takes a free one.</summary>
    public int Port { get; init; }

    /// <summary>The access token the URL carries; null draws a random one (the normal case).</summary>
    public string? Token { get; init; }

    /// <summary>The limits images are decoded with (the decompression-bomb limit first of all).</summary>
    public ImageReadOptions ReadOptions { get; init; } = new();

    /// <summary>Largest request body accepted, in bytes. Default 1 MiB (a pipeline is a few kilobytes).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1 << 20;

    /// <summary>True when <see cref="Host"/> is a loopback address (reachable from this machine only).</summary>
    public bool IsLoopback => Host is "localhost" || (System.Net.IPAddress.TryParse(Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
}

/// <summary>An encoded image file held in memory (the sample photos of the tool).</summary>
/// <param name="Name">Its file name.</param>
/// <param name="Data">Its bytes.</param>
public sealed record StudioImageFile(string Name, byte[] Data);

/// <summary>A request the studio refuses, with the HTTP status and the message the page shows.</summary>
public sealed class StudioRequestException : Exception
{
    /// <summary>Creates the refusal.</summary>
    public StudioRequestException(int status, string message) : base(message) => Status = status;

    /// <summary>The HTTP status code (400 bad request, 403 forbidden, 404 not found).</summary>
    public int Status { get; }
}
