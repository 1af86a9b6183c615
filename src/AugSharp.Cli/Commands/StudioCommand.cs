using System.CommandLine;
using System.Diagnostics;
using AugSharp.Studio;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp studio</c>: build a pipeline in the browser on your own images and watch its grid.</summary>
internal static class StudioCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var path = new Argument<string?>("FOLDER|IMAGE") { Description = "The folder of images to work on (or one image of it); default: the built-in sample photos. The images folder of a DOTA (labelTxt/ beside it) or YOLO-OBB (labels/ beside it) data set shows its oriented boxes.", Arity = ArgumentArity.ZeroOrOne };
        var annotations = new Option<string>("--annotations") { HelpName = "COCO.json", Description = "COCO annotations of the images (matched by file name): their boxes, masks and keypoints are drawn on every cell." };
        var pipeline = new Option<string>("--pipeline") { HelpName = "FILE", Description = "A pipeline file (YAML or JSON, AugSharp's or Albumentations' form) to start from." };
        var port = new Option<int>("--port") { HelpName = "N", Description = "The port to listen on; default: a free one.", DefaultValueFactory = _ => 0 };
        var host = new Option<string>("--host") { HelpName = "H", Description = "The address to listen on (an IP address or localhost). Default 127.0.0.1: this machine only. Any other address makes the studio reachable from the network.", DefaultValueFactory = _ => "127.0.0.1" };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Only print the address; do not open a browser." };
        var command = new Command("studio", "Start a local web page to build a pipeline on your images: a live preview grid, every transform's parameters as a form, export to pipeline files. Serves until Ctrl-C.");
        command.Add(path);
        foreach (var option in new Option[] { annotations, pipeline, port, host, noBrowser }) command.Add(option);
        var read = new ReadOptions();
        read.AddTo(command);
        command.SetAction(parse =>
        {
            int portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65535) throw new UsageException($"--port must be 0 to 65535, got {portValue}");
            string hostValue = parse.GetValue(host)!;
            string? folder = null, onlyImage = null;
            if (parse.GetValue(path) is { } given)
            {
                if (File.Exists(given))
                {
                    string full = Path.GetFullPath(given);
                    folder = Path.GetDirectoryName(full);
                    onlyImage = Path.GetFileName(full);
                    if (ImageCodec.FormatFromExtension(full) is ImageFormat.Unknown) throw new UsageException($"{given} is not an image file (by its extension); give a folder of images or one image");
                }
                else if (Directory.Exists(given)) folder = given;
                else throw new FileNotFoundException($"file or folder not found: {given}", given);
            }
            string? annotationsPath = parse.GetValue(annotations);
            if (annotationsPath is not null && !File.Exists(annotationsPath)) throw new FileNotFoundException($"annotations file not found: {annotationsPath}", annotationsPath);
            string? pipelinePath = parse.GetValue(pipeline);
            if (pipelinePath is not null) PipelineFile.Load(pipelinePath); // a bad file fails here, with its message
            var options = new StudioOptions
            {
                Folder = folder,
                OnlyImage = onlyImage,
                SampleImages = folder is null ? DefaultPhoto.BenchmarkFiles().Select(f => new StudioImageFile(f.Name, f.Data)).ToArray() : [],
                AnnotationsPath = annotationsPath,
                PipelinePath = pipelinePath,
                Host = hostValue,
                Port = portValue,
                ReadOptions = read.Build(parse, context),
            };
            if (!options.IsLoopback)
                context.Error.WriteLine($"warning: --host {hostValue} makes the studio reachable from other machines: anyone with its address (token included) can see the images of the folder and write pipeline files into it");
            StudioServer server;
            try
            {
                server = StudioServer.StartAsync(options, context.Cancellation).GetAwaiter().GetResult();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message.Split(" (Parameter", 2)[0], e);
            }
            try
            {
                context.Out.WriteLine($"augsharp studio: {(folder is null ? "the sample photos" : Path.GetFullPath(folder))}");
                context.Out.WriteLine($"Open {server.Url}");
                context.Out.WriteLine("Press Ctrl-C to stop.");
                context.Out.Flush();
                if (!parse.GetValue(noBrowser)) OpenBrowser(server.Url, context);
                // Ctrl-C, or SIGTERM (which the web host turns into a stop request).
                WaitHandle.WaitAny([context.Cancellation.WaitHandle, server.StopRequested.WaitHandle]);
                server.StopAsync().GetAwaiter().GetResult();
                context.Out.WriteLine("Stopped.");
            }
            finally
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            return AugSharpCli.Success;
        });
        return (command,
        [
            "augsharp studio",
            "augsharp studio photos/",
            "augsharp studio photos/ --annotations instances.json --pipeline detection.yaml",
            "augsharp studio photos/ --port 8800 --no-browser",
        ]);
    }

    /// <summary>Opens <paramref name="url"/> with xdg-open when the system has it; says so on stderr when it fails.</summary>
    private static void OpenBrowser(string url, CliContext context)
    {
        string? opener = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "xdg-open")).FirstOrDefault(File.Exists);
        if (opener is null) return;
        try
        {
            var start = new ProcessStartInfo(opener) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(url);
            using var process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            context.Error.WriteLine($"warning: could not open a browser ({e.Message}); open the address above");
        }
    }
}
