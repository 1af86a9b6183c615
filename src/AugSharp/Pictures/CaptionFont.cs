using SkiaSharp;

namespace AugSharp.Pictures;

/// <summary>
/// Anti-aliased text drawn into image buffers with DejaVu Sans, a font embedded in the library
/// (Bitstream Vera licence, see <c>Pictures/Fonts/LICENSE.txt</c>), so no system font is needed.
/// Sizes are in pixels (the em size); the same text at the same size always gives the same pixels.
/// </summary>
public static class CaptionFont
{
    /// <summary>The family name of the embedded font.</summary>
    public const string FamilyName = "DejaVu Sans";

    /// <summary>The embedded typeface, loaded once.</summary>
    public static SKTypeface Typeface => EmbeddedFont.DejaVuSans;

    private static SKFont CreateFont(float size)
    {
        if (!(size > 0) || !float.IsFinite(size)) throw new ArgumentOutOfRangeException(nameof(size), size, "The font size must be a positive number of pixels.");
        return new SKFont(Typeface, size) { Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.Normal, Subpixel = false };
    }

    /// <summary>Advance width in pixels of <paramref name="text"/> at <paramref name="size"/>, rounded up.</summary>
    public static int MeasureWidth(string text, float size)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var font = CreateFont(size);
        return (int)Math.Ceiling(font.MeasureText(text));
    }

    /// <summary>Height in pixels of one line of text at <paramref name="size"/> (the font's line spacing, rounded up).</summary>
    public static int LineHeight(float size)
    {
        using var font = CreateFont(size);
        return (int)Math.Ceiling(font.Spacing);
    }

    /// <summary>
    /// Splits <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> pixels at
    /// <paramref name="size"/>, breaking at spaces, and inside words only when a word alone is too wide.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, float size, int maxWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var font = CreateFont(size);
        maxWidth = Math.Max(1, maxWidth);
        bool Fits(string s) => font.MeasureText(s) <= maxWidth;
        var lines = new List<string>();
        string current = "";
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string w = word;
            while (!Fits(w))
            {
                if (current.Length > 0) { lines.Add(current); current = ""; }
                int take = 1;
                while (take < w.Length && Fits(w[..(take + 1)])) take++;
                lines.Add(w[..take]);
                w = w[take..];
            }
            if (w.Length == 0) continue;
            if (current.Length == 0) current = w;
            else if (Fits(current + " " + w)) current += " " + w;
            else { lines.Add(current); current = w; }
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }

    /// <summary>
    /// Draws one line of <paramref name="text"/> into <paramref name="image"/> with the top-left corner
    /// of its line box at (<paramref name="x"/>, <paramref name="y"/>), blending
    /// <paramref name="color"/> (one value per channel; missing channels take the last value) by the
    /// glyphs' coverage. Pixels outside the image are skipped.
    /// </summary>
    public static void DrawText(ImageBuffer<byte> image, string text, int x, int y, float size, ReadOnlySpan<byte> color)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(text);
        if (color.IsEmpty) throw new ArgumentException("Give at least one colour value.", nameof(color));
        if (text.Length == 0) return;
        using var font = CreateFont(size);
        int width = (int)Math.Ceiling(font.MeasureText(text)) + 2;
        int height = (int)Math.Ceiling(font.Spacing) + 1;
        using var coverage = new SKBitmap(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul));
        coverage.Erase(SKColors.Transparent);
        using (var canvas = new SKCanvas(coverage))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            float baseline = MathF.Round(-font.Metrics.Ascent + font.Metrics.Leading / 2);
            canvas.DrawText(text, 1, baseline, SKTextAlign.Left, font, paint);
            canvas.Flush();
        }

        int channels = image.Channels;
        var pixels = coverage.GetPixelSpan();
        int stride = coverage.RowBytes;
        for (int row = 0; row < height; row++)
        {
            int py = y + row;
            if ((uint)py >= (uint)image.Height) continue;
            var target = image.GetRow(py);
            for (int col = 0; col < width; col++)
            {
                int px = x - 1 + col;
                if ((uint)px >= (uint)image.Width) continue;
                int alpha = pixels[row * stride + col];
                if (alpha == 0) continue;
                for (int c = 0; c < channels; c++)
                {
                    int ink = color[Math.Min(c, color.Length - 1)];
                    int i = px * channels + c;
                    target[i] = (byte)((target[i] * (255 - alpha) + ink * alpha + 127) / 255);
                }
            }
        }
    }
}
