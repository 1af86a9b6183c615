using System.Net;
using System.Text.Json.Nodes;
using AugSharp.Pictures;
using PuppeteerSharp;

namespace AugSharp.Studio.Tests;

/// <summary>The oriented boxes of a DOTA folder on the studio page, in a real headless chromium.</summary>
public sealed class StudioOrientedBoxBrowserTests
{
    private static Task WaitFor(IPage page, string condition)
        => page.WaitForFunctionAsync($"() => {condition}", new WaitForFunctionOptions { Timeout = 60_000, PollingInterval = 50 });

    private static Task<T> Eval<T>(IPage page, string expression) => page.EvaluateExpressionAsync<T>(expression);

    private static Task SetInput(IPage page, string selector, string value)
        => page.EvaluateFunctionAsync(
            "(selector, value) => { const e = document.querySelector(selector); if (!e) throw new Error('no ' + selector); e.value = value; e.dispatchEvent(new Event('input', { bubbles: true })); }",
            selector, value);

    [BrowserFact]
    public async Task TheCellsShowTheOrientedBoxesOfADotaFolderMovedByThePipeline()
    {
        using var folder = new OrientedBoxTestFolder();
        await using var server = await StudioServer.StartAsync(new StudioOptions { Folder = folder.DotaImages });
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1600, Height = 1000 });
        var response = await page.GoToAsync(server.Url, WaitUntilNavigation.Load);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        await WaitFor(page, "window.studio && window.studio.renders >= 1");
        Assert.Contains("oriented boxes: dota labels of " + Path.Combine(folder.Root, "dota"), await Eval<string>(page, "document.getElementById('folder').textContent"));

        // The starting pipeline's Rotate (limit 30) on every cell.
        await SetInput(page, "[data-name=Rotate] input[type=number][data-param=p]", "1");
        await WaitFor(page, "window.studio.renders >= 2 && window.studio.lastRender.request.pipeline.transforms[1].Rotate.p === 1");
        var render = JsonNode.Parse(await Eval<string>(page, "JSON.stringify(window.studio.lastRender)"))!.AsObject();
        var request = render["request"]!.AsObject();
        // The pipeline the page built carries the layout's obb_params.
        Assert.Equal("xyxyxyxy", request["pipeline"]!["obb_params"]!["format"]!.GetValue<string>());
        var pipeline = Assert.IsType<Compose>(PipelineFile.Parse(request["pipeline"]!.ToJsonString(), "page.json", json: true));
        Assert.Equal(OrientedBoxFormat.Xyxyxyxy, pipeline.OrientedBoxParams!.Format);

        // The boxes the page received are the ones the library moves for the same seed and cell size.
        // The photo read by the library's DOTA reader (the same labels, so the same colours as the grid's outlines).
        var reader = new AugSharp.Datasets.DotaLayout.Reader();
        var item = Assert.Single(reader.Scan(Path.Combine(folder.Root, "dota"), null).Items);
        var input = reader.Load(item, await File.ReadAllBytesAsync(item.SourcePath), null);
        Assert.Equal(2, input.OrientedBoxes.Count);
        var expected = AugmentationPreview.Render(input, pipeline, new PreviewOptions
        {
            Columns = request["columns"]!.GetValue<int>(), Rows = request["rows"]!.GetValue<int>(),
            Seed = (ulong)request["seed"]!.GetValue<int>(), CellSize = request["cell_size"]!.GetValue<int>(),
        });
        expected.Image.Dispose();
        var cells = render["cells"]!.AsArray();
        Assert.Equal(expected.Cells.Count, cells.Count);
        int drawn = 0, turned = 0;
        var spoonAngle = input.OrientedBoxes[0].Angle;
        for (int i = 0; i < cells.Count; i++)
        {
            var want = expected.Cells[i];
            var cell = cells[i]!.AsObject();
            Assert.Equal((want.X, want.Y), (cell["x"]!.GetValue<int>(), cell["y"]!.GetValue<int>()));
            var boxes = cell["oriented_boxes"]!.AsArray();
            Assert.Equal(want.OrientedBoxes.Count, boxes.Count);
            for (int b = 0; b < boxes.Count; b++)
            {
                var corners = want.OrientedBoxes[b].GetCorners();
                var got = boxes[b]!["corners"]!.AsArray();
                for (int k = 0; k < 4; k++)
                {
                    Assert.Equal(corners[k].X, got[k]![0]!.GetValue<double>(), 1e-9);
                    Assert.Equal(corners[k].Y, got[k]![1]!.GetValue<double>(), 1e-9);
                }
                var (r, g, bl) = AnnotationOverlay.ColourOf(want.OrientedBoxes[b].Label);
                Assert.Equal($"#{r:x2}{g:x2}{bl:x2}", boxes[b]!["colour"]!.GetValue<string>());
            }
            drawn += boxes.Count;
            if (boxes.Count > 0 && Math.Abs(want.OrientedBoxes[0].Angle - spoonAngle) > 0.02) turned++;
        }
        Assert.True(drawn >= 2 * cells.Count - 2, $"only {drawn} boxes on {cells.Count} cells");
        Assert.True(turned >= cells.Count / 2, $"the spoon turned on only {turned} cells");

        // And the page drew them: one outline per box at the cell's place, in the box's colour, with its label.
        Assert.Equal($"0 0 {render["width"]} {render["height"]}", await Eval<string>(page, "document.getElementById('obb-layer').getAttribute('viewBox')"));
        Assert.Equal(drawn, await Eval<int>(page, "document.querySelectorAll('#obb-layer polygon.obb').length"));
        Assert.Equal(drawn, await Eval<int>(page, "document.querySelectorAll('#obb-layer text.obb-label').length"));
        var firstCell = cells[0]!.AsObject();
        var firstBox = firstCell["oriented_boxes"]![0]!;
        string points = string.Join(' ', firstBox["corners"]!.AsArray().Select(c =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{firstCell["x"]!.GetValue<int>() + c![0]!.GetValue<double>():0.00},{firstCell["y"]!.GetValue<int>() + c[1]!.GetValue<double>():0.00}")));
        Assert.Equal(points, await Eval<string>(page, "document.querySelector('#obb-layer polygon[data-cell=\"0\"]').getAttribute('points')"));
        Assert.Equal(firstBox["colour"]!.GetValue<string>(), await Eval<string>(page, "document.querySelector('#obb-layer polygon[data-cell=\"0\"]').getAttribute('stroke')"));
        Assert.Equal(["cup", "spoon"], (await Eval<string[]>(page, "[...new Set([...document.querySelectorAll('#obb-layer text.obb-label')].map(t => t.textContent))]")).Order());
        // The outlines lie over the grid picture, at its scale.
        Assert.True(await Eval<bool>(page, "(() => { const a = document.getElementById('grid').getBoundingClientRect(), b = document.getElementById('obb-layer').getBoundingClientRect(); return Math.abs(a.width - b.width) < 1 && Math.abs(a.height - b.height) < 1 && Math.abs(a.left - b.left) < 1 && Math.abs(a.top - b.top) < 1; })()"));
        Assert.Equal("", await Eval<string>(page, "document.getElementById('error').textContent"));
        Assert.Empty(browser.Errors);

        string? shot = Environment.GetEnvironmentVariable("AUGSHARP_STUDIO_SCREENSHOT");
        if (!string.IsNullOrEmpty(shot)) await page.ScreenshotAsync(shot, new ScreenshotOptions { FullPage = true });

        // CutMix cannot carry oriented boxes: the page says so and keeps the last grid, dimmed.
        int before = await Eval<int>(page, "window.studio.renders");
        await SetInput(page, "#search", "CutMix");
        await page.ClickAsync("#add-list button[data-transform=CutMix]");
        await WaitFor(page, "document.getElementById('error').textContent.includes('CutMix')");
        Assert.Contains("oriented", await Eval<string>(page, "document.getElementById('error').textContent"));
        Assert.True(await Eval<bool>(page, "document.getElementById('grid-wrap').classList.contains('stale')"));
        Assert.Equal(before, await Eval<int>(page, "window.studio.renders"));
        Assert.All(browser.Errors, e => Assert.Contains("status of 400", e));
        browser.Errors.Clear();

        // Removing it brings the grid back.
        await page.ClickAsync("[data-name=CutMix] > .head button[title=remove]");
        await WaitFor(page, $"window.studio.renders > {before} && document.getElementById('error').textContent === '' && window.studio.idle");
        Assert.False(await Eval<bool>(page, "document.getElementById('grid-wrap').classList.contains('stale')"));
        Assert.Equal(drawn, await Eval<int>(page, "document.querySelectorAll('#obb-layer polygon.obb').length"));

        // The exported pipeline carries the obb_params.
        await page.ClickAsync("#export-yaml");
        await WaitFor(page, "window.studio.lastExport !== null || document.getElementById('error').textContent !== ''");
        Assert.Equal("", await Eval<string>(page, "document.getElementById('error').textContent"));
        var exported = Assert.IsType<Compose>(PipelineFile.Parse(await Eval<string>(page, "document.getElementById('export-text').value"), "pipeline.yaml"));
        Assert.Equal(OrientedBoxFormat.Xyxyxyxy, exported.OrientedBoxParams!.Format);
        Assert.Empty(browser.Errors);
    }
}
