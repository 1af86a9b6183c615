using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AugSharp.Datasets;
using Spectre.Console;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp enhance</c>: enhancement steps, in the order given, on an image or a folder of images.</summary>
internal static class EnhanceCommand
{
    private const int MaxJobs = 256;

    public static (Command, string[]) Create(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "An image, or a folder of images (searched recursively; subfolders and names are kept). It is never modified." };
        var output = new Argument<string>("OUTPUT") { Description = "For an image: the output image (or a folder to put it in); for a folder: the output folder." };
        var upscale = new Option<int?>("--upscale") { HelpName = "2|3|4", Description = "Enlarge by 2, 3 or 4 (with --method)." };
        var method = new Option<string>("--method") { HelpName = "lanczos|bicubic|edge|model", Description = "How --upscale enlarges: lanczos (OpenCV's INTER_LANCZOS4, the default), bicubic, edge (edge-directed, consistent with the input: higher PSNR and SSIM on photos, slower), or model (the network of --model).", DefaultValueFactory = _ => "lanczos" };
        var model = new Option<string?>("--model") { HelpName = "FILE.onnx", Description = "Upscale with a super-resolution network (ESPCN, Real-ESRGAN and the like: float32 NCHW input in 0..1, 1 or 3 channels), run with ONNX Runtime in overlapping tiles; the factor is the network's (--upscale, if given, must match it)." };
        var tile = new Option<int>("--tile") { HelpName = "N", Description = "The tile side, in input pixels, for --model (large images are cut into tiles overlapping by 16 pixels).", DefaultValueFactory = _ => 256 };
        var brightness = new Option<double?>("--brightness") { HelpName = "F", Description = "Add F times the full range to every value (-1..1; 0.1 is a tenth brighter)." };
        var contrast = new Option<double?>("--contrast") { HelpName = "F", Description = "Scale the distance from the image's mean by F (1 changes nothing, 1.3 is 30% more contrast)." };
        var gamma = new Option<double?>("--gamma") { HelpName = "G", Description = "out = max*(v/max)^G: G below 1 brightens the shadows, above 1 darkens." };
        var autoLevels = new Option<string?>("--auto-levels") { HelpName = "P[,luminance]", Description = "Stretch so that P% of the pixels (default 0.5) become black and P% white; per channel, or with ',luminance' one stretch from the luminance (keeps hues).", Arity = ArgumentArity.ZeroOrOne };
        var equalize = new Option<bool>("--equalize") { Description = "Global histogram equalisation (gray directly, RGB on its luma; 16-bit kept)." };
        var clahe = new Option<string?>("--clahe") { HelpName = "clip,tiles", Description = "Contrast limited adaptive equalisation (default 2,8: clip limit 2, 8x8 tiles; 16-bit kept).", Arity = ArgumentArity.ZeroOrOne };
        var sharpen = new Option<string?>("--sharpen") { HelpName = "amount[,radius,threshold]", Description = "Unsharp mask: gain (0.5 to 1.5 is usual), blur sigma in pixels (default 1), smallest difference sharpened in 8-bit levels (default 0)." };
        var denoise = new Option<string[]>("--denoise") { HelpName = "median|bilateral|nlmeans [strength]", Description = "Remove noise. Strength: for median the odd window size (default 3); for bilateral and nlmeans the noise sigma in 8-bit levels (default: estimated from the image).", Arity = new ArgumentArity(1, 2), AllowMultipleArgumentsPerToken = true };
        var deblur = new Option<string?>("--deblur") { HelpName = "gaussian:SIGMA|motion:LENGTH,ANGLE", Description = "Richardson-Lucy deconvolution of a known blur: a Gaussian of SIGMA pixels, or a straight motion streak of LENGTH pixels at ANGLE degrees." };
        var iterations = new Option<int>("--iterations") { HelpName = "N", Description = "Richardson-Lucy iterations for --deblur (more: more detail and more noise).", DefaultValueFactory = _ => 30 };
        var window = new Option<string?>("--window") { HelpName = "center,width[,keep]", Description = "Window and level (medical images): values from center-width/2 to center+width/2 spread over 8 bits (with ',keep' over the input's depth)." };
        var preset = new Option<string?>("--preset") { HelpName = "security|medical|document", Description = "A ready chain: security (nlmeans, edge 2x, auto-levels 0.5 on luminance, gamma 0.8, CLAHE 2,8, sharpen 0.6,1,2), medical (bilateral, CLAHE 2,8, sharpen 0.4), document (median 3, auto-levels 2 on luminance, contrast 1.3, sharpen 1,1,2)." };
        var jobs = new Option<int>("--jobs") { HelpName = "N", Description = "Images processed at the same time (default: the processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var format = new Option<string>("--format") { HelpName = "same|jpg|png|webp|tiff", Description = "Output format: same as each input (GIF as PNG, the default), jpg, png, webp, or tiff (PNG and TIFF keep 16 bits).", DefaultValueFactory = _ => "same" };
        var quality = new Option<int>("--quality") { HelpName = "Q", Description = "JPEG and WebP quality, 1 to 100.", DefaultValueFactory = _ => new ImageWriteOptions().Quality };
        var command = new Command("enhance", "Enhance or restore an image or every image in a folder: the steps run in the order given on the command line. Images are processed in parallel; a file that cannot be read or written is reported and skipped (exit code 1); nothing partial is written.");
        command.Add(input);
        command.Add(output);
        Option[] steps = [upscale, model, brightness, contrast, gamma, autoLevels, equalize, clahe, sharpen, denoise, deblur, window, preset];
        foreach (var option in steps) command.Add(option);
        foreach (var option in new Option[] { method, tile, iterations, jobs, format, quality }) command.Add(option);
        var read = new ReadOptions();
        read.AddTo(command);
        command.SetAction(parse =>
        {
            // The steps in the order their options appear on the command line.
            var given = parse.CommandResult.Children.OfType<OptionResult>()
                .Where(r => r.IdentifierToken is not null && steps.Contains(r.Option))
                .OrderBy(r => IndexOf(parse, r.IdentifierToken!))
                .ToList();
            var chain = new List<EnhanceStep>();
            string? modelPath = parse.GetValue(model);
            string methodName = parse.GetValue(method)!;
            if (modelPath is null && methodName.Equals("model", StringComparison.OrdinalIgnoreCase)) throw new UsageException("--method model needs --model FILE.onnx");
            if (modelPath is not null && parse.GetResult(method) is { Implicit: false } && !methodName.Equals("model", StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"--model upscales with the network; --method {methodName} cannot go with it");
            int tileSize = Check(parse.GetValue(tile), 16, 4096, "--tile");
            if (parse.GetResult(tile) is { Implicit: false } && modelPath is null) throw new UsageException("--tile goes with --model");
            bool modelAdded = false;
            foreach (var result in given)
            {
                var option = result.Option;
                if ((option == upscale || option == model) && modelPath is not null)
                {
                    // --upscale and --model are one step, where the first of them stands.
                    if (modelAdded) continue;
                    int? factor = parse.GetValue(upscale) is { } f ? Check(f, 2, 4, "--upscale") : null;
                    chain.Add(new ModelUpscaleStep(modelPath, factor, tileSize));
                    modelAdded = true;
                }
                else if (option == upscale) chain.Add(new UpscaleStep(Check(parse.GetValue(upscale)!.Value, 2, 4, "--upscale"), ParseMethod(methodName)));
                else if (option == brightness) chain.Add(new BrightnessStep(Check(parse.GetValue(brightness)!.Value, -1, 1, "--brightness")));
                else if (option == contrast) chain.Add(new ContrastStep(Positive(parse.GetValue(contrast)!.Value, "--contrast")));
                else if (option == gamma) chain.Add(new GammaStep(Positive(parse.GetValue(gamma)!.Value, "--gamma")));
                else if (option == autoLevels) chain.Add(ParseAutoLevels(parse.GetValue(autoLevels)));
                else if (option == equalize) { if (parse.GetValue(equalize)) chain.Add(new EqualizeStep()); }
                else if (option == clahe) chain.Add(ParseClahe(parse.GetValue(clahe)));
                else if (option == sharpen) chain.Add(ParseSharpen(parse.GetValue(sharpen)!));
                else if (option == denoise) chain.Add(ParseDenoise(parse.GetValue(denoise)!));
                else if (option == deblur) chain.Add(new DeblurStep(ParseBlur(parse.GetValue(deblur)!), Check(parse.GetValue(iterations), 1, 1000, "--iterations")));
                else if (option == window) chain.Add(ParseWindow(parse.GetValue(window)!));
                else if (option == preset) chain.AddRange(Enhance.Preset(ParsePreset(parse.GetValue(preset)!)));
            }
            if (modelPath is not null && !File.Exists(modelPath)) throw new FileNotFoundException($"model not found: {modelPath}", modelPath);
            if (chain.Count == 0) throw new UsageException("give at least one step (--upscale, --model, --brightness, --contrast, --gamma, --auto-levels, --equalize, --clahe, --sharpen, --denoise, --deblur, --window or --preset)");
            if (parse.GetResult(method) is { Implicit: false } && !given.Any(g => g.Option == upscale || g.Option == model)) throw new UsageException("--method goes with --upscale");
            if (parse.GetResult(iterations) is { Implicit: false } && !given.Any(g => g.Option == deblur)) throw new UsageException("--iterations goes with --deblur");
            int jobCount = parse.GetValue(jobs);
            if (jobCount is < 1 or > MaxJobs) throw new UsageException($"--jobs must be from 1 to {MaxJobs}, got {jobCount}");
            int q = Check(parse.GetValue(quality), 1, 100, "--quality");
            string inputPath = parse.GetValue(input)!, outputPath = parse.GetValue(output)!;
            if (!File.Exists(inputPath) && !Directory.Exists(inputPath)) throw new FileNotFoundException($"input not found: {inputPath}", inputPath);
            var runner = new EnhanceRunner(chain, new EnhanceOptions
            {
                MaxDegreeOfParallelism = jobCount,
                OutputFormat = AugmentCommand.ParseFormat(parse.GetValue(format)!),
                WriteOptions = parse.GetResult(quality) is { Implicit: false } ? new ImageWriteOptions { Quality = q } : null,
                ReadOptions = read.Build(parse, context),
            });
            var summary = context.IsInteractive
                ? RunWithProgress(context, runner, inputPath, outputPath)
                : runner.Run(inputPath, outputPath, cancellationToken: context.Cancellation);
            foreach (var failure in summary.Errors) context.Error.WriteLine($"error: {failure.Path}: {failure.Message.TrimEnd('.')} (skipped)");
            if (summary.FilesFound == 0)
            {
                if (summary.Errors.Count > 0) return AugSharpCli.Failure;
                throw new FileNotFoundException($"no images found in {inputPath}", inputPath);
            }
            string where = summary.Outputs.Count == 1 && File.Exists(inputPath) ? summary.Outputs[0] : Path.GetFullPath(outputPath);
            context.Out.WriteLine($"Enhanced {AugmentCommand.Count(summary.FilesAugmented, "image", "images")} of {summary.FilesFound} ({string.Join(" ", chain.Select(s => s.CommandLine))}) into {where}.");
            if (!summary.Succeeded)
            {
                context.Error.WriteLine($"error: {AugmentCommand.Count(summary.Errors.Count, "file", "files")} failed.");
                return AugSharpCli.Failure;
            }
            return AugSharpCli.Success;
        });
        return (command,
        [
            "augsharp enhance cam.png cam-x2.png --denoise nlmeans --upscale 2 --method edge --sharpen 0.6",
            "augsharp enhance scans out --window 40,400 --clahe 2,8",
            "augsharp enhance footage out --preset security --jobs 4",
            "augsharp enhance blurred.png sharp.png --deblur gaussian:2 --iterations 30",
            "augsharp enhance photos out --upscale 4 --model realesrgan-x4.onnx --tile 128",
        ]);
    }

    private static int IndexOf(ParseResult parse, Token token)
    {
        for (int i = 0; i < parse.Tokens.Count; i++)
            if (ReferenceEquals(parse.Tokens[i], token)) return i;
        return int.MaxValue;
    }

    private static int Check(int value, int min, int max, string name)
        => value >= min && value <= max ? value : throw new UsageException($"{name} must be from {min} to {max}, got {value}");

    private static double Check(double value, double min, double max, string name)
        => value >= min && value <= max ? value : throw new UsageException($"{name} must be from {Text(min)} to {Text(max)}, got {Text(value)}");

    private static double Positive(double value, string name)
        => value > 0 && value <= 100 ? value : throw new UsageException($"{name} must be above 0 (and at most 100), got {Text(value)}");

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static double[] Numbers(string text, string name, int min, int max, string shape)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length < min || parts.Length > max) throw new UsageException($"{name} takes {shape}, got '{text}'");
        return parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new UsageException($"{name} takes {shape}; '{p}' is not a number")).ToArray();
    }

    private static UpscaleMethod ParseMethod(string text) => text.ToLowerInvariant() switch
    {
        "lanczos" or "lanczos3" or "lanczos4" => UpscaleMethod.Lanczos,
        "bicubic" or "cubic" => UpscaleMethod.Bicubic,
        "edge" => UpscaleMethod.Edge,
        _ => throw new UsageException($"--method must be lanczos, bicubic or edge, got '{text}'"),
    };

    private static AutoLevelsStep ParseAutoLevels(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new AutoLevelsStep();
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        bool luminance = false;
        if (parts.Length == 2)
        {
            luminance = parts[1].ToLowerInvariant() switch
            {
                "luminance" or "luma" => true,
                "channels" or "channel" => false,
                _ => throw new UsageException($"--auto-levels takes P or P,luminance, got '{text}'"),
            };
        }
        double percent = Numbers(parts[0], "--auto-levels", 1, 1, "P or P,luminance")[0];
        if (percent is < 0 or >= 50) throw new UsageException($"--auto-levels P must be from 0 to below 50 (percent), got {Text(percent)}");
        return new AutoLevelsStep(percent, luminance);
    }

    private static ClaheStep ParseClahe(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new ClaheStep();
        var v = Numbers(text, "--clahe", 1, 2, "clip[,tiles]");
        double clip = Check(v[0], 0, 1000, "--clahe clip limit");
        int tiles = v.Length > 1 ? (int)v[1] : 8;
        if (v.Length > 1 && (v[1] != tiles || tiles is < 1 or > 256)) throw new UsageException($"--clahe tiles must be a whole number from 1 to 256, got {Text(v[1])}");
        return new ClaheStep(clip, tiles);
    }

    private static SharpenStep ParseSharpen(string text)
    {
        var v = Numbers(text, "--sharpen", 1, 3, "amount[,radius,threshold]");
        return new SharpenStep(Check(v[0], 0, 10, "--sharpen amount"), v.Length > 1 ? Check(v[1], 0.1, 50, "--sharpen radius") : 1, v.Length > 2 ? Check(v[2], 0, 255, "--sharpen threshold") : 0);
    }

    private static DenoiseStep ParseDenoise(string[] values)
    {
        var parts = values.SelectMany(v => v.Split([',', ':'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
        if (parts.Length is < 1 or > 2) throw new UsageException($"--denoise takes a method and an optional strength, got '{string.Join(" ", values)}'");
        var method = parts[0].ToLowerInvariant() switch
        {
            "median" => DenoiseMethod.Median,
            "bilateral" => DenoiseMethod.Bilateral,
            "nlmeans" or "nl-means" or "nlm" => DenoiseMethod.NlMeans,
            _ => throw new UsageException($"--denoise method must be median, bilateral or nlmeans, got '{parts[0]}'"),
        };
        if (parts.Length == 1) return new DenoiseStep(method);
        double strength = Numbers(parts[1], "--denoise", 1, 1, "a strength")[0];
        if (method == DenoiseMethod.Median && (strength != Math.Floor(strength) || strength < 3 || strength > 99 || strength % 2 == 0))
            throw new UsageException($"--denoise median takes an odd window size from 3 to 99, got {Text(strength)}");
        if (method != DenoiseMethod.Median) Check(strength, 0.01, 255, "--denoise strength");
        return new DenoiseStep(method, strength);
    }

    private static BlurModel ParseBlur(string text)
    {
        int colon = text.IndexOf(':');
        string kind = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        string rest = colon < 0 ? "" : text[(colon + 1)..];
        switch (kind)
        {
            case "gaussian":
                {
                    var v = Numbers(rest, "--deblur gaussian", 1, 1, "gaussian:SIGMA");
                    return BlurModel.Gaussian(Check(v[0], 0.1, 20, "--deblur gaussian sigma"));
                }
            case "motion":
                {
                    var v = Numbers(rest, "--deblur motion", 2, 2, "motion:LENGTH,ANGLE");
                    return BlurModel.Motion(Check(v[0], 1, 200, "--deblur motion length"), v[1]);
                }
            default:
                throw new UsageException($"--deblur takes gaussian:SIGMA or motion:LENGTH,ANGLE, got '{text}'");
        }
    }

    private static WindowStep ParseWindow(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        bool keep = false;
        if (parts.Length == 3)
        {
            if (!parts[2].Equals("keep", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--window takes center,width or center,width,keep, got '{text}'");
            keep = true;
        }
        var v = Numbers(string.Join(',', parts.Take(2)), "--window", 2, 2, "center,width[,keep]");
        if (v[1] < 1) throw new UsageException($"--window width must be at least 1, got {Text(v[1])}");
        return new WindowStep(v[0], v[1], keep);
    }

    private static EnhancePreset ParsePreset(string text) => text.ToLowerInvariant() switch
    {
        "security" => EnhancePreset.Security,
        "medical" => EnhancePreset.Medical,
        "document" => EnhancePreset.Document,
        _ => throw new UsageException($"--preset must be security, medical or document, got '{text}'"),
    };

    private static AugmentSummary RunWithProgress(CliContext context, EnhanceRunner runner, string inputPath, string outputPath)
    {
        AugmentSummary summary = null!;
        context.Console_.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 24 }, new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("enhancing", autoStart: true, maxValue: 1);
                var gate = new Lock();
                summary = runner.Run(inputPath, outputPath, new Progress(value =>
                {
                    lock (gate)
                    {
                        task.MaxValue = value.FilesTotal;
                        if (value.FilesDone > task.Value) task.Value = value.FilesDone;
                    }
                }), context.Cancellation);
            });
        return summary;
    }

    private sealed class Progress(Action<AugmentProgress> report) : IProgress<AugmentProgress>
    {
        public void Report(AugmentProgress value) => report(value);
    }
}
