using System.CommandLine;
using System.Globalization;
using AugSharp.Benchmarking;
using AugSharp.Datasets;
using Spectre.Console;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp bench</c>: the per-transform benchmark, optionally side by side with a peer library's results.</summary>
internal static class BenchCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var images = new Option<string?>("--images") { HelpName = "DIR", Description = "Folder of images (recursively) to time on; default: the two photos built into the tool (451x300 and 640x427)." };
        var transforms = new Option<string?>("--transforms") { HelpName = "NAMES", Description = "Comma-separated rows to run (default: every available row), e.g. Rotate,Resize,Memcpy." };
        var threads = new Option<int>("--threads") { HelpName = "N", Description = "Images processed at the same time (aggregate images/s is reported).", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { HelpName = "N", Description = "Timed runs per row; the median is reported.", DefaultValueFactory = _ => 5 };
        var minTime = new Option<int>("--min-time") { HelpName = "MS", Description = "Shortest timed run in milliseconds (a run repeats the images until then); each row warms up for twice as long first.", DefaultValueFactory = _ => 200 };
        var json = new Option<string?>("--json") { HelpName = "FILE", Description = "Also write the results as JSON (results, unavailable rows, machine)." };
        var endToEnd = new Option<bool>("--end-to-end") { Description = "Time decode + the KerasPipeline row + JPEG encode (quality 90) per file instead of the transform rows." };
        var compare = new Option<string[]>("--compare") { HelpName = "PEER.json", Description = "A peer's results (bench/peers/*.py --json); printed side by side with the ratio per row. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("bench", "Time every transform of the shared benchmark set with fixed parameters (decode excluded, median of runs, images per second), optionally against OpenCV's or Keras' numbers from bench/peers.")
        {
            images, transforms, threads, runs, minTime, json, endToEnd, compare,
        };
        command.SetAction(parse =>
        {
            var options = new BenchmarkOptions
            {
                Threads = Check(parse.GetValue(threads), "--threads", 1, 256),
                Runs = Check(parse.GetValue(runs), "--runs", 1, 1000),
                MinRunTime = TimeSpan.FromMilliseconds(Check(parse.GetValue(minTime), "--min-time", 0, 600_000)),
                WarmUp = TimeSpan.FromMilliseconds(2.0 * parse.GetValue(minTime)),
            };
            var peers = (parse.GetValue(compare) ?? []).Select(ReadPeer).ToArray();
            bool e2e = parse.GetValue(endToEnd);
            var rows = SelectRows(parse.GetValue(transforms), e2e);
            var files = LoadFiles(parse.GetValue(images), context);

            var results = new List<BenchmarkResult>();
            var decoded = new List<ImageBuffer<byte>>();
            try
            {
                if (e2e)
                {
                    results.Add(TransformBenchmark.RunEndToEnd(files.Select(f => f.Data).ToArray(), options, context.Cancellation));
                }
                else
                {
                    foreach (var (name, data) in files)
                    {
                        using var image = ImageCodec.Read(new MemoryStream(data, writable: false), name: name);
                        decoded.Add(TransformBenchmark.AsRgb8(image));
                    }
                    results.AddRange(TransformBenchmark.Run(decoded, rows, options, cancellation: context.Cancellation));
                }
                var chosen = SelectedNames(parse.GetValue(transforms));
                var unavailable = e2e ? [] : BenchmarkSet.Unavailable.Where(n => chosen is null || chosen.Contains(n, StringComparer.OrdinalIgnoreCase)).ToArray();
                var report = new BenchmarkReport("AugSharp", results, unavailable, MachineInfo.Current());
                var differences = decoded.Count > 0 ? Differences(peers, decoded[0]) : [];
                WriteTable(context, report, peers, differences, files.Count, options);
                if (parse.GetValue(json) is string jsonPath)
                {
                    byte[] bytes = System.Text.Encoding.UTF8.GetBytes(report.ToJson());
                    AtomicFile.Write(jsonPath, stream => stream.Write(bytes));
                    context.Error.WriteLine($"Wrote {jsonPath}");
                }
            }
            finally
            {
                foreach (var image in decoded) image.Dispose();
            }
            return AugSharpCli.Success;
        });
        return (command,
        [
            "augsharp bench",
            "augsharp bench --transforms Rotate,Resize,Memcpy --runs 9",
            "augsharp bench --images photos --threads 2 --json augsharp.json",
            "augsharp bench --compare opencv.json --compare keras.json",
            "augsharp bench --end-to-end --threads 2",
        ]);
    }

    private static int Check(int value, string name, int min, int max)
        => value >= min && value <= max ? value : throw new UsageException($"{name} must be from {min} to {max}, got {value}");

    private static string[]? SelectedNames(string? list)
        => string.IsNullOrWhiteSpace(list) ? null : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The rows to run: every available one, or those named (in the set's order), each of which must exist.</summary>
    private static IReadOnlyList<BenchmarkRow> SelectRows(string? list, bool endToEnd)
    {
        var names = SelectedNames(list);
        if (names is null) return BenchmarkSet.Available.Select(n => BenchmarkSet.Find(n)!).ToArray();
        if (endToEnd) throw new UsageException("--transforms cannot be combined with --end-to-end (which times the KerasPipeline row with decode and encode)");
        var rows = new List<BenchmarkRow>();
        foreach (string name in names)
        {
            var row = BenchmarkSet.Find(name);
            if (row is null)
            {
                string? near = Spelling.Closest(name, BenchmarkSet.AllNames.Select(n => n.ToLowerInvariant()));
                string hint = near is not null ? $"; did you mean '{BenchmarkSet.AllNames.First(n => n.Equals(near, StringComparison.OrdinalIgnoreCase))}'?" : "";
                throw new UsageException($"unknown transform '{name}' for --transforms{hint} (known: {string.Join(", ", BenchmarkSet.AllNames)})");
            }
            if (!rows.Contains(row)) rows.Add(row);
        }
        var order = BenchmarkSet.AllNames.ToList();
        return rows.Where(r => BenchmarkCase.IsImplemented(r.Name)).OrderBy(r => order.IndexOf(r.Name)).ToArray();
    }

    private static IReadOnlyList<(string Name, byte[] Data)> LoadFiles(string? folder, CliContext context)
    {
        if (folder is null) return DefaultPhoto.BenchmarkFiles();
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"folder not found: {folder}");
        var listing = ImageFolder.List(folder);
        foreach (var error in listing.Errors) context.Error.WriteLine($"error: {error.Path}: {error.Message} (skipped)");
        if (listing.Files.Count == 0) throw new FileNotFoundException($"no images found in {folder}", folder);
        return listing.Files.Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllBytes(Path.Combine(folder, f)))).ToArray();
    }

    private static BenchmarkReport ReadPeer(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
        try
        {
            return BenchmarkReport.Parse(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path)));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Per peer and row, the mean absolute difference between the peer's output of the first image and AugSharp's.</summary>
    private static Dictionary<(int Peer, string Row), double> Differences(IReadOnlyList<BenchmarkReport> peers, ImageBuffer<byte> first)
    {
        var result = new Dictionary<(int, string), double>();
        for (int p = 0; p < peers.Count; p++)
        {
            foreach (var (name, output) in peers[p].Outputs)
            {
                var row = BenchmarkSet.Find(name);
                if (row is null || !BenchmarkCase.IsImplemented(row.Name)) continue;
                using var work = BenchmarkCase.Create(row, [first]);
                using var ours = work.Output(0);
                if (output.MeanAbsoluteDifference(ours) is double mad) result[(p, row.Name)] = mad;
            }
        }
        return result;
    }

    private static void WriteTable(CliContext context, BenchmarkReport report, IReadOnlyList<BenchmarkReport> peers, Dictionary<(int Peer, string Row), double> differences, int images, BenchmarkOptions options)
    {
        var header = new List<string> { "Transform", "AugSharp img/s", "median ms", "alloc/img" };
        for (int p = 0; p < peers.Count; p++)
        {
            header.Add($"{peers[p].Library} img/s");
            header.Add("ratio");
            if (differences.Keys.Any(k => k.Peer == p)) header.Add("MAD");
        }
        var rows = new List<string[]>();
        foreach (var r in report.Results)
        {
            var cells = new List<string> { r.Transform, BenchmarkReport.FormatRate(r.ImagesPerSecond), r.MedianMilliseconds.ToString("0.000", CultureInfo.InvariantCulture), FormatBytes(r.AllocatedBytesPerImage) };
            for (int p = 0; p < peers.Count; p++)
            {
                var theirs = peers[p].Results.FirstOrDefault(x => x.Transform == r.Transform);
                cells.Add(theirs is null ? "-" : BenchmarkReport.FormatRate(theirs.ImagesPerSecond));
                cells.Add(theirs is null || theirs.ImagesPerSecond <= 0 ? "-" : (r.ImagesPerSecond / theirs.ImagesPerSecond).ToString("0.00", CultureInfo.InvariantCulture) + "x");
                if (differences.Keys.Any(k => k.Peer == p))
                    cells.Add(differences.TryGetValue((p, r.Transform), out double mad) ? mad.ToString("0.000", CultureInfo.InvariantCulture) : "-");
            }
            rows.Add(cells.ToArray());
        }
        foreach (string name in report.Unavailable)
        {
            var cells = new List<string> { name, "not available", "", "" };
            while (cells.Count < header.Count) cells.Add("");
            rows.Add(cells.ToArray());
        }
        string title = $"{images} image(s), {options.Threads} thread(s), median of {options.Runs} run(s)";
        if (!context.IsInteractive)
        {
            var o = context.Out;
            o.WriteLine(title);
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
            o.WriteLine(string.Join("  ", header.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))).TrimEnd());
            foreach (var row in rows) o.WriteLine(string.Join("  ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
            o.WriteLine((peers.Count > 0 ? "ratio = AugSharp img/s / peer img/s; " : "") + $"{report.Machine?.Cpu}, {report.Machine?.Cores} cores, {report.Machine?.Runtime}");
            return;
        }
        var table = new Table().Title(Markup.Escape(title));
        for (int i = 0; i < header.Count; i++) table.AddColumn(i == 0 ? new TableColumn(header[i]) : new TableColumn(header[i]).RightAligned());
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        table.Caption(Markup.Escape((peers.Count > 0 ? "ratio = AugSharp img/s / peer img/s; " : "") + $"{report.Machine?.Cpu}, {report.Machine?.Cores} cores, {report.Machine?.Runtime}"));
        context.Console_.Write(table);
    }

    /// <summary>Bytes per image as 512 B, 3.1 KB or 2.4 MB ("-" when not measured).</summary>
    internal static string FormatBytes(double? bytes) => bytes switch
    {
        null => "-",
        < 1024 => bytes.Value.ToString("0", CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes.Value / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes.Value / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
    };
}
