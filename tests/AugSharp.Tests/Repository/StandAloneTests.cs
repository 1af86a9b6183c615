using System.Text.Json;

namespace AugSharp.Tests.Repository;

/// <summary>The repository carries everything its tests read: a clone with nothing beside it passes.</summary>
public class StandAloneTests
{
    [Fact]
    public void The_public_keras_reference_set_is_committed_whole()
    {
        string manifest = Path.Combine(TestPaths.KerasPublic, "manifest.json");
        Assert.True(File.Exists(manifest), $"{manifest} is missing: the Keras reference set must be committed.");
        using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        int declared = doc.RootElement.GetProperty("counts").EnumerateObject().Sum(p => p.Value.GetInt32());
        Assert.Equal(60, cases.Length);
        Assert.Equal(declared, cases.Length);
        foreach (var c in cases)
        {
            foreach (var property in c.EnumerateObject())
            {
                bool namesAFile = property.Name.EndsWith("_file", StringComparison.Ordinal) || property.Name is "input_raw" or "fragile_mask";
                if (!namesAFile || property.Value.ValueKind != JsonValueKind.String) continue;
                string path = Path.Combine(TestPaths.KerasPublic, property.Value.GetString()!);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"case {c.GetProperty("id")}: {property.Name} {path} is missing.");
            }
        }
    }

    [Theory]
    [InlineData("astronaut.png")]
    [InlineData("camera.png")]
    [InlineData("chelsea.png")]
    [InlineData("coffee.png")]
    [InlineData("retina.jpg")]
    [InlineData("rocket.jpg")]
    public void The_sample_photographs_are_committed_with_their_attribution(string name)
    {
        Assert.True(File.Exists(TestPaths.Image(name)), $"{TestPaths.Image(name)} is missing.");
        string attribution = File.ReadAllText(TestPaths.Image("README.md"));
        Assert.Contains(name, attribution);
    }

    /// <summary>The ways code names the project's sibling folder (built here so this file does not name it itself).</summary>
    private static readonly string[] SiblingFolderReferences =
    [
        string.Join('/', "..", "sha" + "red"),
        "\"..\", \"" + "sha" + "red\"",
    ];

    [Fact]
    public void No_source_test_or_benchmark_reads_outside_the_repository()
    {
        var offenders = new List<string>();
        foreach (string folder in new[] { "src", "tests", "bench" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(TestPaths.RepoRoot, file);
                if (relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || relative.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
                string text = File.ReadAllText(file);
                if (SiblingFolderReferences.Any(text.Contains)) offenders.Add(relative);
            }
        }
        Assert.Empty(offenders);
    }
}
