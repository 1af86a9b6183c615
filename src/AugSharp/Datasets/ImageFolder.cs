namespace AugSharp.Datasets;

/// <summary>The image files found under a folder and the folders that could not be listed.</summary>
/// <param name="Root">The folder that was searched (full path).</param>
/// <param name="Files">Image files, as paths relative to <paramref name="Root"/> with '/' separators, sorted ordinally.</param>
/// <param name="Errors">Subfolders that could not be listed (skipped), in the order met.</param>
public sealed record ImageFolderListing(string Root, IReadOnlyList<string> Files, IReadOnlyList<AugmentFileError> Errors);

/// <summary>
/// Lists the image files under a folder, recursively. Symbolic links to folders are followed
/// unless they lead back to a folder being listed (a cycle); an excluded folder (such as the
/// output of a run inside its input) is never entered; a subfolder that cannot be listed is
/// recorded and skipped; temporary files of the atomic writes (<see cref="AtomicFile"/>) are not images.
/// </summary>
public static class ImageFolder
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff", ".pgm", ".ppm", ".pnm",
    };

    internal static StringComparison PathComparison
        => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>True when <paramref name="path"/> has an image file extension AugSharp reads and is not a temporary file.</summary>
    public static bool IsImageFile(string path)
        => ImageExtensions.Contains(Path.GetExtension(path)) && !IsTemporaryFile(path);

    /// <summary>True when <paramref name="path"/> names a temporary file a killed run may leave behind (see <see cref="AtomicFile"/>).</summary>
    public static bool IsTemporaryFile(string path) => AtomicFile.IsTemporary(path);

    /// <summary>
    /// The image files under <paramref name="folder"/>, never entering <paramref name="excludedFolder"/>
    /// (or any folder inside it) when given.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="folder"/> does not exist.</exception>
    public static ImageFolderListing List(string folder, string? excludedFolder = null)
        => List(folder, excludedFolder, AugmentFileSystem.Real);

    internal static ImageFolderListing List(string folder, string? excludedFolder, AugmentFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string root = Path.GetFullPath(folder);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"folder not found: {folder}");
        var files = new List<string>();
        var errors = new List<AugmentFileError>();
        var excluded = excludedFolder is null ? [] : PathForms(Path.GetFullPath(excludedFolder));
        Walk(root, fileSystem, excluded, (relative, _) => { if (IsImageFile(relative)) files.Add(relative); }, errors);
        files.Sort(StringComparer.Ordinal);
        return new ImageFolderListing(root, files, errors);
    }

    /// <summary>Visits every file under <paramref name="root"/> with its relative path and full path, recursively, without cycles.</summary>
    internal static void Walk(string root, AugmentFileSystem fileSystem, IReadOnlyList<string> excluded, Action<string, string> visitFile, List<AugmentFileError> errors)
    {
        string rootReal = RealPath(root);
        var ancestors = new List<string>();
        Visit(root, rootReal, "");

        void Visit(string path, string real, string relative)
        {
            ancestors.Add(real);
            IReadOnlyList<FileSystemInfo> entries;
            try
            {
                entries = fileSystem.ListFolder(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                errors.Add(new AugmentFileError(path, "cannot list the folder: " + FirstLine(e.Message)));
                ancestors.RemoveAt(ancestors.Count - 1);
                return;
            }
            foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                string childRelative = relative + entry.Name;
                string childPath = Path.Combine(path, entry.Name);
                if (entry is DirectoryInfo directory)
                {
                    string childReal = directory.LinkTarget is null ? Path.Combine(real, entry.Name) : ResolveLink(directory);
                    if (childReal.Length == 0) continue; // a broken link
                    if (IsUnder(childPath, excluded) || IsUnder(childReal, excluded)) continue;
                    if (ancestors.Any(a => string.Equals(a, childReal, PathComparison))) continue; // a link back to a folder being listed
                    Visit(childPath, childReal, childRelative + "/");
                }
                else
                {
                    visitFile(childRelative, childPath);
                }
            }
            ancestors.RemoveAt(ancestors.Count - 1);
        }
    }

    /// <summary>The path as given and as resolved through symbolic links, both full.</summary>
    internal static IReadOnlyList<string> PathForms(string fullPath)
    {
        string real = RealPath(fullPath);
        return string.Equals(real, fullPath, PathComparison) ? [fullPath] : [fullPath, real];
    }

    /// <summary>True when <paramref name="path"/> is one of <paramref name="folders"/> or inside one of them.</summary>
    internal static bool IsUnder(string path, IReadOnlyList<string> folders)
    {
        string p = Path.TrimEndingDirectorySeparator(path);
        foreach (string folder in folders)
        {
            string f = Path.TrimEndingDirectorySeparator(folder);
            if (string.Equals(p, f, PathComparison)) return true;
            if (p.Length > f.Length && p.StartsWith(f, PathComparison) && (p[f.Length] == Path.DirectorySeparatorChar || p[f.Length] == Path.AltDirectorySeparatorChar)) return true;
        }
        return false;
    }

    /// <summary>The full path with every symbolic link on the way resolved, as far as the path exists.</summary>
    internal static string RealPath(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string? parent = Path.GetDirectoryName(full);
        if (parent is null) return full;
        string resolvedParent = RealPath(parent);
        string candidate = Path.Combine(resolvedParent, Path.GetFileName(full));
        try
        {
            var info = new DirectoryInfo(candidate);
            if (info.Exists && info.LinkTarget is not null)
            {
                string target = ResolveLink(info);
                if (target.Length > 0) return target;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return candidate;
    }

    private static string ResolveLink(DirectoryInfo link)
    {
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            return target is { Exists: true } ? RealPath(target.FullName) : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return (newline >= 0 ? message[..newline] : message).Trim();
    }
}
