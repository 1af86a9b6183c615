namespace AugSharp.Tests;

/// <summary>Locates the repository root (the folder holding AugSharp.sln) and the committed test data.</summary>
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

    /// <summary>The committed test data: <c>tests/AugSharp.Tests/TestData</c>.</summary>
    public static string TestDataRoot => Path.Combine(RepoRoot, "tests", "AugSharp.Tests", "TestData");

    /// <summary>A file or folder under <c>tests/AugSharp.Tests/TestData</c>.</summary>
    public static string TestData(params string[] parts) => Path.Combine([TestDataRoot, .. parts]);

    /// <summary>A sample photograph from <c>TestData/Images</c> (see its README for the attributions).</summary>
    public static string Image(string name) => TestData("Images", name);

    /// <summary>The committed public Keras reference set (<c>TestData/KerasGolden</c>).</summary>
    public static string KerasPublic => TestData("KerasGolden");
}
