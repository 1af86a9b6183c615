using System.Net;
using System.Text;

namespace AugSharp.Pictures;

/// <summary>One section of an <see cref="HtmlReport"/>: a heading, settings shown as code, an image.</summary>
/// <param name="Heading">Section title.</param>
/// <param name="ImageFile">Image path relative to the report.</param>
/// <param name="Text">A sentence or two under the heading, or null.</param>
/// <param name="Code">Lines shown as code (for example the Keras call and the command that reproduces the image).</param>
public sealed record HtmlReportSection(string Heading, string ImageFile, string? Text, IReadOnlyList<string> Code)
{
    /// <summary>A shorter title for the page's table of contents, or null to use <see cref="Heading"/>.</summary>
    public string? NavTitle { get; init; }
}

/// <summary>A self-contained HTML page of pictures with their settings (no scripts, no external resources).</summary>
public sealed class HtmlReport
{
    /// <summary>Creates an empty report titled <paramref name="title"/>.</summary>
    public HtmlReport(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
    }

    /// <summary>Page title.</summary>
    public string Title { get; }

    /// <summary>Paragraph under the title, or null.</summary>
    public string? Introduction { get; set; }

    /// <summary>Text of the footer, or null (for example the attribution of a photo).</summary>
    public string? Footer { get; set; }

    /// <summary>The sections, in order.</summary>
    public IList<HtmlReportSection> Sections { get; } = new List<HtmlReportSection>();

    /// <summary>The page as HTML text.</summary>
    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(E(Title)).Append("</title>\n<style>\n")
          .Append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;background:#fafafa}\n")
          .Append("h1{font-size:1.8em;margin-bottom:.2em}h2{font-size:1.3em;margin:.2em 0 .4em}\n")
          .Append("section{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1em 1.2em;margin:1.2em 0}\n")
          .Append("pre{background:#f0f0f0;padding:.6em .8em;border-radius:6px;overflow-x:auto;font-size:.9em;margin:.4em 0}\n")
          .Append("img{max-width:100%;height:auto;display:block;margin-top:.6em;border:1px solid #eee}\n")
          .Append("nav a{margin-right:1em}footer{color:#666;font-size:.85em;margin:2em 0}\n")
          .Append("</style>\n</head>\n<body>\n<h1>").Append(E(Title)).Append("</h1>\n");
        if (Introduction is not null) sb.Append("<p>").Append(E(Introduction)).Append("</p>\n");
        if (Sections.Count > 1)
        {
            sb.Append("<nav>");
            for (int i = 0; i < Sections.Count; i++) sb.Append("<a href=\"#s").Append(i + 1).Append("\">").Append(E(Sections[i].NavTitle ?? Sections[i].Heading)).Append("</a>");
            sb.Append("</nav>\n");
        }
        for (int i = 0; i < Sections.Count; i++)
        {
            var s = Sections[i];
            sb.Append("<section id=\"s").Append(i + 1).Append("\">\n<h2>").Append(E(s.Heading)).Append("</h2>\n");
            if (s.Text is not null) sb.Append("<p>").Append(E(s.Text)).Append("</p>\n");
            if (s.Code.Count > 0) sb.Append("<pre><code>").Append(E(string.Join("\n", s.Code))).Append("</code></pre>\n");
            sb.Append("<img src=\"").Append(E(Uri.EscapeDataString(s.ImageFile).Replace("%2F", "/", StringComparison.Ordinal)))
              .Append("\" alt=\"").Append(E(s.Heading)).Append("\">\n</section>\n");
        }
        if (Footer is not null) sb.Append("<footer>").Append(E(Footer)).Append("</footer>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/> through a temporary file renamed into place.</summary>
    public void Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] html = new UTF8Encoding(false).GetBytes(ToHtml());
        AtomicFile.Write(path, stream => stream.Write(html));
    }
}
