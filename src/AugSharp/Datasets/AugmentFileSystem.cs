namespace AugSharp.Datasets;

/// <summary>
/// The file operations of <see cref="ImageFolder"/> and <see cref="DatasetGenerator"/>: listing a
/// folder, creating a temporary file, renaming it into place. Tests replace it to simulate
/// folders that cannot be listed and disks that fill up.
/// </summary>
internal class AugmentFileSystem
{
    /// <summary>The real file system.</summary>
    public static AugmentFileSystem Real { get; } = new();

    /// <summary>The entries (files, folders, links) directly inside <paramref name="directory"/>.</summary>
    public virtual IReadOnlyList<FileSystemInfo> ListFolder(string directory)
        => new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = false,
            AttributesToSkip = 0,
            MatchType = MatchType.Simple,
        }).ToList();

    /// <summary>Creates <paramref name="path"/>, which must not exist, for writing.</summary>
    public virtual Stream CreateNewFile(string path)
        => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/>, replacing it.</summary>
    public virtual void Replace(string source, string destination) => File.Move(source, destination, overwrite: true);
}
