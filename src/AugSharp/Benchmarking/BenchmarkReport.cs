using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace AugSharp.Benchmarking;

/// <summary>The machine a benchmark ran on.</summary>
/// <param name="Cpu">The processor's model name.</param>
/// <param name="Cores">Logical processors.</param>
/// <param name="Os">The operating system.</param>
/// <param name="Runtime">The runtime (".NET 10.0.0", "CPython 3.11 / OpenCV 4.6").</param>
/// <param name="Simd">The vector instruction sets in use.</param>
public sealed record MachineInfo(string Cpu, int Cores, string Os, string Runtime, IReadOnlyList<string> Simd)
{
    /// <summary>This machine, as .NET sees it.</summary>
    public static MachineInfo Current()
    {
        var simd = new List<string>();
        if (System.Runtime.Intrinsics.X86.Sse42.IsSupported) simd.Add("SSE4.2");
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported) simd.Add("AVX2");
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported) simd.Add("FMA");
        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported) simd.Add("AVX-512F");
        if (System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) simd.Add("AdvSIMD");
        simd.Add($"Vector128:{(Vector128.IsHardwareAccelerated ? "hw" : "sw")}");
        simd.Add($"Vector256:{(Vector256.IsHardwareAccelerated ? "hw" : "sw")}");
        return new MachineInfo(CpuName(), Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, simd);
    }

    private static string CpuName()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}

/// <summary>
/// The results of a benchmark run as JSON, the shape every library's script writes:
/// <c>{"library", "results": [{"transform", "img_per_s", "median_ms", "images", "threads", "allocated_bytes_per_image"}], "unavailable": [...], "machine": {...}}</c>.
/// </summary>
/// <param name="Library">Who ran ("AugSharp", "OpenCV", ...).</param>
/// <param name="Results">One entry per row that ran.</param>
/// <param name="Unavailable">Rows of the set the library does not have.</param>
/// <param name="Machine">Where it ran.</param>
public sealed record BenchmarkReport(string Library, IReadOnlyList<BenchmarkResult> Results, IReadOnlyList<string> Unavailable, MachineInfo? Machine)
{
    /// <summary>Optional per-row mean absolute difference from AugSharp's output (0..255 scale), written by peers' compare step.</summary>
    public IReadOnlyDictionary<string, BenchmarkOutputFile> Outputs { get; init; } = new Dictionary<string, BenchmarkOutputFile>();

    /// <summary>The report as indented JSON.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("library", Library);
            w.WriteStartArray("results");
            foreach (var r in Results)
            {
                w.WriteStartObject();
                w.WriteString("transform", r.Transform);
                w.WriteNumber("img_per_s", Math.Round(r.ImagesPerSecond, 2));
                w.WriteNumber("median_ms", Math.Round(r.MedianMilliseconds, 4));
                w.WriteNumber("images", r.Images);
                w.WriteNumber("threads", r.Threads);
                if (r.AllocatedBytesPerImage is { } bytes) w.WriteNumber("allocated_bytes_per_image", Math.Round(bytes));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("unavailable");
            foreach (string name in Unavailable) w.WriteStringValue(name);
            w.WriteEndArray();
            if (Machine is { } m)
            {
                w.WriteStartObject("machine");
                w.WriteString("cpu", m.Cpu);
                w.WriteNumber("cores", m.Cores);
                w.WriteString("os", m.Os);
                w.WriteString("runtime", m.Runtime);
                w.WriteStartArray("simd");
                foreach (string s in m.Simd) w.WriteStringValue(s);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads a report written by AugSharp or a peer script.</summary>
    /// <exception cref="FormatException">The text is not a benchmark report.</exception>
    public static BenchmarkReport Parse(string json, string? baseFolder = null)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            string library = root.TryGetProperty("library", out var lib) ? lib.GetString() ?? "peer" : "peer";
            var results = root.GetProperty("results").EnumerateArray().Select(r => new BenchmarkResult(
                r.GetProperty("transform").GetString()!,
                r.GetProperty("img_per_s").GetDouble(),
                r.TryGetProperty("median_ms", out var ms) ? ms.GetDouble() : double.NaN,
                r.TryGetProperty("images", out var n) ? n.GetInt32() : 0,
                r.TryGetProperty("threads", out var t) ? t.GetInt32() : 1)
            {
                AllocatedBytesPerImage = r.TryGetProperty("allocated_bytes_per_image", out var a) ? a.GetDouble() : null,
            }).ToArray();
            var unavailable = root.TryGetProperty("unavailable", out var u) ? u.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
            MachineInfo? machine = null;
            if (root.TryGetProperty("machine", out var m))
            {
                machine = new MachineInfo(
                    m.TryGetProperty("cpu", out var cpu) ? cpu.GetString() ?? "" : "",
                    m.TryGetProperty("cores", out var cores) ? cores.GetInt32() : 0,
                    m.TryGetProperty("os", out var os) ? os.GetString() ?? "" : "",
                    m.TryGetProperty("runtime", out var rt) ? rt.GetString() ?? "" : "",
                    m.TryGetProperty("simd", out var simd) ? simd.EnumerateArray().Select(e => e.GetString()!).ToArray() : []);
            }
            var outputs = new Dictionary<string, BenchmarkOutputFile>();
            if (root.TryGetProperty("outputs", out var o))
            {
                foreach (var p in o.EnumerateObject())
                {
                    var shape = p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                    string file = p.Value.GetProperty("file").GetString()!;
                    if (baseFolder is not null && !Path.IsPathRooted(file)) file = Path.Combine(baseFolder, file);
                    outputs[p.Name] = new BenchmarkOutputFile(file, shape[0], shape[1], shape[2]);
                }
            }
            return new BenchmarkReport(library, results, unavailable, machine) { Outputs = outputs };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new FormatException("not a benchmark report (" + e.Message + ")", e);
        }
    }

    /// <summary>Formats a rate for a table: 12345.6 -> "12,346".</summary>
    public static string FormatRate(double rate) => rate >= 100
        ? rate.ToString("N0", CultureInfo.InvariantCulture)
        : rate.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>A peer's output of the first image for one row: raw uint8 RGB, height x width x channels.</summary>
/// <param name="File">The raw file.</param>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
/// <param name="Channels">Channels.</param>
public sealed record BenchmarkOutputFile(string File, int Height, int Width, int Channels)
{
    /// <summary>
    /// The mean absolute difference between <paramref name="ours"/> and this output, on the 0..255
    /// scale; null when the sizes differ or the file is missing.
    /// </summary>
    public double? MeanAbsoluteDifference(ImageBuffer<byte> ours)
    {
        ArgumentNullException.ThrowIfNull(ours);
        if (ours.Width != Width || ours.Height != Height || ours.Channels != Channels || !System.IO.File.Exists(File)) return null;
        byte[] theirs = System.IO.File.ReadAllBytes(File);
        if (theirs.Length != (long)Width * Height * Channels) return null;
        long sum = 0;
        int k = 0;
        for (int y = 0; y < Height; y++)
        {
            var row = ours.GetRow(y);
            for (int i = 0; i < row.Length; i++) sum += Math.Abs(row[i] - theirs[k++]);
        }
        return (double)sum / theirs.Length;
    }
}
