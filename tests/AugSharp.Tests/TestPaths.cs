namespace AugSharp.Tests;

/// <summary>Locates the repository root (the folder holding AugSharp.sln) and the shared data beside it.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AugSharp.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains AugSharp.sln.");
    });

    /// <summary>The repository root.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The shared folder next to the repository (<c>../shared</c>).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>A sample photograph from <c>../shared/images</c>.</summary>
    public static string Image(string name) => Path.Combine(Shared, "images", name);

    /// <summary>A file under <c>../shared</c>.</summary>
    public static string SharedFile(params string[] parts) => Path.Combine([Shared, .. parts]);
}
