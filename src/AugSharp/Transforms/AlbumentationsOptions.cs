namespace AugSharp;

/// <summary>
/// Albumentations parameters that AugSharp reads from saved pipelines but supports at one value
/// only (their default there): a file with that value loads and runs as Albumentations would; any
/// other value is refused with the transform and parameter named, never ignored.
/// </summary>
internal static class AlbumentationsOptions
{
    public static void RequireDefault<T>(string transform, string parameter, T value, T supported)
    {
        if (!EqualityComparer<T>.Default.Equals(value, supported))
            throw new NotSupportedException($"{transform}.{parameter} = {Show(value)} is not supported; only {Show(supported)} is.");
    }

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => $"'{s}'",
        _ => value.ToString() ?? "",
    };
}
