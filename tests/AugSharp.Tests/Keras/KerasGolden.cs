using System.Text.Json;

namespace AugSharp.Tests.Keras;

/// <summary>The Keras reference set: a folder holding manifest.json and the files it names.</summary>
public static class KerasGolden
{
    /// <summary>Environment variable that points the tests at another folder of the same format.</summary>
    public const string EnvironmentVariable = "AUGSHARP_KERAS_GOLDEN";

    private static readonly Lazy<(string Folder, JsonElement[] Cases)> Loaded = new(Load);

    /// <summary>The folder in use: $AUGSHARP_KERAS_GOLDEN, or the committed public set (<c>TestData/KerasGolden</c>).</summary>
    public static string Folder => Loaded.Value.Folder;

    /// <summary>Every case of the manifest.</summary>
    public static IReadOnlyList<JsonElement> Cases => Loaded.Value.Cases;

    /// <summary>The case with this id.</summary>
    public static JsonElement Case(string id) => Cases.Single(c => c.GetProperty("id").GetString() == id);

    /// <summary>A path inside the folder.</summary>
    public static string PathOf(string relative) => Path.Combine(Folder, relative);

    /// <summary>Reads a float32 little-endian file of the folder.</summary>
    public static float[] ReadF32(string relative) => NumericsTestPaths.ReadF32(PathOf(relative));

    /// <summary>The case with this id in the committed public set, whatever folder is in use.</summary>
    public static JsonElement PublicCase(string id) => PublicCases.Value.Single(c => c.GetProperty("id").GetString() == id);

    private static readonly Lazy<JsonElement[]> PublicCases = new(() => ReadCases(TestPaths.KerasPublic));

    private static (string, JsonElement[]) Load()
    {
        string? folder = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            folder = TestPaths.KerasPublic;
        }
        return (folder, ReadCases(folder));
    }

    private static JsonElement[] ReadCases(string folder)
    {
        string manifest = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifest))
            throw new FileNotFoundException($"Keras reference manifest not found: {manifest} (set {EnvironmentVariable} to a folder holding manifest.json).", manifest);
        using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    }
}
