using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AugSharp.Keras;
using AugSharp.Pictures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AugSharp.Studio;

/// <summary>
/// The studio's web server (Kestrel): the page, the image list, the transform schema, grid
/// rendering, and pipeline export, import and save. Every request must carry the run's token,
/// in the query (<c>?token=</c>, which the first page load turns into a cookie) or the cookie;
/// any other request gets 403. Errors come back as JSON <c>{"error": message}</c>, never as a
/// server error page.
/// </summary>
public sealed class StudioServer : IAsyncDisposable
{
    /// <summary>
    /// The response header that carries the server-side time of a grid render, in milliseconds:
    /// from the request's body read to the response ready (pipeline parsed, image read, grid drawn,
    /// JPEG encoded). <c>Server-Timing</c> gives its parts (read, grid, encode).
    /// </summary>
    public const string RenderTimeHeader = "X-Render-Milliseconds";

    private const int MaxGridSide = 8;
    private readonly WebApplication _app;
    private readonly StudioOptions _options;
    private readonly StudioImages _images;
    private readonly byte[] _token;

    private StudioServer(WebApplication app, StudioOptions options, StudioImages images, string token)
    {
        _app = app;
        _options = options;
        _images = images;
        Token = token;
        _token = Encoding.UTF8.GetBytes(token);
    }

    /// <summary>The address the server listens on (without the token).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The run's access token.</summary>
    public string Token { get; }

    /// <summary>The page's address with the token: what a user opens.</summary>
    public string Url => $"{BaseAddress.GetLeftPart(UriPartial.Authority)}/?token={Token}";

    /// <summary>Starts the server; it serves until <see cref="StopAsync"/> or disposal.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">The host is not an IP address or <c>localhost</c>, or the port is out of range.</exception>
    public static async Task<StudioServer> StartAsync(StudioOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is < 0 or > 65535) throw new ArgumentException($"the port must be 0 to 65535, got {options.Port}", nameof(options));
        IPAddress address = options.Host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(options.Host, out var ip) ? ip
            : throw new ArgumentException($"the host must be an IP address (such as 127.0.0.1 or 0.0.0.0) or localhost, got '{options.Host}'", nameof(options));
        var images = new StudioImages(options);
        if (options.PipelinePath is not null) PipelineFile.Load(options.PipelinePath); // fail now, with the file's message
        string token = options.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Listen(address, options.Port);
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var server = new StudioServer(app, options, images, token);
        server.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var bound = new Uri(addresses.First());
        string shownHost = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? Dns.GetHostName() : bound.Host;
        server.BaseAddress = new UriBuilder("http", shownHost, bound.Port).Uri;
        return server;
    }

    /// <summary>
    /// Cancelled when the server is asked to stop from outside the caller: the host handles
    /// SIGTERM (as service managers and <c>kill</c> send it) by cancelling this token; the caller
    /// then calls <see cref="StopAsync"/>.
    /// </summary>
    public CancellationToken StopRequested => _app.Lifetime.ApplicationStopping;

    /// <summary>Stops the server: open requests finish, new ones are refused.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default) => await _app.StopAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private void Map(WebApplication app)
    {
        app.Use(Guard);
        app.MapGet("/", (HttpContext c) => Page(c));
        app.MapGet("/api/session", (HttpContext c) => Session(c));
        app.MapGet("/api/images", (HttpContext c) => Json(c, new JsonObject { ["images"] = new JsonArray(_images.List().Select(n => (JsonNode?)n).ToArray()) }));
        app.MapGet("/api/thumbnail", (HttpContext c) => Thumbnail(c));
        app.MapGet("/api/schema", (HttpContext c) => Schema(c));
        app.MapPost("/api/render", (HttpContext c) => Render(c));
        app.MapPost("/api/export", (HttpContext c) => Export(c));
        app.MapPost("/api/import", (HttpContext c) => Import(c));
        app.MapPost("/api/save", (HttpContext c) => Save(c));
    }

    /// <summary>The token check, the security headers and the JSON errors, around every request.</summary>
    private async Task Guard(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Cache-Control"] = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self' data: blob:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'";
        // Cookies do not tell ports apart: each studio of the machine has its own cookie.
        string cookieName = "augsharp_studio_" + context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture);
        bool fromQuery = Matches(context.Request.Query["token"].ToString());
        if (!fromQuery && !Matches(context.Request.Cookies[cookieName]))
        {
            await Error(context, 403, "this studio needs the token of its address: open the URL that augsharp studio printed").ConfigureAwait(false);
            return;
        }
        if (fromQuery) context.Response.Cookies.Append(cookieName, Token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var (status, message) = Describe(e);
            context.Response.Clear();
            await Error(context, status, message).ConfigureAwait(false);
        }
    }

    private bool Matches(string? candidate)
        => !string.IsNullOrEmpty(candidate) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);

    private static (int Status, string Message) Describe(Exception e) => e switch
    {
        AggregateException a when a.Flatten().InnerExceptions.Count > 0 => Describe(a.Flatten().InnerExceptions[0]),
        StudioRequestException r => (r.Status, r.Message),
        BadHttpRequestException b => (b.StatusCode, b.StatusCode == 413 ? "the request is too large" : b.Message),
        PipelineFormatException or GeneratorConfigException or ImageFormatException or JsonException or FormatException
            or InvalidDataException or ArgumentException or NotSupportedException or InvalidCastException or OverflowException => (400, e.Message),
        FileNotFoundException or DirectoryNotFoundException => (404, e.Message),
        _ => (500, $"{e.GetType().Name}: {e.Message}"),
    };

    private static Task Error(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return Json(context, new JsonObject { ["error"] = message });
    }

    private static Task Json(HttpContext context, JsonNode node)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(node.ToJsonString());
    }

    private static async Task<JsonObject> ReadBody(HttpContext context)
    {
        if (!(context.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new StudioRequestException(415, "send the request as application/json");
        var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return node as JsonObject ?? throw new StudioRequestException(400, "the request body is a JSON object");
    }

    private static Task Page(HttpContext context)
    {
        using var stream = typeof(StudioServer).Assembly.GetManifestResourceStream("AugSharp.Studio.Assets.studio.html")
            ?? throw new InvalidOperationException("The studio page is missing from the assembly.");
        using var reader = new StreamReader(stream);
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(reader.ReadToEnd());
    }

    private Task Session(HttpContext context)
    {
        JsonNode? pipeline = null;
        string? error = null;
        if (_options.PipelinePath is not null)
        {
            try
            {
                string text = File.ReadAllText(_options.PipelinePath);
                bool json = Path.GetExtension(_options.PipelinePath).Equals(".json", StringComparison.OrdinalIgnoreCase);
                pipeline = EditorForm(PipelineFile.Parse(text, Path.GetFileName(_options.PipelinePath), json), text, Path.GetFileName(_options.PipelinePath), json);
            }
            catch (Exception e) when (e is PipelineFormatException or GeneratorConfigException or NotSupportedException or IOException)
            {
                error = $"{_options.PipelinePath}: {e.Message}";
            }
        }
        return Json(context, new JsonObject
        {
            ["folder"] = _images.Root,
            ["can_save"] = _images.Root is not null,
            ["annotations"] = _options.AnnotationsPath is null ? null : Path.GetFullPath(_options.AnnotationsPath),
            ["pipeline_file"] = _options.PipelinePath is null ? null : Path.GetFileName(_options.PipelinePath),
            ["pipeline"] = pipeline,
            ["pipeline_error"] = error,
            ["oriented_boxes"] = _images.Oriented is { } oriented ? new JsonObject
            {
                ["layout"] = oriented.Layout,
                ["folder"] = oriented.Root,
                ["obb_params"] = new JsonObject { ["format"] = oriented.ObbFormat },
                ["errors"] = new JsonArray(oriented.Errors.Take(20).Select(e => (JsonNode?)e).ToArray()),
            } : null,
        });
    }

    private async Task Thumbnail(HttpContext context)
    {
        byte[] jpeg = _images.Thumbnail(context.Request.Query["name"].ToString());
        context.Response.ContentType = "image/jpeg";
        await context.Response.Body.WriteAsync(jpeg, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task Schema(HttpContext context)
    {
        var root = JsonNode.Parse(TransformCatalogue.ToJson())!.AsObject();
        foreach (var entry in root["transforms"]!.AsArray())
        {
            string name = entry!["name"]!.GetValue<string>();
            var descriptor = TransformRegistry.Find(name);
            entry["doc"] = TransformDocs.Summary(descriptor.Type);
            foreach (var parameter in entry["parameters"]!.AsArray())
            {
                var p = descriptor.Parameters.First(x => x.Name == parameter!["name"]!.GetValue<string>());
                parameter!["doc"] = TransformDocs.PropertySummary(descriptor.Type, p);
            }
        }
        root["keras"] = KerasSchema();
        return Json(context, root);
    }

    /// <summary>The ImageDataGenerator arguments as a form: name, kind (as the catalogue writes kinds), Keras' default and its documentation line.</summary>
    private static JsonArray KerasSchema()
    {
        var kinds = new Dictionary<string, (string Kind, JsonNode? Default)>
        {
            ["rotation_range"] = ("number", 0), ["width_shift_range"] = ("number", 0.0), ["height_shift_range"] = ("number", 0.0),
            ["brightness_range"] = ("range", null), ["shear_range"] = ("number", 0.0),
            ["zoom_range"] = ("zoom (a number z means [1-z, 1+z], or [low, high])", 0.0), ["channel_shift_range"] = ("number", 0.0),
            ["fill_mode"] = (string.Join('|', Enum.GetNames<FillMode>().Select(TransformRegistry.SnakeCase)), "nearest"), ["cval"] = ("number", 0.0),
            ["horizontal_flip"] = ("bool", false), ["vertical_flip"] = ("bool", false), ["rescale"] = ("number", null),
            ["interpolation_order"] = ("integer", 1), ["geometry"] = (string.Join('|', Enum.GetNames<KerasGeometry>().Select(TransformRegistry.SnakeCase)), "keras"),
        };
        var list = new JsonArray();
        foreach (string key in GeneratorConfig.Keys)
        {
            var (kind, value) = kinds[key];
            var property = typeof(GeneratorConfig).GetProperty(string.Concat(key.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
            list.Add(new JsonObject
            {
                ["name"] = key, ["kind"] = kind, ["default"] = value?.DeepClone(),
                ["doc"] = property is null ? "" : TransformDocs.PropertySummary(typeof(GeneratorConfig), new TransformParameter(key, property.PropertyType, null)),
            });
        }
        return list;
    }

    /// <summary>True for the Keras form: a mapping of ImageDataGenerator arguments (no <c>transforms</c>, not Albumentations' saved form).</summary>
    private static bool IsKerasForm(JsonNode pipeline)
        => pipeline is JsonObject map && !map.ContainsKey("transforms") && !map.ContainsKey("__version__") && !map.ContainsKey("transform");

    private static ITransform ParsePipeline(JsonObject body, JsonObject? obbParams = null)
    {
        var pipeline = body["pipeline"] ?? throw new StudioRequestException(400, "the request has no pipeline");
        if (obbParams is not null && pipeline is JsonObject map && !IsKerasForm(map) && map.ContainsKey("transforms") && !map.ContainsKey("obb_params"))
        {
            // Oriented boxes move by the pipeline's obb_params: one that names none gets the image's own.
            map = map.DeepClone().AsObject();
            map["obb_params"] = obbParams.DeepClone();
            pipeline = map;
        }
        return PipelineFile.Parse(pipeline.ToJsonString(), "pipeline", json: true);
    }

    /// <summary>The <c>obb_params</c> a pipeline for <paramref name="source"/> carries when it names none: the folder layout's format, or centre, size and angle in degrees (null for an image without oriented boxes).</summary>
    private JsonObject? DefaultObbParams(AnnotatedImage source)
    {
        if (source.OrientedBoxes.Count == 0) return null;
        return _images.Oriented is { } oriented
            ? new JsonObject { ["format"] = oriented.ObbFormat }
            : new JsonObject { ["format"] = "xywha", ["angle_unit"] = "degrees" };
    }

    /// <summary>The Keras generator's arguments when the body's pipeline is in the Keras form, else null.</summary>
    private static GeneratorConfig? KerasConfig(JsonObject body)
        => body["pipeline"] is { } pipeline && IsKerasForm(pipeline) ? GeneratorConfig.FromJson(pipeline.ToJsonString(), "pipeline") : null;

    private static int Int(JsonObject body, string key, int fallback, int min, int max)
    {
        var node = body[key];
        if (node is null) return fallback;
        int value = node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out int i) ? i
            : throw new StudioRequestException(400, $"{key} must be a whole number, got {node.ToJsonString()}");
        if (value < min || value > max) throw new StudioRequestException(400, $"{key} must be {min} to {max}, got {value}");
        return value;
    }

    private async Task Render(HttpContext context)
    {
        var body = await ReadBody(context).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        string image = body["image"]?.GetValue<string>() ?? throw new StudioRequestException(400, "the request names no image");
        int columns = Int(body, "columns", 3, 1, MaxGridSide);
        int rows = Int(body, "rows", 3, 1, MaxGridSide);
        int seed = Int(body, "seed", 0, 0, int.MaxValue);
        int? cellSize = body["cell_size"] is null ? null : Int(body, "cell_size", 0, 16, 2048);
        bool captions = body["captions"]?.GetValue<bool>() ?? false;
        var source = _images.Load(image);
        // A pipeline that cannot carry the image's oriented boxes (CutMix, CopyAndPaste) is refused here, naming the transform.
        var transform = ParsePipeline(body, DefaultObbParams(source));
        double decoded = watch.Elapsed.TotalMilliseconds;
        var picture = AugmentationPreview.Render(source, transform, new PreviewOptions
        {
            Columns = columns,
            Rows = rows,
            Seed = (ulong)seed,
            Captions = captions,
            CellSize = cellSize,
        });
        double drawn = watch.Elapsed.TotalMilliseconds;
        byte[] jpeg;
        using (picture.Image)
        {
            using var stream = new MemoryStream();
            ImageCodec.Write(picture.Image, stream, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 90 });
            jpeg = stream.ToArray();
        }
        double encoded = watch.Elapsed.TotalMilliseconds;
        var cells = new JsonArray();
        for (int i = 0; i < picture.Operations.Count; i++)
        {
            var recipe = picture.Operations[i];
            var cell = picture.Cells[i];
            cells.Add(new JsonObject
            {
                ["caption"] = TransformCaption.Format(recipe),
                ["operations"] = JsonNode.Parse(OperationJson.Serialize(recipe.Operations)),
                ["x"] = cell.X,
                ["y"] = cell.Y,
                ["width"] = cell.Width,
                ["height"] = cell.Height,
                ["oriented_boxes"] = new JsonArray(cell.OrientedBoxes.Select(b => (JsonNode?)OrientedBoxJson(b)).ToArray()),
            });
        }
        watch.Stop();
        double milliseconds = watch.Elapsed.TotalMilliseconds;
        context.Response.Headers[RenderTimeHeader] = milliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        context.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture,
            $"read;dur={decoded:0.0}, grid;dur={drawn - decoded:0.0}, encode;dur={encoded - drawn:0.0}, total;dur={milliseconds:0.0}");
        await Json(context, new JsonObject
        {
            ["image"] = "data:image/jpeg;base64," + Convert.ToBase64String(jpeg),
            ["width"] = picture.Image.Width,
            ["height"] = picture.Image.Height,
            ["columns"] = columns,
            ["rows"] = rows,
            ["cells"] = cells,
            ["milliseconds"] = Math.Round(milliseconds, 1),
            ["command"] = PreviewCommandLine(image, columns, rows, seed, captions, cellSize),
            ["keras_call"] = KerasConfig(body)?.ToKerasCall(),
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// One oriented box of a cell as the page draws it: its label (without the layout's object
    /// index), its colour (the one the grid's outline has), its four corners in the cell's pixels (in
    /// <see cref="OrientedBox.GetCorners"/> order), and its centre, size and angle in degrees.
    /// </summary>
    private static JsonObject OrientedBoxJson(OrientedBox box)
    {
        var (r, g, b) = AnnotationOverlay.ColourOf(box.Label);
        var corners = new JsonArray();
        foreach (var (x, y) in box.GetCorners()) corners.Add(new JsonArray(x, y));
        return new JsonObject
        {
            ["label"] = LabelTag.Untag(box.Label).Name,
            ["colour"] = $"#{r:x2}{g:x2}{b:x2}",
            ["corners"] = corners,
            ["cx"] = box.CX,
            ["cy"] = box.CY,
            ["width"] = box.Width,
            ["height"] = box.Height,
            ["angle_degrees"] = box.Angle * 180 / Math.PI,
        };
    }

    /// <summary>The <c>augsharp preview</c> command that draws the same grid from an exported <c>pipeline.yaml</c>.</summary>
    private string PreviewCommandLine(string image, int columns, int rows, int seed, bool captions, int? cellSize)
    {
        var parts = new List<string> { "augsharp", "preview" };
        if (_images.Root is not null) parts.Add(Quote(Path.Combine(_images.Root, image)));
        else if (image != _options.SampleImages[0].Name) parts.Add(Quote(image));
        parts.AddRange(["--pipeline", "pipeline.yaml", "--grid", $"{columns}x{rows}", "--seed", seed.ToString(CultureInfo.InvariantCulture)]);
        if (cellSize is int size) parts.AddRange(["--cell-size", size.ToString(CultureInfo.InvariantCulture)]);
        if (captions) parts.Add("--captions");
        if (_options.AnnotationsPath is not null) parts.AddRange(["--annotations", Quote(Path.GetFullPath(_options.AnnotationsPath))]);
        return string.Join(' ', parts);
    }

    private static string Quote(string text)
        => text.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:,@".Contains(c)) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static (string Text, string Extension, string MediaType) Format(JsonObject body, string? format)
    {
        if (KerasConfig(body) is { } keras)
        {
            return format switch
            {
                "yaml" or null => (keras.ToYaml(), ".yaml", "application/yaml"),
                "json" => (keras.ToJson(), ".json", "application/json"),
                "albumentations" => throw new StudioRequestException(400, "ImageDataGenerator arguments have no Albumentations form; export them as YAML or JSON"),
                _ => throw new StudioRequestException(400, $"format must be yaml, json or albumentations, got '{format}'"),
            };
        }
        return Format(ParsePipeline(body), format);
    }

    private static (string Text, string Extension, string MediaType) Format(ITransform transform, string? format) => format switch
    {
        "yaml" or null => (PipelineFile.ToYaml(transform), ".yaml", "application/yaml"),
        "json" => (PipelineFile.ToJson(transform), ".json", "application/json"),
        "albumentations" => (PipelineFile.ToAlbumentationsJson(transform), ".albumentations.json", "application/json"),
        _ => throw new StudioRequestException(400, $"format must be yaml, json or albumentations, got '{format}'"),
    };

    private async Task Export(HttpContext context)
    {
        var body = await ReadBody(context).ConfigureAwait(false);
        var (text, extension, mediaType) = Format(body, body["format"]?.GetValue<string>());
        await Json(context, new JsonObject { ["text"] = text, ["file_name"] = "pipeline" + extension, ["media_type"] = mediaType }).ConfigureAwait(false);
    }

    private async Task Import(HttpContext context)
    {
        var body = await ReadBody(context).ConfigureAwait(false);
        string text = body["text"]?.GetValue<string>() ?? throw new StudioRequestException(400, "the request has no pipeline text");
        string? name = body["file_name"]?.GetValue<string>();
        bool? json = name is null ? null : Path.GetExtension(name).Equals(".json", StringComparison.OrdinalIgnoreCase) ? true
            : Path.GetExtension(name) is ".yaml" or ".yml" ? false : null;
        var transform = PipelineFile.Parse(text, name ?? "imported pipeline", json);
        await Json(context, new JsonObject { ["pipeline"] = EditorForm(transform, text, name, json) }).ConfigureAwait(false);
    }

    /// <summary>A parsed pipeline as the editor holds it: the engine form, or the changed Keras arguments for the Keras form.</summary>
    private static JsonNode? EditorForm(ITransform transform, string text, string? name, bool? json)
    {
        if (transform is not ImageDataGenerator) return JsonNode.Parse(PipelineFile.ToJson(transform));
        bool isJson = json ?? text.TrimStart().StartsWith('{');
        var config = isJson ? GeneratorConfig.FromJson(text, name) : GeneratorConfig.FromYaml(text, name);
        return JsonNode.Parse(config.ToJson());
    }

    private async Task Save(HttpContext context)
    {
        var body = await ReadBody(context).ConfigureAwait(false);
        if (_images.Root is null) throw new StudioRequestException(400, "the sample photos have no folder to save into; start the studio on a folder");
        string format = body["format"]?.GetValue<string>() ?? "yaml";
        var (text, extension, _) = Format(body, format);
        string name = body["file_name"]?.GetValue<string>() ?? "pipeline" + extension;
        StudioImages.CheckName(name);
        if (name.StartsWith('.') || !(name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal)))
            throw new StudioRequestException(400, $"the file name must end with .yaml, .yml or .json and not start with a dot, got '{name}'");
        if (name.EndsWith(".json", StringComparison.Ordinal) != format is "json" or "albumentations")
            throw new StudioRequestException(400, $"'{name}' does not match the {format} format");
        string path = Path.Combine(_images.Root, name);
        if (File.Exists(path) && new FileInfo(path).LinkTarget is not null)
            throw new StudioRequestException(403, $"'{name}' is a link; the studio does not write through links");
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)));
        await Json(context, new JsonObject { ["path"] = path }).ConfigureAwait(false);
    }
}
