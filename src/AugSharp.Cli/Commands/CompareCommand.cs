using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp compare</c>: PSNR and SSIM of one image against another.</summary>
internal static class CompareCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var reference = new Argument<string>("A") { Description = "The reference image." };
        var test = new Argument<string>("B") { Description = "The image measured against A (same size, channels and bit depth)." };
        var json = new Option<bool>("--json") { Description = "Print JSON with the figures of each channel (psnr is null for identical images)." };
        var command = new Command("compare", "Print the PSNR (dB) and SSIM of B against A, as scikit-image computes them (SSIM with an 11x11 Gaussian window, sigma 1.5; data range 255 for 8-bit, 65535 for 16-bit).") { reference, test, json };
        var read = new ReadOptions();
        read.AddTo(command);
        command.SetAction(parse =>
        {
            var options = read.Build(parse, context);
            string a = parse.GetValue(reference)!, b = parse.GetValue(test)!;
            using var first = ImageCodec.Read(a, options);
            using var second = ImageCodec.Read(b, options);
            if (first.Width != second.Width || first.Height != second.Height || first.Channels != second.Channels)
                throw new UsageException($"{b} is {second.Width}x{second.Height} with {second.Channels} channels, {a} is {first.Width}x{first.Height} with {first.Channels}: compare needs the same size and channels");
            if (first.PixelType != second.PixelType)
                throw new UsageException($"{b} is {Depth(second)}, {a} is {Depth(first)}: compare needs the same bit depth");
            var result = ImageComparison.Compare(first, second);
            if (parse.GetValue(json))
            {
                using var stream = new MemoryStream();
                using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartObject();
                    w.WriteString("a", a);
                    w.WriteString("b", b);
                    w.WriteNumber("width", first.Width);
                    w.WriteNumber("height", first.Height);
                    w.WriteNumber("data_range", result.DataRange);
                    WriteFigures(w, result.Overall);
                    w.WriteStartArray("channels");
                    for (int c = 0; c < result.Channels.Count; c++)
                    {
                        w.WriteStartObject();
                        w.WriteString("channel", ChannelName(c, result.Channels.Count));
                        WriteFigures(w, result.Channels[c]);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            }
            else
            {
                context.Out.WriteLine($"PSNR: {Psnr(result.Overall.Psnr)}");
                context.Out.WriteLine($"SSIM: {result.Overall.Ssim.ToString("0.0000", CultureInfo.InvariantCulture)}");
            }
            return AugSharpCli.Success;
        });
        return (command,
        [
            "augsharp compare original.png restored.png",
            "augsharp compare original.png upscaled.png --json",
        ]);
    }

    private static string Depth(ImageBuffer image) => image.PixelType switch
    {
        PixelType.UInt8 => "8-bit",
        PixelType.UInt16 => "16-bit",
        _ => "32-bit float",
    };

    private static string Psnr(double psnr) => double.IsPositiveInfinity(psnr) ? "inf (identical)" : psnr.ToString("0.00", CultureInfo.InvariantCulture) + " dB";

    private static string ChannelName(int c, int count) => count switch
    {
        1 => "L",
        2 => c == 0 ? "L" : "A",
        3 or 4 => "RGBA"[c].ToString(),
        _ => c.ToString(CultureInfo.InvariantCulture),
    };

    private static void WriteFigures(Utf8JsonWriter w, QualityFigures figures)
    {
        if (double.IsPositiveInfinity(figures.Psnr)) w.WriteNull("psnr");
        else w.WriteNumber("psnr", Math.Round(figures.Psnr, 4));
        w.WriteNumber("ssim", Math.Round(figures.Ssim, 6));
        w.WriteNumber("mse", Math.Round(figures.MeanSquaredError, 6));
    }
}
