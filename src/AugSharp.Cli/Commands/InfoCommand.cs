using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AugSharp.Datasets;
using AugSharp.Pictures;
using Spectre.Console;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp info</c>: what an image file, or every image in a folder, holds.</summary>
internal static class InfoCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var target = new Argument<string>("PATH") { Description = "An image file, or a folder (every image in it, recursively)." };
        var json = new Option<bool>("--json") { Description = "Print JSON: one object for a file, an array for a folder (path, format, width, height, channels, bit_depth, file_size, channel_statistics; an error instead for a bad file)." };
        var command = new Command("info", "Show an image's format, size, channels, bit depth and the min, max and mean of each channel; for a folder, of every image in it (a bad file is reported, and the exit code is 1).") { target, json };
        var read = new ReadOptions();
        read.AddTo(command);
        command.SetAction(parse =>
        {
            var readOptions = read.Build(parse, context);
            string path = parse.GetValue(target)!;
            bool asJson = parse.GetValue(json);
            if (File.Exists(path))
            {
                var description = ImageDescription.Describe(path, readOptions);
                if (asJson) WriteJson(context.Out, w => WriteImage(w, description));
                else WriteText(context, description);
                return AugSharpCli.Success;
            }
            if (!Directory.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);

            var listing = ImageFolder.List(path);
            var entries = new List<(string Path, ImageDescription? Description, string? Error)>();
            foreach (string relative in listing.Files)
            {
                string file = Path.Combine(path, relative);
                context.Cancellation.ThrowIfCancellationRequested();
                try
                {
                    entries.Add((file, ImageDescription.Describe(file, readOptions), null));
                }
                catch (ImageFormatException e)
                {
                    entries.Add((file, null, Reason(e)));
                }
            }
            foreach (var folder in listing.Errors) context.Error.WriteLine($"error: {folder.Path}: {folder.Message} (skipped)");
            foreach (var entry in entries.Where(e => e.Error is not null)) context.Error.WriteLine($"error: {entry.Path}: {entry.Error} (skipped)");
            if (asJson)
            {
                WriteJson(context.Out, w =>
                {
                    w.WriteStartArray();
                    foreach (var entry in entries)
                    {
                        if (entry.Description is not null) { WriteImage(w, entry.Description); continue; }
                        w.WriteStartObject();
                        w.WriteString("path", entry.Path);
                        w.WriteString("error", entry.Error);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
            }
            else
            {
                foreach (var entry in entries.Where(e => e.Description is not null)) WriteText(context, entry.Description!);
                context.Out.WriteLine($"{AugmentCommand.Count(entries.Count, "image", "images")} in {path}, {entries.Count(e => e.Error is not null)} unreadable.");
            }
            if (entries.Count == 0 && listing.Errors.Count == 0) throw new FileNotFoundException($"no images found in {path}", path);
            return entries.Any(e => e.Error is not null) || listing.Errors.Count > 0 ? AugSharpCli.Failure : AugSharpCli.Success;
        });
        return (command, ["augsharp info cat.jpg", "augsharp info scan.tif --json", "augsharp info data/train --json"]);
    }

    private static string Reason(ImageFormatException e)
    {
        string message = e.FileName is not null && e.Message.StartsWith(e.FileName + ":", StringComparison.Ordinal)
            ? e.Message[(e.FileName.Length + 1)..].Trim()
            : e.Message;
        return message.TrimEnd('.');
    }

    private static void WriteJson(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteImage(Utf8JsonWriter w, ImageDescription d)
    {
        w.WriteStartObject();
        w.WriteString("path", d.Path);
        w.WriteString("format", d.Info.Format.ToString().ToLowerInvariant());
        w.WriteNumber("width", d.Info.Width);
        w.WriteNumber("height", d.Info.Height);
        w.WriteNumber("channels", d.Info.Channels);
        w.WriteNumber("bit_depth", d.Info.BitDepth);
        w.WriteNumber("file_size", d.FileSize);
        w.WriteStartArray("channel_statistics");
        var names = ImageDescription.ChannelNames(d.Channels.Count);
        foreach (var s in d.Channels)
        {
            w.WriteStartObject();
            w.WriteString("channel", names[s.Channel]);
            w.WriteNumber("min", s.Min);
            w.WriteNumber("max", s.Max);
            w.WriteNumber("mean", Math.Round(s.Mean, 4));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteText(CliContext context, ImageDescription d)
    {
        var info = d.Info;
        var names = ImageDescription.ChannelNames(d.Channels.Count);
        (string, string)[] properties =
        [
            ("Format", info.Format.ToString()),
            ("Size", $"{info.Width} x {info.Height}"),
            ("Channels", $"{info.Channels} ({string.Join(",", ImageDescription.ChannelNames(info.Channels))})"),
            ("Bit depth", info.BitDepth.ToString(CultureInfo.InvariantCulture)),
            ("File size", $"{d.FileSize.ToString("N0", CultureInfo.InvariantCulture)} bytes"),
        ];
        if (!context.IsInteractive)
        {
            // Piped or redirected: plain lines, no box drawing, no colour.
            var o = context.Out;
            o.WriteLine(d.Path);
            foreach (var (key, value) in properties) o.WriteLine($"  {key}: {value}");
            o.WriteLine($"  {"Channel",-8} {"Min",10} {"Max",10} {"Mean",10}");
            foreach (var s in d.Channels) o.WriteLine($"  {names[s.Channel],-8} {F(s.Min),10} {F(s.Max),10} {Mean(s.Mean),10}");
            o.WriteLine();
            return;
        }
        var table = new Table().Title(Markup.Escape(d.Path));
        table.AddColumn("Property").AddColumn("Value");
        foreach (var (key, value) in properties) table.AddRow(key, Markup.Escape(value));
        context.Console_.Write(table);

        var channels = new Table();
        channels.AddColumn("Channel").AddColumn(new TableColumn("Min").RightAligned())
            .AddColumn(new TableColumn("Max").RightAligned()).AddColumn(new TableColumn("Mean").RightAligned());
        foreach (var s in d.Channels) channels.AddRow(names[s.Channel], F(s.Min), F(s.Max), Mean(s.Mean));
        context.Console_.Write(channels);
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Mean(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
}
