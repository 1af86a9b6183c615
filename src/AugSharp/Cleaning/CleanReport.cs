using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AugSharp.Pictures;

namespace AugSharp.Cleaning;

/// <summary>
/// The report of a clean-up: <c>report.json</c> (every image's measures and reasons, the
/// thresholds, the counts) and <c>report.html</c>, a self-contained page (thumbnails embedded, no
/// scripts, no network) with the rejected images grouped by reason, their scores on hover, and a
/// histogram per measure with its threshold marked, to tune the thresholds by eye.
/// </summary>
public static class CleanReport
{
    /// <summary>Thumbnails shown per reason; the JSON lists every image.</summary>
    public const int ThumbnailsPerCheck = 60;

    /// <summary>Longest side of a thumbnail.</summary>
    public const int ThumbnailSide = 160;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <c>report.json</c> and <c>report.html</c> into <paramref name="directory"/> (created if needed), each atomically.</summary>
    public static void Write(CleanSummary summary, string directory, ImageReadOptions? readOptions = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, "report.json"), s => JsonSerializer.Serialize(s, ToJson(summary), Json));
        string html = ToHtml(summary, readOptions);
        AtomicFile.Write(Path.Combine(directory, "report.html"), s => s.Write(Encoding.UTF8.GetBytes(html)));
    }

    /// <summary>The numbers of the report, as <c>report.json</c> holds them.</summary>
    public static object ToJson(CleanSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new
        {
            Folder = summary.Root,
            Images = summary.Images.Count,
            Kept = summary.Images.Count - summary.Rejected,
            Rejected = summary.Rejected,
            RejectedByCheck = summary.RejectedByCheck.ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Key.ToString()), p => p.Value),
            Thresholds = summary.Thresholds,
            Files = summary.Images.Select(i => new
            {
                i.Path,
                i.Rejected,
                Reasons = i.Reasons.Select(r => new { r.Check, r.Score, r.Threshold, r.Text }),
                i.DuplicateOf,
                Measures = i.Measures is null ? null : new
                {
                    i.Measures.Entropy,
                    i.Measures.StdDev,
                    i.Measures.DarkFraction,
                    i.Measures.BrightFraction,
                    i.Measures.Sharpness,
                    i.Measures.EstimatedFill,
                    PerceptualHash = i.Measures.PerceptualHash.ToString("x16", CultureInfo.InvariantCulture),
                },
            }),
        };
    }

    /// <summary>The page, as <c>report.html</c> holds it; thumbnails are read from the images where they are.</summary>
    public static string ToHtml(CleanSummary summary, ImageReadOptions? readOptions = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var t = summary.Thresholds;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>Clean-up report: ").Append(E(Path.GetFileName(summary.Root))).Append("</title>\n<style>\n")
          .Append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;background:#fafafa}\n")
          .Append("section{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1em 1.2em;margin:1.2em 0}\n")
          .Append("table{border-collapse:collapse}td,th{padding:.2em .8em;text-align:left;border-bottom:1px solid #eee}\n")
          .Append(".thumbs{display:flex;flex-wrap:wrap;gap:.6em}figure{margin:0;width:").Append(ThumbnailSide).Append("px;font-size:.75em;word-break:break-all}\n")
          .Append("figure img{display:block;max-width:100%;border:1px solid #ccc}.hists{display:flex;flex-wrap:wrap;gap:1em}\n")
          .Append("</style>\n</head>\n<body>\n<h1>Clean-up report</h1>\n<p>").Append(E(summary.Root)).Append("</p>\n");

        sb.Append("<section id=\"summary\"><h2>Summary</h2><table>\n")
          .Append("<tr><th>Images</th><td>").Append(summary.Images.Count).Append("</td></tr>\n")
          .Append("<tr><th>Kept</th><td>").Append(summary.Images.Count - summary.Rejected).Append("</td></tr>\n")
          .Append("<tr><th>Rejected</th><td>").Append(summary.Rejected).Append("</td></tr>\n");
        foreach (var (check, count) in summary.RejectedByCheck)
            sb.Append("<tr><th>").Append(CheckName(check)).Append("</th><td>").Append(count).Append("</td></tr>\n");
        sb.Append("</table>\n<p>Thresholds: ").Append(E(FormattableString.Invariant(
            $"max_fill {t.MaxFill}, min_entropy {t.MinEntropy}, min_std_dev {t.MinStdDev}, max_dark {t.MaxDark}, max_bright {t.MaxBright}, min_sharpness {t.MinSharpness}, min_relative_sharpness {t.MinRelativeSharpness}, max_duplicate_distance {t.MaxDuplicateDistance}"))).Append("</p></section>\n");

        var measured = summary.Images.Where(i => i.Measures is not null).Select(i => i.Measures!).ToList();
        sb.Append("<section id=\"histograms\"><h2>Measures</h2><p>Every image's score; the red line is the threshold, the images beyond it are rejected.</p><div class=\"hists\">\n");
        sb.Append(Histogram("Estimated border fill", measured.Select(m => m.EstimatedFill), t.MaxFill, 0, 1, log: false));
        sb.Append(Histogram("Entropy (bits)", measured.Select(m => m.Entropy), t.MinEntropy, 0, 8, log: false));
        sb.Append(Histogram("Contrast (std dev)", measured.Select(m => m.StdDev), t.MinStdDev, 0, 128, log: false));
        sb.Append(Histogram("Black pixels", measured.Select(m => m.DarkFraction), t.MaxDark, 0, 1, log: false));
        sb.Append(Histogram("White pixels", measured.Select(m => m.BrightFraction), t.MaxBright, 0, 1, log: false));
        sb.Append(Histogram("Sharpness (Laplacian variance, log scale)", measured.Select(m => m.Sharpness), t.MinSharpness, 0.1, 100000, log: true));
        sb.Append("</div></section>\n");

        foreach (var check in Enum.GetValues<CleanCheck>())
        {
            var rejected = summary.Images.Where(i => i.Reasons.Any(r => r.Check == check)).ToList();
            if (rejected.Count == 0) continue;
            sb.Append("<section id=\"").Append(check.ToString().ToLowerInvariant()).Append("\"><h2>").Append(CheckName(check)).Append(": ").Append(rejected.Count).Append("</h2>\n");
            if (rejected.Count > ThumbnailsPerCheck) sb.Append("<p>The first ").Append(ThumbnailsPerCheck).Append(" are shown; report.json lists them all.</p>\n");
            sb.Append("<div class=\"thumbs\">\n");
            foreach (var image in rejected.Take(ThumbnailsPerCheck))
            {
                string reasons = string.Join("; ", image.Reasons.Select(r => r.Text));
                string? thumbnail = check == CleanCheck.Corrupt ? null : Thumbnail(Path.Combine(summary.Root, image.Path), readOptions);
                sb.Append("<figure title=\"").Append(E(image.Path + ": " + reasons)).Append("\">");
                if (thumbnail is not null) sb.Append("<img alt=\"").Append(E(image.Path)).Append("\" src=\"data:image/jpeg;base64,").Append(thumbnail).Append("\">");
                sb.Append("<figcaption>").Append(E(image.Path)).Append("<br>").Append(E(image.Reasons.First(r => r.Check == check).Text)).Append("</figcaption></figure>\n");
            }
            sb.Append("</div></section>\n");
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static string CheckName(CleanCheck check) => check switch
    {
        CleanCheck.Fill => "Border fill",
        CleanCheck.Information => "No information",
        CleanCheck.Exposure => "Black or white",
        CleanCheck.Blur => "Blurred",
        CleanCheck.ObjectsLost => "Objects lost",
        CleanCheck.Duplicate => "Duplicates",
        CleanCheck.Corrupt => "Unreadable",
        _ => check.ToString(),
    };

    /// <summary>A JPEG thumbnail, base64, or null when the image cannot be read.</summary>
    private static string? Thumbnail(string path, ImageReadOptions? readOptions) => ReportThumbnail.JpegBase64(path, ThumbnailSide, readOptions);

    /// <summary>An inline SVG histogram of <paramref name="values"/> in 40 bins from <paramref name="min"/> to <paramref name="max"/>, with the threshold as a red line.</summary>
    private static string Histogram(string title, IEnumerable<double> values, double threshold, double min, double max, bool log)
    {
        const int bins = 40, width = 360, height = 110, top = 18;
        double Scale(double v) => log ? Math.Log10(Math.Clamp(v, min, max)) : Math.Clamp(v, min, max);
        double lo = Scale(min), hi = Scale(max);
        var counts = new int[bins];
        foreach (double v in values) counts[Math.Min(bins - 1, (int)((Scale(v) - lo) / (hi - lo) * bins))]++;
        int most = Math.Max(1, counts.Max());
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height + top + 16}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
        sb.Append(inv, $"<text x=\"0\" y=\"12\" font-size=\"12\">{WebUtility.HtmlEncode(title)}</text>");
        double barWidth = (double)width / bins;
        for (int b = 0; b < bins; b++)
        {
            if (counts[b] == 0) continue;
            double h = (double)counts[b] / most * height;
            sb.Append(inv, $"<rect x=\"{b * barWidth:F1}\" y=\"{top + height - h:F1}\" width=\"{barWidth - 1:F1}\" height=\"{h:F1}\" fill=\"#4a78c2\"><title>{counts[b]}</title></rect>");
        }
        double tx = (Scale(threshold) - lo) / (hi - lo) * width;
        sb.Append(inv, $"<line x1=\"{tx:F1}\" x2=\"{tx:F1}\" y1=\"{top}\" y2=\"{top + height}\" stroke=\"#d22\" stroke-width=\"2\"/>");
        sb.Append(inv, $"<text x=\"0\" y=\"{top + height + 14}\" font-size=\"10\">{min.ToString(inv)}</text><text x=\"{width}\" y=\"{top + height + 14}\" font-size=\"10\" text-anchor=\"end\">{max.ToString(inv)}</text>");
        sb.Append(inv, $"<text x=\"{tx:F1}\" y=\"{top + height + 14}\" font-size=\"10\" fill=\"#d22\" text-anchor=\"middle\">{threshold.ToString(inv)}</text>");
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}
