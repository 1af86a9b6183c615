using System.Text.Json;
using System.Text.Json.Serialization;

namespace AugSharp.Cleaning;

/// <summary>
/// The limits of the clean-up checks. The defaults keep the real photos and their ordinary
/// augmentations and reject what a person would (measured on the sample photos: see the README).
/// A thresholds file (JSON or YAML) names any of them in snake case, for example
/// <c>max_fill: 0.3</c>; the others keep their defaults.
/// </summary>
public sealed record CleanThresholds
{
    /// <summary>Largest fraction of the image made by the border fill. Default 0.5.</summary>
    [JsonPropertyName("max_fill")] public double MaxFill { get; init; } = 0.5;

    /// <summary>Smallest entropy of the luminance histogram, in bits (a near-constant image has little). Default 3.</summary>
    [JsonPropertyName("min_entropy")] public double MinEntropy { get; init; } = 3;

    /// <summary>Smallest standard deviation of the luminance, in 8-bit levels. Default 5.</summary>
    [JsonPropertyName("min_std_dev")] public double MinStdDev { get; init; } = 5;

    /// <summary>Largest fraction of black pixels (luminance ≤ 16). Default 0.9.</summary>
    [JsonPropertyName("max_dark")] public double MaxDark { get; init; } = 0.9;

    /// <summary>Largest fraction of white pixels (luminance ≥ 239). Default 0.9.</summary>
    [JsonPropertyName("max_bright")] public double MaxBright { get; init; } = 0.9;

    /// <summary>Smallest variance of the Laplacian, when the source is unknown. Default 10 (the sample photos score 200 to 1700, a Gaussian blur of sigma 3 below 7).</summary>
    [JsonPropertyName("min_sharpness")] public double MinSharpness { get; init; } = 10;

    /// <summary>
    /// Smallest variance of the Laplacian relative to the source's, when the source is known. Default
    /// 0.05: interpolation and lower contrast take ordinary augmentations down to about 0.2, a Gaussian
    /// blur of sigma 3 below 0.02.
    /// </summary>
    [JsonPropertyName("min_relative_sharpness")] public double MinRelativeSharpness { get; init; } = 0.05;

    /// <summary>Largest perceptual-hash distance (of 64 bits) between two images counted as duplicates; at most <see cref="DuplicateIndex.MaxDistance"/>. Default 4.</summary>
    [JsonPropertyName("max_duplicate_distance")] public int MaxDuplicateDistance { get; init; } = 4;

    /// <summary>Reads a thresholds file: JSON (<c>.json</c>) or YAML (any other extension).</summary>
    /// <exception cref="InvalidDataException">The file cannot be read as thresholds; the message names the file and the reason.</exception>
    public static CleanThresholds Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the thresholds: {e.Message}", e);
        }
        try
        {
            if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                var yaml = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<object?>(text);
                text = JsonSerializer.Serialize(yaml);
            }
            var options = new JsonSerializerOptions { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, NumberHandling = JsonNumberHandling.AllowReadingFromString };
            var thresholds = JsonSerializer.Deserialize<CleanThresholds>(text, options) ?? new CleanThresholds();
            thresholds.Validate();
            return thresholds;
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a thresholds file: {e.Message}", e);
        }
    }

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentException">A threshold is out of its range.</exception>
    public void Validate()
    {
        static void Fraction(double value, string name)
        {
            if (!(value >= 0 && value <= 1)) throw new ArgumentException($"{name} must be between 0 and 1, not {value}.");
        }
        Fraction(MaxFill, "max_fill");
        Fraction(MaxDark, "max_dark");
        Fraction(MaxBright, "max_bright");
        if (!(MinEntropy >= 0 && MinEntropy <= 8)) throw new ArgumentException($"min_entropy must be between 0 and 8 bits, not {MinEntropy}.");
        if (!(MinStdDev >= 0)) throw new ArgumentException($"min_std_dev must not be negative, not {MinStdDev}.");
        if (!(MinSharpness >= 0)) throw new ArgumentException($"min_sharpness must not be negative, not {MinSharpness}.");
        if (!(MinRelativeSharpness >= 0)) throw new ArgumentException($"min_relative_sharpness must not be negative, not {MinRelativeSharpness}.");
        if (MaxDuplicateDistance < 0 || MaxDuplicateDistance > DuplicateIndex.MaxDistance)
            throw new ArgumentException($"max_duplicate_distance must be between 0 and {DuplicateIndex.MaxDistance}, not {MaxDuplicateDistance}.");
    }
}
