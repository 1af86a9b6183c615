using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AugSharp.Studio;

namespace AugSharp.Studio.Tests;

/// <summary>The studio's HTTP endpoints and its safety rules, over HTTP without a browser.</summary>
public sealed class StudioServerTests : IAsyncLifetime
{
    private readonly StudioTestFolder _folder = new();
    private StudioServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await StudioServer.StartAsync(_folder.Options);
        _client = new HttpClient { BaseAddress = _server.BaseAddress };
        _client.DefaultRequestHeaders.Add("Cookie", $"augsharp_studio_{_server.BaseAddress.Port}={_server.Token}");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static object Pipeline(params object[] transforms) => new { transforms };

    [Fact]
    public async Task ListensOnLoopbackAndRefusesEveryRequestWithoutTheToken()
    {
        Assert.Equal("127.0.0.1", _server.BaseAddress.Host);
        Assert.Matches("^[0-9a-f]{48}$", _server.Token);
        using var bare = new HttpClient { BaseAddress = _server.BaseAddress };
        foreach (string path in new[] { "/", "/api/images", "/api/schema", "/api/thumbnail?name=scene.png", "/?token=wrong", "/api/images?token=" + _server.Token[..^1] })
        {
            var response = await bare.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("token", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        }
        var post = await bare.PostAsync("/api/render", Json(new { pipeline = Pipeline(), image = "scene.png" }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        // The token in the query opens the page and sets the cookie the page's own requests carry.
        var page = await bare.GetAsync("/?token=" + _server.Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>augsharp studio</title>", await page.Content.ReadAsStringAsync());
        string cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"));
        Assert.Contains($"augsharp_studio_{_server.BaseAddress.Port}={_server.Token}", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ServesOnlyTheImagesOfTheFolder()
    {
        var list = await _client.GetFromJsonAsync<JsonObject>("/api/images");
        Assert.Equal(["scene.png", "small.jpg"], list!["images"]!.AsArray().Select(n => n!.GetValue<string>()));
        var thumbnail = await _client.GetAsync("/api/thumbnail?name=scene.png");
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);
        using (var decoded = ImageCodec.Read(await thumbnail.Content.ReadAsStreamAsync())) Assert.Equal((160, 120), (decoded.Width, decoded.Height));

        File.CreateSymbolicLink(Path.Combine(_folder.Images, "link.png"), _folder.Secret);
        File.CreateSymbolicLink(Path.Combine(_folder.Images, "inside.png"), Path.Combine(_folder.Images, "scene.png"));
        foreach (string escape in new[] { "../secret.png", "..%2Fsecret.png", Uri.EscapeDataString(_folder.Secret), "sub/../../secret.png", "link.png" })
        {
            var response = await _client.GetAsync("/api/thumbnail?name=" + escape);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("only the folder's own files", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        }
        var render = await _client.PostAsync("/api/render", Json(new { pipeline = Pipeline(), image = "../secret.png" }));
        Assert.Equal(HttpStatusCode.Forbidden, render.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/thumbnail?name=missing.png")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/thumbnail?name=inside.png")).StatusCode);
    }

    [Fact]
    public async Task OneImageOfAFolderIsTheOnlyOneServed()
    {
        await using var single = await StudioServer.StartAsync(_folder.Options with { OnlyImage = "small.jpg" });
        using var client = new HttpClient { BaseAddress = single.BaseAddress };
        var list = await client.GetFromJsonAsync<JsonObject>("/api/images?token=" + single.Token);
        Assert.Equal(["small.jpg"], list!["images"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/thumbnail?name=small.jpg&token=" + single.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/thumbnail?name=scene.png&token=" + single.Token)).StatusCode);
    }

    [Fact]
    public async Task RendersTheGridWithEachCellsOperationsAndItsTime()
    {
        var response = await _client.PostAsync("/api/render", Json(new
        {
            pipeline = Pipeline(new { Rotate = new { limit = new[] { -40, 40 }, p = 1 } }, new { HorizontalFlip = new { p = 0.5 } }),
            image = "small.jpg", seed = 3, columns = 4, rows = 2,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(double.TryParse(Assert.Single(response.Headers.GetValues(StudioServer.RenderTimeHeader)), System.Globalization.CultureInfo.InvariantCulture, out double ms) && ms > 0);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var cells = body["cells"]!.AsArray();
        Assert.Equal(8, cells.Count);
        var angles = cells.Select(c => c!["operations"]!.AsArray().First(o => o!["transform"]?.GetValue<string>() == "Rotate")!["angle"]!.GetValue<double>()).ToArray();
        Assert.All(angles, a => Assert.InRange(a, -40, 40));
        Assert.Equal(8, angles.Distinct().Count());
        Assert.StartsWith("Rotate angle=", cells[0]!["caption"]!.GetValue<string>());
        string data = body["image"]!.GetValue<string>();
        Assert.StartsWith("data:image/jpeg;base64,", data);
        using var grid = ImageCodec.Read(new MemoryStream(Convert.FromBase64String(data["data:image/jpeg;base64,".Length..])));
        Assert.Equal((body["width"]!.GetValue<int>(), body["height"]!.GetValue<int>()), (grid.Width, grid.Height));
        Assert.True(grid.Width > 4 * 320 && grid.Height > 2 * 200);
        Assert.Equal($"augsharp preview {Path.Combine(_folder.Images, "small.jpg")} --pipeline pipeline.yaml --grid 4x2 --seed 3", body["command"]!.GetValue<string>());

        // The same request gives the same grid; another seed another one.
        var again = await (await _client.PostAsync("/api/render", Json(new { pipeline = Pipeline(new { Rotate = new { limit = new[] { -40, 40 }, p = 1 } }, new { HorizontalFlip = new { p = 0.5 } }), image = "small.jpg", seed = 3, columns = 4, rows = 2 }))).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(data, again!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadRequestsGetAJsonMessageNeverAServerErrorPage()
    {
        async Task<(HttpStatusCode, string)> Post(string path, HttpContent content)
        {
            var response = await _client.PostAsync(path, content);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        }
        var badValue = await Post("/api/render", Json(new { pipeline = Pipeline(new { Rotate = new { limit = "wide" } }), image = "scene.png" }));
        Assert.Equal((HttpStatusCode.BadRequest, "pipeline: Rotate.limit: must be a number, not 'wide'"), badValue);
        var unknown = await Post("/api/render", Json(new { pipeline = Pipeline(new { Rotat = new { } }), image = "scene.png" }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Item1);
        Assert.Contains("did you mean 'Rotate'", unknown.Item2);
        var grid = await Post("/api/render", Json(new { pipeline = Pipeline(), image = "scene.png", columns = 50 }));
        Assert.Equal((HttpStatusCode.BadRequest, "columns must be 1 to 8, got 50"), grid);
        var notJson = await Post("/api/render", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Item1);
        var huge = await Post("/api/import", Json(new { text = new string('#', 2 << 20) }));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "the request is too large"), huge);

        await File.WriteAllBytesAsync(Path.Combine(_folder.Images, "broken.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);
        var broken = await Post("/api/render", Json(new { pipeline = Pipeline(), image = "broken.png" }));
        Assert.Equal(HttpStatusCode.BadRequest, broken.Item1);
        Assert.Contains("broken.png", broken.Item2);
    }

    [Fact]
    public async Task ImagesAreDecodedWithTheReadLimits()
    {
        await using var limited = await StudioServer.StartAsync(_folder.Options with { ReadOptions = new ImageReadOptions { MaxPixels = 1000 } });
        using var client = new HttpClient { BaseAddress = limited.BaseAddress };
        var response = await client.PostAsync("/api/render?token=" + limited.Token, Json(new { pipeline = Pipeline(), image = "scene.png" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("pixels", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExportsImportsAndSavesPipelinesTheLoaderAccepts()
    {
        var pipeline = Pipeline(
            new { HorizontalFlip = new { p = 0.5 } },
            new { OneOf = new { p = 0.9, transforms = new object[] { new { Rotate = new { limit = new[] { -10, 10 } } }, new { GaussianBlur = new { sigma_limit = new[] { 1, 2 } } } } } },
            new { SomeOf = new { n = 2, transforms = new object[] { new { RandomBrightnessContrast = new { p = 1 } }, new { VerticalFlip = new { } }, new { ToGray = new { } } } } });
        foreach (string format in new[] { "yaml", "json", "albumentations" })
        {
            var export = (await (await _client.PostAsync("/api/export", Json(new { pipeline, format }))).Content.ReadFromJsonAsync<JsonObject>())!;
            string text = export["text"]!.GetValue<string>();
            var loaded = Assert.IsType<Compose>(PipelineFile.Parse(text, format));
            Assert.Equal(["HorizontalFlip", "OneOf", "SomeOf"], loaded.Transforms.Select(t => t.Name));
            Assert.Equal(format == "yaml" ? "pipeline.yaml" : format == "json" ? "pipeline.json" : "pipeline.albumentations.json", export["file_name"]!.GetValue<string>());

            var imported = (await (await _client.PostAsync("/api/import", Json(new { text, file_name = export["file_name"]!.GetValue<string>() }))).Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(PipelineFile.ToJson(loaded), PipelineFile.ToJson(PipelineFile.Parse(imported["pipeline"]!.ToJsonString())));
        }

        var saved = await _client.PostAsync("/api/save", Json(new { pipeline, format = "yaml", file_name = "tuned.yaml" }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        string path = Path.Combine(_folder.Images, "tuned.yaml");
        Assert.Equal(path, (await saved.Content.ReadFromJsonAsync<JsonObject>())!["path"]!.GetValue<string>());
        Assert.Equal(3, Assert.IsType<Compose>(PipelineFile.Load(path)).Transforms.Count);
        foreach (string name in new[] { "../escape.yaml", "/tmp/escape.yaml", ".hidden.yaml", "pipeline.txt" })
        {
            var refused = await _client.PostAsync("/api/save", Json(new { pipeline, format = "yaml", file_name = name }));
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{name}: {refused.StatusCode}");
        }
        Assert.False(File.Exists(Path.Combine(_folder.Root, "escape.yaml")));

    }

    [Fact]
    public async Task TheKerasFormRendersExportsAndImportsAsGeneratorArguments()
    {
        var keras = new { rotation_range = 40, zoom_range = 0.2, horizontal_flip = true, fill_mode = "reflect" };
        var render = (await (await _client.PostAsync("/api/render", Json(new { pipeline = keras, image = "small.jpg", seed = 1 }))).Content.ReadFromJsonAsync<JsonObject>())!;
        string call = render["keras_call"]!.GetValue<string>();
        Assert.StartsWith("ImageDataGenerator(rotation_range=40", call);
        Assert.Contains("fill_mode='reflect'", call);
        Assert.Contains("horizontal_flip=True", call);
        Assert.Equal(9, render["cells"]!.AsArray().Count);

        var yaml = (await (await _client.PostAsync("/api/export", Json(new { pipeline = keras, format = "yaml" }))).Content.ReadFromJsonAsync<JsonObject>())!["text"]!.GetValue<string>();
        var generator = Assert.IsType<AugSharp.Keras.ImageDataGenerator>(PipelineFile.Parse(yaml, "keras.yaml"));
        Assert.Equal(40, generator.RotationRange);
        var albumentations = await _client.PostAsync("/api/export", Json(new { pipeline = keras, format = "albumentations" }));
        Assert.Equal(HttpStatusCode.BadRequest, albumentations.StatusCode);

        var imported = (await (await _client.PostAsync("/api/import", Json(new { text = "rotation_range: 20\nvertical_flip: true\n", file_name = "keras.yaml" }))).Content.ReadFromJsonAsync<JsonObject>())!;
        var importedKeras = imported["pipeline"]!.AsObject();
        Assert.Equal(["rotation_range", "vertical_flip"], importedKeras.Select(kv => kv.Key));
        Assert.Equal(20, importedKeras["rotation_range"]!.GetValue<double>());
        Assert.True(importedKeras["vertical_flip"]!.GetValue<bool>());

        var schema = (await _client.GetFromJsonAsync<JsonObject>("/api/schema"))!["keras"]!.AsArray();
        Assert.Equal(AugSharp.Keras.GeneratorConfig.Keys, schema.Select(k => k!["name"]!.GetValue<string>()));
        Assert.Contains("rotation", schema[0]!["doc"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CocoAnnotationsAreDrawnOnEveryCell()
    {
        string coco = Path.Combine(_folder.Root, "instances.json");
        await File.WriteAllTextAsync(coco, """
            {"images": [{"id": 1, "file_name": "scene.png", "width": 640, "height": 480}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [150, 140, 120, 200], "area": 24000, "iscrowd": 0}],
             "categories": [{"id": 1, "name": "disc"}]}
            """);
        await using var annotated = await StudioServer.StartAsync(_folder.Options with { AnnotationsPath = coco });
        using var client = new HttpClient { BaseAddress = annotated.BaseAddress };
        async Task<string> Grid(string token, HttpClient c)
            => (await (await c.PostAsync("/api/render?token=" + token, Json(new { pipeline = Pipeline(new { HorizontalFlip = new { p = 0.5 } }), image = "scene.png", seed = 2 }))).Content.ReadFromJsonAsync<JsonObject>())!["image"]!.GetValue<string>();
        string with = await Grid(annotated.Token, client);
        string without = await Grid(_server.Token, _client);
        Assert.NotEqual(without, with);
        using var a = ImageCodec.Read(new MemoryStream(Convert.FromBase64String(with[(with.IndexOf(',') + 1)..])));
        using var b = ImageCodec.Read(new MemoryStream(Convert.FromBase64String(without[(without.IndexOf(',') + 1)..])));
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        var session = (await client.GetFromJsonAsync<JsonObject>("/api/session?token=" + annotated.Token))!;
        Assert.Equal(coco, session["annotations"]!.GetValue<string>());

        await File.WriteAllTextAsync(coco, "{\"images\": [{\"id\": ");
        var bad = await Assert.ThrowsAsync<FormatException>(() => StudioServer.StartAsync(_folder.Options with { AnnotationsPath = coco }));
        Assert.Contains("instances.json", bad.Message);
    }

    [Fact]
    public async Task CocoRotatedBoxesAreMovedOnEveryCell()
    {
        string coco = Path.Combine(_folder.Root, "rotated.json");
        await File.WriteAllTextAsync(coco, """
            {"images": [{"id": 1, "file_name": "scene.png", "width": 640, "height": 480}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [150, 140, 120, 200], "rbox": [210, 240, 160, 60, 30], "area": 9600, "iscrowd": 0}],
             "categories": [{"id": 1, "name": "disc"}]}
            """);
        await using var annotated = await StudioServer.StartAsync(_folder.Options with { AnnotationsPath = coco });
        using var client = new HttpClient { BaseAddress = annotated.BaseAddress };
        var response = await client.PostAsync("/api/render?token=" + annotated.Token, Json(new { pipeline = Pipeline(new { HorizontalFlip = new { p = 1.0 } }), image = "scene.png", seed = 2 }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var cells = (await response.Content.ReadFromJsonAsync<JsonObject>())!["cells"]!.AsArray();
        Assert.NotEmpty(cells);
        foreach (var cell in cells)
        {
            // Flipped left to right, the centre (210, 240) goes to (640 - 210, 240), in the cell's scale.
            var box = Assert.Single(cell!["oriented_boxes"]!.AsArray())!;
            Assert.Equal("disc", box["label"]!.GetValue<string>());
            Assert.Equal((640 - 210) / 240.0, box["cx"]!.GetValue<double>() / box["cy"]!.GetValue<double>(), 3);
            // Mirrored, the 160 x 60 box at 30 degrees is the same rectangle at -30: in the canonical angle range, 60 x 160 at 60 degrees.
            Assert.Equal(60 / 160.0, box["width"]!.GetValue<double>() / box["height"]!.GetValue<double>(), 3);
            Assert.Equal(60, box["angle_degrees"]!.GetValue<double>(), 3);
        }
    }

    [Fact]
    public async Task TheSchemaCarriesEachTransformsDocumentationLine()
    {
        var schema = (await _client.GetFromJsonAsync<JsonObject>("/api/schema"))!;
        var transforms = schema["transforms"]!.AsArray();
        Assert.Equal(TransformRegistry.All.Count, transforms.Count);
        var rotate = transforms.First(t => t!["name"]!.GetValue<string>() == "Rotate")!;
        Assert.StartsWith("Rotates", rotate["doc"]!.GetValue<string>());
        var limit = rotate["parameters"]!.AsArray().First(p => p!["name"]!.GetValue<string>() == "limit")!;
        Assert.Contains("angles", limit["doc"]!.GetValue<string>());
        Assert.True(transforms.Count(t => t!["doc"]!.GetValue<string>().Length > 0) > transforms.Count * 9 / 10);
        Assert.Contains("OneOf", schema["containers"]!.AsArray().Select(c => c!.GetValue<string>()));
    }
}
