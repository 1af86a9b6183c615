using PuppeteerSharp;

namespace AugSharp.Studio.Tests;

/// <summary>
/// Headless chromium for one test: the system's browser (never a downloaded one), a fresh profile,
/// no network of its own, and every console error and page error collected.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    private readonly string _profile;

    private Browser(IBrowser browser, string profile)
    {
        Chromium = browser;
        _profile = profile;
    }

    public IBrowser Chromium { get; }

    public List<string> Errors { get; } = [];

    public static async Task<Browser> LaunchAsync()
    {
        string profile = Path.Combine(Path.GetTempPath(), "augsharp-chromium-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(profile);
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = false, // --headless is passed below, as the flag list says
            UserDataDir = profile,
            Timeout = 120_000,
            ProtocolTimeout = 120_000,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        return new Browser(browser, profile);
    }

    /// <summary>A new page whose console errors, uncaught exceptions and failed loads go to <see cref="Errors"/>.</summary>
    public async Task<IPage> NewPageAsync(IBrowserContext? context = null)
    {
        var page = context is null ? await Chromium.NewPageAsync() : await context.NewPageAsync();
        page.DefaultTimeout = 60_000;
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error) lock (Errors) Errors.Add("console: " + e.Message.Text);
        };
        page.PageError += (_, e) => { lock (Errors) Errors.Add("page error: " + e.Message); };
        page.RequestFailed += (_, e) => { lock (Errors) Errors.Add($"request failed: {e.Request.Url} {e.Request.FailureText}"); };
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.CloseAsync();
        Chromium.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
