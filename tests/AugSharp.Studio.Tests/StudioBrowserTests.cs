using System.Net;
using AugSharp.Cli;
using AugSharp.Pictures;
using PuppeteerSharp;

namespace AugSharp.Studio.Tests;

/// <summary>The studio page and the project's other HTML pages, in a real headless chromium.</summary>
public sealed class StudioBrowserTests
{
    private static Task WaitFor(IPage page, string condition)
        => page.WaitForFunctionAsync($"() => {condition}", new WaitForFunctionOptions { Timeout = 60_000, PollingInterval = 50 });

    private static Task<T> Eval<T>(IPage page, string expression) => page.EvaluateExpressionAsync<T>(expression);

    /// <summary>Sets an input's value as a person typing does (the input event).</summary>
    private static Task SetInput(IPage page, string selector, string value, string eventName = "input")
        => page.EvaluateFunctionAsync(
            "(selector, value, eventName) => { const e = document.querySelector(selector); if (!e) throw new Error('no ' + selector); e.value = value; e.dispatchEvent(new Event(eventName, { bubbles: true })); }",
            selector, value, eventName);

    [BrowserFact]
    public async Task TheStudioRendersReactsExportsAndRefusesStrangers()
    {
        using var folder = new StudioTestFolder();
        await using var server = await StudioServer.StartAsync(folder.Options);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        string downloads = Path.Combine(folder.Root, "downloads");
        Directory.CreateDirectory(downloads);
        await page.Client.SendAsync("Browser.setDownloadBehavior", new Dictionary<string, object> { ["behavior"] = "allow", ["downloadPath"] = downloads });

        var response = await page.GoToAsync(server.Url, WaitUntilNavigation.Load);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        await WaitFor(page, "window.studio && window.studio.renders >= 1");
        Assert.True(await Eval<int>(page, "document.getElementById('grid').naturalWidth") > 3 * 320);
        await WaitFor(page, "[...document.querySelectorAll('#thumbs img')].every(i => i.complete && i.naturalWidth > 0)");
        Assert.Equal(2, await Eval<int>(page, "document.querySelectorAll('#thumbs img').length"));
        Assert.Equal("", await Eval<string>(page, "document.getElementById('error').textContent"));
        Assert.StartsWith("augsharp preview " + Path.Combine(folder.Images, "scene.png"), await Eval<string>(page, "document.getElementById('command').textContent"));
        Assert.Contains("Rotates", await Eval<string>(page, "document.querySelector('[data-name=Rotate] .doc').textContent"));

        // A parameter changed in its form: a new grid.
        string first = await Eval<string>(page, "document.getElementById('grid').src");
        await SetInput(page, "[data-name=Rotate] input[type=number][data-param=limit][data-part='1']", "90");
        await WaitFor(page, "window.studio.renders >= 2");
        string second = await Eval<string>(page, "document.getElementById('grid').src");
        Assert.NotEqual(first, second);

        // A transform from the search box, a OneOf with a transform nested in it.
        await page.TypeAsync("#search", "VerticalFl");
        Assert.Equal(1, await Eval<int>(page, "document.querySelectorAll('#add-list button').length"));
        await page.ClickAsync("#add-list button[data-transform=VerticalFlip]");
        await SetInput(page, "#search", "OneOf");
        await page.ClickAsync("#add-list button[data-transform=OneOf]");
        await page.ClickAsync("[data-name=OneOf] > .head .title");
        await SetInput(page, "#search", "GaussianBlur");
        await page.ClickAsync("#add-list button[data-transform=GaussianBlur]");
        Assert.Equal(1, await Eval<int>(page, "document.querySelectorAll('[data-name=OneOf] [data-name=GaussianBlur]').length"));
        await WaitFor(page, "document.getElementById('grid').src !== " + System.Text.Json.JsonSerializer.Serialize(second));

        // Each cell's operations on hover.
        var box = await (await page.QuerySelectorAsync("#grid")).BoundingBoxAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        Assert.StartsWith("cell 5: ", await Eval<string>(page, "document.getElementById('tip').textContent"));

        // New seed: another grid.
        await page.ClickAsync("#new-seed");
        // The page settles (every change drawn, status and command lines final) before the buttons
        // below them are clicked.
        await WaitFor(page, "window.studio.renders >= 4 && window.studio.idle");

        // Export: a file the loader accepts and that `augsharp augment --pipeline` runs.
        await page.ClickAsync("#export-yaml");
        await WaitFor(page, "window.studio.lastExport !== null || document.getElementById('error').textContent !== ''");
        Assert.Equal("", await Eval<string>(page, "document.getElementById('error').textContent"));
        string yaml = await Eval<string>(page, "document.getElementById('export-text').value");
        string pipelineFile = Path.Combine(folder.Root, "exported.yaml");
        await File.WriteAllTextAsync(pipelineFile, yaml);
        var pipeline = Assert.IsType<Compose>(PipelineFile.Load(pipelineFile));
        Assert.Equal(["HorizontalFlip", "Rotate", "RandomBrightnessContrast", "VerticalFlip", "OneOf"], pipeline.Transforms.Select(t => t.Name));
        Assert.Equal("GaussianBlur", Assert.Single(((OneOf)pipeline.Transforms[4]).Transforms).Name);
        Assert.Equal(new ValueRange(-30, 90), ((Rotate)pipeline.Transforms[1]).Limit);
        string downloaded = Path.Combine(downloads, "pipeline.yaml");
        for (int i = 0; i < 100 && !File.Exists(downloaded); i++) await Task.Delay(100);
        Assert.Equal(yaml, await File.ReadAllTextAsync(downloaded));
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            string augmented = Path.Combine(folder.Root, "augmented");
            int code = AugSharpCli.Run(["augment", folder.Images, augmented, "--pipeline", pipelineFile, "--copies", "2"], output, error);
            Assert.True(code == 0, error.ToString());
            Assert.Equal(4, Directory.GetFiles(augmented).Count(f => ImageCodec.FormatFromExtension(f) != ImageFormat.Unknown));
        }
        Assert.Empty(browser.Errors);

        // A path escape from the page is refused.
        Assert.Equal(403, await page.EvaluateFunctionAsync<int>("async () => (await fetch('/api/thumbnail?name=' + encodeURIComponent('../secret.png'))).status"));

        // A bad parameter: a message in the page, and the page keeps working.
        await SetInput(page, "[data-name=Rotate] input[type=text][data-param=fill]", "oops", "change");
        await WaitFor(page, "document.getElementById('error').textContent.includes('Rotate.fill')");
        await SetInput(page, "[data-name=Rotate] input[type=text][data-param=fill]", "[0]", "change");
        await WaitFor(page, "document.getElementById('error').textContent === ''");
        // The refused requests above are the only console errors (the browser logs each 4xx response).
        Assert.Equal(2, browser.Errors.Count);
        Assert.All(browser.Errors, e => Assert.Matches("status of (400|403)", e));
        browser.Errors.Clear();

        // The Keras generator's arguments as a form, with the Keras call that reproduces the grid.
        await page.ClickAsync("#mode-keras");
        await SetInput(page, "#keras-form input[type=number][data-param=rotation_range]", "40");
        await WaitFor(page, "document.getElementById('keras-call').textContent.startsWith('ImageDataGenerator(rotation_range=40') && window.studio.idle");
        await page.ClickAsync("#export-json");
        await WaitFor(page, "document.getElementById('export-text').value.includes('rotation_range')");
        var generator = Assert.IsType<AugSharp.Keras.ImageDataGenerator>(PipelineFile.Parse(await Eval<string>(page, "document.getElementById('export-text').value"), "keras.json"));
        Assert.Equal(40, generator.RotationRange);
        Assert.Empty(browser.Errors);

        // Another browser profile without the token: refused.
        var stranger = await browser.Chromium.CreateBrowserContextAsync();
        var strangerPage = await stranger.NewPageAsync();
        var refused = await strangerPage.GoToAsync(server.BaseAddress.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("token", await strangerPage.EvaluateExpressionAsync<string>("document.body.textContent"));
        await stranger.CloseAsync();
    }

    [BrowserFact]
    public async Task TheDemoPageLoadsEveryImageWithoutAConsoleError()
    {
        using var folder = new StudioTestFolder();
        using var photo = StudioTestFolder.Picture(200, 150);
        var result = DemoReport.Write(photo, Path.Combine(folder.Root, "demo"), new DemoOptions { CellSize = 96, PhotoName = "test.png" });
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        var response = await page.GoToAsync(new Uri(result.IndexFile).AbsoluteUri, WaitUntilNavigation.Load);
        Assert.True(response is null || response.Ok);
        await WaitFor(page, "[...document.images].every(i => i.complete)");
        Assert.Equal(result.Grids.Count, await Eval<int>(page, "document.images.length"));
        Assert.Equal(result.Grids.Count, await Eval<int>(page, "[...document.images].filter(i => i.naturalWidth > 0).length"));
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task TheCleanReportLoadsEveryImageWithoutAConsoleError()
    {
        using var folder = new StudioTestFolder();
        string data = Path.Combine(folder.Root, "data");
        Directory.CreateDirectory(data);
        using (var good = StudioTestFolder.Picture(160, 120))
        {
            ImageCodec.Write(good, Path.Combine(data, "good.png"));
            ImageCodec.Write(good, Path.Combine(data, "copy.png"));
        }
        using (var blank = new ImageBuffer<byte>(160, 120, 3)) ImageCodec.Write(blank, Path.Combine(data, "blank.png"));
        var summary = AugSharp.Cleaning.DatasetCleaner.Run(data);
        string reportDir = Path.Combine(folder.Root, "report");
        AugSharp.Cleaning.CleanReport.Write(summary, reportDir);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GoToAsync(new Uri(Path.Combine(reportDir, "report.html")).AbsoluteUri, WaitUntilNavigation.Load);
        await WaitFor(page, "[...document.images].every(i => i.complete)");
        int images = await Eval<int>(page, "document.images.length");
        Assert.True(images >= 2, $"{images} images in the report");
        Assert.Equal(images, await Eval<int>(page, "[...document.images].filter(i => i.naturalWidth > 0).length"));
        Assert.Contains("blank.png", await Eval<string>(page, "document.body.textContent"));
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task TheGenerateReportLoadsEveryImageWithoutAConsoleError()
    {
        using var folder = new StudioTestFolder();
        string input = Path.Combine(folder.Root, "in");
        foreach (var (cls, name, seed) in new[] { ("cats", "a.png", 1), ("cats", "b.png", 2), ("dogs", "c.png", 3) })
        {
            Directory.CreateDirectory(Path.Combine(input, cls));
            using var picture = StudioTestFolder.Picture(120 + seed, 90);
            ImageCodec.Write(picture, Path.Combine(input, cls, name));
        }
        string output = Path.Combine(folder.Root, "out");
        var pipeline = PipelineFile.Parse("transforms:\n  - HorizontalFlip: {p: 0.5}\n  - Affine: {rotate: [-20, 20], p: 1}\n", "pipeline.yaml");
        new AugSharp.Datasets.DatasetGenerator(new AugSharp.Datasets.DatasetGeneratorOptions { Pipeline = pipeline, Copies = 3, Seed = 2 }).Run(input, output);
        string report = AugSharp.Pictures.GenerationReport.Write(output);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GoToAsync(new Uri(report).AbsoluteUri, WaitUntilNavigation.Load);
        await WaitFor(page, "[...document.images].every(i => i.complete)");
        Assert.Equal(9, await Eval<int>(page, "document.images.length"));
        Assert.Equal(9, await Eval<int>(page, "[...document.images].filter(i => i.naturalWidth > 0).length"));
        string text = await Eval<string>(page, "document.body.textContent");
        Assert.Contains("cats (6)", text);
        Assert.Contains("dogs (3)", text);
        // Each sample's operations are on hover.
        Assert.Equal(9, await Eval<int>(page, "[...document.querySelectorAll('figure')].filter(f => f.title.includes('Affine')).length"));
        Assert.Empty(browser.Errors);
    }
}
