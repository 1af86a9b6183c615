using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AugSharp.Pictures;

namespace AugSharp.Studio.Tests;

/// <summary>The oriented boxes of a YOLO-OBB and a DOTA folder in the studio's JSON, over HTTP without a browser.</summary>
public sealed class StudioOrientedBoxTests : IDisposable
{
    private readonly OrientedBoxTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<(StudioServer Server, HttpClient Client)> Start(string images)
    {
        var server = await StudioServer.StartAsync(new StudioOptions { Folder = images });
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", $"augsharp_studio_{server.BaseAddress.Port}={server.Token}");
        return (server, client);
    }

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    [Fact]
    public async Task TheRenderOfAYoloObbImageCarriesEachCellsMovedOrientedBoxes()
    {
        var (server, client) = await Start(_folder.YoloImages);
        await using var _ = server;
        using var __ = client;

        var session = (await client.GetFromJsonAsync<JsonObject>("/api/session"))!;
        Assert.Equal("yolo-obb", session["oriented_boxes"]!["layout"]!.GetValue<string>());
        Assert.Equal("yolo_obb", session["oriented_boxes"]!["obb_params"]!["format"]!.GetValue<string>());
        Assert.Empty(session["oriented_boxes"]!["errors"]!.AsArray());

        // The pipeline names no obb_params: the studio gives it the layout's.
        var response = await client.PostAsync("/api/render", Json(new
        {
            pipeline = new { transforms = new object[] { new { Rotate = new { limit = 30, p = 1 } } } },
            image = "coffee.png", seed = 11, columns = 3, rows = 2,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var cells = body["cells"]!.AsArray();
        Assert.Equal(6, cells.Count);

        // The same cells made by the library from the photo and the label file's corners, without the studio.
        var input = OrientedBoxTestFolder.Annotated();
        var pipeline = new Compose([new Rotate { Limit = new(-30, 30), P = 1 }], orientedBoxParams: new OrientedBoxParams { Format = OrientedBoxFormat.YoloObb });
        var turned = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            var (result, _) = pipeline.Run(input, RandomStream.For(11, 0, i));
            var cell = cells[i]!.AsObject();
            var boxes = cell["oriented_boxes"]!.AsArray();
            Assert.Equal(result.OrientedBoxes.Count, boxes.Count);
            for (int b = 0; b < boxes.Count; b++)
            {
                var expected = result.OrientedBoxes[b];
                var box = boxes[b]!.AsObject();
                Assert.Equal(OrientedBoxTestFolder.Objects[b].Class, box["label"]!.GetValue<string>());
                Assert.Matches("^#[0-9a-f]{6}$", box["colour"]!.GetValue<string>());
                var corners = box["corners"]!.AsArray().Select(c => (c![0]!.GetValue<double>(), c[1]!.GetValue<double>())).ToArray();
                var want = expected.GetCorners();
                for (int k = 0; k < 4; k++)
                {
                    Assert.Equal(want[k].X, corners[k].Item1, 1e-9);
                    Assert.Equal(want[k].Y, corners[k].Item2, 1e-9);
                }
                Assert.Equal(expected.Angle * 180 / Math.PI, box["angle_degrees"]!.GetValue<double>(), 1e-9);
                if (Math.Abs(expected.Angle - input.OrientedBoxes[b].Angle) > 0.02) turned++;
            }
            // Where the cell lies in the grid: the 4-pixel margin, cells of the rotated picture's size.
            Assert.Equal(4 + (i % 3) * (result.Image.Width + 4), cell["x"]!.GetValue<int>());
            Assert.Equal(4 + (i / 3) * (result.Image.Height + 4), cell["y"]!.GetValue<int>());
            Assert.Equal(result.Image.Width, cell["width"]!.GetValue<int>());
            result.DisposeExcept(input);
        }
        Assert.True(turned >= 6, $"only {turned} boxes turned with the pixels");

        // CutMix cannot carry oriented boxes: a message naming it, not a server error.
        var refused = await client.PostAsync("/api/render", Json(new
        {
            pipeline = new { transforms = new object[] { new { CutMix = new { p = 1 } } } },
            image = "coffee.png",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        string message = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>();
        Assert.Contains("CutMix", message);
        Assert.Contains("oriented", message);
    }

    [Fact]
    public async Task ADotaFolderGivesItsLabelTxtBoxesAndAFolderWithoutLabelsNone()
    {
        var (server, client) = await Start(_folder.DotaImages);
        await using (server)
        using (client)
        {
            var session = (await client.GetFromJsonAsync<JsonObject>("/api/session"))!;
            Assert.Equal("dota", session["oriented_boxes"]!["layout"]!.GetValue<string>());
            Assert.Equal("xyxyxyxy", session["oriented_boxes"]!["obb_params"]!["format"]!.GetValue<string>());

            var body = (await (await client.PostAsync("/api/render", Json(new
            {
                pipeline = new { transforms = Array.Empty<object>(), obb_params = new { format = "xyxyxyxy" } },
                image = "coffee.png", columns = 1, rows = 1, cell_size = 300,
            }))).Content.ReadFromJsonAsync<JsonObject>())!;
            // An empty pipeline at half size: the label file's boxes, halved.
            var cell = Assert.Single(body["cells"]!.AsArray())!;
            var boxes = cell["oriented_boxes"]!.AsArray();
            Assert.Equal(["spoon", "cup"], boxes.Select(b => b!["label"]!.GetValue<string>()));
            var spoon = OrientedBoxFormats.FromValues(OrientedBoxTestFolder.Objects[0].Corners, OrientedBoxFormat.Xyxyxyxy, 600, 400);
            Assert.Equal(spoon.CX / 2, boxes[0]!["cx"]!.GetValue<double>(), 1e-6);
            Assert.Equal(spoon.CY / 2, boxes[0]!["cy"]!.GetValue<double>(), 1e-6);
            Assert.Equal(spoon.Angle * 180 / Math.PI, boxes[0]!["angle_degrees"]!.GetValue<double>(), 1e-6);

            // The Keras form moves them too (turned by up to 30°: the spoon's angle changes).
            var keras = await client.PostAsync("/api/render", Json(new
            {
                pipeline = new { rotation_range = 30, fill_mode = "constant" },
                image = "coffee.png", columns = 2, rows = 2, seed = 4,
            }));
            Assert.Equal(HttpStatusCode.OK, keras.StatusCode);
            var kerasCells = (await keras.Content.ReadFromJsonAsync<JsonObject>())!["cells"]!.AsArray();
            Assert.All(kerasCells, c => Assert.Equal(2, c!["oriented_boxes"]!.AsArray().Count));
            Assert.True(kerasCells.Count(c => Math.Abs(c!["oriented_boxes"]![0]!["angle_degrees"]!.GetValue<double>() - spoon.Angle * 180 / Math.PI) > 1) >= 2, kerasCells.ToJsonString());
        }

        // The same photo in a folder that is no data set's images folder: no oriented boxes.
        string plain = Path.Combine(_folder.Root, "plain");
        Directory.CreateDirectory(plain);
        File.Copy(Path.Combine(_folder.DotaImages, "coffee.png"), Path.Combine(plain, "coffee.png"));
        (server, client) = await Start(plain);
        await using (server)
        using (client)
        {
            var session = (await client.GetFromJsonAsync<JsonObject>("/api/session"))!;
            Assert.Null(session["oriented_boxes"]);
            var body = (await (await client.PostAsync("/api/render", Json(new
            {
                pipeline = new { transforms = new object[] { new { CutMix = new { p = 1 } } } },
                image = "coffee.png", columns = 1, rows = 1,
            }))).Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Empty(Assert.Single(body["cells"]!.AsArray())!["oriented_boxes"]!.AsArray());
        }
    }
}
