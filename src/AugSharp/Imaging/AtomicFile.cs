namespace AugSharp;

/// <summary>
/// The one way AugSharp writes a file: the content is produced in memory, written to a temporary
/// file <c>.NAME.augsharp-tmp-HEX</c> beside the destination, flushed, and renamed into place. An
/// existing file is only ever replaced by a complete new one; on any failure the temporary file is
/// removed. A run killed before the rename leaves a temporary file that <see cref="IsTemporary"/>
/// recognises, so the next run can remove it. Producing the content in memory first also keeps
/// write errors (a full disk) out of native encoders, where they could not be caught.
/// </summary>
public static class AtomicFile
{
    /// <summary>What every temporary name holds between the file name and the random suffix.</summary>
    public const string TemporaryMarker = ".augsharp-tmp-";

    /// <summary>Writes the bytes <paramref name="produce"/> puts in a stream to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> produce)
        => Write(path, produce, static p => new FileStream(p, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16),
            static (source, destination) => File.Move(source, destination, overwrite: true), CancellationToken.None);

    /// <summary>Writes with the given file operations (the batch runner passes its own, which tests replace).</summary>
    internal static void Write(string path, Action<Stream> produce, Func<string, Stream> createNew, Action<string, string> replace, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(produce);
        string full = Path.GetFullPath(path);
        using var content = new MemoryStream();
        produce(content);
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = TemporaryPath(full);
        try
        {
            using (var stream = createNew(temp))
            {
                stream.Write(content.GetBuffer(), 0, (int)content.Length);
                if (stream is FileStream file) file.Flush(flushToDisk: true);
                else stream.Flush();
            }
            cancellationToken.ThrowIfCancellationRequested();
            replace(temp, full);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // The original error matters more than a leftover temporary file, which the next run removes.
            }
            catch (UnauthorizedAccessException)
            {
            }
            throw;
        }
    }

    /// <summary>A fresh temporary name beside <paramref name="path"/>.</summary>
    public static string TemporaryPath(string path)
        => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}{TemporaryMarker}{Guid.NewGuid():N}");

    /// <summary>True when <paramref name="path"/> names a temporary file of <see cref="Write(string, Action{Stream})"/>.</summary>
    public static bool IsTemporary(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        int marker = name.LastIndexOf(TemporaryMarker, StringComparison.Ordinal);
        if (!name.StartsWith('.') || marker < 1) return false;
        string suffix = name[(marker + TemporaryMarker.Length)..];
        return suffix.Length > 0 && suffix.All(char.IsAsciiHexDigit);
    }
}
