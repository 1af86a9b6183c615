using System.CommandLine;
using System.Globalization;
using AugSharp.Pictures;
using Spectre.Console;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp info</c>: what an image file holds.</summary>
internal static class InfoCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var image = new Argument<string>("IMAGE") { Description = "The image file." };
        var command = new Command("info", "Show an image's format, size, channels, bit depth and the min, max and mean of each channel.") { image };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(image)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
            var info = ImageCodec.Identify(path);
            using var buffer = ImageCodec.Read(path);
            var stats = ImageStatistics.Compute(buffer);

            var table = new Table().Title(Markup.Escape(Path.GetFileName(path)));
            table.AddColumn("Property").AddColumn("Value");
            table.AddRow("Format", info.Format.ToString());
            table.AddRow("Size", $"{info.Width} x {info.Height}");
            table.AddRow("Channels", $"{info.Channels} ({ChannelNames(info.Channels)})");
            table.AddRow("Bit depth", $"{info.BitDepth}");
            table.AddRow("File size", $"{new FileInfo(path).Length:N0} bytes");
            context.Console_.Write(table);

            var channels = new Table();
            channels.AddColumn("Channel").AddColumn(new TableColumn("Min").RightAligned())
                .AddColumn(new TableColumn("Max").RightAligned()).AddColumn(new TableColumn("Mean").RightAligned());
            string[] names = ChannelNames(buffer.Channels).Split(',');
            foreach (var s in stats)
            {
                channels.AddRow(s.Channel < names.Length ? names[s.Channel] : s.Channel.ToString(CultureInfo.InvariantCulture),
                    F(s.Min), F(s.Max), s.Mean.ToString("0.00", CultureInfo.InvariantCulture));
            }
            context.Console_.Write(channels);
            return AugSharpCli.Success;
        });
        return (command, ["augsharp info cat.jpg", "augsharp info scan.tif"]);
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string ChannelNames(int channels) => channels switch
    {
        1 => "gray",
        2 => "gray,alpha",
        3 => "R,G,B",
        4 => "R,G,B,A",
        _ => string.Join(",", Enumerable.Range(0, channels)),
    };
}
