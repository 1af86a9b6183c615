using System.Text.Json;

namespace AugSharp.Tests.Keras;

/// <summary>Locates the committed test data and the Keras golden data for the numerics tests.</summary>
internal static class NumericsTestPaths
{
    /// <summary>The repository root (the folder holding AugSharp.sln).</summary>
    public static string RepoRoot => TestPaths.RepoRoot;

    /// <summary>tests/AugSharp.Tests/TestData/<paramref name="sub"/>.</summary>
    public static string TestData(string sub) => TestPaths.TestData(sub);

    /// <summary>The committed public Keras reference set: the tests that name a case by its id read it whatever AUGSHARP_KERAS_GOLDEN says.</summary>
    public static string GoldenDir => TestPaths.KerasPublic;

    /// <summary>The public manifest entry with the given id.</summary>
    public static JsonElement GoldenCase(string id) => KerasGolden.PublicCase(id);

    /// <summary>The golden input <paramref name="name"/> (A, B, ...): its raw float32 HWC values and shape.</summary>
    public static float[] GoldenInput(string name, out int[] shape)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenDir, "manifest.json")));
        var entry = doc.RootElement.GetProperty("inputs").GetProperty(name);
        shape = Shape(entry);
        var values = ReadF32(Path.Combine(GoldenDir, entry.GetProperty("raw").GetString()!));
        if (values.Length != shape.Aggregate(1, (a, b) => a * b))
            throw new InvalidDataException($"Golden input {name} has {values.Length} values, not {string.Join("x", shape)}.");
        return values;
    }

    /// <summary>Reads a little-endian float32 file.</summary>
    public static float[] ReadF32(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var result = new float[bytes.Length / 4];
        for (int i = 0; i < result.Length; i++)
            result[i] = BitConverter.ToSingle(bytes, i * 4);
        return result;
    }

    /// <summary>Reads a little-endian uint16 file.</summary>
    public static ushort[] ReadU16(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var result = new ushort[bytes.Length / 2];
        for (int i = 0; i < result.Length; i++)
            result[i] = (ushort)(bytes[2 * i] | bytes[2 * i + 1] << 8);
        return result;
    }

    /// <summary>Shape of a golden array ("shape" of a manifest entry).</summary>
    public static int[] Shape(JsonElement c, string property = "shape")
        => c.GetProperty(property).EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
