namespace AugSharp.Studio.Tests;

/// <summary>
/// A test that drives a real browser (Debian's chromium). Skipped, with a reason that says how to
/// run it, on a machine without one. CI installs chromium and sets
/// <c>AUGSHARP_BROWSER_TESTS=required</c>: there a missing browser fails the tests instead.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>Where Debian installs chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && Environment.GetEnvironmentVariable("AUGSHARP_BROWSER_TESTS") != "required")
            Skip = $"No browser at {ChromiumPath}: these real-browser tests drive Debian's chromium. Install it with `apt-get install chromium chromium-driver` and run the tests again.";
    }
}
