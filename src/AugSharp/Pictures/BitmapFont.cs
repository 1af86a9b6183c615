namespace AugSharp.Pictures;

/// <summary>
/// A small built-in 5x7 pixel font for printable ASCII (32..126), drawn into image buffers
/// without any system font. Each glyph sits in a 6x8 cell (one column and one row of spacing)
/// and can be scaled by an integer factor.
/// </summary>
public static class BitmapFont
{
    /// <summary>Glyph width in font pixels, without spacing.</summary>
    public const int GlyphWidth = 5;

    /// <summary>Glyph height in font pixels, without spacing.</summary>
    public const int GlyphHeight = 7;

    /// <summary>Horizontal advance per character in font pixels.</summary>
    public const int Advance = GlyphWidth + 1;

    /// <summary>Line height in font pixels.</summary>
    public const int LineHeight = GlyphHeight + 1;

    // Seven rows per glyph, two hex digits per row, bit 4 = leftmost column.
    private const string Glyphs =
        "00000000000000" + "04040404000004" + "0A0A0A00000000" + "0A0A1F0A1F0A0A" + "040F140E051E04" + "18190204081303" +
        "0C12140815120D" + "0C040800000000" + "02040808080402" + "08040202020408" + "0004150E150400" + "0004041F040400" +
        "000000000C0408" + "0000001F000000" + "00000000000C0C" + "00010204081000" + "0E11131519110E" + "040C040404040E" +
        "0E11010204081F" + "1F02040201110E" + "02060A121F0202" + "1F101E0101110E" +
        "0608101E11110E" + "1F010204080808" + "0E11110E11110E" + "0E11110F01020C" + "000C0C000C0C00" + "000C0C000C0408" +
        "02040810080402" + "00001F001F0000" + "08040201020408" + "0E110102040004" + "0E11010D15150E" + "0E1111111F1111" +
        "1E11111E11111E" + "0E11101010110E" + "1C12111111121C" + "1F10101E10101F" + "1F10101E101010" + "0E11101711110F" +
        "1111111F111111" + "0E04040404040E" + "0702020202120C" + "11121418141211" + "1010101010101F" + "111B1515111111" +
        "11111915131111" + "0E11111111110E" + "1E11111E101010" + "0E11111115120D" + "1E11111E141211" + "0F10100E01011E" +
        "1F040404040404" + "1111111111110E" + "11111111110A04" + "1111111515150A" + "11110A040A1111" + "1111110A040404" +
        "1F01020408101F" + "0E08080808080E" + "00100804020100" + "0E02020202020E" + "040A1100000000" + "0000000000001F" +
        "08040200000000" + "00000E010F110F" + "1010161911111E" + "00000E1010110E" + "01010D1311110F" + "00000E111F100E" +
        "0609081C080808" + "000F11110F010E" + "10101619111111" + "04000C0404040E" + "0200060202120C" + "10101214181412" +
        "0C04040404040E" + "00001A15151111" + "00001619111111" + "00000E1111110E" + "00001E111E1010" + "00000D130F0101" +
        "00001619101010" + "00000E100E011E" + "08081C08080906" + "0000111111130D" + "00001111110A04" + "0000111115150A" +
        "0000110A040A11" + "000011110F010E" + "00001F0204081F" + "02040408040402" + "04040404040404" + "08040402040408" +
        "00000815020000";

    private static readonly byte[] Rows = Decode();

    private static byte[] Decode()
    {
        var rows = new byte[Glyphs.Length / 2];
        for (int i = 0; i < rows.Length; i++) rows[i] = Convert.ToByte(Glyphs.Substring(2 * i, 2), 16);
        return rows;
    }

    /// <summary>True when font pixel (<paramref name="x"/>, <paramref name="y"/>) of <paramref name="c"/> is set; characters outside 32..126 draw as '?'.</summary>
    public static bool IsSet(char c, int x, int y)
    {
        if ((uint)x >= GlyphWidth || (uint)y >= GlyphHeight) return false;
        int index = c is >= ' ' and <= '~' ? c - ' ' : '?' - ' ';
        return (Rows[index * GlyphHeight + y] & (0x10 >> x)) != 0;
    }

    /// <summary>Width in image pixels of <paramref name="text"/> at <paramref name="scale"/> (the spacing after the last character excluded).</summary>
    public static int MeasureWidth(string text, int scale)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? 0 : (text.Length * Advance - 1) * scale;
    }

    /// <summary>
    /// Draws one line of <paramref name="text"/> into <paramref name="image"/> with its top-left
    /// corner at (<paramref name="x"/>, <paramref name="y"/>), each font pixel a
    /// <paramref name="scale"/>x<paramref name="scale"/> square of <paramref name="color"/>
    /// (one value per channel; missing channels take the last value). Pixels outside the image are skipped.
    /// </summary>
    public static void DrawText(ImageBuffer<byte> image, string text, int x, int y, int scale, ReadOnlySpan<byte> color)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(text);
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be 1 or more.");
        if (color.IsEmpty) throw new ArgumentException("Give at least one colour value.", nameof(color));
        int channels = image.Channels;
        for (int i = 0; i < text.Length; i++)
        {
            int left = x + i * Advance * scale;
            for (int gy = 0; gy < GlyphHeight; gy++)
            {
                for (int gx = 0; gx < GlyphWidth; gx++)
                {
                    if (!IsSet(text[i], gx, gy)) continue;
                    for (int py = y + gy * scale; py < y + (gy + 1) * scale; py++)
                    {
                        if ((uint)py >= (uint)image.Height) continue;
                        var row = image.GetRow(py);
                        for (int px = left + gx * scale; px < left + (gx + 1) * scale; px++)
                        {
                            if ((uint)px >= (uint)image.Width) continue;
                            for (int c = 0; c < channels; c++) row[px * channels + c] = color[Math.Min(c, color.Length - 1)];
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="text"/> into lines of at most <paramref name="maxChars"/> characters,
    /// breaking at spaces where possible.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        maxChars = Math.Max(1, maxChars);
        var lines = new List<string>();
        var current = "";
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string w = word;
            while (w.Length > maxChars)
            {
                if (current.Length > 0) { lines.Add(current); current = ""; }
                lines.Add(w[..maxChars]);
                w = w[maxChars..];
            }
            if (current.Length == 0) current = w;
            else if (current.Length + 1 + w.Length <= maxChars) current += " " + w;
            else { lines.Add(current); current = w; }
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }
}
