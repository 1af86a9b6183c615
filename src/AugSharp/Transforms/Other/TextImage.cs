using System.Collections.Concurrent;
using SkiaSharp;

namespace AugSharp;

/// <summary>One text for <see cref="TextImage"/> (an item of Albumentations' text metadata): where it goes and what it says.</summary>
/// <param name="Box">The place, in normalised pascal_voc (x_min, y_min, x_max, y_max as fractions of the image's width and height).</param>
/// <param name="Text">The text.</param>
public sealed record TextElement(BoundingBox Box, string Text);

/// <summary>
/// TextImage (Albumentations 2.0.8's TextImage, default p = 0.5): renders texts into the image, as
/// documents, signs or labels carry them. The texts and their places are the list of
/// <see cref="TextElement"/> in the input's <see cref="AnnotatedImage.Metadata"/> under
/// <see cref="MetadataKey"/> (Albumentations' <c>textimage_metadata</c>: a bbox and a text each).
/// A fraction drawn from <see cref="FractionRange"/> of them is chosen; each is written from its
/// box's top-left corner (the top of the font's ascender there) at a size drawn from
/// <see cref="FontSizeFractionRange"/> times the box's height, in <see cref="FontColor"/>, with
/// the font at <see cref="FontPath"/> (the library's embedded DejaVu Sans when none is given),
/// anti-aliased. One of <see cref="Augmentations"/> is drawn for each text: <c>none</c> (as is),
/// <c>insertion</c> (stopwords inserted), <c>swap</c> (words swapped) or <c>deletion</c> (words
/// deleted), each on half the words. With <see cref="ClearBg"/> the box is first filled with the
/// mean colour of its edge (OpenCV's inpainting is not offered). Without texts the transform
/// changes nothing. Only pixels change; masks, boxes and keypoints are kept.
/// </summary>
[TransformCategory("other")]
public sealed class TextImage : Transform<TextImageOperation>
{
    private static readonly string[] Known = ["none", "insertion", "swap", "deletion"];
    private readonly IReadOnlyList<string> _augmentations = ["none"];

    /// <summary>A TrueType or OpenType font file; null for the embedded DejaVu Sans. Default null.</summary>
    public string? FontPath { get; init; }

    /// <summary>The words <c>insertion</c> inserts. Default [the, is, in, at, of].</summary>
    public IReadOnlyList<string> Stopwords { get; init; } = ["the", "is", "in", "at", "of"];

    /// <summary>The text changes to draw from for each text: none, insertion, swap, deletion. Default [none].</summary>
    public IReadOnlyList<string> Augmentations
    {
        get => _augmentations;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Augmentations));
            foreach (var a in value)
                if (!Known.Contains(a)) throw new ArgumentException($"augmentations takes {string.Join(", ", Known)}, not '{a}'.", nameof(Augmentations));
            _augmentations = value.ToArray();
        }
    }

    /// <summary>The range of the fraction of the texts that are written, within [0, 1]. Default [1, 1].</summary>
    public ValueRange FractionRange { get; init; } = new(1, 1);

    /// <summary>The range of the font size as a fraction of the box's height, within [0, 1]. Default [0.8, 0.9].</summary>
    public ValueRange FontSizeFractionRange { get; init; } = new(0.8, 0.9);

    /// <summary>The text's colour in 8-bit levels, one value per channel (scaled to 16-bit and float images); channels without a value are left as they are, and a gray image takes the mean of the first three. Default [0, 0, 0].</summary>
    public IReadOnlyList<double> FontColor { get; init; } = [0, 0, 0];

    /// <summary>Whether each box is filled with the mean colour of its edge before the text is written. Default false.</summary>
    public bool ClearBg { get; init; }

    /// <summary>The key of the input's metadata that holds the texts. Default "textimage_metadata".</summary>
    public string MetadataKey { get; init; } = "textimage_metadata";

    /// <inheritdoc />
    protected override TextImageOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var fractions = FractionRange.Check(nameof(FractionRange), 0, 1);
        var sizes = FontSizeFractionRange.Check(nameof(FontSizeFractionRange), 0, 1);
        var elements = context.Metadata.TryGetValue(MetadataKey, out var items) ? items switch
        {
            IReadOnlyList<TextElement> list => list,
            TextElement one => [one],
            _ => throw new ArgumentException($"{Name}: the metadata under '{MetadataKey}' is a {items.GetType().Name}, not a list of TextElement."),
        } : [];
        var texts = new List<RenderedText>();
        if (elements.Count > 0)
        {
            int count = (int)(elements.Count * fractions.Draw(rng));
            var chosen = rng.Permutation(elements.Count);
            for (int k = 0; k < count; k++)
            {
                var e = elements[chosen[k]];
                var b = e.Box;
                if (!(b.X1 >= 0 && b.Y1 >= 0 && b.X2 <= 1 && b.Y2 <= 1 && b.X2 > b.X1 && b.Y2 > b.Y1))
                    throw new ArgumentException($"{Name}: text {chosen[k]}'s box {b} is not a normalised box within [0, 1].");
                int x1 = (int)(b.X1 * context.Width), y1 = (int)(b.Y1 * context.Height), x2 = (int)(b.X2 * context.Width), y2 = (int)(b.Y2 * context.Height);
                int size = (int)(sizes.Draw(rng) * (y2 - y1));
                string text = Augmentations.Count == 0 ? e.Text : Change(e.Text, Augmentations[rng.NextInt(Augmentations.Count)], rng);
                texts.Add(new RenderedText(x1, y1, x2, y2, text, size));
            }
        }
        return new TextImageOperation { Texts = texts, FontPath = FontPath, FontColor = FontColor, ClearBg = ClearBg };
    }

    /// <summary>The text after <paramref name="change"/> on half its words (at least one).</summary>
    private string Change(string text, string change, RandomStream rng)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        int n = Math.Max(1, (int)(0.5 * words.Count));
        switch (change)
        {
            case "insertion":
                if (Stopwords.Count == 0) break;
                for (int i = 0; i < n; i++) words.Insert(rng.NextInt(0, words.Count + 1), Stopwords[rng.NextInt(Stopwords.Count)]);
                break;
            case "swap":
                if (words.Count < 2) break;
                for (int i = 0; i < n; i++)
                {
                    var pick = rng.Permutation(words.Count);
                    (words[pick[0]], words[pick[1]]) = (words[pick[1]], words[pick[0]]);
                }
                break;
            case "deletion":
                if (n >= words.Count) return "";
                var drop = rng.Permutation(words.Count).Take(n).ToHashSet();
                words = words.Where((_, i) => !drop.Contains(i)).ToList();
                break;
            default:
                return text;
        }
        return string.Join(' ', words);
    }
}

/// <summary>One text as it is written: its box in pixels, the (possibly changed) text and the font size in pixels.</summary>
/// <param name="X1">Left edge of the box.</param>
/// <param name="Y1">Top edge of the box.</param>
/// <param name="X2">Right edge of the box.</param>
/// <param name="Y2">Bottom edge of the box.</param>
/// <param name="Text">The text written.</param>
/// <param name="FontSize">The font's em size in pixels (nothing is written below 1).</param>
public sealed record RenderedText(int X1, int Y1, int X2, int Y2, string Text, int FontSize);

/// <summary>Texts written into the image (see <see cref="TextImage"/>).</summary>
public sealed record TextImageOperation : Operation
{
    private static readonly ConcurrentDictionary<string, SKTypeface> Fonts = new(StringComparer.Ordinal);

    /// <summary>The texts, written in order.</summary>
    public IReadOnlyList<RenderedText> Texts { get; init; } = [];

    /// <summary>The font file, or null for the embedded DejaVu Sans.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? FontPath { get; init; }

    /// <summary>The colour in 8-bit levels, one value per channel.</summary>
    public IReadOnlyList<double> FontColor { get; init; } = [0, 0, 0];

    /// <summary>Whether boxes are filled with their edge's mean colour first.</summary>
    public bool ClearBg { get; init; }

    private SKTypeface Typeface()
    {
        if (FontPath is null) return EmbeddedFont.DejaVuSans;
        return Fonts.GetOrAdd(FontPath, path =>
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"{Name}: font_path {path} does not exist.", path);
            return SKTypeface.FromFile(path) ?? throw new FormatException($"{Name}: {path} is not a font Skia can read.");
        });
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        var result = image.Clone();
        if (Texts.Count == 0) return result;
        double max = NoiseMath.MaxValue<T>();
        int cn = image.Channels;
        // The ink per channel (NaN: the channel is left alone).
        var ink = new double[cn];
        for (int c = 0; c < cn; c++)
        {
            if (cn == 1 && FontColor.Count >= 3) ink[c] = (FontColor[0] + FontColor[1] + FontColor[2]) / 3;
            else ink[c] = c < FontColor.Count ? FontColor[c] : double.NaN;
            ink[c] = ink[c] / 255 * max;
        }
        var face = Typeface();
        foreach (var t in Texts)
        {
            if (ClearBg) Clear(result, t, max);
            if (t.FontSize < 1 || string.IsNullOrEmpty(t.Text)) continue;
            using var font = new SKFont(face, t.FontSize) { Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.Normal, Subpixel = false };
            int width = (int)Math.Ceiling(font.MeasureText(t.Text)) + 2;
            int height = (int)Math.Ceiling(font.Metrics.Descent - font.Metrics.Ascent) + 2;
            using var coverage = new SKBitmap(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul));
            coverage.Erase(SKColors.Transparent);
            using (var canvas = new SKCanvas(coverage))
            using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
            {
                canvas.DrawText(t.Text, 1, MathF.Round(-font.Metrics.Ascent), SKTextAlign.Left, font, paint);
                canvas.Flush();
            }
            var alpha = coverage.GetPixelSpan();
            int stride = coverage.RowBytes;
            for (int row = 0; row < height; row++)
            {
                int y = t.Y1 + row;
                if ((uint)y >= (uint)result.Height) continue;
                var target = result.GetRow(y);
                for (int col = 0; col < width; col++)
                {
                    int x = t.X1 - 1 + col;
                    if ((uint)x >= (uint)result.Width) continue;
                    double a = alpha[row * stride + col] / 255.0;
                    if (a == 0) continue;
                    for (int c = 0; c < cn; c++)
                    {
                        if (double.IsNaN(ink[c])) continue;
                        int i = x * cn + c;
                        target[i] = NoiseMath.Put<T>(NoiseMath.Get(target[i]) * (1 - a) + ink[c] * a, max);
                    }
                }
            }
        }
        return result;
    }

    /// <summary>Fills the text's box with the mean colour of the pixels along its edge.</summary>
    private static void Clear<T>(ImageBuffer<T> image, RenderedText t, double max) where T : unmanaged
    {
        int x1 = Math.Clamp(t.X1, 0, image.Width), x2 = Math.Clamp(t.X2, 0, image.Width), y1 = Math.Clamp(t.Y1, 0, image.Height), y2 = Math.Clamp(t.Y2, 0, image.Height);
        if (x2 <= x1 || y2 <= y1) return;
        int cn = image.Channels;
        var sum = new double[cn];
        long n = 0;
        for (int y = y1; y < y2; y++)
        {
            var row = image.GetRow(y);
            for (int x = x1; x < x2; x++)
            {
                if (y != y1 && y != y2 - 1 && x != x1 && x != x2 - 1) continue;
                for (int c = 0; c < cn; c++) sum[c] += NoiseMath.Get(row[x * cn + c]);
                n++;
            }
        }
        for (int y = y1; y < y2; y++)
        {
            var row = image.GetRow(y);
            for (int x = x1; x < x2; x++)
                for (int c = 0; c < cn; c++) row[x * cn + c] = NoiseMath.Put<T>(sum[c] / n, max);
        }
    }
}
